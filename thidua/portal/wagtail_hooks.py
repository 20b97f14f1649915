"""Back office of the portal: unpublishing asks for a reason (kept in the page's history), and
editors and leaders see the publication schedule and the articles waiting for approval on their
dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from thidua.core import audit
from thidua.portal.dashboard import PortalSchedulePanel

REASON_FIELD = "reason"
MAX_REASON = 500


def _reason(request: Any) -> str:
    return (request.POST.get(REASON_FIELD) or "").strip()[:MAX_REASON]


@hooks.register("before_unpublish_page")
def require_unpublish_reason(request: Any, page: Any) -> Any:
    if request.method == "POST" and not _reason(request):
        messages.error(
            request,
            _(
                "Hãy ghi lý do gỡ tin bài (ví dụ: “Thông tin đã cũ, thay bằng tin ngày "
                "15/11/2026”). Lý do được lưu vào lịch sử của trang."
            ),
        )
        return redirect(request.get_full_path())
    return None


@hooks.register("after_unpublish_page")
def record_unpublish_reason(request: Any, page: Any) -> None:
    with transaction.atomic():
        audit.record(
            page, "thidua.page_unpublish_reason", actor=request.user, note=_reason(request)
        )


@hooks.register("before_bulk_action")
def no_bulk_unpublish(request: Any, action_type: str, objects: Any, action: Any) -> Any:
    """Unpublishing needs a reason per page: the bulk action would skip it."""
    if action_type == "unpublish" and getattr(action, "models", None):
        from wagtail.models import Page

        if any(issubclass(model, Page) for model in action.models):
            messages.error(
                request,
                _("Hãy gỡ từng trang một để ghi lý do gỡ (nút “Gỡ xuất bản” của trang)."),
            )
            return redirect(request.GET.get("next") or "wagtailadmin_home")
    return None


@hooks.register("construct_homepage_panels")
def add_schedule_panel(request: Any, panels: list[Any]) -> None:
    from thidua.portal.roles import APPROVERS_GROUP, EDITORS_GROUP

    user = request.user
    if user.is_superuser or user.groups.filter(name__in=[EDITORS_GROUP, APPROVERS_GROUP]).exists():
        panels.append(PortalSchedulePanel(request))
