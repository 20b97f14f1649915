from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.org import queries
from thidua.org.dashboard import MyUnitsPanel, MyWorkPanel, RecentActivityPanel
from thidua.org.permissions import ORG_MANAGERS
from thidua.org.twofactor import has_confirmed_device
from thidua.org.viewsets import OrgViewSetGroup


@hooks.register("register_admin_viewset")
def register_org_viewsets():  # type: ignore[no-untyped-def]
    return OrgViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_my_work_panels(request, panels):  # type: ignore[no-untyped-def]
    panels[:] = [MyWorkPanel(request), MyUnitsPanel(request), RecentActivityPanel(request)]


class ImportMenuItem(MenuItem):
    """Shown to users who may import into an agency (the Office, province admin).

    Answered from the user's scope, without a query on every back-office page: an Office whose
    agencies have all expired still sees the item, and the import page refuses it (403)."""

    def is_shown(self, request):  # type: ignore[no-untyped-def]
        scope = queries.user_scope(request.user)
        return scope.is_province_admin or bool(scope.paths_with(ORG_MANAGERS))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():  # type: ignore[no-untyped-def]
    return ImportMenuItem(
        _("Nhập từ Excel"),
        reverse("org_import:upload"),
        name="org-import",
        icon_name="upload",
        order=900,
    )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):  # type: ignore[no-untyped-def]
    """On the account page: set up (or re-verify) the authenticator app."""
    enabled = has_confirmed_device(request.user)
    return {
        "url": reverse("org:twofactor"),
        "label": _("Xác thực hai lớp") if enabled else _("Bật xác thực hai lớp"),
        "help_text": _("Đang bật: mỗi lần đăng nhập cần mã 6 chữ số trong ứng dụng xác thực.")
        if enabled
        else _("Tăng an toàn cho tài khoản: mỗi lần đăng nhập cần thêm mã 6 chữ số từ điện thoại."),
    }
