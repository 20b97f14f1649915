"""Audit entries written by services, in the same transaction as the change.

Built on Wagtail's log entries (``wagtail.log_actions``), so that each object's history page in
the back office shows who did what and which fields changed.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_
from wagtail.log_actions import get_active_log_context, log
from wagtail.log_actions import registry as log_registry

ACTIONS = {
    # action code -> (label, past-tense message); registered in core/wagtail_hooks.py
    "thidua.create": (N_("Tạo mới"), N_("Đã tạo")),
    "thidua.update": (N_("Cập nhật"), N_("Đã cập nhật")),
    "thidua.merge": (N_("Sáp nhập"), N_("Đã sáp nhập")),
    "thidua.import": (N_("Nhập từ Excel"), N_("Đã nhập từ Excel")),
    "thidua.role_grant": (N_("Giao vai trò"), N_("Đã giao vai trò")),
    "thidua.role_revoke": (N_("Thu hồi vai trò"), N_("Đã thu hồi vai trò")),
    "thidua.transfer": (N_("Điều chuyển"), N_("Đã điều chuyển")),
}


def register_actions(actions: dict[str, tuple[str, str]]) -> None:
    """Add an app's audit actions (code -> (label, past-tense message), both marked with N_).

    Call it at import time of the app's services module that writes those actions, and import
    that module from the app's ``AppConfig.ready`` so the labels exist before any history page
    is shown (core/wagtail_hooks.py registers them with Wagtail).
    """
    for code, labels in actions.items():
        if code in ACTIONS and ACTIONS[code] != labels:
            raise ValueError(f"Audit action {code!r} registered twice with different labels")
        ACTIONS[code] = labels


def snapshot(instance: models.Model, field_names: Iterable[str] | None = None) -> dict[str, Any]:
    """The current values of an instance's fields, for diffing after a change.

    By default the fields a user can edit: derived columns (search text, tree path, sort keys,
    timestamps; ``editable=False``) change with them and are not history of their own.
    """
    names = field_names or [
        f.attname for f in instance._meta.concrete_fields if f.editable and not f.primary_key
    ]
    return {name: getattr(instance, name) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [old, new]} with JSON-ready values."""
    return {
        name: [_plain(before.get(name)), _plain(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def record(
    instance: models.Model,
    action: str,
    *,
    actor: Any,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
    extra: dict[str, Any] | None = None,
) -> None:
    """Write one audit entry. Must run inside the service's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}")
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")
    data: dict[str, Any] = {"changes": changes or {}}
    if note:
        data["note"] = note
    if extra:
        data.update(extra)
    user = actor if getattr(actor, "is_authenticated", False) else None
    log(instance=instance, action=action, user=user, data=data, content_changed=True)


def record_created(instances: Sequence[models.Model], *, actor: Any) -> None:
    """One "thidua.create" entry per instance, as ``record(instance, "thidua.create")`` writes
    it, in one bulk insert (for services that create many rows at once: the Excel import).
    The instances must be of one model and saved."""
    if not instances:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record_created must be called inside the service's transaction")
    model = log_registry.get_log_model_for_instance(instances[0])
    if model is None:
        return
    content_type = ContentType.objects.get_for_model(instances[0], for_concrete_model=False)
    user = actor if getattr(actor, "is_authenticated", False) else None
    context = get_active_log_context()
    now = timezone.now()
    model.objects.bulk_create(
        [
            model(
                content_type=content_type,
                label=model.objects.get_instance_title(instance),
                action="thidua.create",
                timestamp=now,
                data={"changes": {}},
                user=user or context.user,
                uuid=context.uuid,
                content_changed=True,
                object_id=str(instance.pk),
            )
            for instance in instances
        ],
        batch_size=2000,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value
