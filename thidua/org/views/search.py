"""The back office's own search: every kind of record the user may see, without diacritics.

Each section is a scoped query from an app's queries.py. Apps above org add theirs with the
``register_back_office_search`` hook (a function returning a SearchSection), so the dashboard's
search box finds plans, movements and dossiers too once those apps exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.auth import require_admin_access

from thidua.core.searchindex import PendingIndexJobs, search_queryset
from thidua.org import queries

RESULTS_PER_SECTION = 10


@dataclass(frozen=True)
class SearchSection:
    label: str
    queryset: Callable[[Any], QuerySet]  # the user's scoped queryset, with a search_text column
    detail_url: Callable[[Any], str]
    list_url: str  # the full listing, which takes ?q=
    describe: Callable[[Any], str] = str


def _org_sections() -> list[SearchSection]:
    return [
        SearchSection(
            _("Cán bộ"),
            queries.people_visible_to,
            lambda p: reverse("people:inspect", args=[p.pk]),
            reverse("people:index"),
            lambda p: (
                f"{p.full_name} – {p.position}, {p.agency.name}"
                if p.position
                else f"{p.full_name} – {p.agency.name}"
            ),
        ),
        SearchSection(
            _("Cơ quan, đơn vị"),
            queries.agencies_visible_to,
            lambda a: reverse("agencies:inspect", args=[a.pk]),
            reverse("agencies:index"),
        ),
        SearchSection(
            _("Khối thi đua"),
            queries.blocs_visible_to,
            lambda b: reverse("blocs:inspect", args=[b.pk]),
            reverse("blocs:index"),
        ),
    ]


def sections() -> list[SearchSection]:
    found = _org_sections()
    for hook in hooks.get_hooks("register_back_office_search"):
        found.append(hook())
    return found


@login_required
@require_admin_access
def back_office_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        pending = PendingIndexJobs()  # read once for every section
        for section in sections():
            # The portal's one search (ADR 0003): Wagtail's index on folded text, then the
            # folded column; the section's scoped queryset decides what the user may see.
            rows = search_queryset(
                section.queryset(request.user), query, title=section.describe, pending=pending
            )
            rows = rows[: RESULTS_PER_SECTION + 1]
            results.append(
                {
                    "label": section.label,
                    "items": [
                        (section.describe(obj), section.detail_url(obj))
                        for obj in rows[:RESULTS_PER_SECTION]
                    ],
                    "more_url": f"{section.list_url}?{urlencode({'q': query})}"
                    if len(rows) > RESULTS_PER_SECTION
                    else None,
                }
            )
    found_any = any(section["items"] for section in results)
    return render(
        request, "org/search.html", {"query": query, "results": results, "found_any": found_any}
    )
