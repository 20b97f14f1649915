"""Who qualifies this year (candidates), and new versions of a title's criteria."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards import permissions as perms
from thidua.awards import queries
from thidua.awards.eligibility.engine import RULE_TYPES
from thidua.awards.models import Title
from thidua.awards.services import catalogue as svc
from thidua.core.forms import QuickSelect, attach_errors
from thidua.org.models import Agency
from thidua.org.queries import agencies_visible_to, user_scope


class CandidatesForm(forms.Form):
    agency = forms.TypedChoiceField(
        label=gettext_lazy("Cơ quan, đơn vị"), coerce=int, widget=QuickSelect
    )
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)

    def __init__(self, *args, agencies: list[Agency], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, f"{'— ' * a.depth}{a.name}") for a in agencies]


def _ledger_agencies(user) -> list[Agency]:  # type: ignore[no-untyped-def]
    """Agencies whose people's ledger the user reads, in tree order (one query)."""
    scope = user_scope(user)
    return [
        a
        for a in agencies_visible_to(user)
        .select_related(None)
        .only("name", "path", "depth", "parent_id", "successor_id", "valid_to")
        .order_by("path")
        if perms.can_view_ledger_of(scope, a.path)
    ]


@login_required
def candidates(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agencies = _ledger_agencies(request.user)
    if not agencies:
        raise PermissionDenied
    by_pk = {a.pk: a for a in agencies}
    form = CandidatesForm(request.GET or None, agencies=agencies, initial={"year": today.year})
    results = None
    agency = None
    if form.is_valid():
        agency, year = by_pk[form.cleaned_data["agency"]], form.cleaned_data["year"]
    elif not request.GET:
        agency, year = min(agencies, key=lambda a: (a.depth, a.path)), today.year
        form = CandidatesForm(initial={"agency": agency.pk, "year": year}, agencies=agencies)
    paging = ""
    if agency is not None:
        on = min(today, dt.date(year, 12, 31))
        units = [
            a
            for a in agencies
            if a.successor_id is None and (a.pk == agency.pk or a.parent_id == agency.pk)
        ]
        results = queries.candidates(
            request.user, agency, year, on, units=units, page=request.GET.get("p")
        )
        paging = urlencode({"agency": agency.pk, "year": year})
    return render(
        request,
        "awards/candidates.html",
        {"form": form, "results": results, "agency": agency, "paging": paging},
    )


class RulesForm(forms.Form):
    rules = forms.CharField(
        label=gettext_lazy("Tiêu chuẩn (JSON)"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "awards-json"}),
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Áp dụng từ ngày"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    note = forms.CharField(label=gettext_lazy("Lý do, căn cứ thay đổi"), max_length=255)

    def clean_rules(self) -> list:
        try:
            value = json.loads(self.cleaned_data["rules"])
        except json.JSONDecodeError as exc:
            raise ValidationError(
                _("Không đọc được JSON (dòng %(line)s): %(msg)s")
                % {"line": exc.lineno, "msg": exc.msg}
            ) from exc
        return value


@login_required
def title_rules(request: HttpRequest, pk: int) -> HttpResponse:
    """The versions of a title's criteria; the province admin adds a new one."""
    scope = user_scope(request.user)
    if not perms.can_view_catalogue(scope):
        raise PermissionDenied
    title = get_object_or_404(Title, pk=pk)
    versions = title.rule_versions.select_related("created_by").order_by("-number")
    editable = perms.can_edit_catalogue(scope)
    form = None
    if editable:
        current = versions.first()
        form = RulesForm(
            request.POST or None,
            initial={
                "rules": json.dumps(current.rules if current else [], ensure_ascii=False, indent=2),
                "valid_from": timezone.localdate(),
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                svc.rule_version_add(title, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã thêm phiên bản tiêu chuẩn mới."))
                return redirect("awards:title_rules", pk=pk)
    return render(
        request,
        "awards/catalogue/rules.html",
        {
            "title": title,
            "versions": versions,
            "form": form,
            "rule_types": [(k, v[1], v[2]) for k, v in RULE_TYPES.items()],
            "back": reverse("awards_title:index"),
        },
    )
