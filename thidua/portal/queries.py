"""Reads of the public portal: only published, public content, for anonymous visitors.

Exemplars and movements come from their apps' public queries (``published_exemplars``,
``public_movements``); the portal never reads their drafts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode

from thidua.core.searchindex import search_queryset
from thidua.documents.models import Document


def latest_articles(limit: int = 6) -> list[Any]:
    from thidua.portal.models import ArticlePage

    return list(
        ArticlePage.objects.live()
        .public()
        .select_related("image")
        .order_by("-first_published_at")[:limit]
    )


def published_articles() -> QuerySet:
    from thidua.portal.models import ArticlePage

    return ArticlePage.objects.live().public()


def published_exemplars() -> QuerySet:
    """Exemplars approved for publication and still followed."""
    from thidua.exemplars import queries

    return queries.published_exemplars()


def featured_exemplars(limit: int = 4) -> list[Any]:
    return list(published_exemplars()[:limit])


def public_movements() -> list[Any]:
    """Launched public movements, newest first."""
    from thidua.movements import queries

    return queries.public_movements()


def public_movement(pk: int) -> Any | None:
    from thidua.movements import queries

    return queries.public_movement(pk)


def movements_under_way(limit: int = 4, today: dt.date | None = None) -> list[Any]:
    """Public movements whose period includes today, newest first."""
    today = today or timezone.localdate()
    under_way = [
        m
        for m in public_movements()
        if (m.start_date is None or m.start_date <= today)
        and (m.end_date is None or m.end_date >= today)
    ]
    return under_way[:limit]


# --- The document library ----------------------------------------------------------------


def public_documents() -> QuerySet[Document]:
    """Documents published on the portal."""
    return Document.objects.filter(published=True)


@dataclass(frozen=True)
class DocumentFilters:
    q: str = ""
    doc_type: str = ""
    issuer: str = ""
    year: int | None = None

    @classmethod
    def from_request(cls, params: QueryDict) -> DocumentFilters:
        year = params.get("nam", "").strip()
        doc_type = params.get("loai", "").strip()
        return cls(
            q=params.get("q", "").strip()[:200],
            doc_type=doc_type if doc_type in Document.Type.values else "",
            issuer=params.get("co_quan", "").strip()[:255],
            year=int(year) if year.isdigit() and 1900 < int(year) < 2200 else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.doc_type or self.issuer or self.year)

    def query_string(self) -> str:
        """The filters as a query string, for pagination links."""
        params = {
            "q": self.q,
            "loai": self.doc_type,
            "co_quan": self.issuer,
            "nam": self.year or "",
        }
        return urlencode({k: v for k, v in params.items() if v})


def library_documents(filters: DocumentFilters) -> QuerySet[Document] | list[Document]:
    documents = public_documents()
    if filters.doc_type:
        documents = documents.filter(doc_type=filters.doc_type)
    if filters.issuer:
        documents = documents.filter(issuer=filters.issuer)
    if filters.year:
        documents = documents.filter(date__year=filters.year)
    if filters.q:
        return search_queryset(documents, filters.q, title=lambda d: d.summary)
    return documents.order_by("-date", "-pk")


def library_type_choices() -> list[tuple[str, str]]:
    used = set(public_documents().values_list("doc_type", flat=True).distinct())
    return [(value, label) for value, label in Document.Type.choices if value in used]


def library_issuers() -> list[str]:
    return list(public_documents().order_by("issuer").values_list("issuer", flat=True).distinct())


def library_years() -> list[int]:
    return [d.year for d in public_documents().dates("date", "year", order="DESC")]
