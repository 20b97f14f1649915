"""sitemap.xml: every live public page (wagtail.contrib.sitemaps, including the English
organisation page), published documents, exemplars and movements."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from thidua.portal import queries


class DocumentSitemap(DjangoSitemap):
    def items(self) -> Any:
        return queries.public_documents().order_by("-date", "-pk")

    def location(self, item: Any) -> str:
        return reverse("portal:document", args=[item.pk])

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class ExemplarSitemap(DjangoSitemap):
    def items(self) -> Any:
        return queries.published_exemplars()

    def location(self, item: Any) -> str:
        return reverse("portal:exemplar", args=[item.pk])


class MovementSitemap(DjangoSitemap):
    def items(self) -> Any:
        return queries.public_movements()

    def location(self, item: Any) -> str:
        return reverse("portal:movement", args=[item.pk])


def sitemaps(request: Any) -> dict[str, Any]:
    return {
        "pages": WagtailSitemap(request),
        "documents": DocumentSitemap,
        "exemplars": ExemplarSitemap,
        "movements": MovementSitemap,
    }
