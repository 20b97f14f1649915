from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.movements.viewsets import MovementViewSet
from thidua.org.queries import user_scope


@hooks.register("register_admin_viewset")
def register_movement_viewset():  # type: ignore[no-untyped-def]
    return MovementViewSet()


class RoleMenuItem(MenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return user_scope(request.user).has_any_role


@hooks.register("register_admin_menu_item")
def register_duties_menu_item():  # type: ignore[no-untyped-def]
    return RoleMenuItem(
        _("Việc phải gửi"),
        reverse("movements:my_duties"),
        name="movement-duties",
        icon_name="tasks",
        order=211,
    )


@hooks.register("register_admin_menu_item")
def register_blocs_menu_item():  # type: ignore[no-untyped-def]
    return RoleMenuItem(
        _("Khối thi đua: chấm điểm"),
        reverse("movements:blocs"),
        name="movement-blocs",
        icon_name="group",
        order=212,
    )


@hooks.register("register_back_office_search")
def movement_search():  # type: ignore[no-untyped-def]
    from thidua.movements import queries
    from thidua.org.views.search import SearchSection

    return SearchSection(
        _("Phong trào thi đua"),
        queries.movements_visible_to,
        lambda m: reverse("movements:cascade", args=[m.pk]),
        reverse("movement:index"),
    )


@hooks.register("construct_homepage_panels", order=100)
def add_movements_panel(request, panels):  # type: ignore[no-untyped-def]
    from thidua.movements.dashboard import MovementsPanel
    from thidua.movements.permissions import MOVEMENT_MANAGERS

    scope = user_scope(request.user)
    if scope.is_province_admin or scope.paths_with(MOVEMENT_MANAGERS):
        panels.append(MovementsPanel(request))
