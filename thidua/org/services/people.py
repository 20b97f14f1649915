from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from thidua.core import audit
from thidua.org.models import Agency, Employment, Person
from thidua.org.permissions import can_manage_people_of
from thidua.org.queries import user_scope
from thidua.org.services.common import apply_fields, ensure_writable, require

PERSON_FIELDS = {
    "full_name",
    "gender",
    "date_of_birth",
    "id_number",
    "position",
    "email",
    "phone",
    "user",
    "is_active",
}
ID_NUMBER = re.compile(r"^\d{12}$")


def clean_person_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Normalise what users type: spaces in names, empty ID numbers, ID number format."""
    cleaned = dict(fields)
    if "full_name" in cleaned:
        cleaned["full_name"] = " ".join(str(cleaned["full_name"] or "").split())
        if not cleaned["full_name"]:
            raise ValidationError({"full_name": _("Họ và tên không được để trống.")})
    if "id_number" in cleaned:
        value = str(cleaned["id_number"] or "").strip().replace(" ", "")
        if value and not ID_NUMBER.match(value):
            raise ValidationError(
                {
                    "id_number": _("Số định danh cá nhân phải gồm đúng 12 chữ số (đang là “%s”).")
                    % value
                }
            )
        cleaned["id_number"] = value or None
    if cleaned.get("date_of_birth") and cleaned["date_of_birth"] > dt.date.today():
        raise ValidationError({"date_of_birth": _("Ngày sinh không thể ở tương lai.")})
    return cleaned


@transaction.atomic
def person_create(
    *, actor: Any, agency: Agency, since: dt.date | None = None, **fields: Any
) -> Person:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    require(can_manage_people_of(user_scope(actor), agency.path))
    ensure_writable(agency)
    person = Person(agency=agency)
    apply_fields(person, clean_person_fields(fields), PERSON_FIELDS)
    person.full_clean()
    person.save()
    Employment.objects.create(
        person=person, agency=agency, position=person.position, start_date=since
    )
    audit.record(person, "thidua.create", actor=actor)
    return person


class ItemRefused(Exception):
    """``person_create_many`` refused item ``index``: ``error`` is what ``person_create`` would
    have raised for it (a ValidationError or PermissionDenied)."""

    def __init__(self, index: int, error: ValidationError | PermissionDenied) -> None:
        super().__init__(str(error))
        self.index = index
        self.error = error


@transaction.atomic
def person_create_many(
    *,
    actor: Any,
    items: Sequence[tuple[Agency, dict[str, Any]]],
    on_refused: Callable[[ItemRefused], None] | None = None,
) -> list[Person]:
    """Create many people as ``person_create`` creates each one (the same permission,
    writable-agency and field checks, an open employment period and a "created" audit entry
    each, the search index) in a number of statements that does not grow with the rows.

    A refused item raises ``ItemRefused`` before anything is written; with ``on_refused`` it is
    reported there instead and left out. Returns the people created, in the items' order.
    """
    scope = user_scope(actor)
    agencies = {
        a.pk: a
        for a in Agency.objects.select_for_update(of=("self",))
        .select_related("successor")
        .filter(pk__in={agency.pk for agency, _fields in items})
    }
    agency_problem: dict[int, ValidationError | PermissionDenied | None] = {}
    for pk, agency in agencies.items():
        try:
            require(can_manage_people_of(scope, agency.path))
            ensure_writable(agency)
            agency_problem[pk] = None
        except (ValidationError, PermissionDenied) as exc:
            agency_problem[pk] = exc

    refusals: list[ItemRefused] = []

    def refuse(index: int, error: ValidationError | PermissionDenied) -> None:
        refusals.append(ItemRefused(index, error))

    people: list[Person] = []
    positions: list[int] = []
    for index, (agency, fields) in enumerate(items):
        locked = agencies.get(agency.pk)
        if locked is None:  # as person_create's look-up of the agency
            raise Agency.DoesNotExist(f"Agency {agency.pk} does not exist")
        if (problem := agency_problem[locked.pk]) is not None:
            refuse(index, problem)
            continue
        person = Person(agency=locked)
        try:
            apply_fields(person, clean_person_fields(fields), PERSON_FIELDS)
            # The agency was checked above; uniqueness is checked below for all rows at once.
            person.full_clean(exclude=["agency"], validate_unique=False)
        except ValidationError as exc:
            refuse(index, exc)
            continue
        people.append(person)
        positions.append(index)
    people, positions = _unique_id_numbers(people, positions, refuse)
    refusals.sort(key=lambda r: r.index)
    if refusals and on_refused is None:
        raise refusals[0]
    for refused in refusals:
        on_refused(refused)  # type: ignore[misc]
    for person in people:
        person.set_derived()
    Person.objects.bulk_create(people, batch_size=1000)
    Employment.objects.bulk_create(
        [Employment(person=p, agency=p.agency, position=p.position) for p in people],
        batch_size=1000,
    )
    audit.record_created(people, actor=actor)
    # bulk_create sends no post_save, so Wagtail does not queue one index task per person:
    # index them here, in batches, inside the same transaction.
    get_search_backend().add_bulk(Person, people)
    return people


def _unique_id_numbers(
    people: list[Person], positions: list[int], refuse: Callable[[int, Any], None]
) -> tuple[list[Person], list[int]]:
    """Refuse the people whose ID number is taken, in the database or by an earlier item."""
    numbers = [p.id_number for p in people if p.id_number]
    taken: set[str] = set()
    for start in range(0, len(numbers), 2000):
        taken |= set(
            Person.objects.filter(id_number__in=numbers[start : start + 2000]).values_list(
                "id_number", flat=True
            )
        )
    kept: list[Person] = []
    kept_positions: list[int] = []
    for person, index in zip(people, positions, strict=True):
        if person.id_number and person.id_number in taken:
            refuse(index, person.unique_error_message(Person, ("id_number",)))
            continue
        if person.id_number:
            taken.add(person.id_number)
        kept.append(person)
        kept_positions.append(index)
    return kept, kept_positions


@transaction.atomic
def person_update(person: Person, *, actor: Any, **fields: Any) -> Person:
    person = Person.objects.select_for_update().select_related("agency").get(pk=person.pk)
    require(can_manage_people_of(user_scope(actor), person.agency.path))
    ensure_writable(person.agency)
    before = audit.snapshot(person)
    apply_fields(person, clean_person_fields(fields), PERSON_FIELDS)
    person.full_clean()
    person.save()
    changes = audit.diff(before, audit.snapshot(person))
    if changes:
        if "position" in changes:
            Employment.objects.filter(person=person, end_date__isnull=True).update(
                position=person.position
            )
        audit.record(person, "thidua.update", actor=actor, changes=changes)
    return person


@transaction.atomic
def person_transfer(
    person: Person, *, actor: Any, to: Agency, on: dt.date, position: str | None = None
) -> Person:
    """Move a person to another unit: closes the current employment period, opens a new one."""
    person = Person.objects.select_for_update().select_related("agency").get(pk=person.pk)
    scope = user_scope(actor)
    require(can_manage_people_of(scope, person.agency.path))
    require(can_manage_people_of(scope, to.path))
    ensure_writable(to)
    if to.pk == person.agency_id:
        raise ValidationError(_("Cán bộ đã thuộc %(name)s.") % {"name": to.name})
    before = audit.snapshot(person, ["agency_id", "position"])
    Employment.objects.filter(person=person, end_date__isnull=True).update(
        end_date=on - dt.timedelta(days=1)
    )
    person.agency = to
    if position is not None:
        person.position = position
    person.save()
    Employment.objects.create(person=person, agency=to, position=person.position, start_date=on)
    audit.record(
        person,
        "thidua.transfer",
        actor=actor,
        changes=audit.diff(before, audit.snapshot(person, ["agency_id", "position"])),
    )
    return person
