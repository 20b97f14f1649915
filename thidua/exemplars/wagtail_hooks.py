from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.exemplars import permissions as perms
from thidua.exemplars import queries
from thidua.exemplars.dashboard import ExemplarsPanel
from thidua.exemplars.viewsets import ExemplarViewSetGroup
from thidua.org.queries import user_scope
from thidua.org.views.search import SearchSection


@hooks.register("register_admin_viewset")
def register_exemplar_viewsets():  # type: ignore[no-untyped-def]
    return ExemplarViewSetGroup()


# After org's hook, which sets the list of home panels.
@hooks.register("construct_homepage_panels", order=100)
def add_exemplars_panel(request, panels):  # type: ignore[no-untyped-def]
    if perms.can_view_exemplars(user_scope(request.user)):
        panels.append(ExemplarsPanel(request))


@hooks.register("insert_global_admin_css")
def exemplars_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("exemplars/exemplars.css"))


class DashboardMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return perms.can_view_exemplars(user_scope(request.user))


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():  # type: ignore[no-untyped-def]
    return DashboardMenuItem(
        gettext_lazy("Theo dõi điển hình"),
        reverse("exemplars_ops:dashboard"),
        name="exemplars-dashboard",
        icon_name="pick",
        order=301,
    )


@hooks.register("register_back_office_search")
def exemplar_search_section() -> SearchSection:
    return SearchSection(
        _("Điển hình"),
        queries.exemplars_visible_to,
        lambda e: reverse("exemplars:inspect", args=[e.pk]),
        reverse("exemplars:index"),
        lambda e: f"{e.name} – {e.get_kind_display()}, {e.unit.name} ({e.get_stage_display()})",
    )
