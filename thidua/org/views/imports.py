"""Excel import screens: upload, the job page (progress, errors, counts), confirm, template.

Thin: input parsing here, reads through queries.py, writes through services, permission
predicates from permissions.py. A job outside the user's scope answers 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin.auth import require_admin_access

from thidua.org import queries, services
from thidua.org.importing import progress
from thidua.org.importing.layout import AGENCY_SPEC, PERSON_SPEC
from thidua.org.importing.template import build_template
from thidua.org.models import ImportJob
from thidua.org.permissions import can_import_into
from thidua.org.services.imports import can_confirm, runs_in_background

ERRORS_PER_PAGE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportUploadForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Nhập cho cơ quan, đơn vị"),
        queryset=None,
        help_text=gettext_lazy("Cơ quan mới không ghi mã cấp trên sẽ được đặt dưới cơ quan này."),
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy("Dùng tệp mẫu; tối đa %(mb)s MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args: Any, agencies: Any, max_mb: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["file"].help_text = self.fields["file"].help_text % {"mb": max_mb}
        # The Office usually imports for its own agency: the highest one it manages.
        self.fields["agency"].initial = agencies.first()


def _managed(request: HttpRequest) -> Any:
    agencies = queries.agencies_managed_by(request.user).order_by("path")
    if not agencies.exists():
        raise PermissionDenied
    return agencies


@require_admin_access
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    agencies = _managed(request)
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        agencies=agencies,
        max_mb=settings.THIDUA_MAX_UPLOAD_MB,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_start(
                form.cleaned_data["file"], actor=request.user, agency=form.cleaned_data["agency"]
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return redirect("org_import:detail", job.pk)
    jobs = queries.import_jobs_visible_to(request.user)[:10]
    return render(request, "org/imports/upload.html", {"form": form, "jobs": jobs})


@require_admin_access
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(queries.import_jobs_visible_to(request.user), pk=pk)
    may_import = can_import_into(queries.user_scope(request.user), job.agency.path)
    running = job.status in (
        ImportJob.Status.UPLOADED,
        ImportJob.Status.VALIDATING,
        ImportJob.Status.APPLYING,
    )
    paginator = Paginator(job.errors or [], ERRORS_PER_PAGE)
    errors_page = paginator.get_page(request.GET.get("p"))
    summary = job.summary or {}
    context = {
        "job": job,
        "running": running,
        "progress": progress.progress_of(job),
        "background": runs_in_background(job),
        "errors_page": errors_page,
        "elided_page_range": paginator.get_elided_page_range(errors_page.number),
        "error_count": summary.get("error_count", len(job.errors or [])),
        "sheets": [
            (AGENCY_SPEC.title, summary.get("agencies", {})),
            (PERSON_SPEC.title, summary.get("people", {})),
        ],
        "result": {
            key: summary[key] for key in ("created", "updated", "unchanged") if key in summary
        },
        "can_import_all": may_import and can_confirm(job, only_valid_rows=False),
        "can_import_valid": may_import
        and job.status == ImportJob.Status.INVALID
        and can_confirm(job, only_valid_rows=True),
    }
    return render(request, "org/imports/detail.html", context)


@require_admin_access
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(queries.import_jobs_visible_to(request.user), pk=pk)
    only_valid = request.POST.get("mode") == "valid"
    try:
        job = services.import_confirm(job, actor=request.user, only_valid_rows=only_valid)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("org_import:detail", job.pk)
    if job.status == ImportJob.Status.DONE:
        messages.success(request, _("Đã nhập xong tệp “%s”.") % job.original_name)
    elif job.status == ImportJob.Status.APPLYING:
        messages.info(request, _("Đang nhập tệp “%s” ở chế độ nền.") % job.original_name)
    elif job.status == ImportJob.Status.INVALID:
        messages.error(
            request,
            _(
                "Dữ liệu đã thay đổi kể từ lúc kiểm tra nên tệp không còn hợp lệ; chưa có gì được "
                "ghi. Xem các lỗi bên dưới."
            ),
        )
    return redirect("org_import:detail", job.pk)


@require_admin_access
@require_GET
def template(request: HttpRequest) -> HttpResponse:
    _managed(request)
    response = HttpResponse(build_template(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-co-quan-can-bo.xlsx"'
    return response
