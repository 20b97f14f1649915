"""Home-page panel: the open plan tasks of the user's units, overdue and due soon first."""

from __future__ import annotations

from typing import Any

from thidua.core.paging import head_and_counts
from thidua.org.dashboard import DashboardPanel
from thidua.plans import queries


class MyPlanTasksPanel(DashboardPanel):
    name = "plan_tasks"
    order = 15
    template_name = "plans/panel_my_tasks.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        tasks = queries.tasks_to_report(self.request.user).order_by("due_date", "pk")
        rows, _total, counts = head_and_counts(tasks, 8, overdue=queries.overdue())
        return {"tasks": rows, "overdue": counts["overdue"]}
