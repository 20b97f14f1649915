from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.org.views.search import SearchSection
from thidua.plans import queries
from thidua.plans.dashboard import MyPlanTasksPanel


class PlansMenuItem(MenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return queries.user_scope(request.user).has_any_role


@hooks.register("register_admin_menu_item")
def register_plans_menu_item():  # type: ignore[no-untyped-def]
    return PlansMenuItem(
        gettext_lazy("Kế hoạch tuyên truyền"),
        reverse("plans:index"),
        name="plans",
        icon_name="list-ul",
        order=300,
    )


@hooks.register("register_back_office_search")
def plans_search_section():  # type: ignore[no-untyped-def]
    return SearchSection(
        _("Kế hoạch tuyên truyền"),
        queries.plans_visible_to,
        lambda p: reverse("plans:detail", args=[p.pk]),
        reverse("plans:index"),
    )


@hooks.register("documents_dissemination_actions")
def dissemination_as_activity(user, dissemination):  # type: ignore[no-untyped-def]
    """On a dissemination's page (documents app): record it as a propaganda activity."""
    from thidua.plans.models import Activity

    recorded = Activity.objects.filter(dissemination=dissemination).first()
    if recorded is not None:
        target = (
            reverse("plans:task_detail", args=[recorded.fulfils_id])
            if recorded.fulfils_id
            else reverse("plans:deliveries")
        )
        return [(_("Đã ghi nhận là hoạt động tuyên truyền: xem"), target)]
    if not queries.recording_agencies(user).filter(pk=dissemination.agency_id).exists():
        return []
    return [
        (
            _("Ghi nhận là hoạt động tuyên truyền của kế hoạch"),
            reverse("plans:dissemination_add", args=[dissemination.pk]),
        )
    ]


@hooks.register("construct_homepage_panels", order=100)
def add_plan_tasks_panel(request, panels):  # type: ignore[no-untyped-def]
    panels.append(MyPlanTasksPanel(request))
