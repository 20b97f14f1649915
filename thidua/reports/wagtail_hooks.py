from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from thidua.org.queries import user_scope
from thidua.reports import permissions as perms


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return perms.can_view_dashboards(user_scope(request.user))


@hooks.register("register_admin_menu_item")
def register_reports_menu():  # type: ignore[no-untyped-def]
    items = [
        DashboardMenuItem(
            _("Tổng quan số liệu"),
            reverse("reports:propaganda"),
            name="reports-dashboards",
            icon_name="table",
            order=10,
        ),
        DashboardMenuItem(
            _("Báo cáo định kỳ, sơ kết, tổng kết"),
            reverse("reports:index"),
            name="reports-periodic",
            icon_name="doc-full",
            order=20,
        ),
    ]
    return SubmenuMenuItem(
        _("Báo cáo, thống kê"), Menu(items=items), name="reports", icon_name="table", order=350
    )
