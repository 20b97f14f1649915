"""Back-office menu items, dashboard panel and search section of councils and decisions
(imported by wagtail_hooks.py)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from thidua.awards import council_access as access
from thidua.org.queries import user_scope
from thidua.org.views.search import SearchSection


class CouncilMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        """The Office and leadership always (the Office sets councils up from that page, even
        before the first one): no statement on every back-office page. Anyone else when a
        council counts them as a member."""
        scope = user_scope(request.user)
        if scope.is_province_admin or scope.paths_with(access.SESSION_READERS):
            return True
        return access.councils_visible_to(request.user).exists()


class DecisionMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        scope = user_scope(request.user)
        return bool(scope.is_province_admin or scope.paths_with(access.DECIDERS))


@hooks.register("register_admin_viewset")
def register_base_salary_viewset() -> Any:
    from thidua.awards.council_viewsets import BaseSalaryViewSet

    return BaseSalaryViewSet()


@hooks.register("register_admin_menu_item")
def register_council_menu_item() -> MenuItem:
    return CouncilMenuItem(
        gettext_lazy("Hội đồng TĐKT"),
        reverse("awards:council_list"),
        name="awards-councils",
        icon_name="group",
        order=403,
    )


@hooks.register("register_admin_menu_item")
def register_decision_menu_item() -> MenuItem:
    return DecisionMenuItem(
        gettext_lazy("Quyết định khen thưởng"),
        reverse("awards:decision_list"),
        name="awards-decisions",
        icon_name="doc-full",
        order=404,
    )


class VotePanel(Component):
    """Dashboard: open sessions where the user has a vote to cast."""

    name = "awards_votes"
    order = 60

    def __init__(self, sessions: list) -> None:
        self.sessions = sessions

    def render_html(self, parent_context: Any = None) -> str:
        return render_to_string("awards/council/panel.html", {"sessions": self.sessions})


@hooks.register("construct_homepage_panels", order=110)
def add_vote_panel(request: Any, panels: list) -> None:
    sessions = list(access.sessions_to_vote(request.user)[:10])
    if sessions:
        panels.append(VotePanel(sessions))


@hooks.register("register_back_office_search")
def decision_search_section() -> SearchSection:
    return SearchSection(
        _("Quyết định khen thưởng"),
        access.decisions_visible_to,
        lambda d: reverse("awards:decision_detail", args=[d.pk]),
        reverse("awards:decision_list"),
        lambda d: f"{d.symbol or _('(dự thảo)')} – {d.summary}",
    )
