from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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
