"""Who may do what with movements, registrations and bloc scoring: pure predicates over a
user's Scope (thidua.org.permissions.Scope). The matrix is in docs/permissions.md.

- The Office of the launching agency (or the province admin) creates, launches and follows a
  movement, accepts or returns what participants send, and reminds those behind.
- The Office of a participating agency sends its registration and reports upward.
- A unit head (or the Office above) registers the unit and, in bulk, its members.
- Any staff member registers himself or herself for an individual title.
- In a bloc, each member's Office scores itself and cross-scores the others; the Office of the
  year's bloc leader (or the province admin) maintains the scoring table and publishes results.
"""

from __future__ import annotations

from thidua.org.models.role import Role
from thidua.org.permissions import Scope

MOVEMENT_MANAGERS = frozenset({Role.OFFICE})
REGISTRARS = frozenset({Role.OFFICE, Role.UNIT_HEAD})
MOVEMENT_READERS = frozenset(
    {Role.OFFICE, Role.UNIT_HEAD, Role.LEADERSHIP, Role.COUNCIL_SECRETARY, Role.COUNCIL_MEMBER}
)
BLOC_ACTORS = frozenset({Role.OFFICE})
BLOC_READERS = frozenset({Role.OFFICE, Role.LEADERSHIP})


def can_manage_movements_of(scope: Scope, launcher_path: str) -> bool:
    return scope.covers(launcher_path, MOVEMENT_MANAGERS)


def can_send_for(scope: Scope, agency_path: str) -> bool:
    """Send the agency's registration and reports upward: its Office."""
    return scope.covers(agency_path, MOVEMENT_MANAGERS)


def can_register_unit(scope: Scope, unit_path: str) -> bool:
    """Register a unit and its members: the unit head, or the Office above the unit."""
    return scope.covers(unit_path, REGISTRARS)


def can_register_self(scope: Scope, person_id: int) -> bool:
    return scope.person_id is not None and scope.person_id == person_id


def can_act_for_bloc_member(scope: Scope, agency_path: str) -> bool:
    """Score (self or cross) and sign the covenant on behalf of a member agency: its Office."""
    return scope.covers(agency_path, BLOC_ACTORS)


def can_read_bloc_member(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, BLOC_READERS)


def can_manage_scoring(scope: Scope, leader_path: str | None) -> bool:
    """Scoring tables, covenants and publication: the Office of the year's bloc leader, or the
    province admin (who also does it when no leader is recorded for the year)."""
    if scope.is_province_admin:
        return True
    return leader_path is not None and scope.covers(leader_path, BLOC_ACTORS)
