"""The movement's page for the launching level: what it is, its phase, and the cascade of
owed work per participating agency, with launch, phase, review, return and reminders."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.movements import permissions as perms
from thidua.movements import queries, services
from thidua.movements.models import Duty, Movement
from thidua.movements.views.common import run_service
from thidua.org.queries import user_scope


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class ResultsForm(forms.Form):
    results = forms.CharField(
        label=gettext_lazy("Kết quả sơ kết, tổng kết"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _managed(request: HttpRequest, pk: int) -> Movement:
    movement = queries.movement_for(request.user, pk)
    if not perms.can_manage_movements_of(user_scope(request.user), movement.launched_by.path):
        raise PermissionDenied
    return movement


@login_required
def cascade(request: HttpRequest, pk: int) -> HttpResponse:
    movement = queries.movement_for(request.user, pk)
    scope = user_scope(request.user)
    manager = perms.can_manage_movements_of(scope, movement.launched_by.path)
    year = request.GET.get("year")
    rows = queries.cascade(movement, year=int(year) if year and year.isdigit() else None)
    kinds = [k for k in Duty.Kind if any(k in r.duties for r in rows)] or list(Duty.Kind)
    table = [(row, [row.duties.get(k) for k in kinds]) for row in rows]
    counts = {s: 0 for s in Duty.Status}
    for row in rows:
        for duty in row.duties.values():
            counts[duty.status] += 1
    return render(
        request,
        "movements/cascade.html",
        {
            "movement": movement,
            "manager": manager,
            "kinds": [Duty.Kind(k).label for k in kinds],
            "table": table,
            "counts": [(Duty.Status(s).label, s, n) for s, n in counts.items()],
            "behind": sum(1 for r in rows if r.is_behind),
            "phases": Movement.Phase.choices,
            "return_form": ReturnForm(),
            "results_form": ResultsForm(initial={"results": movement.results}),
            "can_register": movement.status == Movement.Status.LAUNCHED
            and movement.asks_registration,
        },
    )


@login_required
@require_POST
def launch(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _managed(request, pk)
    run_service(
        request,
        lambda: services.movement_launch(movement, actor=request.user),
        _("Đã phát động phong trào và gửi thông báo đến các cơ quan tham gia."),
    )
    return redirect("movements:cascade", pk=pk)


@login_required
@require_POST
def set_phase(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _managed(request, pk)
    phase = request.POST.get("phase", "")
    run_service(
        request,
        lambda: services.movement_set_phase(
            movement, actor=request.user, phase=int(phase) if phase.isdigit() else 0
        ),
        _("Đã chuyển bước của phong trào."),
    )
    return redirect("movements:cascade", pk=pk)


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _managed(request, pk)
    count: list[int] = []
    ok = run_service(
        request,
        lambda: count.append(services.duties_remind(movement, actor=request.user)),
        _("Đã gửi lời nhắc."),
    )
    if ok and count and not count[0]:
        messages.info(request, _("Không có đơn vị nào chậm gửi."))
    return redirect("movements:cascade", pk=pk)


@login_required
@require_POST
def review(request: HttpRequest, pk: int, duty_pk: int) -> HttpResponse:
    movement = _managed(request, pk)
    duty = get_object_or_404(Duty, pk=duty_pk, movement=movement)
    if request.POST.get("action") == "accept":
        run_service(
            request,
            lambda: services.duty_accept(duty, actor=request.user),
            _("Đã chấp nhận %(kind)s của %(agency)s.")
            % {"kind": duty.get_kind_display().lower(), "agency": duty.agency.name},
        )
    else:
        form = ReturnForm(request.POST)
        reason = form.data.get("reason", "")
        run_service(
            request,
            lambda: services.duty_return(duty, actor=request.user, reason=reason),
            _("Đã trả lại %(kind)s của %(agency)s.")
            % {"kind": duty.get_kind_display().lower(), "agency": duty.agency.name},
        )
    return redirect("movements:cascade", pk=pk)


@login_required
@require_POST
def results(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _managed(request, pk)
    text = request.POST.get("results", "")
    run_service(
        request,
        lambda: services.movement_publish_results(movement, actor=request.user, results=text),
        _("Đã công bố kết quả phong trào."),
    )
    return redirect("movements:cascade", pk=pk)
