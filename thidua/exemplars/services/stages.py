"""Moving an exemplar through its stages. Each move is one service: permission, allowed edge,
required reason or data, stage history row and audit entry, in one transaction.

discovered → nurturing (plan with goals) → recognised (level, decision number and date) →
replicated (``records.replication_record``); any followed stage → dropped (reason); dropped →
the stage it stopped at (reason).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.exemplars import permissions as perms
from thidua.exemplars.models import Exemplar, Level, NurturingPlan, Stage, StageChange
from thidua.exemplars.services.common import ensure_writable, lock, move, require, required_text
from thidua.org.models import Person
from thidua.org.queries import people_visible_to, user_scope

PLAN_FIELDS = {"mentor", "goals", "support", "started_on", "target_date"}


def _check_mentor(actor: Any, mentor: Person | None) -> None:
    if mentor is not None and not people_visible_to(actor).filter(pk=mentor.pk).exists():
        raise ValidationError(
            {"mentor": _("Chọn người phụ trách bồi dưỡng trong danh sách cán bộ bạn quản lý.")}
        )


def _apply_plan(plan: NurturingPlan, actor: Any, fields: dict[str, Any]) -> None:
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise ValueError(f"Unexpected fields: {sorted(unknown)}")
    _check_mentor(actor, fields.get("mentor"))
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.goals = required_text(
        plan.goals, "goals", _("Nêu mục tiêu bồi dưỡng (điển hình cần đạt được gì, khi nào).")
    )
    if not plan.started_on:
        raise ValidationError({"started_on": _("Nhập ngày bắt đầu bồi dưỡng (dd/mm/yyyy).")})
    if plan.target_date and plan.target_date < plan.started_on:
        raise ValidationError(
            {"target_date": _("Ngày dự kiến hoàn thành phải sau ngày bắt đầu bồi dưỡng.")}
        )
    plan.full_clean(exclude=["exemplar"])
    plan.save()


@transaction.atomic
def exemplar_nurture(exemplar: Exemplar, *, actor: Any, note: str = "", **plan: Any) -> Exemplar:
    """Start nurturing a discovered exemplar, with its plan (mentor, goals, support)."""
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    ensure_writable(exemplar.unit)
    change = move(exemplar, Stage.NURTURING, actor=actor, reason=(note or "").strip())
    existing = NurturingPlan.objects.filter(exemplar=exemplar).first()
    _apply_plan(existing or NurturingPlan(exemplar=exemplar), actor, plan)
    change.on = plan.get("started_on") or change.on
    change.save(update_fields=["on"])
    exemplar.save()
    audit.record(
        exemplar,
        "thidua.exemplar_nurture",
        actor=actor,
        changes={"stage": [Stage.DISCOVERED, Stage.NURTURING]},
        note=(note or "").strip(),
    )
    return exemplar


@transaction.atomic
def nurturing_plan_update(exemplar: Exemplar, *, actor: Any, **fields: Any) -> NurturingPlan:
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    ensure_writable(exemplar.unit)
    plan = NurturingPlan.objects.filter(exemplar=exemplar).first()
    if plan is None:
        raise ValidationError(_("Điển hình chưa có kế hoạch bồi dưỡng; hãy “Đưa vào bồi dưỡng”."))
    before = audit.snapshot(plan)
    _apply_plan(plan, actor, fields)
    changes = audit.diff(before, audit.snapshot(plan))
    if changes:
        audit.record(exemplar, "thidua.update", actor=actor, changes=changes)
    return plan


@transaction.atomic
def exemplar_recognise(
    exemplar: Exemplar,
    *,
    actor: Any,
    level: str,
    decision_number: str,
    decision_date: dt.date | None,
    title: str = "",
    note: str = "",
    award_decision: Any = None,
) -> Exemplar:
    """Record the recognition of a nurtured exemplar by a decision at some level.

    ``award_decision`` (an issued awards.Decision of the exemplar's unit or an agency above it)
    links the decision kept in the system; its symbol and date fill the number and date when
    they are left empty.
    """
    exemplar = lock(exemplar)
    require(
        perms.can_recognise_exemplar(user_scope(actor), exemplar.unit.path),
        _("Việc công nhận điển hình theo quyết định do Văn phòng ghi nhận."),
    )
    ensure_writable(exemplar.unit)
    errors: dict[str, str] = {}
    if award_decision is not None:
        _check_decision(exemplar, award_decision)
        decision_number = decision_number or award_decision.symbol
        decision_date = decision_date or award_decision.date
    if level not in Level.values:
        errors["level"] = _("Chọn cấp công nhận: cơ quan, tỉnh hoặc toàn quốc.")
    number = " ".join((decision_number or "").split())
    if not number:
        errors["decision_number"] = _("Nhập số, ký hiệu quyết định công nhận, ví dụ 125/QĐ-UBND.")
    if decision_date is None:
        errors["decision_date"] = _("Nhập ngày ký quyết định công nhận (dd/mm/yyyy).")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không thể ở tương lai.")
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(
        exemplar,
        [
            "stage",
            "recognition_level",
            "recognition_decision_number",
            "recognition_decision_date",
            "award_decision_id",
        ],
    )
    move(exemplar, Stage.RECOGNISED, actor=actor, reason=(note or "").strip(), on=decision_date)
    exemplar.recognition_level = level
    exemplar.recognition_decision_number = number
    exemplar.recognition_decision_date = decision_date
    exemplar.recognition_title = (title or "").strip()
    exemplar.award_decision = award_decision
    exemplar.save()
    audit.record(
        exemplar,
        "thidua.exemplar_recognise",
        actor=actor,
        changes=audit.diff(before, audit.snapshot(exemplar, list(before))),
        note=(note or "").strip(),
    )
    return exemplar


def _check_decision(exemplar: Exemplar, decision: Any) -> None:
    from thidua.exemplars.queries import decisions_for

    if not decisions_for(exemplar).filter(pk=decision.pk).exists():
        raise ValidationError(
            {
                "award_decision": _(
                    "Chọn một quyết định đã ban hành của đơn vị hoặc cơ quan cấp trên; quyết định "
                    "dự thảo hoặc đã thu hồi không dùng để công nhận được."
                )
            }
        )


@transaction.atomic
def exemplar_drop(exemplar: Exemplar, *, actor: Any, reason: str) -> Exemplar:
    """Stop following an exemplar, with the reason. Its publication approval is withdrawn."""
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    reason = required_text(
        reason, "reason", _("Nêu lý do không tiếp tục theo dõi điển hình (bắt buộc).")
    )
    previous = exemplar.stage
    move(exemplar, Stage.DROPPED, actor=actor, reason=reason)
    exemplar.dropped_reason = reason
    was_published = exemplar.approved_for_publication
    exemplar.approved_for_publication = False
    exemplar.publication_approved_at = None
    exemplar.publication_approved_by = None
    exemplar.save()
    changes: dict[str, list[Any]] = {"stage": [previous, Stage.DROPPED]}
    if was_published:
        changes["approved_for_publication"] = [True, False]
    audit.record(exemplar, "thidua.exemplar_drop", actor=actor, changes=changes, note=reason)
    return exemplar


@transaction.atomic
def exemplar_resume(exemplar: Exemplar, *, actor: Any, reason: str) -> Exemplar:
    """Follow a dropped exemplar again, from the stage where it stopped."""
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    ensure_writable(exemplar.unit)
    if exemplar.stage != Stage.DROPPED:
        raise ValidationError(_("Điển hình này đang được theo dõi."))
    reason = required_text(reason, "reason", _("Nêu lý do theo dõi lại điển hình (bắt buộc)."))
    last_drop = (
        StageChange.objects.filter(exemplar=exemplar, to_stage=Stage.DROPPED)
        .order_by("-at", "-id")
        .first()
    )
    back_to = last_drop.from_stage if last_drop and last_drop.from_stage else Stage.DISCOVERED
    move(exemplar, back_to, actor=actor, reason=reason, resume=True)
    exemplar.dropped_reason = ""
    exemplar.save()
    audit.record(
        exemplar,
        "thidua.exemplar_resume",
        actor=actor,
        changes={"stage": [Stage.DROPPED, back_to]},
        note=reason,
    )
    return exemplar
