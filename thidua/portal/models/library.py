"""The document library (thư viện văn bản): published documents with filters and search."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from thidua.core.searchindex import FoldedSearchField
from thidua.portal.models.pages import INTRO_FEATURES, PortalPage, page_search_fields

PER_PAGE = 20


class DocumentLibraryPage(PortalPage):
    """Lists the registry's published documents: type, number and symbol, issuer, date,
    effective date, summary and download; filtered by type, issuer and year, searched without
    diacritics."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = page_search_fields(FoldedSearchField("intro"))
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("thư viện văn bản")
        verbose_name_plural = _("thư viện văn bản")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from thidua.portal import queries

        context = super().get_context(request, *args, **kwargs)
        filters = queries.DocumentFilters.from_request(request.GET)
        documents = queries.library_documents(filters)
        page_obj = Paginator(documents, PER_PAGE).get_page(request.GET.get("trang"))
        context.update(
            filters=filters,
            page_obj=page_obj,
            type_choices=queries.library_type_choices(),
            issuer_choices=queries.library_issuers(),
            year_choices=queries.library_years(),
            query_string=filters.query_string(),
        )
        return context
