"""Writes of bloc covenants and scoring: covenant and signatures, versioned scoring tables,
self- and cross-scoring with evidence, sending to the bloc, publication and locked changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.movements import permissions as perms
from thidua.movements.models import (
    Covenant,
    CovenantSignatory,
    Criterion,
    Evidence,
    Score,
    ScoreChange,
    ScoreSheet,
    ScoringSection,
    ScoringTable,
)
from thidua.movements.queries.scoring import can_manage_bloc, member_ids
from thidua.movements.services.common import format_points, require
from thidua.org.models import Agency, Bloc
from thidua.org.queries import user_scope


def _require_members(bloc_id: int, year: int, *agencies: Agency) -> None:
    ids = member_ids(bloc_id, year)
    for agency in agencies:
        if agency.pk not in ids:
            raise ValidationError(
                _("%(name)s không phải thành viên của khối trong năm %(year)s.")
                % {"name": agency.name, "year": year}
            )


# --- Covenant ---------------------------------------------------------------------------------


@transaction.atomic
def covenant_save(
    *,
    actor: Any,
    bloc: Bloc,
    year: int,
    title: str,
    text: str,
    signed_on: Any = None,
    place: str = "",
) -> Covenant:
    require(can_manage_bloc(actor, bloc, year))
    if not text.strip():
        raise ValidationError({"text": _("Nhập nội dung giao ước thi đua.")})
    covenant = Covenant.objects.select_for_update().filter(bloc=bloc, year=year).first()
    if covenant is not None and covenant.signatories.exists():
        raise ValidationError(_("Giao ước đã có cơ quan ký; không sửa được nội dung."))
    covenant = covenant or Covenant(bloc=bloc, year=year)
    covenant.title = title.strip() or _("Giao ước thi đua năm %(year)s") % {"year": year}
    covenant.text = text.strip()
    covenant.signed_on = signed_on
    covenant.place = place
    covenant.save()
    audit.record(bloc, "thidua.update", actor=actor, changes={f"covenant_{year}": [None, title]})
    return covenant


@transaction.atomic
def covenant_sign(
    covenant: Covenant, *, actor: Any, agency: Agency, signer_name: str, signer_position: str = ""
) -> CovenantSignatory:
    covenant = Covenant.objects.select_for_update().get(pk=covenant.pk)
    require(perms.can_act_for_bloc_member(user_scope(actor), agency.path))
    _require_members(covenant.bloc_id, covenant.year, agency)
    if not signer_name.strip():
        raise ValidationError({"signer_name": _("Nhập họ tên người ký giao ước.")})
    if CovenantSignatory.objects.filter(covenant=covenant, agency=agency).exists():
        raise ValidationError(_("%(name)s đã ký giao ước này.") % {"name": agency.name})
    signatory = CovenantSignatory.objects.create(
        covenant=covenant,
        agency=agency,
        signer_name=signer_name.strip(),
        signer_position=signer_position.strip(),
        recorded_by=actor,
    )
    audit.record(
        covenant.bloc,
        "thidua.covenant_sign",
        actor=actor,
        extra={"year": covenant.year, "agency": agency.code, "signer": signatory.signer_name},
    )
    return signatory


# --- Scoring table -------------------------------------------------------------------------


@dataclass
class CriterionSpec:
    code: str
    text: str
    max_points: Decimal
    kind: str = Criterion.Kind.SCORE
    evidence_required: bool = False


@dataclass
class SectionSpec:
    code: str
    title: str
    criteria: list[CriterionSpec] = field(default_factory=list)


@transaction.atomic
def scoring_table_create(
    *, actor: Any, bloc: Bloc, year: int, title: str, sections: list[SectionSpec], basis: str = ""
) -> ScoringTable:
    """A new version of the bloc's table for the year; it replaces the current one, whose
    scores stay attached to it. Refused once the year's results are published."""
    require(can_manage_bloc(actor, bloc, year))
    current = (
        ScoringTable.objects.select_for_update()
        .filter(bloc=bloc, year=year, is_current=True)
        .first()
    )
    if current is not None and current.is_locked:
        raise ValidationError(
            _("Kết quả chấm điểm năm %(year)s đã công bố; không thay bảng điểm được.")
            % {"year": year}
        )
    if not sections or not any(s.criteria for s in sections):
        raise ValidationError(_("Bảng điểm cần ít nhất một mục có tiêu chí."))
    version = (
        ScoringTable.objects.filter(bloc=bloc, year=year)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    table = ScoringTable.objects.create(
        bloc=bloc, year=year, version=version, title=title, basis=basis, created_by=actor
    )
    for s_order, spec in enumerate(sections, start=1):
        section = ScoringSection.objects.create(
            table=table, order=s_order, code=spec.code, title=spec.title
        )
        for c_order, c in enumerate(spec.criteria, start=1):
            if c.max_points <= 0:
                raise ValidationError(
                    _("Tiêu chí %(code)s: điểm tối đa phải lớn hơn 0.") % {"code": c.code}
                )
            Criterion.objects.create(
                section=section,
                order=c_order,
                code=c.code,
                text=c.text,
                kind=c.kind,
                max_points=c.max_points,
                evidence_required=c.evidence_required,
            )
    audit.record(
        bloc, "thidua.scoring_table", actor=actor, extra={"year": year, "version": version}
    )
    return table


# --- Scoring --------------------------------------------------------------------------------


def _totals(sheet: ScoreSheet) -> None:
    base = bonus = penalty = Decimal(0)
    for score in sheet.scores.select_related("criterion"):
        kind = score.criterion.kind
        if kind == Criterion.Kind.BONUS:
            bonus += score.points
        elif kind == Criterion.Kind.PENALTY:
            penalty += score.points
        else:
            base += score.points
    sheet.base_total, sheet.bonus_total, sheet.penalty_total = base, bonus, penalty
    sheet.total = base + bonus - penalty


def _parse_points(value: Any, criterion: Criterion) -> Decimal:
    try:
        points = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("Tiêu chí %(code)s: “%(value)s” không phải là số điểm.")
            % {"code": criterion.code, "value": value}
        ) from None
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("Tiêu chí %(code)s: điểm phải từ 0 đến %(max)s.")
            % {"code": criterion.code, "max": format_points(criterion.max_points)}
        )
    return points


@transaction.atomic
def score_sheet_save(
    table: ScoringTable,
    *,
    actor: Any,
    subject: Agency,
    scorer: Agency,
    points: dict[int, Any],
    notes: dict[int, str] | None = None,
    reason: str = "",
) -> ScoreSheet:
    """Save a member's scores of itself (self) or of another member (cross).

    Before publication a sheet is edited freely until it is sent to the bloc. After publication
    every change needs a ``reason`` and is recorded (ScoreChange).
    """
    table = ScoringTable.objects.select_for_update().get(pk=table.pk)
    require(perms.can_act_for_bloc_member(user_scope(actor), scorer.path))
    _require_members(table.bloc_id, table.year, scorer, subject)
    kind = ScoreSheet.Kind.SELF if subject.pk == scorer.pk else ScoreSheet.Kind.CROSS
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(
        table=table, subject=subject, scorer=scorer, defaults={"kind": kind}
    )
    locked = table.is_locked
    if locked and not reason.strip():
        raise ValidationError(
            {"reason": _("Kết quả đã công bố: nêu lý do điều chỉnh điểm để lưu lại.")}
        )
    if not locked and sheet.submitted_at is not None:
        raise ValidationError(_("Phiếu chấm đã gửi khối; không sửa được nữa."))
    criteria = {c.pk: c for c in Criterion.objects.filter(section__table=table)}
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    changed: dict[str, list[Any]] = {}
    for criterion_id, raw in points.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ValidationError(_("Tiêu chí không thuộc bảng điểm này; tải lại trang."))
        if raw in (None, ""):
            continue
        value = _parse_points(raw, criterion)
        note = (notes or {}).get(criterion.pk, "")
        score = existing.get(criterion.pk)
        if score is None:
            score = Score.objects.create(sheet=sheet, criterion=criterion, points=value, note=note)
            if locked:
                ScoreChange.objects.create(
                    score=score,
                    old_points=0,
                    new_points=value,
                    reason=reason.strip(),
                    changed_by=actor,
                )
                changed[criterion.code] = [None, str(value)]
        elif score.points != value or score.note != note:
            if locked and score.points != value:
                ScoreChange.objects.create(
                    score=score,
                    old_points=score.points,
                    new_points=value,
                    reason=reason.strip(),
                    changed_by=actor,
                )
            if score.points != value:
                changed[criterion.code] = [str(score.points), str(value)]
            score.points, score.note = value, note
            score.save()
    _totals(sheet)
    sheet.save()
    audit.record(
        table.bloc,
        "thidua.score_change" if locked else "thidua.score_save",
        actor=actor,
        changes=changed,
        note=reason.strip(),
        extra={"table": table.pk, "subject": subject.code, "scorer": scorer.code},
    )
    return sheet


@transaction.atomic
def score_sheet_submit(sheet: ScoreSheet, *, actor: Any) -> ScoreSheet:
    """Send a sheet to the bloc: from then on the bloc sees it and it counts in the ranking.

    Every scoring criterion must be scored; a self-score with points on a criterion that needs
    evidence must have evidence attached."""
    sheet = (
        ScoreSheet.objects.select_for_update().select_related("table", "scorer").get(pk=sheet.pk)
    )
    require(perms.can_act_for_bloc_member(user_scope(actor), sheet.scorer.path))
    if sheet.submitted_at is not None:
        raise ValidationError(_("Phiếu chấm này đã gửi khối."))
    if sheet.table.is_locked:
        raise ValidationError(_("Kết quả đã công bố; không nhận thêm phiếu chấm."))
    criteria = list(Criterion.objects.filter(section__table=sheet.table))
    scores = {s.criterion_id: s for s in sheet.scores.all()}
    missing = [c.code for c in criteria if c.kind == Criterion.Kind.SCORE and c.pk not in scores]
    if missing:
        raise ValidationError(
            _("Chưa chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    if sheet.kind == ScoreSheet.Kind.SELF:
        proven = set(sheet.evidence.values_list("criterion_id", flat=True))
        unproven = [
            c.code
            for c in criteria
            if c.evidence_required
            and c.pk in scores
            and scores[c.pk].points > 0
            and c.pk not in proven
        ]
        if unproven:
            raise ValidationError(
                _("Các tiêu chí %(codes)s cần minh chứng; hãy tải tệp minh chứng rồi gửi lại.")
                % {"codes": ", ".join(unproven)}
            )
    sheet.submitted_at = timezone.now()
    sheet.submitted_by = actor
    sheet.save(update_fields=["submitted_at", "submitted_by", "updated_at"])
    audit.record(
        sheet.table.bloc,
        "thidua.score_submit",
        actor=actor,
        extra={"table": sheet.table_id, "subject": sheet.subject_id, "kind": sheet.kind},
    )
    return sheet


# Accepted evidence: (magic bytes, content type, extensions).
_SIGNATURES = [
    (b"%PDF-", "application/pdf", {".pdf"}),
    (b"\x89PNG\r\n\x1a\n", "image/png", {".png"}),
    (b"\xff\xd8\xff", "image/jpeg", {".jpg", ".jpeg"}),
    (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument",
        {".docx", ".xlsx", ".pptx"},
    ),
]


def _sniff(upload: UploadedFile) -> str:
    name = (upload.name or "").lower()
    ext = name[name.rfind(".") :] if "." in name else ""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type, extensions in _SIGNATURES:
        if head.startswith(magic) and ext in extensions:
            return content_type
    raise ValidationError(
        {
            "file": _(
                "Tệp minh chứng phải là PDF, ảnh JPG/PNG, hoặc Word/Excel (.docx, .xlsx); "
                "nội dung tệp không khớp các loại này."
            )
        }
    )


@transaction.atomic
def evidence_upload(
    sheet: ScoreSheet, *, actor: Any, criterion: Criterion, upload: UploadedFile
) -> Evidence:
    sheet = (
        ScoreSheet.objects.select_for_update().select_related("table", "scorer").get(pk=sheet.pk)
    )
    require(perms.can_act_for_bloc_member(user_scope(actor), sheet.scorer.path))
    if sheet.kind != ScoreSheet.Kind.SELF:
        raise ValidationError(_("Minh chứng gắn với phiếu tự chấm của cơ quan."))
    if sheet.submitted_at is not None and not sheet.table.is_locked:
        raise ValidationError(_("Phiếu tự chấm đã gửi khối; không thêm minh chứng được."))
    if criterion.section.table_id != sheet.table_id:
        raise ValidationError(_("Tiêu chí không thuộc bảng điểm này."))
    limit = settings.THIDUA_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "file": _("Tệp quá lớn: tối đa %(mb)s MB; hãy nén hoặc chia nhỏ tệp.")
                % {"mb": settings.THIDUA_MAX_UPLOAD_MB}
            }
        )
    if not upload.size:
        raise ValidationError({"file": _("Tệp rỗng; hãy chọn lại tệp minh chứng.")})
    content_type = _sniff(upload)
    evidence = Evidence(
        sheet=sheet,
        criterion=criterion,
        original_name=(upload.name or "")[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.file.save(upload.name or "minh-chung", upload, save=False)
    evidence.save()
    audit.record(
        sheet.table.bloc,
        "thidua.evidence_upload",
        actor=actor,
        extra={"sheet": sheet.pk, "criterion": criterion.code, "file": evidence.original_name},
    )
    return evidence


@transaction.atomic
def scoring_publish(table: ScoringTable, *, actor: Any) -> ScoringTable:
    """Publish the ranking to the bloc; scores are locked from then on."""
    table = ScoringTable.objects.select_for_update().get(pk=table.pk)
    require(can_manage_bloc(actor, table.bloc_id, table.year))
    if table.is_locked:
        raise ValidationError(_("Kết quả đã được công bố."))
    if not table.is_current:
        raise ValidationError(_("Chỉ công bố theo phiên bản bảng điểm đang áp dụng."))
    if not table.sheets.filter(submitted_at__isnull=False, kind=ScoreSheet.Kind.SELF).exists():
        raise ValidationError(_("Chưa có cơ quan nào gửi phiếu tự chấm; chưa thể công bố."))
    table.published_at = timezone.now()
    table.published_by = actor
    table.save(update_fields=["published_at", "published_by"])
    audit.record(table.bloc, "thidua.scoring_publish", actor=actor, extra={"table": table.pk})
    return table
