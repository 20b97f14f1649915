"""What the user's agencies owe the levels above: send the registration (consolidated from the
units' registrations) and the reports; send again after a return."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
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
    # Pages without a count (one query less): one row more than a page says whether more follow.
    number = int(request.GET["p"]) if request.GET.get("p", "").isdigit() else 1
    number = max(number, 1)
    offset = (number - 1) * DUTIES_PER_PAGE
    duties = list(duties_qs[offset : offset + DUTIES_PER_PAGE + 1])
    has_next = len(duties) > DUTIES_PER_PAGE
    duties = duties[:DUTIES_PER_PAGE]
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
            "number": number,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if has_next else None,
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
