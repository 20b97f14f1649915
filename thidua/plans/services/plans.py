"""Writes of plans: confirm an import, write or edit a plan, issue it, close it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.documents.models import OutgoingNumber
from thidua.documents.services import number_reserve
from thidua.org.models import Agency
from thidua.org.queries import user_scope
from thidua.org.services import agency_create
from thidua.org.services.common import ensure_writable, require
from thidua.plans.models import (
    Assignment,
    AssignmentRole,
    Cadence,
    Channel,
    ContentItem,
    LegalBasis,
    Phase,
    Plan,
    PlanChannel,
    Recipient,
)
from thidua.plans.permissions import can_manage_plans

PLAN_FIELDS = (
    "title",
    "number_symbol",
    "place",
    "parent_body",
    "issuer_name",
    "signer_authority",
    "signer_positions",
    "signer_name",
    "purposes",
    "report_cadence",
)


def _date(value: Any, field: str, errors: dict[str, list[str]]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(field, []).append(
            _("Ngày “%(value)s” không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")
            % {"value": value}
        )
        return None


def validate_draft(draft: dict[str, Any]) -> dict[str, list[str]]:
    """Errors by field of a draft; empty when it can become a plan."""
    errors: dict[str, list[str]] = {}
    if not (draft.get("title") or "").strip():
        errors["title"] = [_("Hãy nhập trích yếu (tên) của kế hoạch.")]
    try:
        start, end = int(draft.get("year_start")), int(draft.get("year_end"))  # type: ignore[arg-type]
        if not (2000 <= start <= end <= 2100):
            raise ValueError
    except (TypeError, ValueError):
        errors["year_start"] = [
            _("Kỳ kế hoạch không hợp lệ: năm bắt đầu phải nhỏ hơn hoặc bằng năm kết thúc.")
        ]
    _date(draft.get("issued_on"), "issued_on", errors)
    if draft.get("report_cadence", "") not in Cadence.values:
        errors["report_cadence"] = [_("Định kỳ báo cáo không hợp lệ.")]
    for i, phase in enumerate(draft.get("phases") or [], start=1):
        s = _date(phase.get("start"), "phases", errors)
        e = _date(phase.get("end"), "phases", errors)
        if not (phase.get("name") or "").strip() or s is None or e is None:
            errors.setdefault("phases", []).append(
                _("Đợt %(n)s: hãy nhập tên, ngày bắt đầu và ngày kết thúc.") % {"n": i}
            )
        elif e < s:
            errors.setdefault("phases", []).append(
                _("Đợt %(n)s: ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.")
                % {"n": i, "end": e.strftime("%d/%m/%Y"), "start": s.strftime("%d/%m/%Y")}
            )
    for row in draft.get("assignments") or []:
        if row.get("role") not in AssignmentRole.values:
            errors.setdefault("assignments", []).append(_("Vai trò phân công không hợp lệ."))
        if not (row.get("agency_id") or row.get("all_units") or row.get("create_unit")):
            errors.setdefault("assignments", []).append(
                _(
                    "Chưa xác định được đơn vị “%(unit)s”: hãy chọn đơn vị tương ứng, chọn “tất "
                    "cả các phòng, đơn vị” hoặc đánh dấu “tạo đơn vị mới”."
                )
                % {"unit": row.get("unit_text") or "?"}
            )
    channels = [c.get("channel") for c in draft.get("channels") or []]
    if any(c not in Channel.values for c in channels) or len(channels) != len(set(channels)):
        errors["channels"] = [_("Mỗi hình thức tuyên truyền chỉ chọn một lần.")]
    return errors


def _check(draft: dict[str, Any]) -> None:
    errors = validate_draft(draft)
    if errors:
        raise ValidationError(errors)


def _managed_agency(agency: Agency, actor: Any) -> Agency:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    require(can_manage_plans(user_scope(actor), agency.path))
    ensure_writable(agency)
    return agency


def _apply(plan: Plan, draft: dict[str, Any]) -> None:
    for name in PLAN_FIELDS:
        setattr(
            plan,
            name,
            (draft.get(name) or "").strip() if name != "purposes" else draft.get(name) or "",
        )
    plan.title = plan.title[:500]
    plan.issued_on = _date(draft.get("issued_on"), "issued_on", {})
    plan.year_start = int(draft["year_start"])
    plan.year_end = int(draft["year_end"])


def _sync(plan: Plan, model: type, rows: list[dict[str, Any]], build: Any) -> None:
    """Update rows by id, create new ones, delete the rest: ids (and so generation keys of
    the tasks made from them) survive edits."""
    existing = {obj.pk: obj for obj in model.objects.filter(plan=plan)}
    wanted = {int(row["id"]) for row in rows if row.get("id")}
    # Rows dropped from the draft go first, so that a unique value (a plan's channel) can move
    # to another row.
    model.objects.filter(plan=plan).exclude(pk__in=wanted).delete()
    for order, row in enumerate(rows):
        obj = existing.get(int(row["id"])) if row.get("id") else None
        if obj is None:
            obj = model(plan=plan)
        obj.order = order
        build(obj, row)
        obj.save()


def _save_parts(plan: Plan, draft: dict[str, Any], actor: Any) -> None:
    def basis(obj: LegalBasis, row: dict[str, Any]) -> None:
        obj.text = row.get("text", "")
        obj.number = (row.get("number") or "")[:60]
        obj.date = _date(row.get("date"), "bases", {})
        obj.issuer = (row.get("issuer") or "")[:255]
        obj.document = (
            OutgoingNumber.objects.filter(symbol=obj.number).first() if obj.number else None
        )

    def item(obj: ContentItem, row: dict[str, Any]) -> None:
        obj.title = (row.get("title") or "")[:500]
        obj.body = row.get("body") or ""

    def channel(obj: PlanChannel, row: dict[str, Any]) -> None:
        obj.channel = row["channel"]
        obj.cadence = row.get("cadence") or ""
        obj.note = row.get("note") or ""

    def phase(obj: Phase, row: dict[str, Any]) -> None:
        obj.name = row["name"][:255]
        obj.start = _date(row["start"], "phases", {})  # type: ignore[assignment]
        obj.end = _date(row["end"], "phases", {})  # type: ignore[assignment]
        obj.content = row.get("content") or ""

    def assignment(obj: Assignment, row: dict[str, Any]) -> None:
        obj.unit_text = (row.get("unit_text") or "")[:255]
        obj.role = row["role"]
        obj.duties = row.get("duties") or ""
        obj.all_units = bool(row.get("all_units"))
        obj.agency = None
        if row.get("agency_id") and not obj.all_units:
            obj.agency = _unit_of(plan.agency, int(row["agency_id"]))
        elif row.get("create_unit") and not obj.all_units:
            obj.agency = agency_create(
                actor=actor, parent=plan.agency, code=_new_code(plan.agency), name=obj.unit_text
            )

    def recipient(obj: Recipient, row: dict[str, Any]) -> None:
        obj.text = (row.get("text") or "")[:255]

    _sync(plan, LegalBasis, draft.get("bases") or [], basis)
    _sync(plan, ContentItem, draft.get("content_items") or [], item)
    _sync(plan, PlanChannel, draft.get("channels") or [], channel)
    _sync(plan, Phase, draft.get("phases") or [], phase)
    _sync(plan, Assignment, draft.get("assignments") or [], assignment)
    _sync(plan, Recipient, [r for r in draft.get("recipients") or [] if r.get("text")], recipient)
    if "movement_ids" in draft:
        from thidua.movements.queries import movements_visible_to

        ids = [int(i) for i in draft.get("movement_ids") or []]
        plan.movements.set(movements_visible_to(actor).filter(pk__in=ids))


def _unit_of(agency: Agency, pk: int) -> Agency:
    unit = Agency.objects.filter(pk=pk, path__startswith=agency.path).first()
    if unit is None:
        raise ValidationError(
            {"assignments": _("Đơn vị được chọn không thuộc %(agency)s.") % {"agency": agency}}
        )
    return unit


def _new_code(parent: Agency) -> str:
    n = Agency.objects.filter(parent=parent).count() + 1
    while Agency.objects.filter(code=f"{parent.code}.KH{n}").exists():
        n += 1
    return f"{parent.code}.KH{n}"


@transaction.atomic
def plan_create(*, draft: dict[str, Any], agency: Agency, actor: Any) -> Plan:
    """Create a plan (status draft) from a reviewed draft: the only way an import is persisted."""
    agency = _managed_agency(agency, actor)
    _check(draft)
    plan = Plan(
        agency=agency,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        source_name=(draft.get("source_name") or "")[:255],
        source_text=draft.get("source_text") or "",
        warnings=list(draft.get("warnings") or []),
    )
    _apply(plan, draft)
    plan.save()
    _save_parts(plan, draft, actor)
    action = "thidua.plan_import" if draft.get("source_text") else "thidua.create"
    audit.record(plan, action, actor=actor, note=plan.source_name)
    return plan


@transaction.atomic
def plan_update(plan: Plan, *, draft: dict[str, Any], actor: Any) -> Plan:
    """Edit a plan and its parts. Issued plans keep their number; their tasks are brought in
    line by ``plan_tasks_regenerate``."""
    plan = Plan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    _managed_agency(plan.agency, actor)
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError(_("Kế hoạch đã kết thúc; không sửa được nữa."))
    _check(draft)
    before = audit.snapshot(plan)
    if plan.outgoing_number_id:
        draft = {**draft, "number_symbol": plan.number_symbol}
    _apply(plan, draft)
    plan.save()
    _save_parts(plan, draft, actor)
    audit.record(
        plan, "thidua.update", actor=actor, changes=audit.diff(before, audit.snapshot(plan))
    )
    return plan


@transaction.atomic
def plan_issue(plan: Plan, *, actor: Any, date: dt.date | None = None) -> Plan:
    """Issue a draft plan: take a number from the outgoing register when it has none, then
    generate its tasks."""
    from thidua.plans.services.tasks import generate_tasks

    plan = Plan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    _managed_agency(plan.agency, actor)
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError(_("Kế hoạch đã được ban hành trước đó."))
    plan.issued_on = plan.issued_on or date or timezone.localdate()
    if not plan.number_symbol:
        entry = number_reserve(
            agency=plan.agency, type_abbr="KH", date=plan.issued_on, summary=plan.title, actor=actor
        )
        plan.outgoing_number = entry
        plan.number_symbol = entry.symbol
    plan.status = Plan.Status.ISSUED
    plan.save()
    created = generate_tasks(plan)
    audit.record(
        plan, "thidua.plan_issue", actor=actor, note=plan.number_symbol, extra={"tasks": created}
    )
    return plan


@transaction.atomic
def plan_close(plan: Plan, *, actor: Any) -> Plan:
    plan = Plan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    _managed_agency(plan.agency, actor)
    if plan.status not in (Plan.Status.ISSUED, Plan.Status.IN_PROGRESS):
        raise ValidationError(_("Chỉ kết thúc được kế hoạch đã ban hành."))
    plan.status = Plan.Status.CLOSED
    plan.save(update_fields=["status", "updated_at"])
    audit.record(plan, "thidua.plan_close", actor=actor)
    return plan


def mark_in_progress(plan_id: int) -> None:
    """First work reported on an issued plan: it is now in progress (inside a transaction)."""
    Plan.objects.filter(pk=plan_id, status=Plan.Status.ISSUED).update(
        status=Plan.Status.IN_PROGRESS
    )
