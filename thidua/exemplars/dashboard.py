"""The exemplars dashboard: counts by stage, kind, field and unit; exemplars nurtured for long
without progress; recognised exemplars nobody has written about yet. A back-office page and a
home panel share ``dashboard_data``, a fixed number of queries whatever the data size."""

from __future__ import annotations

from typing import Any

from wagtail.admin.ui.components import Component

from thidua.exemplars import permissions as perms
from thidua.exemplars import queries
from thidua.org.queries import user_scope

LIST_LIMIT = 20


def dashboard_data(user: Any, limit: int = LIST_LIMIT, *, full: bool = True) -> dict[str, Any]:
    """The page's figures (``full``) or the home panel's: stage counts and the two lists.
    With no exemplar in scope, only the counting query runs."""
    breakdown = queries.exemplar_breakdown(user) if full else queries.stage_counts(user)
    data: dict[str, Any] = {
        "breakdown": breakdown,
        "stale": [],
        "stale_count": 0,
        "uncovered": [],
        "uncovered_count": 0,
        "stale_days": queries.stale_days(),
    }
    if not breakdown.total:
        return data
    stale = queries.stale_exemplars(user)
    uncovered = queries.recognised_without_coverage(user)
    stale_rows = list(stale[: limit + 1])
    uncovered_rows = list(uncovered[: limit + 1])
    data.update(
        stale=stale_rows[:limit],
        stale_count=stale.count() if len(stale_rows) > limit else len(stale_rows),
        uncovered=uncovered_rows[:limit],
        uncovered_count=uncovered.count() if len(uncovered_rows) > limit else len(uncovered_rows),
    )
    return data


class ExemplarsPanel(Component):
    """Home panel: exemplars by stage and what needs attention."""

    name = "exemplars"
    order = 40
    template_name = "exemplars/dashboard/panel.html"

    def __init__(self, request: Any) -> None:
        self.request = request

    def render_html(self, parent_context: Any = None) -> str:
        if not perms.can_view_exemplars(user_scope(self.request.user)):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return dashboard_data(self.request.user, limit=5, full=False)
