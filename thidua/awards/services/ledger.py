"""Writes of the award ledger: ratings, initiatives, discipline, titles received; revocation.

Rows are keyed by person (or collective), never by the agency a person worked in, so a person's
record follows them through transfers and mergers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.awards import permissions as perms
from thidua.awards.models import (
    Achievement,
    AwardEntry,
    Discipline,
    EntrySource,
    Proposal,
    Title,
    TitleKind,
    YearRating,
)
from thidua.core import audit
from thidua.org.models import Agency, Person
from thidua.org.queries import user_scope
from thidua.org.services.common import require

audit.register_actions(
    {
        "thidua.ledger_record": (N_("Ghi sổ khen thưởng"), N_("Đã ghi sổ khen thưởng")),
        "thidua.award_revoke": (N_("Thu hồi khen thưởng"), N_("Đã thu hồi khen thưởng")),
    }
)


def _holder_path(person: Person | None, agency: Agency | None) -> str:
    if (person is None) == (agency is None):
        raise ValidationError(_("Chọn một cá nhân hoặc một tập thể."))
    return person.agency.path if person is not None else agency.path  # type: ignore[union-attr]


def _holder_kwargs(person: Person | None, agency: Agency | None) -> dict[str, Any]:
    return {
        "person": person,
        "agency": agency,
        "agency_at_time_id": person.agency_id if person is not None else None,
    }


def _check_year(year: int) -> None:
    if not 1945 <= int(year) <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Năm %(year)s không hợp lệ.") % {"year": year}})


@transaction.atomic
def rating_set(
    *,
    actor: Any,
    year: int,
    rating: str,
    person: Person | None = None,
    agency: Agency | None = None,
    note: str = "",
) -> YearRating:
    """Record (or correct) the year's performance rating of a person or a collective."""
    require(perms.can_keep_ledger_of(user_scope(actor), _holder_path(person, agency)))
    _check_year(year)
    row, created = YearRating.objects.select_for_update().get_or_create(
        person=person,
        agency=agency,
        year=year,
        defaults={
            "rating": rating,
            "note": note,
            "created_by": actor,
            **_holder_kwargs(person, agency),
        },
    )
    if not created:
        before = audit.snapshot(row)
        row.rating, row.note = rating, note
        row.full_clean()
        row.save()
        audit.record(
            row, "thidua.update", actor=actor, changes=audit.diff(before, audit.snapshot(row))
        )
    else:
        row.full_clean()
        audit.record(row, "thidua.ledger_record", actor=actor)
    return row


@transaction.atomic
def achievement_add(
    *,
    actor: Any,
    year: int,
    kind: str,
    name: str,
    effect_level: str,
    person: Person | None = None,
    agency: Agency | None = None,
    recognised_by: str = "",
    applied: bool = True,
) -> Achievement:
    require(perms.can_keep_ledger_of(user_scope(actor), _holder_path(person, agency)))
    _check_year(year)
    row = Achievement(
        year=year,
        kind=kind,
        name=name.strip(),
        effect_level=effect_level,
        recognised_by=recognised_by,
        applied=applied,
        created_by=actor,
        **_holder_kwargs(person, agency),
    )
    row.full_clean()
    row.save()
    audit.record(row, "thidua.ledger_record", actor=actor)
    return row


@transaction.atomic
def discipline_add(
    *,
    actor: Any,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    form: str = "",
    reference: str = "",
    person: Person | None = None,
    agency: Agency | None = None,
) -> Discipline:
    require(perms.can_keep_ledger_of(user_scope(actor), _holder_path(person, agency)))
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    row = Discipline(
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        form=form,
        reference=reference,
        created_by=actor,
        **_holder_kwargs(person, agency),
    )
    row.full_clean()
    row.save()
    audit.record(row, "thidua.ledger_record", actor=actor)
    return row


def _duplicate(title: Title, year: int, person: Person | None, agency: Agency | None) -> bool:
    """A title (not a form) is received at most once a year."""
    return (
        title.kind == TitleKind.TITLE
        and AwardEntry.objects.filter(
            title=title, year=year, person=person, agency=agency, revoked_at__isnull=True
        ).exists()
    )


@transaction.atomic
def award_entry_record(
    *,
    actor: Any,
    title: Title,
    year: int,
    person: Person | None = None,
    agency: Agency | None = None,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    issuer_name: str = "",
    proposal: Proposal | None = None,
    source: str = EntrySource.MANUAL,
    check_permission: bool = True,
) -> AwardEntry:
    """Write a title or form received into the ledger. The decision issue service calls it with
    ``source="decision"`` and ``check_permission=False`` (the decision service has checked who
    may issue); by hand it needs the Office role over the holder."""
    path = _holder_path(person, agency)
    if check_permission:
        require(perms.can_keep_ledger_of(user_scope(actor), path))
    _check_year(year)
    if _duplicate(title, year, person, agency):
        raise ValidationError(
            _("Sổ đã ghi %(title)s năm %(year)s cho đối tượng này.")
            % {"title": title.label, "year": year}
        )
    entry = AwardEntry(
        title=title,
        year=year,
        decision_number=decision_number,
        decision_date=decision_date,
        issuer_name=issuer_name,
        proposal=proposal,
        source=source,
        created_by=actor,
        **_holder_kwargs(person, agency),
    )
    entry.full_clean()
    entry.save()
    audit.record(entry, "thidua.ledger_record", actor=actor, note=decision_number)
    return entry


@transaction.atomic
def award_entry_revoke(
    entry: AwardEntry, *, actor: Any, reason: str, check_permission: bool = True
) -> AwardEntry:
    """Revoke an award (Law Chapter VII): the row stays with the reason; eligibility ignores it.
    The decision revocation calls it with ``check_permission=False``."""
    entry = (
        AwardEntry.objects.select_for_update(of=("self",))
        .select_related("person__agency", "agency")
        .get(pk=entry.pk)
    )
    if check_permission:
        require(
            perms.can_keep_ledger_of(user_scope(actor), _holder_path(entry.person, entry.agency))
        )
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do thu hồi.")})
    if entry.revoked_at is not None:
        raise ValidationError(_("Khen thưởng này đã bị thu hồi."))
    entry.revoked_at = timezone.now()
    entry.revoked_reason = reason
    entry.save(update_fields=["revoked_at", "revoked_reason"])
    audit.record(entry, "thidua.award_revoke", actor=actor, note=reason)
    return entry
