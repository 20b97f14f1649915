"""The award ledger of a person (ratings, initiatives, discipline, titles received, across
agency changes), its entry forms for the Office, and the .xlsx history import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards import permissions as perms
from thidua.awards import queries
from thidua.awards.ledger_import import ledger_import, template_bytes
from thidua.awards.models import (
    AchievementKind,
    AwardEntry,
    DisciplineKind,
    EffectLevel,
    Rating,
    Title,
)
from thidua.awards.services import ledger as svc
from thidua.core.search import search
from thidua.org.queries import user_scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day() -> forms.DateInput:
    return forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class RatingForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=1945, max_value=2100)
    rating = forms.ChoiceField(label=gettext_lazy("Xếp loại"), choices=Rating.choices)


class AchievementForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm công nhận"), min_value=1945, max_value=2100)
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=AchievementKind.choices)
    name = forms.CharField(label=gettext_lazy("Tên sáng kiến, đề tài"), max_length=500)
    effect_level = forms.ChoiceField(
        label=gettext_lazy("Phạm vi ảnh hưởng"), choices=EffectLevel.choices
    )
    recognised_by = forms.CharField(
        label=gettext_lazy("Cơ quan công nhận, số văn bản"), max_length=255, required=False
    )


class DisciplineForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=DisciplineKind.choices)
    form = forms.CharField(label=gettext_lazy("Hình thức"), max_length=150, required=False)
    start_date = forms.DateField(label=gettext_lazy("Từ ngày"), widget=_day())
    end_date = forms.DateField(label=gettext_lazy("Đến ngày"), widget=_day(), required=False)
    reference = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=255, required=False)


class EntryForm(forms.Form):
    title = forms.ModelChoiceField(
        label=gettext_lazy("Danh hiệu, hình thức"), queryset=Title.objects.all()
    )
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=1945, max_value=2100)
    decision_number = forms.CharField(
        label=gettext_lazy("Số quyết định"), max_length=64, required=False
    )
    decision_date = forms.DateField(
        label=gettext_lazy("Ngày quyết định"), widget=_day(), required=False
    )
    issuer_name = forms.CharField(
        label=gettext_lazy("Cơ quan quyết định"), max_length=255, required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp Excel (.xlsx)"))


FORMS: dict[str, tuple[type[forms.Form], Any]] = {
    "rating": (RatingForm, svc.rating_set),
    "achievement": (AchievementForm, svc.achievement_add),
    "discipline": (DisciplineForm, svc.discipline_add),
    "entry": (EntryForm, svc.award_entry_record),
}


def _holder_page(request: HttpRequest, ledger: queries.LedgerView, kind: str) -> HttpResponse:
    holder = ledger.holder
    path = holder.agency.path if kind == "person" else holder.path  # type: ignore[union-attr]
    keeper = perms.can_keep_ledger_of(user_scope(request.user), path)
    return render(
        request,
        "awards/ledger/holder.html",
        {
            "ledger": ledger,
            "holder": holder,
            "kind": kind,
            "name": getattr(holder, "full_name", None) or getattr(holder, "name", ""),
            "keeper": keeper,
            "forms": {name: cls(prefix=name) for name, (cls, _s) in FORMS.items()}
            if keeper
            else {},
        },
    )


@login_required
def person_ledger(request: HttpRequest, pk: int) -> HttpResponse:
    return _holder_page(request, queries.ledger_for_person(request.user, pk), "person")


@login_required
def agency_ledger(request: HttpRequest, pk: int) -> HttpResponse:
    return _holder_page(request, queries.ledger_for_agency(request.user, pk), "agency")


def _ledger_of(request: HttpRequest, holder_kind: str, pk: int) -> queries.LedgerView:
    if holder_kind == "person":
        return queries.ledger_for_person(request.user, pk)
    if holder_kind == "agency":
        return queries.ledger_for_agency(request.user, pk)
    raise Http404


@login_required
@require_POST
def ledger_add(request: HttpRequest, holder_kind: str, pk: int, kind: str) -> HttpResponse:
    ledger = _ledger_of(request, holder_kind, pk)
    if kind not in FORMS:
        raise Http404
    form_class, service = FORMS[kind]
    form = form_class(request.POST, prefix=kind)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            service(actor=request.user, **{holder_kind: ledger.holder}, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã ghi vào sổ khen thưởng."))
    return redirect(f"awards:{holder_kind}_ledger", pk=pk)


@login_required
@require_POST
def entry_revoke(request: HttpRequest, holder_kind: str, pk: int, entry: int) -> HttpResponse:
    ledger = _ledger_of(request, holder_kind, pk)
    row = AwardEntry.objects.filter(pk=entry, **{holder_kind: ledger.holder}).first()
    if row is None:
        raise Http404
    try:
        svc.award_entry_revoke(row, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thu hồi; lịch sử vẫn được giữ."))
    return redirect(f"awards:{holder_kind}_ledger", pk=pk)


@login_required
def ledger_import_view(request: HttpRequest) -> HttpResponse:
    scope = user_scope(request.user)
    if not (scope.is_province_admin or scope.paths_with(perms.LEDGER_KEEPERS)):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = ledger_import(upload, upload.size, actor=request.user)
        if report.ok:
            messages.success(
                request, _("Đã nhập %(n)s dòng vào sổ khen thưởng.") % {"n": report.written}
            )
            return redirect("awards:ledger_import")
    return render(request, "awards/ledger/import.html", {"form": form, "report": report})


@login_required
def ledger_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-so-khen-thuong.xlsx"'
    return response


@login_required
def ledger_people(request: HttpRequest) -> HttpResponse:
    """People whose record the user may read, searchable without diacritics."""
    scope = user_scope(request.user)
    if not (scope.is_province_admin or scope.paths_with(perms.PEOPLE_READERS)):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    people = search(queries.people_in_ledger_scope(request.user), query).order_by("sort_name")
    page = Paginator(people, 50).get_page(request.GET.get("p"))
    return render(request, "awards/ledger/people.html", {"page": page, "query": query})
