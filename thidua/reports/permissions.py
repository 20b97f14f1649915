"""Who may do what with dashboards and periodic reports: pure predicates over a user's Scope.
The matrix is in docs/permissions.md ("Reports").

- Anyone holding a role sees the dashboards; the figures cover the agencies where the role is
  held and the units below (never the agencies above or beside), and each app's own rules
  still decide which records count (a staff member sees no dossiers, for example).
- The Office of an agency (or the province admin) compiles and issues its periodic reports.
- A report is read by who asked for it, the users it was sent to, and the Office and
  leadership of the agency it covers (or above).
"""

from __future__ import annotations

from thidua.org.models.role import Role
from thidua.org.permissions import Scope

REPORT_WRITERS = frozenset({Role.OFFICE})
REPORT_READERS = frozenset({Role.OFFICE, Role.LEADERSHIP})


def can_view_dashboards(scope: Scope) -> bool:
    return scope.has_any_role


def can_compile_reports(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, REPORT_WRITERS)


def can_compile_any_report(scope: Scope) -> bool:
    return scope.is_province_admin or bool(scope.paths_with(REPORT_WRITERS))


def can_read_report(
    scope: Scope, agency_path: str, *, requested_by: int | None, recipient_ids: set[int]
) -> bool:
    if scope.user_id is not None and (
        scope.user_id == requested_by or scope.user_id in recipient_ids
    ):
        return True
    return scope.covers(agency_path, REPORT_READERS)
