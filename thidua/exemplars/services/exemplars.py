"""Recording and editing an exemplar; approval for publication on the portal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.exemplars import permissions as perms
from thidua.exemplars.models import Exemplar, ExemplarField, StageChange, SubjectKind
from thidua.exemplars.services.common import ensure_writable, lock, require
from thidua.org.models import Agency, Person
from thidua.org.queries import user_scope

EXEMPLAR_FIELDS = {
    "subject_kind",
    "person",
    "collective",
    "name",
    "kind",
    "field",
    "summary",
    "achievements",
    "discovered_on",
    "image",
}


def _clean(exemplar: Exemplar, fields: dict[str, Any]) -> None:
    unknown = set(fields) - EXEMPLAR_FIELDS
    if unknown:
        raise ValueError(f"Unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(exemplar, name, value)
    exemplar.name = " ".join((exemplar.name or "").split())
    exemplar.achievements = (exemplar.achievements or "").strip()
    if exemplar.subject_kind == SubjectKind.PERSON:
        exemplar.collective = None
        if not exemplar.name and exemplar.person_id:
            exemplar.name = Person.objects.get(pk=exemplar.person_id).full_name
    else:
        exemplar.person = None
        if not exemplar.name and exemplar.collective_id:
            exemplar.name = Agency.objects.get(pk=exemplar.collective_id).name
    errors: dict[str, str] = {}
    if not exemplar.name:
        errors["name"] = _(
            "Nhập tên điển hình, hoặc chọn cá nhân/tập thể trong danh sách để lấy tên theo hồ sơ."
        )
    if not exemplar.achievements:
        errors["achievements"] = _("Mô tả thành tích nổi bật của điển hình (không để trống).")
    if exemplar.field_id and exemplar.unit_id:
        from thidua.exemplars.queries import fields_for_unit

        if not fields_for_unit(exemplar.unit).filter(pk=exemplar.field_id).exists():
            errors["field"] = _(
                "Lĩnh vực này không dùng cho %(unit)s; chọn một lĩnh vực của cơ quan hoặc lĩnh "
                "vực dùng chung."
            ) % {"unit": exemplar.unit.name}
    if exemplar.discovered_on and exemplar.discovered_on > timezone.localdate():
        errors["discovered_on"] = _("Ngày phát hiện không thể ở tương lai.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def exemplar_create(*, actor: Any, unit: Agency, field: ExemplarField, **fields: Any) -> Exemplar:
    """Record a newly discovered exemplar, proposed by ``unit``."""
    unit = Agency.objects.select_for_update().get(pk=unit.pk)
    require(
        perms.can_manage_exemplar(user_scope(actor), unit.path),
        _("Bạn chỉ có thể ghi nhận điển hình của đơn vị mình phụ trách."),
    )
    ensure_writable(unit)
    exemplar = Exemplar(unit=unit, field=field, created_by=actor)
    fields.setdefault("discovered_on", timezone.localdate())
    _clean(exemplar, fields)
    exemplar.full_clean(exclude=["stage_changed_at"])
    exemplar.save()
    StageChange.objects.create(
        exemplar=exemplar,
        from_stage="",
        to_stage=exemplar.stage,
        on=exemplar.discovered_on,
        actor=actor,
    )
    audit.record(exemplar, "thidua.create", actor=actor)
    return exemplar


@transaction.atomic
def exemplar_update(exemplar: Exemplar, *, actor: Any, **fields: Any) -> Exemplar:
    exemplar = lock(exemplar)
    require(perms.can_manage_exemplar(user_scope(actor), exemplar.unit.path))
    ensure_writable(exemplar.unit)
    before = audit.snapshot(exemplar)
    _clean(exemplar, fields)
    exemplar.full_clean()
    exemplar.save()
    changes = audit.diff(before, audit.snapshot(exemplar))
    if changes:
        audit.record(exemplar, "thidua.update", actor=actor, changes=changes)
    return exemplar


@transaction.atomic
def exemplar_set_publication(
    exemplar: Exemplar, *, actor: Any, approved: bool, note: str = ""
) -> Exemplar:
    """Allow (or withdraw) publication of the exemplar's profile on the portal.

    Only followed exemplars can be approved; a withdrawal needs a reason.
    """
    exemplar = lock(exemplar)
    require(
        perms.can_approve_publication(user_scope(actor), exemplar.unit.path),
        _("Chỉ Văn phòng hoặc lãnh đạo cơ quan được cho phép công bố điển hình."),
    )
    if approved == exemplar.approved_for_publication:
        return exemplar
    if approved and not exemplar.is_followed:
        raise ValidationError(
            _("Điển hình đã dừng theo dõi; hãy theo dõi lại trước khi cho phép công bố.")
        )
    if not approved and not (note or "").strip():
        raise ValidationError({"note": _("Nêu lý do thôi công bố điển hình này.")})
    exemplar.approved_for_publication = approved
    exemplar.publication_approved_at = timezone.now() if approved else None
    exemplar.publication_approved_by = actor if approved else None
    exemplar.save()
    audit.record(
        exemplar,
        "thidua.exemplar_publication",
        actor=actor,
        changes={"approved_for_publication": [not approved, approved]},
        note=(note or "").strip(),
    )
    return exemplar
