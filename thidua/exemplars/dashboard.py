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


def dashboard_data(user: Any, limit: int = LIST_LIMIT) -> dict[str, Any]:
    stale = queries.stale_exemplars(user)
    uncovered = queries.recognised_without_coverage(user)
    stale_rows = list(stale[: limit + 1])
    uncovered_rows = list(uncovered[: limit + 1])
    return {
        "breakdown": queries.exemplar_breakdown(user),
        "stale": stale_rows[:limit],
        "stale_count": stale.count() if len(stale_rows) > limit else len(stale_rows),
        "uncovered": uncovered_rows[:limit],
        "uncovered_count": uncovered.count()
        if len(uncovered_rows) > limit
        else len(uncovered_rows),
        "stale_days": queries.stale_days(),
    }


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
        return dashboard_data(self.request.user, limit=5)
