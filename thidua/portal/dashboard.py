"""Dashboard panel for editors and leaders: what waits for approval, what will go live or be
taken down and when (dates and times in full, not "in 3 hours")."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, WorkflowState

from thidua.portal.models import ArticlePage


def publication_schedule(limit: int = 10) -> dict[str, list[Any]]:
    """Articles scheduled to go live (approved, with a go-live time), live articles with an
    expiry time, and articles in the approval workflow."""
    now = timezone.now()
    scheduled = (
        Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        .select_related("user")
        .order_by("approved_go_live_at")[:limit]
    )
    pages = Page.objects.in_bulk([int(r.object_id) for r in scheduled])
    going_live = [
        {"page": pages[int(r.object_id)], "at": r.approved_go_live_at}
        for r in scheduled
        if int(r.object_id) in pages
    ]
    expiring = list(
        ArticlePage.objects.live()
        .filter(expire_at__isnull=False, expire_at__gt=now)
        .order_by("expire_at")[:limit]
    )
    in_review = list(
        WorkflowState.objects.active()
        .filter(base_content_type__app_label="wagtailcore")
        .select_related("requested_by", "current_task_state__task")
        .order_by("created_at")[:limit]
    )
    return {"going_live": going_live, "expiring": expiring, "in_review": in_review}


class PortalSchedulePanel(Component):
    name = "portal_schedule"
    order = 30
    template_name = "portal/dashboard/schedule.html"

    def __init__(self, request: Any) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return publication_schedule()
