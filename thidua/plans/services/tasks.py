"""Writes of tasks: generation on issue, regeneration after edits, add, edit, split, cancel.

Regeneration never duplicates and never silently drops work done:
- a task whose key the plan still gives is kept (its dates follow the plan unless a user
  edited it);
- a task the plan no longer gives is cancelled when nothing was done on it, and otherwise kept
  and flagged "không còn trong kế hoạch" for the Office to decide;
- a task cancelled by a user is not brought back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.org.models import Agency
from thidua.org.queries import user_scope
from thidua.org.services.common import require
from thidua.plans.models import Plan, Task
from thidua.plans.permissions import can_manage_plans
from thidua.plans.services.generation import plan_task_specs

SYNCED_FIELDS = ("agency", "role", "title", "description", "start_date", "due_date")


def generate_tasks(plan: Plan) -> dict[str, int]:
    """Create missing tasks, update untouched ones, retire ones the plan no longer gives.

    Runs inside the caller's transaction with the plan row locked."""
    specs = {s.key: s for s in plan_task_specs(plan)}
    existing = {t.generation_key: t for t in plan.tasks.exclude(generation_key="")}
    counts = {"created": 0, "updated": 0, "cancelled": 0, "orphaned": 0}
    new = []
    for key, spec in specs.items():
        task = existing.get(key)
        if task is None:
            new.append(
                Task(
                    plan=plan,
                    generation_key=key,
                    agency=spec.agency,
                    role=spec.role,
                    kind=spec.kind,
                    title=spec.title,
                    description=spec.description,
                    start_date=spec.start_date,
                    due_date=spec.due_date,
                    assignment_id=spec.assignment_id,
                    phase_id=spec.phase_id,
                    channel=spec.channel,
                )
            )
            continue
        changed = task.orphaned
        task.orphaned = False
        if not task.edited and task.status != Task.Status.CANCELLED:
            for name in SYNCED_FIELDS:
                value = getattr(spec, name)
                if getattr(task, name) != value:
                    setattr(task, name, value)
                    changed = True
        if changed:
            task.save()
            counts["updated"] += 1
    for task in new:
        task.save()  # save(): search_text
    counts["created"] = len(new)
    for key, task in existing.items():
        if key in specs or task.status == Task.Status.CANCELLED:
            continue
        if _has_work(task):
            if not task.orphaned:
                task.orphaned = True
                task.save(update_fields=["orphaned", "updated_at"])
                counts["orphaned"] += 1
        else:
            task.status = Task.Status.CANCELLED
            task.cancel_reason = _("Kế hoạch đã sửa, không còn nhiệm vụ này.")
            task.save(update_fields=["status", "cancel_reason", "updated_at"])
            counts["cancelled"] += 1
    return counts


def _has_work(task: Task) -> bool:
    return (
        task.status == Task.Status.DONE
        or task.percent > 0
        or task.reports.exists()
        or task.activities.exists()
        or task.meetings.exists()
    )


def _lock_plan(plan: Plan, actor: Any) -> Plan:
    plan = Plan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    require(can_manage_plans(user_scope(actor), plan.agency.path))
    return plan


def _lock_task(task: Task, actor: Any) -> Task:
    task = Task.objects.select_for_update().select_related("plan__agency", "agency").get(pk=task.pk)
    require(can_manage_plans(user_scope(actor), task.plan.agency.path))
    return task


@transaction.atomic
def plan_tasks_regenerate(plan: Plan, *, actor: Any) -> dict[str, int]:
    plan = _lock_plan(plan, actor)
    if plan.status in (Plan.Status.DRAFT, Plan.Status.CLOSED):
        raise ValidationError(_("Chỉ tạo lại nhiệm vụ cho kế hoạch đang thực hiện."))
    counts = generate_tasks(plan)
    audit.record(plan, "thidua.plan_regenerate", actor=actor, extra={"tasks": counts})
    return counts


def _check_unit(plan: Plan, agency: Agency) -> None:
    if not agency.path.startswith(plan.agency.path):
        raise ValidationError(
            {"agency": _("Đơn vị thực hiện phải thuộc %(a)s.") % {"a": plan.agency.name}}
        )


@transaction.atomic
def task_create(
    plan: Plan,
    *,
    actor: Any,
    agency: Agency,
    title: str,
    due_date: dt.date,
    description: str = "",
    start_date: dt.date | None = None,
) -> Task:
    plan = _lock_plan(plan, actor)
    _check_unit(plan, agency)
    task = Task.objects.create(
        plan=plan,
        agency=agency,
        kind=Task.Kind.MANUAL,
        role="assigned",
        title=title.strip()[:500],
        description=description,
        start_date=start_date,
        due_date=due_date,
    )
    audit.record(task, "thidua.create", actor=actor)
    return task


TASK_FIELDS = {"agency", "title", "description", "start_date", "due_date"}


@transaction.atomic
def task_update(task: Task, *, actor: Any, **fields: Any) -> Task:
    task = _lock_task(task, actor)
    if set(fields) - TASK_FIELDS:
        raise ValueError(f"Unexpected fields: {sorted(set(fields) - TASK_FIELDS)}")
    if "agency" in fields:
        _check_unit(task.plan, fields["agency"])
    before = audit.snapshot(task)
    for name, value in fields.items():
        setattr(task, name, value)
    changes = audit.diff(before, audit.snapshot(task))
    if changes:
        task.edited = True
        task.save()
        audit.record(task, "thidua.update", actor=actor, changes=changes)
    return task


@transaction.atomic
def task_split(task: Task, *, actor: Any, parts: list[tuple[str, dt.date]]) -> list[Task]:
    """Split a task into parts (title, due date): the task becomes the first part, the others
    are new tasks of the same unit. Reports already made stay on the first part."""
    task = _lock_task(task, actor)
    if len(parts) < 2:
        raise ValidationError(_("Hãy nhập ít nhất hai phần, mỗi phần một tên và một hạn."))
    if not task.is_open:
        raise ValidationError(_("Chỉ tách được nhiệm vụ chưa hoàn thành."))
    first_title, first_due = parts[0]
    task.title, task.due_date, task.edited = first_title[:500], first_due, True
    task.save()
    created = [task]
    for title, due in parts[1:]:
        created.append(
            Task.objects.create(
                plan=task.plan,
                agency=task.agency,
                role=task.role,
                kind=Task.Kind.MANUAL,
                title=title[:500],
                description=task.description,
                assignment=task.assignment,
                phase=task.phase,
                channel=task.channel,
                start_date=task.start_date,
                due_date=due,
                split_from=task,
            )
        )
    audit.record(task, "thidua.task_split", actor=actor, extra={"parts": [t.pk for t in created]})
    return created


@transaction.atomic
def task_cancel(task: Task, *, actor: Any, reason: str) -> Task:
    task = _lock_task(task, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do hủy nhiệm vụ.")})
    if task.status == Task.Status.CANCELLED:
        raise ValidationError(_("Nhiệm vụ đã được hủy trước đó."))
    task.status = Task.Status.CANCELLED
    task.cancel_reason = reason[:500]
    task.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit.record(task, "thidua.task_cancel", actor=actor, note=reason)
    return task
