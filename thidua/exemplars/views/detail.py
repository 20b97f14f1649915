"""The exemplar's detail page: what the user may do next, and everything recorded so far."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.exemplars import permissions as perms
from thidua.exemplars import queries
from thidua.exemplars.models import Exemplar, NurturingPlan, Stage
from thidua.exemplars.services import ALLOWED_MOVES
from thidua.org.queries import user_scope


def actions_for(user: Any, exemplar: Exemplar) -> list[tuple[str, str, bool]]:
    """(label, url, primary) of the operations this user may take on this exemplar now."""
    scope = user_scope(user)
    path = exemplar.unit.path
    manage = perms.can_manage_exemplar(scope, path) and not exemplar.unit.is_read_only
    moves = ALLOWED_MOVES[exemplar.stage]
    pk = exemplar.pk
    found: list[tuple[str, str, bool]] = []

    def add(label: str, name: str, primary: bool = False) -> None:
        found.append((label, reverse(f"exemplars_ops:{name}", args=[pk]), primary))

    if manage and Stage.NURTURING in moves and exemplar.stage == Stage.DISCOVERED:
        add(_("Đưa vào bồi dưỡng"), "nurture", True)
    if (
        perms.can_recognise_exemplar(scope, path)
        and not exemplar.unit.is_read_only
        and exemplar.stage == Stage.NURTURING
    ):
        add(_("Ghi nhận công nhận"), "recognise", True)
    if manage and exemplar.stage in (Stage.RECOGNISED, Stage.REPLICATED):
        add(_("Ghi nhận nhân rộng"), "replication", exemplar.stage == Stage.RECOGNISED)
    if manage and exemplar.stage in (Stage.NURTURING, Stage.RECOGNISED, Stage.REPLICATED):
        add(_("Ghi nhật ký bồi dưỡng"), "log")
    if manage and exemplar.is_followed:
        add(_("Thêm minh chứng"), "evidence")
    if perms.can_record_coverage(scope, path):
        add(_("Ghi nhận tuyên truyền"), "coverage")
    if perms.can_approve_publication(scope, path) and (
        exemplar.approved_for_publication or exemplar.is_followed
    ):
        add(
            _("Thôi công bố")
            if exemplar.approved_for_publication
            else _("Cho phép công bố trên cổng"),
            "publication",
        )
    if manage and exemplar.is_followed:
        add(_("Dừng theo dõi"), "drop")
    if manage and not exemplar.is_followed:
        add(_("Theo dõi lại"), "resume", True)
    return found


def detail_context(request: HttpRequest, exemplar: Exemplar) -> dict[str, Any]:
    plan = NurturingPlan.objects.filter(exemplar=exemplar).select_related("mentor").first()
    counts = queries.coverage_counts([exemplar])[exemplar.pk]
    scope = user_scope(request.user)
    return {
        "exemplar": exemplar,
        "plan": plan,
        "criteria": exemplar.field.criteria_list,
        "evidence": queries.evidence_of(exemplar),
        "timeline": queries.exemplar_timeline(exemplar),
        "coverage_counts": counts,
        "coverage_kinds": [
            (label, counts[value]) for value, label in exemplar.coverage.model.Kind.choices
        ],
        "exemplar_actions": actions_for(request.user, exemplar),
        "can_edit_plan": plan is not None
        and perms.can_manage_exemplar(scope, exemplar.unit.path)
        and exemplar.is_followed,
    }
