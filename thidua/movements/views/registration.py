"""Registration (đăng ký thi đua): a staff member for themself; a unit head for the unit and,
in one go, its members; the agency's list exported in the usual Excel layout."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from thidua.movements import exports, queries, services
from thidua.movements.models import Movement, Registration
from thidua.movements.permissions import MOVEMENT_MANAGERS, REGISTRARS
from thidua.movements.services.registrations import COLLECTIVE, INDIVIDUAL
from thidua.movements.views.common import run_service
from thidua.org.models import Agency, Person
from thidua.org.queries import user_scope


def _year(request: HttpRequest, movement: Movement) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    years = movement.years()
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    today = dt.date.today().year
    return today if today in years else years[0]


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    movement = queries.movement_for(request.user, pk)
    year = _year(request, movement)
    units = list(queries.registrable_units(request.user).order_by("path"))
    unit_id = request.GET.get("unit") or request.POST.get("unit") or ""
    unit = next((u for u in units if str(u.pk) == unit_id), units[0] if units else None)
    me = Person.objects.filter(user=request.user).select_related("agency").first()
    query = urlencode({"year": year, "unit": unit.pk if unit else ""})
    back = f"{reverse('movements:register', args=[pk])}?{query}"

    if request.method == "POST":
        form_kind = request.POST.get("form")
        covenant = request.POST.get("covenant_text", "")
        signed = request.POST.get("signed_name", "")
        if form_kind == "self" and me is not None:
            code = request.POST.get("title_code", "")
            run_service(
                request,
                lambda: services.registration_save(
                    actor=request.user,
                    movement=movement,
                    year=year,
                    person=me,
                    title_code=code,
                    covenant_text=covenant,
                    signed_name=signed,
                ),
                _("Đã ghi nhận đăng ký thi đua của bạn."),
            )
        elif form_kind == "unit" and unit is not None:
            members = {
                int(key.removeprefix("member-")): value
                for key, value in request.POST.items()
                if key.startswith("member-") and key.removeprefix("member-").isdigit()
            }
            run_service(
                request,
                lambda: services.registration_bulk(
                    actor=request.user,
                    movement=movement,
                    year=year,
                    unit=unit,
                    unit_title_code=request.POST.get("unit_title_code") or None,
                    members=members,
                    covenant_text=covenant,
                    signed_name=signed,
                ),
                _("Đã ghi nhận đăng ký thi đua của %(unit)s.") % {"unit": unit.name},
            )
        return redirect(back)

    existing = Registration.objects.filter(movement=movement, year=year)
    mine = existing.filter(person=me).first() if me else None
    members: list[tuple[Person, str]] = []
    unit_reg = None
    if unit is not None:
        by_person = dict(
            existing.filter(agency__path__startswith=unit.path, person__isnull=False).values_list(
                "person_id", "title_code"
            )
        )
        members = [
            (p, by_person.get(p.pk, ""))
            for p in Person.objects.filter(
                agency__path__startswith=unit.path, is_active=True
            ).select_related("agency")
        ]
        unit_reg = existing.filter(agency=unit, person__isnull=True).first()
    return render(
        request,
        "movements/register.html",
        {
            "movement": movement,
            "year": year,
            "years": movement.years(),
            "open": movement.status == Movement.Status.LAUNCHED and movement.asks_registration,
            "me": me,
            "mine": mine,
            "units": units,
            "unit": unit,
            "unit_reg": unit_reg,
            "members": members,
            "individual_titles": services.registration_titles(INDIVIDUAL),
            "collective_titles": services.registration_titles(COLLECTIVE),
        },
    )


@login_required
def export_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    movement = queries.movement_for(request.user, pk)
    agency = get_object_or_404(Agency, pk=request.GET.get("agency") or 0)
    scope = user_scope(request.user)
    manages = queries.movements_managed_by(request.user).filter(pk=pk).exists()
    if not (
        scope.covers(agency.path, REGISTRARS | MOVEMENT_MANAGERS | {"leadership"})
        or (manages and movement.participations.filter(agency=agency).exists())
    ):
        raise PermissionDenied
    year = _year(request, movement)
    rows = list(
        Registration.objects.filter(
            movement=movement, year=year, agency__path__startswith=agency.path
        )
        .select_related("agency", "person")
        .order_by("agency__path", "person__sort_name")
    )
    if not movement.asks_registration:
        raise Http404
    data = exports.registrations_xlsx(movement, agency, year, rows)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="dang-ky-thi-dua-{year}-{agency.code}.xlsx"'
    )
    return response
