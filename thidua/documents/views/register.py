"""The outgoing register (sổ đăng ký văn bản đi): list per agency, type and year, take a number
by hand, cancel one with a reason, export to .xlsx."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.admin.auth import require_admin_access

from thidua.core.forms import attach_errors
from thidua.core.paging import UncountedPage
from thidua.core.search import search
from thidua.documents import queries, services
from thidua.documents.export import register_xlsx
from thidua.documents.forms import (
    OFFICIAL_LETTER,
    NumberCancelForm,
    NumberTakeForm,
    RegisterFilterForm,
)
from thidua.documents.models import OutgoingNumber
from thidua.documents.permissions import can_keep_register
from thidua.documents.views import keep_filters
from thidua.org.queries import user_scope

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 20_000


def _filtered(request: HttpRequest) -> tuple[RegisterFilterForm, QuerySet[OutgoingNumber]]:
    form = RegisterFilterForm(
        request.GET or None, agencies=queries.register_filter_agencies(request.user)
    )
    numbers = queries.outgoing_numbers_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("agency"):
            numbers = numbers.filter(agency=data["agency"])
        if data.get("type_abbr"):
            abbr = data["type_abbr"]
            numbers = numbers.filter(type_abbr="" if abbr == OFFICIAL_LETTER else abbr)
        if data.get("year"):
            numbers = numbers.filter(year=data["year"])
        if data.get("status"):
            numbers = numbers.filter(status=data["status"])
        numbers = search(numbers, data.get("q"))
    return form, numbers.order_by("agency__path", "-year", "type_abbr", "-number")


@require_admin_access
@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    if not user_scope(request.user).has_any_role:
        raise PermissionDenied
    form, numbers = _filtered(request)
    # A page without a count (one statement less): one row more says whether more follow.
    page = UncountedPage(numbers, PER_PAGE, request.GET.get("p"))
    scope = user_scope(request.user)
    return render(
        request,
        "documents/register_list.html",
        {
            "form": form,
            "page": page,
            "rows": [
                (n, not n.is_cancelled and can_keep_register(scope, n.agency.path))
                for n in page.object_list
            ],
            "may_take": queries.register_agencies(request.user).exists(),
            "keep": keep_filters(request),
        },
    )


@require_admin_access
@require_GET
def register_export(request: HttpRequest) -> HttpResponse:
    _form, numbers = _filtered(request)
    data = register_xlsx(list(numbers[:EXPORT_LIMIT]))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="so-van-ban-di.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_admin_access
@require_http_methods(["GET", "POST"])
def number_take(request: HttpRequest) -> HttpResponse:
    agencies = queries.register_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = NumberTakeForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.register_number_take(actor=request.user, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã lấy số %(symbol)s ngày %(date)s.")
                % {"symbol": entry.symbol, "date": entry.date.strftime("%d/%m/%Y")},
            )
            return redirect(f"{_list_url()}?agency={entry.agency_id}&year={entry.year}")
    return render(request, "documents/number_take.html", {"form": form})


def _list_url() -> str:
    return reverse("documents:register_list")


@require_admin_access
@require_http_methods(["GET", "POST"])
def number_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(queries.outgoing_numbers_visible_to(request.user), pk=pk)
    if not can_keep_register(user_scope(request.user), entry.agency.path):
        raise PermissionDenied
    form = NumberCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_number_cancel(
                entry, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã hủy số %(symbol)s.") % {"symbol": entry.symbol})
            return redirect(f"{_list_url()}?agency={entry.agency_id}&year={entry.year}")
    return render(request, "documents/number_cancel.html", {"form": form, "entry": entry})
