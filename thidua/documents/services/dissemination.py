"""Dissemination: send a document to units and people with a deadline; recipients answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.core import audit
from thidua.core.text import format_date
from thidua.documents.models import Dissemination, Document, Recipient
from thidua.documents.permissions import can_acknowledge, can_disseminate
from thidua.documents.queries import documents_visible_to, recipient_agencies
from thidua.notifications.services import notify
from thidua.org.models import Agency, Person
from thidua.org.queries import user_scope
from thidua.org.services.common import ensure_writable

audit.register_actions(
    {
        "thidua.dissemination_send": (N_("Phổ biến văn bản"), N_("Đã gửi văn bản để phổ biến")),
        "thidua.recipient_acknowledge": (
            N_("Xác nhận đã đọc văn bản"),
            N_("Đã xác nhận đọc, triển khai văn bản"),
        ),
    }
)

MAX_RECIPIENTS = 2000


@transaction.atomic
def dissemination_send(
    *,
    document: Document,
    agency: Agency,
    deadline: dt.date,
    units: Iterable[Agency] = (),
    people: Iterable[Person] = (),
    message: str = "",
    actor: Any,
) -> Dissemination:
    """Send ``document`` in the name of ``agency`` to its units (the unit answers) and to
    people (each answers for themself); each recipient gets a notification after commit."""
    scope = user_scope(actor)
    if not can_disseminate(scope, agency.path):
        raise ValidationError(
            _("Bạn không phổ biến văn bản thay cho %(agency)s; chỉ Văn phòng của cơ quan làm được.")
            % {"agency": agency.name}
        )
    ensure_writable(agency)
    if not documents_visible_to(actor).filter(pk=document.pk).exists():
        raise ValidationError(_("Không tìm thấy văn bản này trong sổ văn bản của bạn."))
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("Hạn đọc đã qua; hãy chọn từ hôm nay trở đi.")})
    units = list(dict.fromkeys(units))
    people = list(dict.fromkeys(people))
    if not units and not people:
        raise ValidationError(_("Hãy chọn ít nhất một đơn vị hoặc một người nhận."))
    if len(units) + len(people) > MAX_RECIPIENTS:
        raise ValidationError(
            _("Mỗi lần gửi tối đa %(n)d nơi nhận; hãy gửi cho cấp đơn vị thay vì từng người.")
            % {"n": MAX_RECIPIENTS}
        )
    allowed = set(recipient_agencies(agency).values_list("pk", flat=True))
    outside = [u.name for u in units if u.pk not in allowed]
    outside += [p.full_name for p in people if p.agency_id not in allowed]
    if outside:
        raise ValidationError(
            _("Chỉ gửi được cho các đơn vị và cán bộ thuộc %(agency)s; hãy bỏ: %(names)s.")
            % {"agency": agency.name, "names": ", ".join(outside)}
        )
    without_account = [p.full_name for p in people if not p.user_id]
    if without_account:
        raise ValidationError(
            _(
                "Chưa có tài khoản nên không nhận được văn bản: %(names)s. "
                "Hãy gửi cho đơn vị của họ."
            )
            % {"names": ", ".join(without_account)}
        )
    dissemination = Dissemination.objects.create(
        document=document,
        agency=agency,
        deadline=deadline,
        message=(message or "").strip(),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    Recipient.objects.bulk_create(
        [Recipient(dissemination=dissemination, agency=unit) for unit in units]
        + [
            Recipient(dissemination=dissemination, agency_id=p.agency_id, user_id=p.user_id)
            for p in people
        ]
    )
    audit.record(
        dissemination,
        "thidua.dissemination_send",
        actor=actor,
        note=document.number_symbol,
        extra={"units": [u.pk for u in units], "people": [p.pk for p in people]},
    )
    users = _unit_readers([u.pk for u in units]) | {p.user_id for p in people}
    title = _("Văn bản cần đọc: %(doc)s (hạn %(date)s)") % {
        "doc": f"{document.number_symbol} – {document.summary}"[:200],
        "date": format_date(deadline),
    }
    url = reverse("documents:inbox")
    body = dissemination.message
    transaction.on_commit(
        lambda: notify(users, kind="documents.dissemination", title=title, body=body, url=url)
    )
    return dissemination


def _unit_readers(agency_ids: list[int]) -> set[int]:
    """Users who answer for these units: a role held at the unit itself."""
    from thidua.documents.permissions import ACKNOWLEDGERS
    from thidua.org.models import RoleAssignment

    if not agency_ids:
        return set()
    return set(
        RoleAssignment.objects.filter(agency_id__in=agency_ids, role__in=ACKNOWLEDGERS).values_list(
            "user_id", flat=True
        )
    )


@transaction.atomic
def recipient_acknowledge(
    recipient: Recipient, *, status: str, note: str = "", actor: Any
) -> Recipient:
    """Answer for a recipient row: "đã đọc" or "đã triển khai", with a note. An answer can be
    raised (read -> implemented) and its note corrected; it is never taken back to unread."""
    recipient = (
        Recipient.objects.select_for_update()
        .select_related("agency", "dissemination__document")
        .get(pk=recipient.pk)
    )
    if not can_acknowledge(
        user_scope(actor),
        recipient_agency_path=recipient.agency.path,
        recipient_user_id=recipient.user_id,
    ):
        raise ValidationError(_("Văn bản này không gửi cho bạn hoặc đơn vị bạn phụ trách."))
    if status not in Recipient.ACKNOWLEDGED:
        raise ValidationError({"status": _("Hãy chọn “Đã đọc” hoặc “Đã triển khai”.")})
    if recipient.status == Recipient.Status.IMPLEMENTED and status == Recipient.Status.READ:
        raise ValidationError(
            {"status": _("Đơn vị đã báo “Đã triển khai”; không thể lùi về “Đã đọc”.")}
        )
    before = audit.snapshot(recipient, ["status", "note"])
    recipient.status = status
    recipient.note = (note or "").strip()[:2000]
    if recipient.acknowledged_at is None:
        recipient.acknowledged_at = timezone.now()
    recipient.acknowledged_by = actor if getattr(actor, "is_authenticated", False) else None
    recipient.save(update_fields=["status", "note", "acknowledged_at", "acknowledged_by"])
    audit.record(
        recipient.dissemination,
        "thidua.recipient_acknowledge",
        actor=actor,
        changes=audit.diff(before, audit.snapshot(recipient, ["status", "note"])),
        note=recipient.agency.name,
    )
    return recipient
