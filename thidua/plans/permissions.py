"""Who may do what with plans: pure predicates over a user's Scope (see docs/permissions.md).

- The Office of an agency (or the province admin) writes, imports, issues and closes the
  agency's plans, edits tasks and reviews progress reports.
- Anyone holding a role at the agency, above it or in one of its units sees its plans.
- A unit sees its own tasks; its unit head and staff report progress on them.
- Leadership of the agency sees every task of its plans.
"""

from __future__ import annotations

from thidua.org.models.role import Role
from thidua.org.permissions import ORG_MANAGERS, Scope, can_view_agency

PLAN_MANAGERS = ORG_MANAGERS
PLAN_OVERSEERS = frozenset({Role.OFFICE, Role.LEADERSHIP})
REPORTERS = frozenset({Role.OFFICE, Role.UNIT_HEAD, Role.STAFF})
TASK_READERS = frozenset({Role.OFFICE, Role.LEADERSHIP, Role.UNIT_HEAD, Role.STAFF})


def can_manage_plans(scope: Scope, agency_path: str) -> bool:
    """Write, import, issue, regenerate, close plans and edit their tasks."""
    return scope.covers(agency_path, PLAN_MANAGERS)


def can_view_plan(scope: Scope, agency_path: str) -> bool:
    return can_view_agency(scope, agency_path)


def can_view_task(scope: Scope, plan_agency_path: str, task_agency_path: str) -> bool:
    return scope.covers(plan_agency_path, PLAN_OVERSEERS) or scope.covers(
        task_agency_path, TASK_READERS
    )


def can_report_on(scope: Scope, plan_agency_path: str, task_agency_path: str) -> bool:
    """Report progress and problems: the unit doing the task, or the plan's Office."""
    return scope.covers(task_agency_path, REPORTERS) or can_manage_plans(scope, plan_agency_path)


def can_review_reports(scope: Scope, plan_agency_path: str) -> bool:
    """Accept or return a progress report: the Office that issued the plan."""
    return can_manage_plans(scope, plan_agency_path)


def can_record_delivery(scope: Scope, agency_path: str) -> bool:
    """Record an activity or a meeting held by a unit: its head, staff, or the Office."""
    return scope.covers(agency_path, REPORTERS)
