"""Writes of movements: create, edit, launch (participants and owed work), phases, results,
and the cascade of owed work (send, return with a reason, accept, remind)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.text import format_date
from thidua.movements import permissions as perms
from thidua.movements.models import Duty, Movement, Participation, Registration
from thidua.movements.services.common import (
    agency_label,
    notify_on_commit,
    office_users,
    require,
)
from thidua.org.models import Agency
from thidua.org.queries import user_scope

MOVEMENT_FIELDS = {
    "name",
    "slogan",
    "kind",
    "scope",
    "outside_launcher",
    "launch_document",
    "plan_link",
    "start_date",
    "end_date",
    "goals",
    "targets",
    "criteria",
    "asks_registration",
    "participants_mode",
    "participants_root",
    "registration_due",
    "interim_due",
    "final_due",
    "is_public",
}


def _apply(movement: Movement, fields: dict[str, Any]) -> None:
    unknown = set(fields) - MOVEMENT_FIELDS
    if unknown:
        raise ValueError(f"Unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(movement, name, value)


def _validate(movement: Movement, participants: list[Agency] | None) -> None:
    errors: dict[str, str] = {}
    if movement.start_date and movement.end_date and movement.end_date < movement.start_date:
        errors["end_date"] = _("Ngày kết thúc phải sau ngày bắt đầu; hãy sửa lại thời gian.")
    mode = movement.participants_mode
    if mode == Movement.Participants.ALL_UNDER and movement.participants_root_id is None:
        errors["participants_root"] = _(
            "Chọn cơ quan mà các đơn vị trực thuộc sẽ tham gia phong trào."
        )
    if mode == Movement.Participants.SELECTED and participants is not None and not participants:
        errors["participant_agencies"] = _("Chọn ít nhất một cơ quan tham gia phong trào.")
    for name in ("registration_due", "interim_due", "final_due"):
        value = getattr(movement, name)
        if value and movement.start_date and value < movement.start_date:
            errors[name] = _("Hạn này phải nằm trong thời gian của phong trào (từ %(d)s).") % {
                "d": format_date(movement.start_date)
            }
    if errors:
        raise ValidationError(errors)


def _set_participants(movement: Movement, agencies: list[Agency]) -> None:
    wanted = {a.pk for a in agencies}
    Participation.objects.filter(movement=movement).exclude(agency_id__in=wanted).delete()
    have = set(Participation.objects.filter(movement=movement).values_list("agency_id", flat=True))
    Participation.objects.bulk_create(
        [Participation(movement=movement, agency_id=pk) for pk in sorted(wanted - have)]
    )


@transaction.atomic
def movement_create(
    *,
    actor: Any,
    launched_by: Agency,
    participants: list[Agency] | None = None,
    **fields: Any,
) -> Movement:
    require(perms.can_manage_movements_of(user_scope(actor), launched_by.path))
    movement = Movement(launched_by=launched_by, created_by=actor)
    _apply(movement, fields)
    _validate(movement, participants or [])
    movement.full_clean(exclude=["participants"])
    movement.save()
    if movement.participants_mode == Movement.Participants.SELECTED:
        _set_participants(movement, participants or [])
    audit.record(movement, "thidua.create", actor=actor)
    return movement


@transaction.atomic
def movement_update(
    movement: Movement,
    *,
    actor: Any,
    participants: list[Agency] | None = None,
    **fields: Any,
) -> Movement:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require(perms.can_manage_movements_of(user_scope(actor), movement.launched_by.path))
    before = audit.snapshot(movement)
    launched = movement.status != Movement.Status.DRAFT
    if launched and (
        participants is not None
        or fields.get("participants_mode", movement.participants_mode) != movement.participants_mode
        or fields.get("participants_root", movement.participants_root) != movement.participants_root
    ):
        current = set(
            Participation.objects.filter(movement=movement).values_list("agency_id", flat=True)
        )
        if participants is not None and {a.pk for a in participants} != current:
            raise ValidationError(
                {
                    "participant_agencies": _(
                        "Phong trào đã phát động: không đổi được danh sách cơ quan tham gia."
                    )
                }
            )
    _apply(movement, fields)
    _validate(movement, participants)
    movement.full_clean(exclude=["participants"])
    movement.save()
    if not launched and participants is not None:
        if movement.participants_mode == Movement.Participants.SELECTED:
            _set_participants(movement, participants)
        else:
            _set_participants(movement, [])
    changes = audit.diff(before, audit.snapshot(movement))
    if changes:
        audit.record(movement, "thidua.update", actor=actor, changes=changes)
    return movement


def resolve_participants(movement: Movement) -> list[Agency]:
    """The agencies taking part: the selected ones, or the current direct units of the root."""
    today = dt.date.today()
    if movement.participants_mode == Movement.Participants.ALL_UNDER:
        qs = Agency.objects.filter(parent=movement.participants_root)
    else:
        qs = Agency.objects.filter(participations__movement=movement)
    return list(qs.filter(successor__isnull=True).exclude(valid_to__lt=today).order_by("path"))


def _duty_plan(movement: Movement) -> list[tuple[str, dt.date | None]]:
    plan: list[tuple[str, dt.date | None]] = []
    if movement.asks_registration:
        plan.append((Duty.Kind.REGISTRATION, movement.registration_due))
    if movement.interim_due:
        plan.append((Duty.Kind.INTERIM, movement.interim_due))
    plan.append((Duty.Kind.FINAL, movement.final_due or movement.end_date))
    return plan


@transaction.atomic
def movement_launch(movement: Movement, *, actor: Any) -> Movement:
    """Launch: fix the participants, create each one's owed work with due dates, notify their
    Office. Launching twice is refused."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require(perms.can_manage_movements_of(user_scope(actor), movement.launched_by.path))
    if movement.status != Movement.Status.DRAFT:
        raise ValidationError(_("Phong trào này đã được phát động."))
    agencies = resolve_participants(movement)
    if not agencies:
        raise ValidationError(
            _("Phong trào chưa có cơ quan tham gia; hãy chọn cơ quan tham gia trước khi phát động.")
        )
    _set_participants(movement, agencies)
    plan = _duty_plan(movement)
    Duty.objects.bulk_create(
        [
            Duty(movement=movement, agency=agency, kind=kind, due_date=due)
            for agency in agencies
            for kind, due in plan
        ],
        ignore_conflicts=True,
    )
    movement.status = Movement.Status.LAUNCHED
    movement.phase = max(movement.phase, Movement.Phase.LAUNCH)
    movement.launched_at = timezone.now()
    movement.save(update_fields=["status", "phase", "launched_at", "updated_at", "search_text"])
    audit.record(
        movement,
        "thidua.movement_launch",
        actor=actor,
        extra={"participants": [a.code for a in agencies]},
    )
    offices = office_users([a.pk for a in agencies])
    owed = ", ".join(
        f"{Duty.Kind(kind).label} ({_('hạn')} {format_date(due) or _('chưa định')})"
        for kind, due in plan
    )
    notify_on_commit(
        [u for users in offices.values() for u in users],
        kind="movement_launched",
        title=_("Phát động phong trào: %(name)s") % {"name": movement.name},
        body=_("%(launcher)s phát động phong trào. Việc cần gửi: %(owed)s.")
        % {"launcher": movement.launcher_label, "owed": owed},
        url=reverse("movements:my_duties"),
        dedupe_key=f"movement-launch:{movement.pk}",
    )
    return movement


@transaction.atomic
def movement_set_phase(movement: Movement, *, actor: Any, phase: int) -> Movement:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require(perms.can_manage_movements_of(user_scope(actor), movement.launched_by.path))
    if movement.status == Movement.Status.DRAFT and phase > Movement.Phase.PLANNING:
        raise ValidationError(_("Hãy phát động phong trào trước khi chuyển sang các bước sau."))
    if phase not in Movement.Phase.values:
        raise ValidationError(_("Bước không hợp lệ."))
    old = movement.phase
    movement.phase = phase
    movement.save(update_fields=["phase", "updated_at", "search_text"])
    audit.record(movement, "thidua.movement_phase", actor=actor, changes={"phase": [old, phase]})
    return movement


@transaction.atomic
def movement_publish_results(
    movement: Movement, *, actor: Any, results: str, close: bool = True
) -> Movement:
    """Record the reviewed results; they appear on the portal; the movement is closed."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require(perms.can_manage_movements_of(user_scope(actor), movement.launched_by.path))
    if movement.status == Movement.Status.DRAFT:
        raise ValidationError(_("Phong trào chưa phát động nên chưa có kết quả."))
    if not results.strip():
        raise ValidationError({"results": _("Nhập kết quả sơ kết, tổng kết trước khi công bố.")})
    movement.results = results.strip()
    movement.results_published = True
    movement.phase = Movement.Phase.REVIEW
    if close:
        movement.status = Movement.Status.CLOSED
    movement.save()
    audit.record(movement, "thidua.movement_results", actor=actor)
    return movement


# --- The cascade ---------------------------------------------------------------------------


def _path_prefixes(path: str) -> list[str]:
    """ "/1/4/9/" -> ["/1/", "/1/4/", "/1/4/9/"]: the paths of an agency and its ancestors."""
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def consolidated_registrations(duties: list[Duty]) -> dict[int, str]:
    """For each duty, a one-paragraph summary of the registrations of its agency's units, for
    sending upward. One query whatever the number of duties: the registrations of the duties'
    movements under their agencies, counted by unit and title, then added up the tree."""
    if not duties:
        return {}
    paths = sorted({duty.agency.path for duty in duties})
    roots = [p for p in paths if not any(p != r and p.startswith(r) for r in paths)]
    under = Q()
    for root in roots:
        under |= Q(agency__path__startswith=root)
    counts = (
        Registration.objects.filter(under, movement_id__in={d.movement_id for d in duties})
        .values_list("movement_id", "agency__path", "subject", "title_name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_key: dict[tuple[int, str], list[Duty]] = {}
    for duty in duties:
        by_key.setdefault((duty.movement_id, duty.agency.path), []).append(duty)
    totals: dict[int, dict[tuple[str, str], int]] = {duty.pk: {} for duty in duties}
    for movement_id, path, subject, title, n in counts:
        for prefix in _path_prefixes(path):
            for duty in by_key.get((movement_id, prefix), ()):
                by_title = totals[duty.pk]
                by_title[(subject, title)] = by_title.get((subject, title), 0) + n
    result: dict[int, str] = {}
    for duty_pk, by_title in totals.items():
        parts = [
            f"{Registration.Subject(subject).label} – {title}: {n}"
            for (subject, title), n in sorted(by_title.items())
        ]
        result[duty_pk] = (
            _("Tổng hợp đăng ký thi đua: %(list)s.") % {"list": "; ".join(parts)}
            if parts
            else _("Chưa có đăng ký nào.")
        )
    return result


def consolidated_registration(duty: Duty) -> str:
    """A one-paragraph summary of the registrations of the agency's units, for sending upward."""
    return consolidated_registrations([duty])[duty.pk]


@transaction.atomic
def duty_submit(duty: Duty, *, actor: Any, summary: str = "") -> Duty:
    """The participant's Office sends its registration or report upward (again after a return)."""
    duty = Duty.objects.select_for_update().select_related("movement", "agency").get(pk=duty.pk)
    require(perms.can_send_for(user_scope(actor), duty.agency.path))
    if duty.movement.status == Movement.Status.DRAFT:
        raise ValidationError(_("Phong trào chưa được phát động."))
    if duty.status in {Duty.Status.WAITING, Duty.Status.ACCEPTED}:
        raise ValidationError(
            _("Đã gửi và đang chờ hoặc đã được chấp nhận; chỉ gửi lại khi cấp trên trả lại.")
        )
    if duty.kind == Duty.Kind.REGISTRATION:
        consolidated = consolidated_registration(duty)
        summary = f"{consolidated}\n{summary}".strip()
    elif not summary.strip():
        raise ValidationError({"summary": _("Nhập nội dung báo cáo trước khi gửi.")})
    duty.status = Duty.Status.WAITING
    duty.summary = summary
    duty.submitted_at = timezone.now()
    duty.submitted_by = actor
    duty.save()
    audit.record(duty.movement, "thidua.duty_submit", actor=actor, extra=_duty_extra(duty))
    launcher_offices = office_users([duty.movement.launched_by_id])
    notify_on_commit(
        launcher_offices.get(duty.movement.launched_by_id, []),
        kind="movement_duty_sent",
        title=_("%(agency)s đã gửi %(kind)s")
        % {"agency": agency_label(duty.agency), "kind": duty.get_kind_display().lower()},
        body=duty.movement.name,
        url=reverse("movements:cascade", args=[duty.movement_id]),
    )
    return duty


def _duty_extra(duty: Duty) -> dict[str, Any]:
    return {"agency": duty.agency.code, "kind": duty.kind}


def _review(duty: Duty, actor: Any) -> Duty:
    duty = Duty.objects.select_for_update().select_related("movement", "agency").get(pk=duty.pk)
    movement = duty.movement
    require(perms.can_manage_movements_of(user_scope(actor), movement.launched_by.path))
    if duty.status != Duty.Status.WAITING:
        raise ValidationError(_("Chỉ duyệt được những gì đơn vị đã gửi và đang chờ duyệt."))
    return duty


@transaction.atomic
def duty_return(duty: Duty, *, actor: Any, reason: str) -> Duty:
    if not reason.strip():
        raise ValidationError({"reason": _("Nêu lý do trả lại để đơn vị biết cần sửa gì.")})
    duty = _review(duty, actor)
    duty.status = Duty.Status.RETURNED
    duty.return_reason = reason.strip()
    duty.reviewed_at = timezone.now()
    duty.reviewed_by = actor
    duty.save()
    audit.record(
        duty.movement,
        "thidua.duty_return",
        actor=actor,
        note=duty.return_reason,
        extra=_duty_extra(duty),
    )
    notify_on_commit(
        office_users([duty.agency_id]).get(duty.agency_id, []),
        kind="movement_duty_returned",
        title=_("%(kind)s bị trả lại: %(name)s")
        % {"kind": duty.get_kind_display(), "name": duty.movement.name},
        body=_("Lý do: %(reason)s") % {"reason": duty.return_reason},
        url=reverse("movements:my_duties"),
    )
    return duty


@transaction.atomic
def duty_accept(duty: Duty, *, actor: Any) -> Duty:
    duty = _review(duty, actor)
    duty.status = Duty.Status.ACCEPTED
    duty.return_reason = ""
    duty.reviewed_at = timezone.now()
    duty.reviewed_by = actor
    duty.save()
    audit.record(duty.movement, "thidua.duty_accept", actor=actor, extra=_duty_extra(duty))
    return duty


@transaction.atomic
def duties_remind(movement: Movement, *, actor: Any, today: dt.date | None = None) -> int:
    """Remind the Office of each agency that has not sent (or was returned) its work; at most
    one reminder per agency and kind per day. Returns the number of agencies reminded."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require(perms.can_manage_movements_of(user_scope(actor), movement.launched_by.path))
    return _remind(movement, today or dt.date.today(), actor=actor)


def _remind(
    movement: Movement, today: dt.date, *, actor: Any = None, overdue_only: bool = False
) -> int:
    qs = Duty.objects.filter(
        movement=movement, status__in=[Duty.Status.NOT_SENT, Duty.Status.RETURNED]
    ).select_related("agency")
    if overdue_only:
        qs = qs.filter(due_date__lt=today)
    behind = list(qs)
    if not behind:
        return 0
    offices = office_users(sorted({d.agency_id for d in behind}))
    now = timezone.now()
    for duty in behind:
        due = format_date(duty.due_date) or _("chưa định")
        notify_on_commit(
            offices.get(duty.agency_id, []),
            kind="movement_reminder",
            title=_("Nhắc gửi %(kind)s: %(name)s")
            % {"kind": duty.get_kind_display().lower(), "name": movement.name},
            body=_("Hạn %(due)s. Trạng thái: %(status)s.")
            % {"due": due, "status": duty.get_status_display()},
            url=reverse("movements:my_duties"),
            dedupe_key=f"movement-remind:{duty.pk}:{today.isoformat()}",
        )
    Duty.objects.filter(pk__in=[d.pk for d in behind]).update(reminded_at=now)
    if actor is not None:
        audit.record(
            movement,
            "thidua.duty_remind",
            actor=actor,
            extra={"agencies": sorted({d.agency.code for d in behind})},
        )
    return len({d.agency_id for d in behind})


def remind_overdue(today: dt.date | None = None) -> int:
    """Daily job: remind agencies whose work is past due (deduplicated per day)."""
    today = today or dt.date.today()
    count = 0
    ids = (
        Duty.objects.filter(
            movement__status=Movement.Status.LAUNCHED,
            status__in=[Duty.Status.NOT_SENT, Duty.Status.RETURNED],
            due_date__lt=today,
        )
        .values_list("movement_id", flat=True)
        .distinct()
    )
    for movement in Movement.objects.filter(pk__in=list(ids)):
        with transaction.atomic():
            count += _remind(movement, today, overdue_only=True)
    return count
