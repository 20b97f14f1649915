"""Periodic reports: the list, the request form, the report's page (progress while the worker
compiles it, then its figures with links to their records, the files and the issue form), the
downloads (scoped) and issuing. Thin: each POST calls one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin.auth import require_admin_access

from thidua.core.forms import attach_errors
from thidua.org.queries import user_scope
from thidua.reports import permissions as perms
from thidua.reports import services
from thidua.reports.models import Report
from thidua.reports.queries.reports import report_for, reports_visible_to
from thidua.reports.views.forms import IssueForm, ReportForm, display_name

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_admin_access
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    reports = reports_visible_to(request.user).order_by("-created_at", "-pk")
    return render(
        request,
        "reports/index.html",
        {
            "page": Paginator(reports, 25).get_page(request.GET.get("p")),
            "may_compile": perms.can_compile_any_report(user_scope(request.user)),
        },
    )


@require_admin_access
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    if not perms.can_compile_any_report(user_scope(request.user)):
        raise PermissionDenied
    initial = {k: v for k, v in request.GET.items() if k in {"kind", "plan", "movement", "year"}}
    form = ReportForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_request(
                actor=request.user,
                agency=data["agency"],
                kind=data["kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                plan=data.get("plan"),
                movement=data.get("movement"),
                limitations=data["limitations"],
                next_tasks=data["next_tasks"],
                recipients=list(data.get("recipients") or []),
                recipients_text=data.get("recipients_text", ""),
                signer_authority=data.get("signer_authority", ""),
                signer_positions=data.get("signer_positions", ""),
                signer_name=data.get("signer_name", ""),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã gửi yêu cầu tổng hợp báo cáo."))
            return redirect("reports:detail", report.pk)
    return render(request, "reports/new.html", {"form": form})


@require_admin_access
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request.user, pk)
    may_issue = (
        report.status == Report.Status.DONE
        and not report.is_issued
        and perms.can_compile_reports(user_scope(request.user), report.agency.path)
    )
    propaganda = (report.figures or {}).get("propaganda") or {}
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "figures": report.figures,
            "propaganda_channel": _pairs(propaganda.get("by_channel", [])),
            "propaganda_unit": _pairs(propaganda.get("by_unit", [])),
            "recipients": [display_name(u) for u in report.recipients.select_related("person")],
            "issue_form": IssueForm() if may_issue else None,
        },
    )


def _pairs(lines: list[dict]) -> list[dict]:
    return [
        {
            "label": line["label"],
            "pairs": list(zip(line["values"], line["urls"], strict=True)),
            "total": line["total"],
        }
        for line in lines
    ]


@require_admin_access
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request.user, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_issue(
                report, actor=request.user, date=form.cleaned_data["date"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Đã ban hành báo cáo số %(number)s.") % {"number": report.number_symbol},
            )
    else:
        messages.error(request, _("Ngày ban hành không hợp lệ (dd/mm/yyyy)."))
    return redirect("reports:detail", report.pk)


@require_admin_access
@require_GET
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = report_for(request.user, pk)
    field = {"docx": report.docx, "xlsx": report.xlsx}.get(fmt)
    if field is None or not field.name:
        raise Http404
    name = field.name.rsplit("/", 1)[-1]
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=DOCX if fmt == "docx" else XLSX,
    )
