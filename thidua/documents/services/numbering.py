"""Writes of the outgoing register: take a number, cancel one.

``number_reserve`` increments the counter with a single UPDATE before reading it, so the row is
write-locked from the first statement: concurrent requests on PostgreSQL queue on the row, and
on SQLite the IMMEDIATE transaction serialises them. The unique constraint on
(agency, type, year, number) is the last line of defence: a number is never given twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.core import audit
from thidua.documents.models import OutgoingNumber, RegisterCounter
from thidua.documents.permissions import can_keep_register
from thidua.org.models import Agency
from thidua.org.queries import user_scope

# Type abbreviations of Decree 30/2020 (Phụ lục III) the register numbers; "" is a công văn.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "KH": N_("Kế hoạch"),
    "QĐ": N_("Quyết định"),
    "BC": N_("Báo cáo"),
    "TTr": N_("Tờ trình"),
    "BB": N_("Biên bản"),
    "HD": N_("Hướng dẫn"),
    "TB": N_("Thông báo"),
    "CTr": N_("Chương trình"),
    "QyĐ": N_("Quy định"),
    "QC": N_("Quy chế"),
    "CT": N_("Chỉ thị"),
    "NQ": N_("Nghị quyết"),
    "GM": N_("Giấy mời"),
    "": N_("Công văn"),
}

audit.register_actions(
    {
        "thidua.number_reserve": (N_("Lấy số văn bản"), N_("Đã lấy số văn bản")),
        "thidua.number_cancel": (N_("Hủy số văn bản"), N_("Đã hủy số văn bản")),
    }
)


def issuer_on(agency: Agency, date: dt.date) -> Agency:
    """The agency that issues on ``date``: after a merger, the successor (followed to the end)."""
    seen = set()
    while agency.valid_to and agency.valid_to < date and agency.successor_id:
        if agency.pk in seen:
            break
        seen.add(agency.pk)
        agency = Agency.objects.get(pk=agency.successor_id)
    return agency


def format_symbol(number: int, type_abbr: str, agency: Agency) -> str:
    """ "05/KH-SKHCN" (Decree 30, Phụ lục I: numbers below 10 take a leading zero)."""
    code = agency.symbol or agency.code.upper()
    return f"{number:02d}/{type_abbr}-{code}" if type_abbr else f"{number:02d}/{code}"


def number_reserve(
    *, agency: Agency, type_abbr: str, date: dt.date, summary: str = "", actor: Any
) -> OutgoingNumber:
    """Take the next number of the issuing agency's register for this type and year."""
    issuer = issuer_on(agency, date)
    if issuer.valid_to and issuer.valid_to < date:
        raise ValidationError(
            _("%(agency)s đã thôi hoạt động từ %(date)s; không thể cấp số văn bản sau ngày đó.")
            % {"agency": issuer.name, "date": issuer.valid_to.strftime("%d/%m/%Y")}
        )
    with transaction.atomic():
        counter_filter = {"agency": issuer, "type_abbr": type_abbr, "year": date.year}
        RegisterCounter.objects.get_or_create(**counter_filter)
        RegisterCounter.objects.filter(**counter_filter).update(last_number=F("last_number") + 1)
        number = RegisterCounter.objects.get(**counter_filter).last_number
        entry = OutgoingNumber.objects.create(
            agency=issuer,
            type_abbr=type_abbr,
            year=date.year,
            number=number,
            symbol=format_symbol(number, type_abbr, issuer),
            date=date,
            summary=summary[:500],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(entry, "thidua.number_reserve", actor=actor, note=entry.symbol)
    return entry


def number_cancel(entry: OutgoingNumber, *, reason: str, actor: Any) -> OutgoingNumber:
    """Cancel a number with a reason; it stays in the register and is never reused."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do hủy số văn bản."))
    with transaction.atomic():
        entry = OutgoingNumber.objects.select_for_update().get(pk=entry.pk)
        if entry.status == OutgoingNumber.Status.CANCELLED:
            raise ValidationError(
                _("Số %(symbol)s đã được hủy trước đó.") % {"symbol": entry.symbol}
            )
        entry.status = OutgoingNumber.Status.CANCELLED
        entry.cancel_reason = reason[:500]
        entry.save(update_fields=["status", "cancel_reason"])
        audit.record(entry, "thidua.number_cancel", actor=actor, note=reason)
    return entry


def _require_keeper(actor: Any, agency: Agency) -> None:
    if not can_keep_register(user_scope(actor), agency.path):
        raise ValidationError(
            _("Bạn không giữ sổ văn bản đi của %(agency)s; hãy nhờ Văn phòng của cơ quan đó.")
            % {"agency": agency.name}
        )


def register_number_take(
    *, agency: Agency, type_abbr: str, date: dt.date, summary: str, actor: Any
) -> OutgoingNumber:
    """Take a number by hand from the register (a document drafted outside the system): the
    Office of the issuing agency, with a summary line saying what the number is for."""
    _require_keeper(actor, agency)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(
            {"summary": _("Hãy ghi trích yếu của văn bản sẽ mang số này (ví dụ: V/v …).")}
        )
    if type_abbr not in TYPE_ABBREVIATIONS:
        raise ValidationError({"type_abbr": _("Hãy chọn một loại văn bản trong danh sách.")})
    return number_reserve(
        agency=agency, type_abbr=type_abbr, date=date, summary=summary, actor=actor
    )


def register_number_cancel(entry: OutgoingNumber, *, reason: str, actor: Any) -> OutgoingNumber:
    """Cancel a number of the register (checked: the Office of the issuing agency)."""
    _require_keeper(actor, entry.agency)
    return number_cancel(entry, reason=reason, actor=actor)
