"""Every back-office list and dashboard page reads with a number of SQL statements that does not
grow with the data, for office staff and for a province admin.

The data is the generated province (thidua/demo/province) at two sizes, each built inside a
savepoint and rolled back: every app's tables are filled the way a real province fills them,
so a list that asks one more query per row shows up as a larger count at the larger size.
The pages are the Wagtail viewsets' index views of each app, the hand-written list views and
dashboards, and the admin home (enumerated from the URL conf in ``PAGES``; a test checks that
no list view of ours is missing from it).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

TODAY = dt.date(2026, 12, 1)
SMALL = {"people": 300, "years": 3, "seed": 5}
LARGE = {"people": 900, "years": 5, "seed": 5}

# (URL name, query string)
PAGES: list[tuple[str, str]] = [
    ("wagtailadmin_home", ""),
    ("org:search", "q=nguyen"),
    ("notifications:inbox", ""),
    ("agencies:index", ""),
    ("people:index", ""),
    ("roles:index", ""),
    ("blocs:index", ""),
    ("bloc_members:index", ""),
    ("bloc_terms:index", ""),
    ("library:index", ""),
    ("movement:index", ""),
    ("movements:my_duties", ""),
    ("movements:blocs", ""),
    ("exemplars:index", ""),
    ("exemplar_fields:index", ""),
    ("exemplars_ops:dashboard", ""),
    ("awards_proposal:index", ""),
    ("awards_title:index", ""),
    ("awards_quota:index", ""),
    ("awards_holiday:index", ""),
    ("awards_deadline:index", ""),
    ("awards_base_salary:index", ""),
    ("awards:candidates", ""),
    ("awards:ledger_people", ""),
    ("awards:council_list", ""),
    ("awards:decision_list", ""),
    ("plans:index", ""),
    ("plans:my_tasks", ""),
    ("plans:deliveries", ""),
    ("documents:register_list", ""),
    ("documents:disseminations", ""),
    ("documents:inbox", ""),
    ("reports:propaganda", ""),
    ("reports:plans", ""),
    ("reports:movements", ""),
    ("reports:exemplars", ""),
    ("reports:awards", ""),
    ("reports:index", ""),
]

# The most statements a page may read (at either size, for either persona). A page of ours
# reads at most 15 (issue 9), including the ~10 that Wagtail's admin chrome, the session and
# the user's scope take; the pages listed here read more, and may not read more than now.
MAX_QUERIES = 15
MORE_QUERIES: dict[str, int] = {
    "wagtailadmin_home": 24,  # the dashboard's panels
    "org:search": 19,  # one section per app
    "awards:candidates": 22,  # ledger reads and member counts of one page of nominees
}

PERSONAS = {
    # The Office of the largest department (schools: most people, units and rows).
    "office staff": "gp.sgddt.vanphong",
    "province admin": "gp.quantri",
}


def measure(client_for, username: str) -> dict[str, int]:
    from django.contrib.auth import get_user_model

    client = client_for(get_user_model().objects.get(username=username))
    counts = {}
    for name, query in PAGES:
        url = reverse(name) + (f"?{query}" if query else "")
        client.get(url)  # warm per-process caches (content types, site, scope)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


def counts_at(size: dict, client_for, username: str) -> dict[str, int]:
    with transaction.atomic():
        call_command("generate_province", today=TODAY, stdout=io.StringIO(), **size)
        counts = measure(client_for, username)
        transaction.set_rollback(True)
    return counts


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_list_and_dashboard_pages_read_a_bounded_number_of_queries(db, client_for, persona):
    small = counts_at(SMALL, client_for, PERSONAS[persona])
    large = counts_at(LARGE, client_for, PERSONAS[persona])

    grew = {name: (small[name], large[name]) for name in small if large[name] > small[name]}
    assert not grew, f"{persona}: queries grow with the data (small, large): {grew}"
    over = {name: n for name, n in large.items() if n > MORE_QUERIES.get(name, MAX_QUERIES)}
    assert not over, f"{persona}: more statements than allowed (page: count): {over}"


def test_every_list_view_of_ours_is_guarded():
    """A new index view or list page must be added to PAGES."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                yield prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else p.name

    guarded = {name for name, _q in PAGES}
    ours = {
        name
        for path, name in walk(get_resolver().url_patterns)
        if path.startswith("admin/")
        and "<" not in path
        and (name.endswith(":index") or name.endswith("_list") or "dashboard" in name)
        and not name.startswith("wagtail")
    }
    assert ours <= guarded, ours - guarded
