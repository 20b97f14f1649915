"""Organisation and contacts, in Vietnamese and English (Decree 42/2022, Art. 4 and 5)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from thidua.core.searchindex import FoldedSearchField
from thidua.portal.models.pages import INTRO_FEATURES, PortalRoutablePage, page_search_fields

BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class OrganisationPage(PortalRoutablePage):
    """Functions, structure, address and focal officials; the English version is at ``en/``."""

    body = RichTextField(
        _("chức năng, nhiệm vụ và cơ cấu tổ chức"), blank=True, features=BODY_FEATURES
    )
    address = models.CharField(_("địa chỉ"), max_length=300)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    working_hours = models.CharField(_("giờ làm việc"), max_length=200, blank=True)
    title_en = models.CharField(_("tiêu đề (tiếng Anh)"), max_length=255)
    body_en = RichTextField(_("nội dung (tiếng Anh)"), blank=True, features=BODY_FEATURES)
    address_en = models.CharField(_("địa chỉ (tiếng Anh)"), max_length=300, blank=True)
    working_hours_en = models.CharField(_("giờ làm việc (tiếng Anh)"), max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("working_hours"),
            ],
            heading=_("Liên hệ"),
        ),
        InlinePanel("contacts", heading=_("Cán bộ đầu mối"), label=_("cán bộ")),
        MultiFieldPanel(
            [
                FieldPanel("title_en"),
                FieldPanel("body_en"),
                FieldPanel("address_en"),
                FieldPanel("working_hours_en"),
            ],
            heading=_("Bản tiếng Anh"),
        ),
    ]
    search_fields = page_search_fields(FoldedSearchField("body"), FoldedSearchField("address"))
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("tổ chức và liên hệ")
        verbose_name_plural = _("tổ chức và liên hệ")

    @path("")
    def vietnamese(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, context_overrides={"lang": "vi"})

    @path("en/")
    def english(self, request: HttpRequest) -> HttpResponse:
        with translation.override("en"):
            response = self.render(
                request,
                template="portal/organisation_page_en.html",
                context_overrides={"lang": "en"},
            )
            response.render()
        response["Content-Language"] = "en"
        return response

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        urls = super().get_sitemap_urls(request)
        for entry in list(urls):
            urls.append({**entry, "location": entry["location"] + "en/"})
        return urls


class FocalContact(Orderable):
    """A focal official (cán bộ đầu mối) shown with the organisation's contacts."""

    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ, nhiệm vụ"), max_length=200)
    position_en = models.CharField(_("chức vụ (tiếng Anh)"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("position_en"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cán bộ đầu mối")
        verbose_name_plural = _("cán bộ đầu mối")


__all__ = ["INTRO_FEATURES", "FocalContact", "OrganisationPage"]
