"""Who may do what with exemplars: pure predicates over the user's Scope (org.permissions).

A role held at an agency covers the units below it: the Office sees and manages every exemplar
of its agency, a unit head those of their unit, leadership sees them all and approves
publication, editors see them to write about them. The matrix is in docs/permissions.md.
"""

from __future__ import annotations

from thidua.org.models.role import Role
from thidua.org.permissions import Scope

# Roles whose holders see the exemplars of the units they cover.
READERS = frozenset({Role.OFFICE, Role.UNIT_HEAD, Role.LEADERSHIP, Role.EDITOR})
# Roles whose holders record exemplars and keep their file: evidence, nurturing, replication.
MANAGERS = frozenset({Role.OFFICE, Role.UNIT_HEAD})
# Recognition follows a decision, which the Office records.
RECOGNISERS = frozenset({Role.OFFICE})
# Publication on the portal is approved by the Office or leadership.
PUBLISHERS = frozenset({Role.OFFICE, Role.LEADERSHIP})
# Coverage (articles, meetings) is recorded by those who write or organise it.
COVERAGE_WRITERS = frozenset({Role.OFFICE, Role.UNIT_HEAD, Role.EDITOR, Role.LEADERSHIP})
# Fields (lĩnh vực) and their criteria are configured by the Office.
FIELD_MANAGERS = frozenset({Role.OFFICE})


def can_view_exemplars(scope: Scope) -> bool:
    return scope.is_province_admin or bool(scope.paths_with(READERS))


def can_view_exemplar(scope: Scope, unit_path: str) -> bool:
    return scope.covers(unit_path, READERS)


def can_create_exemplars(scope: Scope) -> bool:
    return scope.is_province_admin or bool(scope.paths_with(MANAGERS))


def can_manage_exemplar(scope: Scope, unit_path: str) -> bool:
    """Edit, add evidence, nurture, log, record replication, drop or resume."""
    return scope.covers(unit_path, MANAGERS)


def can_recognise_exemplar(scope: Scope, unit_path: str) -> bool:
    return scope.covers(unit_path, RECOGNISERS)


def can_approve_publication(scope: Scope, unit_path: str) -> bool:
    return scope.covers(unit_path, PUBLISHERS)


def can_record_coverage(scope: Scope, unit_path: str) -> bool:
    return scope.covers(unit_path, COVERAGE_WRITERS)


def can_manage_fields_of(scope: Scope, agency_path: str | None) -> bool:
    """Fields of an agency: its Office; shared fields (no agency): the province admin."""
    if agency_path is None:
        return scope.is_province_admin
    return scope.covers(agency_path, FIELD_MANAGERS)
