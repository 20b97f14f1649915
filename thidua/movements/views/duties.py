"""What the user's agencies owe the levels above: send the registration (consolidated from the
units' registrations) and the reports; send again after a return."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.movements import queries, services
from thidua.movements.models import Duty
from thidua.movements.views.common import run_service

DUTIES_PER_PAGE = 50

# ?trang_thai=: what the page lists; by default the work still to send or being checked.
SHOWN = {
    "": (
        gettext_lazy("Chưa xong (chưa gửi, trả lại, chờ duyệt)"),
        [Duty.Status.NOT_SENT, Duty.Status.RETURNED, Duty.Status.WAITING],
    ),
    "phai-gui": (
        gettext_lazy("Phải gửi (chưa gửi, trả lại)"),
        [Duty.Status.NOT_SENT, Duty.Status.RETURNED],
    ),
    "da-chap-nhan": (gettext_lazy("Đã được chấp nhận"), [Duty.Status.ACCEPTED]),
    "tat-ca": (gettext_lazy("Tất cả"), None),
}


@login_required
def my_duties(request: HttpRequest) -> HttpResponse:
    shown = request.GET.get("trang_thai", "")
    if shown not in SHOWN:
        shown = ""
    duties_qs = queries.duties_for_user(request.user).select_related("movement__launched_by")
    statuses = SHOWN[shown][1]
    if statuses is not None:
        duties_qs = duties_qs.filter(status__in=statuses)
    page = Paginator(duties_qs, DUTIES_PER_PAGE).get_page(request.GET.get("p"))
    duties = list(page.object_list)
    previews = services.consolidated_registrations(
        [
            d
            for d in duties
            if d.kind == Duty.Kind.REGISTRATION and d.status in {"not_sent", "returned"}
        ]
    )
    return render(
        request,
        "movements/my_duties.html",
        {
            "duties": [(d, previews.get(d.pk, "")) for d in duties],
            "page": page,
            "shown": shown,
            "choices": [(key, label) for key, (label, _s) in SHOWN.items()],
            "keep": urlencode({"trang_thai": shown}) if shown else "",
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, duty_pk: int) -> HttpResponse:
    duty = get_object_or_404(queries.duties_for_user(request.user), pk=duty_pk)
    summary = request.POST.get("summary", "")
    run_service(
        request,
        lambda: services.duty_submit(duty, actor=request.user, summary=summary),
        _("Đã gửi %(kind)s lên %(launcher)s.")
        % {"kind": duty.get_kind_display().lower(), "launcher": duty.movement.launcher_label},
    )
    return redirect("movements:my_duties")
