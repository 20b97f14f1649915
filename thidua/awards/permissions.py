"""Who may do what in awards: pure predicates over a user's ``Scope`` (see thidua.org.permissions),
used by views (show, hide, 403/404) and by services (enforce). Matrix: docs/permissions.md.

Dossiers follow the proposing agency: a role at that agency or above it covers the dossier.
"""

from __future__ import annotations

from thidua.org.models.role import Role
from thidua.org.permissions import PEOPLE_READERS, Scope

# Roles that read dossiers of the agencies they cover.
DOSSIER_READERS = frozenset(
    {Role.OFFICE, Role.UNIT_HEAD, Role.LEADERSHIP, Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER}
)
# Roles that prepare and send a unit's dossiers.
DOSSIER_AUTHORS = frozenset({Role.UNIT_HEAD, Role.OFFICE})
# The Office checks, publicises, sends to the council, returns.
DOSSIER_CHECKERS = frozenset({Role.OFFICE})
LEDGER_KEEPERS = frozenset({Role.OFFICE})


def can_view_catalogue(scope: Scope) -> bool:
    return scope.has_any_role


def can_edit_catalogue(scope: Scope) -> bool:
    """Titles, criteria, quotas, holidays and deadlines: the province's emulation board."""
    return scope.is_province_admin


def can_view_ledger_of(scope: Scope, agency_path: str, person_id: int | None = None) -> bool:
    """A person sees their own record; Office, unit heads and leaders see their people's."""
    if person_id is not None and person_id == scope.person_id:
        return True
    return scope.covers(agency_path, PEOPLE_READERS)


def can_keep_ledger_of(scope: Scope, agency_path: str) -> bool:
    """Enter ratings, initiatives, discipline and past titles; import history."""
    return scope.covers(agency_path, LEDGER_KEEPERS)


def can_view_dossiers_of(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, DOSSIER_READERS)


def can_draft_dossier(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, DOSSIER_AUTHORS)


def can_check_dossier(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, DOSSIER_CHECKERS)


def can_return_dossier(scope: Scope, agency_path: str, status: str) -> bool:
    """The Office returns at any step; the council secretary while the council holds it."""
    if scope.covers(agency_path, DOSSIER_CHECKERS):
        return True
    return status in ("at_council", "decided") and scope.covers(
        agency_path, frozenset({Role.COUNCIL_SECRETARY})
    )
