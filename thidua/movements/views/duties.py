"""What the user's agencies owe the levels above: send the registration (consolidated from the
units' registrations) and the reports; send again after a return."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.movements import queries, services
from thidua.movements.models import Duty
from thidua.movements.views.common import run_service


@login_required
def my_duties(request: HttpRequest) -> HttpResponse:
    duties = list(queries.duties_for_user(request.user).select_related("movement__launched_by"))
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
        {"duties": [(d, previews.get(d.pk, "")) for d in duties]},
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
