"""Writes of registrations: one subject at a time, or a unit and its members in bulk.

The titles offered come from ``registration_titles()``: the awards catalogue's emulation titles
when it holds any, otherwise the configurable list ``THIDUA_REGISTRATION_TITLES``.
Registration is recorded for follow-up only; it is never a precondition for a title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import Title, TitleKind
from thidua.core import audit
from thidua.movements import permissions as perms
from thidua.movements.models import Movement, Registration
from thidua.movements.services.common import require
from thidua.org.models import Agency, Person
from thidua.org.queries import user_scope

INDIVIDUAL = Registration.Subject.INDIVIDUAL
COLLECTIVE = Registration.Subject.COLLECTIVE

# (code, name, subject) — used until the awards catalogue provides titles.
DEFAULT_TITLES: list[tuple[str, Any, str]] = [
    ("LDTT", gettext_lazy("Lao động tiên tiến"), INDIVIDUAL),
    ("CSTDCS", gettext_lazy("Chiến sĩ thi đua cơ sở"), INDIVIDUAL),
    ("TTLDTT", gettext_lazy("Tập thể lao động tiên tiến"), COLLECTIVE),
    ("TTLDXS", gettext_lazy("Tập thể lao động xuất sắc"), COLLECTIVE),
    ("CO_THI_DUA", gettext_lazy("Cờ thi đua"), COLLECTIVE),
]


@dataclass(frozen=True)
class TitleChoice:
    code: str
    name: str
    subject: str  # "individual", "collective" or "both"


def _from_catalogue() -> list[TitleChoice] | None:
    """Emulation titles of the awards catalogue (kind "title", in force today); None while the
    catalogue holds none."""
    choices = [
        TitleChoice(code=title.code, name=str(title.name), subject=title.applies_to)
        for title in Title.objects.filter(kind=TitleKind.TITLE).exclude(
            valid_to__lt=dt.date.today()
        )
    ]
    return choices or None


def registration_titles(subject: str | None = None) -> list[TitleChoice]:
    """The titles one may register for (optionally only individual or collective ones)."""
    choices = _from_catalogue()
    if choices is None:
        configured = getattr(settings, "THIDUA_REGISTRATION_TITLES", None) or DEFAULT_TITLES
        choices = [TitleChoice(code, str(name), kind) for code, name, kind in configured]
    return [c for c in choices if subject is None or c.subject in {subject, "both"}]


def _title(code: str, subject: str) -> TitleChoice:
    for choice in registration_titles(subject):
        if choice.code == code:
            return choice
    raise ValidationError(
        {
            "title_code": _("Danh hiệu %(code)s không có trong danh mục; hãy chọn trong danh sách.")
            % {"code": code}
        }
    )


def _check_open(movement: Movement, year: int) -> None:
    if movement.status != Movement.Status.LAUNCHED:
        raise ValidationError(_("Phong trào chưa phát động hoặc đã tổng kết; không nhận đăng ký."))
    if not movement.asks_registration:
        raise ValidationError(_("Phong trào này không yêu cầu đăng ký thi đua."))
    if year not in movement.years():
        raise ValidationError(
            {
                "year": _("Năm đăng ký phải trong thời gian phong trào (%(a)s–%(b)s).")
                % {"a": movement.start_date.year, "b": movement.end_date.year}
            }
        )


def _upsert(
    *,
    movement: Movement,
    year: int,
    agency: Agency,
    person: Person | None,
    title: TitleChoice,
    covenant_text: str,
    signed_name: str,
    actor: Any,
) -> tuple[Registration, bool]:
    lookup = {"movement": movement, "year": year}
    if person is not None:
        lookup["person"] = person
    else:
        lookup.update(agency=agency, person=None)
    registration = (
        Registration.objects.select_for_update(of=("self",)).filter(**lookup).order_by("pk").first()
    )
    created = registration is None
    if registration is None:
        registration = Registration(**{**lookup, "agency": agency}, registered_by=actor)
    registration.subject = INDIVIDUAL if person is not None else COLLECTIVE
    registration.agency = agency
    registration.title_code = title.code
    registration.title_name = title.name
    registration.covenant_text = covenant_text.strip()
    registration.signed_name = signed_name.strip()
    registration.save()
    return registration, created


@transaction.atomic
def registration_save(
    *,
    actor: Any,
    movement: Movement,
    year: int,
    title_code: str,
    person: Person | None = None,
    unit: Agency | None = None,
    covenant_text: str = "",
    signed_name: str = "",
) -> Registration:
    """Register one person (by themself, their unit head or the Office) or one unit."""
    _check_open(movement, year)
    scope = user_scope(actor)
    if person is not None:
        require(
            perms.can_register_self(scope, person.pk)
            or perms.can_register_unit(scope, person.agency.path)
        )
        title = _title(title_code, INDIVIDUAL)
        agency = person.agency
    else:
        if unit is None:
            raise ValueError("person or unit is required")
        require(perms.can_register_unit(scope, unit.path))
        title = _title(title_code, COLLECTIVE)
        agency = unit
    registration, created = _upsert(
        movement=movement,
        year=year,
        agency=agency,
        person=person,
        title=title,
        covenant_text=covenant_text,
        signed_name=signed_name,
        actor=actor,
    )
    audit.record(
        movement,
        "thidua.registration_save",
        actor=actor,
        extra={"registration": registration.pk, "title": title.code, "created": created},
    )
    return registration


@transaction.atomic
def registration_bulk(
    *,
    actor: Any,
    movement: Movement,
    year: int,
    unit: Agency,
    unit_title_code: str | None,
    members: dict[int, str],
    covenant_text: str = "",
    signed_name: str = "",
) -> list[Registration]:
    """A unit head registers the unit and its members at once: all or nothing.

    ``members`` maps person ids (active staff of the unit or its sub-units) to title codes; an
    empty code withdraws that member's registration.
    """
    _check_open(movement, year)
    require(perms.can_register_unit(user_scope(actor), unit.path))
    people = {
        p.pk: p
        for p in Person.objects.select_related("agency").filter(
            pk__in=list(members), agency__path__startswith=unit.path, is_active=True
        )
    }
    strangers = set(members) - set(people)
    if strangers:
        raise ValidationError(
            _("Có %(n)d người không thuộc đơn vị %(unit)s; tải lại trang rồi đăng ký lại.")
            % {"n": len(strangers), "unit": unit.name}
        )
    saved: list[Registration] = []
    if unit_title_code:
        registration, _created = _upsert(
            movement=movement,
            year=year,
            agency=unit,
            person=None,
            title=_title(unit_title_code, COLLECTIVE),
            covenant_text=covenant_text,
            signed_name=signed_name,
            actor=actor,
        )
        saved.append(registration)
    titles = {c.code: c for c in registration_titles(INDIVIDUAL)}
    withdraw = [pk for pk, code in members.items() if not code]
    chosen = {pk: code for pk, code in members.items() if code}
    unknown = sorted({code for code in chosen.values() if code not in titles})
    if unknown:
        raise ValidationError(
            _("Danh hiệu %(codes)s không có trong danh mục; hãy chọn trong danh sách.")
            % {"codes": ", ".join(unknown)}
        )
    if withdraw:
        Registration.objects.filter(movement=movement, year=year, person_id__in=withdraw).delete()
    existing = {
        r.person_id: r
        for r in Registration.objects.select_for_update(of=("self",))
        .filter(movement=movement, year=year, person_id__in=list(chosen))
        .order_by("pk")
    }
    to_create, to_update = [], []
    for pk, code in chosen.items():
        title = titles[code]
        row = existing.get(pk) or Registration(
            movement=movement, year=year, subject=INDIVIDUAL, person_id=pk, registered_by=actor
        )
        row.agency_id = people[pk].agency_id
        row.title_code = title.code
        row.title_name = title.name
        row.covenant_text = covenant_text.strip()
        row.signed_name = signed_name.strip()
        (to_update if row.pk else to_create).append(row)
    Registration.objects.bulk_create(to_create)
    Registration.objects.bulk_update(
        to_update, ["agency", "title_code", "title_name", "covenant_text", "signed_name"]
    )
    saved.extend(to_create + to_update)
    audit.record(
        movement,
        "thidua.registration_save",
        actor=actor,
        extra={
            "unit": unit.code,
            "year": year,
            "unit_title": unit_title_code or "",
            "members": len(chosen),
            "withdrawn": len(withdraw),
        },
    )
    return saved


@transaction.atomic
def registration_withdraw(registration: Registration, *, actor: Any) -> None:
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("agency", "movement")
        .get(pk=registration.pk)
    )
    scope = user_scope(actor)
    require(
        (
            registration.person_id is not None
            and perms.can_register_self(scope, registration.person_id)
        )
        or perms.can_register_unit(scope, registration.agency.path)
    )
    audit.record(
        registration.movement,
        "thidua.registration_withdraw",
        actor=actor,
        extra={"registration": registration.pk, "title": registration.title_code},
    )
    registration.delete()
