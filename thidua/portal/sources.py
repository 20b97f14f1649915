"""What the one search covers (thidua.core.searchindex): articles, exemplars, movements and
documents for everyone (published only); people and plans for staff, scoped to them.

Exemplars, movements, people and plans are read through their apps' queries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from thidua.core import searchindex
from thidua.core.searchindex import Source
from thidua.portal import queries


def _articles(user: Any) -> QuerySet:
    return queries.published_articles().select_related("image")


def _documents(user: Any) -> QuerySet:

    if user is None:
        return queries.public_documents()
    from thidua.documents.library import documents_visible_to

    return documents_visible_to(user) | queries.public_documents()


def _document_url(document: Any) -> str:
    return reverse("portal:document", args=[document.pk])


def _safe_reverse(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def register_all() -> None:
    searchindex.register(
        Source(
            key="articles",
            label=_("Tin bài"),
            model=_article_model(),
            visible=_articles,
            title=lambda page: page.title,
            text=lambda page: f"{page.summary} {page.body}",
            url=lambda page: page.url or "",
            order=10,
        )
    )
    from thidua.documents.models import Document

    searchindex.register(
        Source(
            key="documents",
            label=_("Văn bản"),
            model=Document,
            visible=_documents,
            title=lambda d: f"{d.number_symbol} – {d.summary}",
            text=lambda d: (
                f"{d.get_doc_type_display()} {d.number_symbol} – {d.issuer}: {d.summary}"
            ),
            url=_document_url,
            order=40,
        )
    )
    _register_exemplars()
    _register_movements()
    _register_people()
    _register_plans()


def _article_model() -> Any:
    from thidua.portal.models import ArticlePage

    return ArticlePage


def _register_exemplars() -> None:
    from thidua.exemplars import queries as exemplar_queries
    from thidua.exemplars.models import Exemplar

    def visible(user: Any) -> QuerySet:
        # The portal's search shows exemplars approved for publication only, whoever asks.
        return Exemplar.objects.filter(
            pk__in=exemplar_queries.published_exemplars().values("pk")
        ).select_related("field", "unit")

    searchindex.register(
        Source(
            key="exemplars",
            label=_("Gương điển hình tiên tiến"),
            model=Exemplar,
            visible=visible,
            title=lambda e: e.name,
            text=lambda e: " ".join(p for p in (e.summary, e.achievements) if p),
            url=lambda e: reverse("portal:exemplar", args=[e.pk]),
            order=20,
        )
    )


def _register_movements() -> None:
    from thidua.movements.models import Movement

    def visible(user: Any) -> QuerySet:
        return Movement.objects.filter(pk__in=[m.pk for m in queries.public_movements()])

    searchindex.register(
        Source(
            key="movements",
            label=_("Phong trào thi đua"),
            model=Movement,
            visible=visible,
            title=lambda m: m.name,
            text=lambda m: " ".join(p for p in (m.slogan, m.goals) if p),
            url=lambda m: reverse("portal:movement", args=[m.pk]),
            order=30,
        )
    )


def _register_people() -> None:
    from thidua.org import queries as org_queries
    from thidua.org.models import Person

    searchindex.register(
        Source(
            key="people",
            label=_("Cán bộ"),
            model=Person,
            visible=lambda user: (
                org_queries.people_visible_to(user).select_related("agency")
                if user is not None
                else Person.objects.none()
            ),
            title=lambda p: p.full_name,
            text=lambda p: f"{p.full_name} – {p.position}, {p.agency.name}",
            url=lambda p: _safe_reverse("people:inspect", p.pk),
            public=False,
            order=60,
        )
    )


def _register_plans() -> None:
    from thidua.plans import queries as plan_queries
    from thidua.plans.models import Plan

    searchindex.register(
        Source(
            key="plans",
            label=_("Kế hoạch"),
            model=Plan,
            visible=lambda user: (
                plan_queries.plans_visible_to(user) if user is not None else Plan.objects.none()
            ),
            title=lambda p: getattr(p, "title", None) or str(p),
            text=lambda p: getattr(p, "summary", "") or str(p),
            url=lambda p: (
                _safe_reverse("plans:inspect", p.pk) or _safe_reverse("plans:detail", p.pk)
            ),
            public=False,
            order=70,
        )
    )
