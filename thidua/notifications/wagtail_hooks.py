"""The inbox in the menu (with the unread count) and its dashboard panel."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from thidua.core.paging import head_and_counts
from thidua.notifications import queries


class InboxMenuItem(MenuItem):
    def get_context(self, request: Any) -> dict[str, Any]:
        context = super().get_context(request)
        count = queries.unread_count(request.user)
        if count:
            context["label"] = f"{self.label} ({count})"
        return context


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item() -> MenuItem:
    return InboxMenuItem(
        _("Thông báo"), reverse("notifications:inbox"), name="inbox", icon_name="mail", order=50
    )


class InboxPanel(Component):
    name = "inbox"
    order = 5
    template_name = "notifications/panel.html"

    def __init__(self, request: Any) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        unread = queries.notifications_of(self.request.user).filter(read_at__isnull=True)
        items, unread_count, _ = head_and_counts(unread, 5)
        return {"items": items, "unread_count": unread_count}


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request: Any, panels: list[Any]) -> None:
    panels.append(InboxPanel(request))
