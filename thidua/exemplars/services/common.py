"""Shared pieces of the exemplar services: audit actions, the allowed stage moves, locking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from thidua.core import audit
from thidua.exemplars.models import Exemplar, Stage, StageChange
from thidua.org.services.common import ensure_writable, require

__all__ = ["ALLOWED_MOVES", "AUDIT_ACTIONS", "ensure_writable", "lock", "move", "require"]

AUDIT_ACTIONS = {
    "thidua.exemplar_nurture": (N_("Đưa vào bồi dưỡng"), N_("Đã đưa vào bồi dưỡng")),
    "thidua.exemplar_recognise": (N_("Ghi nhận công nhận"), N_("Đã ghi nhận công nhận")),
    "thidua.exemplar_replicate": (N_("Nhân rộng"), N_("Đã ghi nhận nhân rộng")),
    "thidua.exemplar_drop": (N_("Dừng theo dõi"), N_("Đã dừng theo dõi")),
    "thidua.exemplar_resume": (N_("Theo dõi lại"), N_("Đã theo dõi lại")),
    "thidua.exemplar_publication": (
        N_("Cho phép công bố"),
        N_("Đã thay đổi quyền công bố trên cổng thông tin"),
    ),
    "thidua.exemplar_log": (N_("Ghi nhật ký bồi dưỡng"), N_("Đã ghi nhật ký bồi dưỡng")),
    "thidua.exemplar_evidence": (N_("Thêm minh chứng"), N_("Đã thêm minh chứng")),
    "thidua.exemplar_coverage": (N_("Ghi nhận tuyên truyền"), N_("Đã ghi nhận tuyên truyền")),
    "thidua.exemplar_coverage_remove": (N_("Gỡ tuyên truyền"), N_("Đã gỡ tuyên truyền")),
}
audit.register_actions(AUDIT_ACTIONS)

# The lifecycle: discovered → being nurtured → recognised → replicated; any followed stage may
# stop being followed (with a reason), and a dropped exemplar resumes where it stopped.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    Stage.DISCOVERED: frozenset({Stage.NURTURING, Stage.DROPPED}),
    Stage.NURTURING: frozenset({Stage.RECOGNISED, Stage.DROPPED}),
    Stage.RECOGNISED: frozenset({Stage.REPLICATED, Stage.DROPPED}),
    Stage.REPLICATED: frozenset({Stage.DROPPED}),
    Stage.DROPPED: frozenset(
        {Stage.DISCOVERED, Stage.NURTURING, Stage.RECOGNISED, Stage.REPLICATED}
    ),
}


def lock(exemplar: Exemplar) -> Exemplar:
    """The exemplar, locked for the rest of the transaction, with its unit."""
    return (
        Exemplar.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__successor", "field")
        .get(pk=exemplar.pk)
    )


def move(
    exemplar: Exemplar,
    to: str,
    *,
    actor: Any,
    reason: str = "",
    resume: bool = False,
    on: dt.date | None = None,
) -> StageChange:
    """Change the stage along an allowed edge and keep the history row. The caller holds the
    lock, has checked the permission and records the audit entry. Edges out of "dropped" are
    taken only by resuming (``resume=True``)."""
    stages = dict(Stage.choices)
    if exemplar.stage == Stage.DROPPED and not resume:
        raise ValidationError(
            _("Không thể chuyển điển hình đã dừng theo dõi; hãy “Theo dõi lại” trước.")
        )
    if to not in ALLOWED_MOVES[exemplar.stage]:
        raise ValidationError(
            _("Không thể chuyển điển hình từ “%(from)s” sang “%(to)s”. %(hint)s")
            % {"from": stages[exemplar.stage], "to": stages[to], "hint": _hint(exemplar.stage)}
        )
    change = StageChange.objects.create(
        exemplar=exemplar,
        from_stage=exemplar.stage,
        to_stage=to,
        on=on or timezone.localdate(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )
    exemplar.stage = to
    exemplar.stage_changed_at = timezone.now()
    return change


def _hint(stage: str) -> str:
    stages = dict(Stage.choices)
    nexts = [str(stages[s]) for s in Stage.values if s in ALLOWED_MOVES[stage]]
    return _("Từ giai đoạn này chỉ có thể chuyển sang: %(next)s.") % {"next": ", ".join(nexts)}


def required_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text
