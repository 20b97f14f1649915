"""Fields (lĩnh vực) and their criteria, configured by the Office."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.exemplars import permissions as perms
from thidua.exemplars.models import ExemplarField
from thidua.org.models import Agency
from thidua.org.queries import user_scope
from thidua.org.services.common import apply_fields, require

FIELD_FIELDS = {"name", "description", "criteria", "is_active"}


def _save(field: ExemplarField) -> None:
    field.name = " ".join((field.name or "").split())
    field.full_clean(validate_unique=False)
    duplicate = ExemplarField.objects.filter(agency=field.agency, name__iexact=field.name).exclude(
        pk=field.pk
    )
    if duplicate.exists():
        raise ValidationError({"name": _("Đã có lĩnh vực “%(name)s”.") % {"name": field.name}})
    try:
        with transaction.atomic():
            field.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"name": _("Đã có lĩnh vực “%(name)s”.") % {"name": field.name}}
        ) from exc


@transaction.atomic
def field_create(*, actor: Any, agency: Agency | None, **fields: Any) -> ExemplarField:
    require(
        perms.can_manage_fields_of(user_scope(actor), agency.path if agency else None),
        _("Lĩnh vực do Văn phòng của cơ quan cấu hình; lĩnh vực dùng chung do cấp tỉnh cấu hình."),
    )
    field = ExemplarField(agency=agency)
    apply_fields(field, fields, FIELD_FIELDS)
    _save(field)
    audit.record(field, "thidua.create", actor=actor)
    return field


@transaction.atomic
def field_update(field: ExemplarField, *, actor: Any, **fields: Any) -> ExemplarField:
    field = (
        ExemplarField.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=field.pk)
    )
    require(
        perms.can_manage_fields_of(user_scope(actor), field.agency.path if field.agency else None)
    )
    before = audit.snapshot(field)
    apply_fields(field, fields, FIELD_FIELDS)
    _save(field)
    changes = audit.diff(before, audit.snapshot(field))
    if changes:
        audit.record(field, "thidua.update", actor=actor, changes=changes)
    return field
