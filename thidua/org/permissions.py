"""Who may do what: pure predicates over a user's Scope, used by views (to show, hide, 403/404)
and by services (to enforce). The role × action matrix is docs/permissions.md; keep them in step.

A role held at an agency covers that agency and every unit below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua.org.models.role import Role

# Roles whose holders see the people of the agencies they cover.
PEOPLE_READERS = frozenset({Role.OFFICE, Role.UNIT_HEAD, Role.LEADERSHIP})
# Roles whose holders maintain the agency's people, units and roles.
ORG_MANAGERS = frozenset({Role.OFFICE})


@dataclass(frozen=True)
class Scope:
    """What one user holds: roles by agency path. Built once per request by queries.user_scope."""

    user_id: int | None
    person_id: int | None = None
    is_province_admin: bool = False
    # agency path -> roles held there, e.g. {"/1/4/": {"office"}}
    roles_by_path: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def has_any_role(self) -> bool:
        return self.is_province_admin or bool(self.roles_by_path)

    def paths_with(self, roles: frozenset[str]) -> list[str]:
        """Subtree roots where the user holds any of ``roles``."""
        return [path for path, held in self.roles_by_path.items() if held & roles]

    def covers(self, agency_path: str, roles: frozenset[str]) -> bool:
        """Whether one of ``roles`` is held at this agency or above it."""
        if self.is_province_admin:
            return True
        return any(agency_path.startswith(root) for root in self.paths_with(roles))


ANONYMOUS = Scope(user_id=None)


def can_use_back_office(scope: Scope) -> bool:
    return scope.has_any_role


def can_view_agency(scope: Scope, agency_path: str) -> bool:
    """Any role at the agency, below it, or above it lets a user see the agency itself."""
    if scope.is_province_admin:
        return True
    return any(
        agency_path.startswith(root) or root.startswith(agency_path) for root in scope.roles_by_path
    )


def can_manage_agency(scope: Scope, agency_path: str) -> bool:
    """Create and edit units under an agency: its Office, or the province admin."""
    return scope.covers(agency_path, ORG_MANAGERS)


def can_create_top_level_agency(scope: Scope) -> bool:
    return scope.is_province_admin


def can_merge_agencies(scope: Scope) -> bool:
    """Mergers follow provincial decisions: province admin only."""
    return scope.is_province_admin


def can_view_people_of(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, PEOPLE_READERS)


def can_view_person(scope: Scope, agency_path: str, person_id: int) -> bool:
    return person_id == scope.person_id or can_view_people_of(scope, agency_path)


def can_manage_people_of(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, ORG_MANAGERS)


def can_import_into(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, ORG_MANAGERS)


def can_manage_roles_at(scope: Scope, agency_path: str, role: str) -> bool:
    """The Office grants roles within its agency; only the province admin grants province_admin."""
    if role == Role.PROVINCE_ADMIN:
        return scope.is_province_admin
    return scope.covers(agency_path, ORG_MANAGERS)


def can_view_roles_at(scope: Scope, agency_path: str) -> bool:
    return scope.covers(agency_path, ORG_MANAGERS | {Role.LEADERSHIP})


def can_manage_blocs(scope: Scope) -> bool:
    """Blocs are organised by the province's emulation board."""
    return scope.is_province_admin
