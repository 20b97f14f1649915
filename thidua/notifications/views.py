"""The user's inbox: list (paginated, unread first filter), open one, mark read."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access

from thidua.notifications import queries, services

PER_PAGE = 30


@require_admin_access
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("chua_doc") == "1"
    items = queries.notifications_of(request.user)
    if unread_only:
        items = items.filter(read_at__isnull=True)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread_count": queries.unread_count(request.user),
        },
    )


@require_admin_access
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link (only links inside this site)."""
    item = get_object_or_404(queries.notifications_of(request.user), pk=pk)
    services.notification_mark_read(request.user, ids=[item.pk])
    if item.url and url_has_allowed_host_and_scheme(
        item.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(item.url)
    return redirect("notifications:inbox")


@require_admin_access
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_read(request.user)
    messages.success(
        request,
        ngettext(
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            count,
        )
        % {"count": count}
        if count
        else _("Không có thông báo nào chưa đọc."),
    )
    return redirect("notifications:inbox")
