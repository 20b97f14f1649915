"""Decision pages: the list, drafting from a session, the draft (edit, remove awardees), issuing,
the .docx, certificates, and revocation. Thin: each POST calls one service."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards import council_access as access
from thidua.awards.models import Awardee, Decision, DecisionStatus
from thidua.awards.services import decisions as svc
from thidua.awards.services.certificates import libreoffice, verify_url
from thidua.awards.services.money import format_vnd
from thidua.awards.views.council import _day_input, _session, refusal
from thidua.core.exports import Sheet, wants_xlsx, xlsx_response
from thidua.core.forms import attach_errors
from thidua.core.search import search
from thidua.core.text import parse_day
from thidua.org.queries import agencies_visible_to


class DraftForm(forms.Form):
    summary = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=500)
    year = forms.IntegerField(label=gettext_lazy("Năm thành tích"), min_value=2000, max_value=2100)
    signer_authority = forms.ChoiceField(
        label=gettext_lazy("Thẩm quyền ký"),
        required=False,
        choices=[("", gettext_lazy("Ký trực tiếp")), ("KT.", "KT."), ("TM.", "TM.")],
    )
    signer_position = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"),
        max_length=100,
        help_text=gettext_lazy("Ký thay: «GIÁM ĐỐC/PHÓ GIÁM ĐỐC»."),
    )
    signer_name = forms.CharField(label=gettext_lazy("Họ tên người ký"), max_length=150)


class IssueForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Ngày ban hành"),
        widget=_day_input(),
        help_text=gettext_lazy("Tiền thưởng tính theo mức lương cơ sở áp dụng vào ngày này."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do thu hồi"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Ví dụ: kê khai thành tích không trung thực (Chương VII Luật TĐKT)."
        ),
    )


def _decision(request: HttpRequest, pk: int) -> Decision:
    return get_object_or_404(access.decisions_visible_to(request.user), pk=pk)


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    queryset = _narrowed(request, access.decisions_visible_to(request.user)).order_by(
        "-date", "-id"
    )
    query = request.GET.get("q", "").strip()
    if query:
        queryset = search(queryset, query, field="search_text")
    if wants_xlsx(request):
        return xlsx_response(
            "quyet-dinh-khen-thuong",
            [
                Sheet(
                    _("Quyết định"),
                    [
                        _("Số, ký hiệu"),
                        _("Ngày"),
                        _("Trích yếu"),
                        _("Cơ quan ban hành"),
                        _("Năm thành tích"),
                        _("Trạng thái"),
                    ],
                    (
                        [d.symbol, d.date, d.summary, d.agency.name, d.year, d.get_status_display()]
                        for d in queryset.iterator(chunk_size=500)
                    ),
                )
            ],
        )
    decisions = Paginator(queryset, 25).get_page(request.GET.get("p"))
    params = request.GET.copy()
    params.pop("p", None)
    return render(
        request,
        "awards/decisions/list.html",
        {"decisions": decisions, "q": query, "keep": params.urlencode(), "filtered": bool(params)},
    )


def _narrowed(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    """Filters the reports link with: ?status=, ?tu= / ?den= (decision date, dd/mm/yyyy),
    ?agency= (issued by it or its units), ?title= (code) or ?level= of an awardee (not revoked),
    ?unit= (an awardee of that unit or below)."""
    params = request.GET
    if params.get("status") in DecisionStatus.values:
        queryset = queryset.filter(status=params["status"])
    for key, lookup in (("tu", "date__gte"), ("den", "date__lte")):
        day = parse_day(params.get(key))
        if day is not None:
            queryset = queryset.filter(**{lookup: day})
    agency_id = params.get("agency", "")
    if agency_id.isdigit():
        agency = agencies_visible_to(request.user).filter(pk=int(agency_id)).first()
        queryset = (
            queryset.filter(agency__path__startswith=agency.path) if agency else queryset.none()
        )
    awardees = Awardee.objects.filter(revoked_at__isnull=True)
    narrowed = False
    if params.get("title"):
        awardees, narrowed = awardees.filter(title__code=params["title"]), True
    if params.get("level"):
        awardees, narrowed = awardees.filter(title__level=params["level"]), True
    unit_id = params.get("unit", "")
    if unit_id.isdigit():
        unit = agencies_visible_to(request.user).filter(pk=int(unit_id)).first()
        path = unit.path if unit else "-"
        awardees = awardees.filter(
            Q(person__agency__path__startswith=path) | Q(agency__path__startswith=path)
        )
        narrowed = True
    if narrowed:
        queryset = queryset.filter(pk__in=awardees.values("decision_id"))
    return queryset


@login_required
@require_POST
def decision_from_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    try:
        decision = svc.decision_draft_from_session(session, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
        return redirect("awards:session_detail", session.pk)
    messages.success(request, _("Đã dự thảo quyết định từ kết quả phiên họp."))
    return redirect("awards:decision_detail", decision.pk)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    awardees = list(
        decision.awardees.select_related("title", "person", "agency", "certificate").order_by(
            "position", "id"
        )
    )
    certificates = {a.pk: a.certificate for a in awardees if hasattr(a, "certificate")}
    can_edit = access.can_edit_decision(request.user, decision)
    can_issue = access.can_issue_decisions(request.user, decision.agency.path)
    draft_form = issue_form = None
    if can_edit:
        draft_form = DraftForm(
            request.POST if request.POST.get("form") == "draft" else None,
            initial={
                f: getattr(decision, f)
                for f in ("summary", "year", "signer_authority", "signer_position", "signer_name")
            },
        )
        if draft_form.is_bound and draft_form.is_valid():
            try:
                svc.decision_update(decision, fields=draft_form.cleaned_data, actor=request.user)
            except ValidationError as error:
                attach_errors(draft_form, error)
            else:
                messages.success(request, _("Đã lưu dự thảo."))
                return redirect("awards:decision_detail", decision.pk)
    if decision.status == DecisionStatus.DRAFT and can_issue:
        issue_form = IssueForm(initial={"date": dt.date.today()})
    rows = [
        {
            "awardee": a,
            "amount": format_vnd(a.amount),
            "certificate": certificates.get(a.pk),
            "verify_url": verify_url(certificates[a.pk].code) if a.pk in certificates else "",
        }
        for a in awardees
    ]
    return render(
        request,
        "awards/decisions/detail.html",
        {
            "decision": decision,
            "rows": rows,
            "total": format_vnd(sum(a.amount for a in awardees)),
            "base_salary": format_vnd(decision.base_salary) if decision.base_salary else "",
            "can_edit": can_edit,
            "draft_form": draft_form,
            "issue_form": issue_form,
            "revoke_form": RevokeForm()
            if can_issue and decision.status == DecisionStatus.ISSUED
            else None,
            "has_pdf": libreoffice() is not None,
        },
    )


@login_required
@require_POST
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập ngày ban hành theo dạng dd/mm/yyyy."))
        return redirect("awards:decision_detail", decision.pk)
    try:
        decision = svc.decision_issue(decision, date=form.cleaned_data["date"], actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Đã ban hành quyết định số %(s)s.") % {"s": decision.symbol})
    return redirect("awards:decision_detail", decision.pk)


@login_required
@require_POST
def decision_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    chosen = [int(v) for v in request.POST.getlist("awardee") if v.isdigit()]
    awardees = list(decision.awardees.filter(pk__in=chosen)) if chosen else None
    try:
        svc.decision_revoke(
            decision, reason=request.POST.get("reason", ""), awardees=awardees, actor=request.user
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("Đã thu hồi khen thưởng; sổ theo dõi đã được cập nhật."))
    return redirect("awards:decision_detail", decision.pk)


@login_required
@require_POST
def awardee_remove(request: HttpRequest, pk: int, awardee: int) -> HttpResponse:
    decision = _decision(request, pk)
    target = get_object_or_404(decision.awardees, pk=awardee)
    try:
        svc.awardee_remove(target, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal(error))
    return redirect("awards:decision_detail", decision.pk)


@login_required
def decision_download(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    if not decision.file:
        raise Http404
    name = (decision.symbol or "du-thao").replace("/", "-")
    return FileResponse(
        decision.file.open("rb"), as_attachment=True, filename=f"quyet-dinh-{name}.docx"
    )
