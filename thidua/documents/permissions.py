"""Who may do what with documents: pure predicates over a user's Scope (docs/permissions.md).

- The registry of an agency is kept by its Office and its editors (LIBRARY_MANAGERS); anyone
  holding a role at the agency or in one of its units reads it.
- The Office disseminates documents to the agency's units and people (DISSEMINATORS) and,
  with the agency's leadership, follows who has read them (DISSEMINATION_OVERSEERS).
- A unit-level recipient is acknowledged by someone holding a role at that unit itself
  (ACKNOWLEDGERS); a person-level recipient only by that person.
- The outgoing register is kept by the Office (REGISTER_KEEPERS) and read by its leadership.
"""

from __future__ import annotations

from thidua.org.models.role import Role
from thidua.org.permissions import Scope

LIBRARY_MANAGERS = frozenset({Role.OFFICE, Role.EDITOR})
DISSEMINATORS = frozenset({Role.OFFICE})
DISSEMINATION_OVERSEERS = frozenset({Role.OFFICE, Role.LEADERSHIP})
ACKNOWLEDGERS = frozenset({Role.OFFICE, Role.UNIT_HEAD, Role.LEADERSHIP, Role.STAFF})
REGISTER_KEEPERS = frozenset({Role.OFFICE})
REGISTER_READERS = frozenset({Role.OFFICE, Role.LEADERSHIP})


def can_manage_library(scope: Scope, agency_path: str) -> bool:
    """Register, edit and publish the agency's documents."""
    return scope.covers(agency_path, LIBRARY_MANAGERS)


def can_disseminate(scope: Scope, agency_path: str) -> bool:
    """Send documents in the agency's name to its units and people."""
    return scope.covers(agency_path, DISSEMINATORS)


def can_follow_dissemination(scope: Scope, agency_path: str) -> bool:
    """See a dissemination sent by the agency, with every recipient's answer."""
    return scope.covers(agency_path, DISSEMINATION_OVERSEERS)


def can_acknowledge(
    scope: Scope, *, recipient_agency_path: str, recipient_user_id: int | None
) -> bool:
    """Answer "đã đọc / đã triển khai" for a recipient row."""
    if recipient_user_id is not None:
        return recipient_user_id == scope.user_id
    held = scope.roles_by_path.get(recipient_agency_path, frozenset())
    return bool(held & ACKNOWLEDGERS)


def can_keep_register(scope: Scope, agency_path: str) -> bool:
    """Take a number by hand and cancel numbers of the agency's outgoing register."""
    return scope.covers(agency_path, REGISTER_KEEPERS)


def can_read_register(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, REGISTER_READERS)
