from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.org import merge_registry
from thidua.org.models import Agency, BlocMembership, Employment, Person, RoleAssignment
from thidua.org.permissions import (
    can_create_top_level_agency,
    can_manage_agency,
    can_merge_agencies,
)
from thidua.org.queries import user_scope
from thidua.org.services.common import apply_fields, ensure_writable, require

AGENCY_FIELDS = {
    "code",
    "name",
    "short_name",
    "symbol",
    "kind",
    "valid_from",
    "valid_to",
    "address",
    "phone",
    "email",
}


def _validate(agency: Agency) -> None:
    agency.full_clean(exclude=["parent", "successor", "path", "depth"])


@transaction.atomic
def agency_create(*, actor: Any, parent: Agency | None, **fields: Any) -> Agency:
    scope = user_scope(actor)
    if parent is None:
        require(can_create_top_level_agency(scope))
    else:
        parent = Agency.objects.select_for_update().get(pk=parent.pk)
        require(can_manage_agency(scope, parent.path))
        ensure_writable(parent)
    agency = Agency(parent=parent)
    apply_fields(agency, fields, AGENCY_FIELDS)
    _validate(agency)
    agency.save()
    agency.path = f"{parent.path if parent else '/'}{agency.pk}/"
    agency.depth = parent.depth + 1 if parent else 0
    agency.save(update_fields=["path", "depth"])
    audit.record(agency, "thidua.create", actor=actor)
    return agency


@transaction.atomic
def agency_update(
    agency: Agency, *, actor: Any, parent: Agency | object | None = ..., **fields: Any
) -> Agency:
    """Edit an agency; passing ``parent`` moves it (and its whole subtree) under another."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    scope = user_scope(actor)
    require(can_manage_agency(scope, agency.path))
    ensure_writable(agency)
    before = audit.snapshot(agency)
    apply_fields(agency, fields, AGENCY_FIELDS)
    _validate(agency)
    if parent is not ... and parent != agency.parent:
        _move(agency, parent, scope)  # type: ignore[arg-type]
    agency.save()
    changes = audit.diff(before, audit.snapshot(agency))
    if changes:
        audit.record(agency, "thidua.update", actor=actor, changes=changes)
    return agency


def _move(agency: Agency, new_parent: Agency | None, scope: Any) -> None:
    if new_parent is None:
        require(can_create_top_level_agency(scope))
        new_prefix, new_depth = "/", 0
    else:
        require(can_manage_agency(scope, new_parent.path))
        ensure_writable(new_parent)
        if new_parent.path.startswith(agency.path):
            raise ValidationError(
                _("Không thể chuyển %(name)s vào chính nó hoặc một đơn vị trực thuộc nó.")
                % {"name": agency.name}
            )
        new_prefix, new_depth = new_parent.path, new_parent.depth + 1
    old_path = agency.path
    new_path = f"{new_prefix}{agency.pk}/"
    shift = new_depth - agency.depth
    # Rewrite the whole subtree's paths in one statement.
    Agency.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + shift,
    )
    agency.parent = new_parent
    agency.path = new_path
    agency.depth = new_depth


@transaction.atomic
def agency_merge(
    source: Agency, *, into: Agency, on: dt.date, actor: Any, move_units: bool = True
) -> Agency:
    """Merge ``source`` into ``into`` from date ``on`` (as Sở TT&TT into Sở KH&CN in 2025).

    People, roles, units and open work move to the successor; the source keeps its name, its
    history and everything issued under it, and becomes read-only.
    """
    require(can_merge_agencies(user_scope(actor)))
    locked = {
        a.pk: a for a in Agency.objects.select_for_update().filter(pk__in=[source.pk, into.pk])
    }
    source, into = locked[source.pk], locked[into.pk]
    if source.pk == into.pk:
        raise ValidationError(_("Không thể sáp nhập một cơ quan vào chính nó."))
    ensure_writable(source)
    ensure_writable(into)
    if into.path.startswith(source.path):
        raise ValidationError(
            _("%(into)s là đơn vị trực thuộc %(source)s nên không thể là cơ quan kế thừa.")
            % {"into": into.name, "source": source.name}
        )
    counts = {
        "people": _move_people(source, into, on, actor),
        "roles": _move_roles(source, into, actor),
        "units": _move_units(source, into, actor) if move_units else 0,
    }
    # A merged agency does not finish the year it merges in, so it is not a member that year.
    BlocMembership.objects.filter(agency=source, until_year__isnull=True).update(
        until_year=on.year - 1
    )
    for handler in merge_registry.handlers():
        counts.update(handler(source=source, into=into, on=on, actor=actor) or {})
    before = audit.snapshot(source, ["valid_to", "successor_id"])
    source.valid_to = on - dt.timedelta(days=1)
    source.successor = into
    source.save(update_fields=["valid_to", "successor"])
    audit.record(
        source,
        "thidua.merge",
        actor=actor,
        changes=audit.diff(before, audit.snapshot(source, ["valid_to", "successor_id"])),
        extra={"into": into.pk, "moved": counts},
    )
    audit.record(into, "thidua.merge", actor=actor, extra={"from": source.pk, "moved": counts})
    return source


def _move_people(source: Agency, into: Agency, on: dt.date, actor: Any) -> int:
    people = list(Person.objects.select_for_update().filter(agency=source))
    note = _("Chuyển do sáp nhập %(source)s") % {"source": source.name}
    for person in people:
        Employment.objects.filter(person=person, agency=source, end_date__isnull=True).update(
            end_date=on - dt.timedelta(days=1)
        )
        Employment.objects.create(
            person=person, agency=into, position=person.position, start_date=on, note=note
        )
        person.agency = into
        person.save(update_fields=["agency", "updated_at"])
        audit.record(
            person,
            "thidua.transfer",
            actor=actor,
            changes={"agency_id": [source.pk, into.pk]},
            note=note,
        )
    return len(people)


def _move_roles(source: Agency, into: Agency, actor: Any) -> int:
    moved = 0
    for assignment in RoleAssignment.objects.select_for_update().filter(agency=source):
        duplicate = RoleAssignment.objects.filter(
            user_id=assignment.user_id, agency=into, role=assignment.role
        ).exists()
        if duplicate:
            # The user already holds this role at the successor: the old one just ends.
            audit.record(
                source,
                "thidua.role_revoke",
                actor=actor,
                extra={"user": assignment.user.get_username(), "role": assignment.role},
            )
            assignment.delete()
        else:
            assignment.agency = into
            assignment.save(update_fields=["agency"])
            audit.record(
                assignment,
                "thidua.transfer",
                actor=actor,
                changes={"agency_id": [source.pk, into.pk]},
            )
            moved += 1
    return moved


def _move_units(source: Agency, into: Agency, actor: Any) -> int:
    children = list(Agency.objects.filter(parent=source, successor__isnull=True))
    for child in children:
        child_before = audit.snapshot(child, ["parent_id"])
        _move(child, into, user_scope(actor))
        child.save(update_fields=["parent", "path", "depth"])
        audit.record(
            child,
            "thidua.transfer",
            actor=actor,
            changes=audit.diff(child_before, audit.snapshot(child, ["parent_id"])),
        )
    return len(children)
