"""The exemplars dashboard page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.admin.auth import require_admin_access

from thidua.exemplars import permissions as perms
from thidua.exemplars.dashboard import dashboard_data
from thidua.org.queries import user_scope


@login_required
@require_admin_access
def dashboard(request: HttpRequest) -> HttpResponse:
    if not perms.can_view_exemplars(user_scope(request.user)):
        raise PermissionDenied
    return render(request, "exemplars/dashboard/page.html", dashboard_data(request.user))
