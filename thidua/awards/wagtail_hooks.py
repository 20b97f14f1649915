from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.awards import permissions as perms
from thidua.awards import queries
from thidua.awards.dashboard import ProposalsPanel
from thidua.awards.viewsets import AwardsViewSetGroup
from thidua.org.queries import user_scope
from thidua.org.views.search import SearchSection


@hooks.register("register_admin_viewset")
def register_awards_viewsets():  # type: ignore[no-untyped-def]
    return AwardsViewSetGroup()


# After org's hook, which sets the list of home panels.
@hooks.register("construct_homepage_panels", order=100)
def add_proposals_panel(request, panels):  # type: ignore[no-untyped-def]
    scope = user_scope(request.user)
    if scope.is_province_admin or scope.paths_with(perms.DOSSIER_AUTHORS):
        panels.append(ProposalsPanel(request))


class LedgerMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        scope = user_scope(request.user)
        return bool(scope.is_province_admin or scope.paths_with(perms.PEOPLE_READERS))


@hooks.register("register_admin_menu_item")
def register_candidates_menu_item():  # type: ignore[no-untyped-def]
    return LedgerMenuItem(
        gettext_lazy("Xét đủ tiêu chuẩn"),
        reverse("awards:candidates"),
        name="awards-candidates",
        icon_name="success",
        order=401,
    )


@hooks.register("register_admin_menu_item")
def register_ledger_menu_item():  # type: ignore[no-untyped-def]
    return LedgerMenuItem(
        gettext_lazy("Sổ khen thưởng"),
        reverse("awards:ledger_people"),
        name="awards-ledger",
        icon_name="list-ul",
        order=402,
    )


@hooks.register("register_back_office_search")
def proposal_search_section() -> SearchSection:
    return SearchSection(
        _("Hồ sơ đề nghị khen thưởng"),
        queries.proposals_visible_to,
        lambda p: reverse("awards:proposal_detail", args=[p.pk]),
        reverse("awards_proposal:index"),
        lambda p: f"{p.nominee_name} – {p.title.label} {p.year} ({p.get_status_display()})",
    )


# Councils, sessions and decisions register their own hooks (menu items, panel, search).
from thidua.awards import council_hooks  # noqa: E402, F401
