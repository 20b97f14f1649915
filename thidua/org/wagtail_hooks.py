from wagtail import hooks

from thidua.org.dashboard import MyUnitsPanel, MyWorkPanel, RecentActivityPanel
from thidua.org.viewsets import OrgViewSetGroup


@hooks.register("register_admin_viewset")
def register_org_viewsets():  # type: ignore[no-untyped-def]
    return OrgViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_my_work_panels(request, panels):  # type: ignore[no-untyped-def]
    panels[:] = [MyWorkPanel(request), MyUnitsPanel(request), RecentActivityPanel(request)]
