"""What is recorded about an exemplar along the way: nurturing log, evidence, replications and
coverage (the last also called by the portal and the plans)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.exemplars import permissions as perms
from thidua.exemplars.models import (
    Coverage,
    Evidence,
    Exemplar,
    NurturingLog,
    Replication,
    Stage,
)
from thidua.exemplars.services.common import ensure_writable, lock, move, require, required_text
from thidua.exemplars.uploads import check_evidence_file
from thidua.org.models import Agency
from thidua.org.queries import user_scope

LOGGABLE = frozenset({Stage.NURTURING, Stage.RECOGNISED, Stage.REPLICATED})


def _not_future(value: dt.date | None, field: str, label: str) -> dt.date:
    if value is None:
        raise ValidationError({field: _("Nhập %(label)s (dd/mm/yyyy).") % {"label": label}})
    if value > timezone.localdate():
        raise ValidationError({field: _("%(label)s không thể ở tương lai.") % {"label": label}})
    return value


@transaction.atomic
def log_add(exemplar: Exemplar, *, actor: Any, date: dt.date, content: str) -> NurturingLog:
    """A dated entry of the nurturing log (a visit, training, support, progress seen)."""
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    ensure_writable(exemplar.unit)
    if exemplar.stage not in LOGGABLE:
        raise ValidationError(
            _(
                "Chỉ ghi nhật ký khi điển hình đang được bồi dưỡng hoặc đã công nhận; hãy “Đưa "
                "vào bồi dưỡng” trước."
            )
        )
    entry = NurturingLog.objects.create(
        exemplar=exemplar,
        date=_not_future(date, "date", _("ngày")),
        content=required_text(content, "content", _("Ghi nội dung bồi dưỡng, hỗ trợ đã làm.")),
        recorded_by=actor,
    )
    audit.record(exemplar, "thidua.exemplar_log", actor=actor, note=entry.content[:200])
    return entry


@transaction.atomic
def replication_record(
    exemplar: Exemplar,
    *,
    actor: Any,
    adopted_on: dt.date,
    result: str = "",
    adopting_unit: Agency | None = None,
    adopting_unit_name: str = "",
) -> Replication:
    """A unit adopted the model. The first one moves a recognised exemplar to "replicated"."""
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    ensure_writable(exemplar.unit)
    if exemplar.stage not in (Stage.RECOGNISED, Stage.REPLICATED):
        raise ValidationError(
            _(
                "Chỉ ghi nhận nhân rộng sau khi điển hình đã được công nhận; hãy ghi nhận quyết "
                "định công nhận trước."
            )
        )
    name = " ".join((adopting_unit_name or "").split())
    if adopting_unit is None and not name:
        raise ValidationError(
            {"adopting_unit": _("Chọn đơn vị áp dụng, hoặc nhập tên đơn vị ngoài hệ thống.")}
        )
    replication = Replication.objects.create(
        exemplar=exemplar,
        adopting_unit=adopting_unit,
        adopting_unit_name="" if adopting_unit else name,
        adopted_on=_not_future(adopted_on, "adopted_on", _("ngày áp dụng")),
        result=(result or "").strip(),
        recorded_by=actor,
    )
    changes: dict[str, list[Any]] = {}
    if exemplar.stage == Stage.RECOGNISED:
        move(
            exemplar,
            Stage.REPLICATED,
            actor=actor,
            reason=_("Nhân rộng tại %(unit)s") % {"unit": replication.unit_label},
            on=replication.adopted_on,
        )
        exemplar.save()
        changes["stage"] = [Stage.RECOGNISED, Stage.REPLICATED]
    audit.record(
        exemplar,
        "thidua.exemplar_replicate",
        actor=actor,
        changes=changes,
        note=replication.unit_label,
    )
    return replication


@transaction.atomic
def evidence_add(
    exemplar: Exemplar,
    *,
    actor: Any,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> Evidence:
    """A file (checked by content and size, kept in private storage) or a link."""
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    ensure_writable(exemplar.unit)
    title = required_text(title, "title", _("Đặt tên cho minh chứng, ví dụ “Bằng khen năm 2024”."))
    url = (url or "").strip()
    if bool(upload) == bool(url):
        raise ValidationError(
            {"file": _("Chọn một tệp minh chứng hoặc nhập một đường dẫn (chỉ một trong hai).")}
        )
    evidence = Evidence(exemplar=exemplar, title=title, added_by=actor)
    if upload:
        evidence.content_type = check_evidence_file(upload, upload.size or 0)
        evidence.original_name = os.path.basename(upload.name or "minh-chung")[:255]
        evidence.size = upload.size or 0
        evidence.file.save(evidence.original_name, upload, save=False)
    else:
        evidence.url = url
        evidence.full_clean(exclude=["exemplar", "file"])
    evidence.save()
    audit.record(exemplar, "thidua.exemplar_evidence", actor=actor, note=title)
    return evidence


@transaction.atomic
def coverage_record(
    exemplar: Exemplar,
    *,
    actor: Any,
    kind: str,
    title: str,
    date: dt.date,
    url: str = "",
    target: models.Model | None = None,
) -> Coverage:
    """Count an article, meeting or activity that featured the exemplar.

    For the portal and the plans: pass the article or activity as ``target``; calling again
    for the same target updates its title, date and URL instead of counting it twice.
    ``actor=None`` means the system (a scheduled publication run by the worker): no
    permission check, the audit entry has no user.
    """
    exemplar = lock(exemplar)
    if actor is not None:
        require(perms.can_record_coverage(user_scope(actor), exemplar.unit.path))
    if kind not in Coverage.Kind.values:
        raise ValidationError({"kind": _("Chọn hình thức: bài viết, hội nghị, hoạt động, khác.")})
    title = required_text(title, "title", _("Nhập tiêu đề bài viết, hội nghị hoặc hoạt động."))
    if date is None:
        raise ValidationError({"date": _("Nhập ngày đăng hoặc ngày tổ chức (dd/mm/yyyy).")})
    values = {"kind": kind, "title": title[:255], "date": date, "url": (url or "").strip()}
    coverage: Coverage | None = None
    if target is not None:
        target_type = ContentType.objects.get_for_model(target)
        coverage = (
            Coverage.objects.select_for_update()
            .filter(exemplar=exemplar, target_type=target_type, target_id=str(target.pk))
            .first()
        )
        if coverage is None:
            coverage = Coverage(
                exemplar=exemplar, target_type=target_type, target_id=str(target.pk)
            )
    else:
        coverage = Coverage(exemplar=exemplar)
    created = coverage.pk is None
    for name, value in values.items():
        setattr(coverage, name, value)
    if created:
        coverage.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    coverage.full_clean(exclude=["exemplar", "target_type"], validate_constraints=False)
    coverage.save()
    audit.record(
        exemplar,
        "thidua.exemplar_coverage",
        actor=actor,
        note=title,
        extra={"coverage_id": coverage.pk, "kind": kind},
    )
    return coverage


@transaction.atomic
def coverage_remove(coverage: Coverage, *, actor: Any, reason: str = "") -> None:
    """Stop counting a coverage record (an article withdrawn, a meeting recorded by mistake).
    ``actor=None`` means the system, as in ``coverage_record``."""
    exemplar = lock(coverage.exemplar)
    if actor is not None:
        require(perms.can_record_coverage(user_scope(actor), exemplar.unit.path))
    title = coverage.title
    Coverage.objects.filter(pk=coverage.pk).delete()
    audit.record(exemplar, "thidua.exemplar_coverage_remove", actor=actor, note=reason or title)
