"""The exemplar's operations: each page is a form that calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access

from thidua.core.forms import attach_errors
from thidua.exemplars import permissions as perms
from thidua.exemplars import queries, services
from thidua.exemplars.models import Evidence, Exemplar, NurturingPlan
from thidua.exemplars.views import forms as f
from thidua.org import queries as org_queries
from thidua.org.permissions import Scope

Check = Callable[[Scope, str], bool]


def _exemplar(request: HttpRequest, pk: int, check: Check) -> Exemplar:
    """The exemplar if the user may see it (404 otherwise) and take this action (403)."""
    exemplar = get_object_or_404(queries.exemplars_visible_to(request.user), pk=pk)
    if not check(org_queries.user_scope(request.user), exemplar.unit.path):
        raise PermissionDenied
    return exemplar


def _operate(
    request: HttpRequest,
    exemplar: Exemplar,
    form: forms.Form,
    *,
    call: Callable[[dict[str, Any]], Any],
    title: str,
    submit: str,
    success: str,
    intro: str = "",
) -> HttpResponse:
    back = reverse("exemplars:inspect", args=[exemplar.pk])
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(back)
    return render(
        request,
        "exemplars/action_form.html",
        {
            "form": form,
            "title": title,
            "subtitle": exemplar.name,
            "submit": submit,
            "back": back,
            "intro": intro,
        },
    )


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _mentors(request: HttpRequest, form: forms.Form) -> None:
    form.fields["mentor"].queryset = org_queries.people_visible_to(request.user).filter(
        is_active=True
    )


@login_required
@require_admin_access
def nurture(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_manage_exemplar)
    form = f.NurtureForm(_post(request))
    _mentors(request, form)
    return _operate(
        request,
        exemplar,
        form,
        call=lambda d: services.exemplar_nurture(exemplar, actor=request.user, **d),
        title=_("Đưa vào bồi dưỡng"),
        submit=_("Bắt đầu bồi dưỡng"),
        success=_("Đã đưa “%(name)s” vào bồi dưỡng.") % {"name": exemplar.name},
        intro=_("Nêu người phụ trách, mục tiêu và hỗ trợ; sau đó ghi nhật ký bồi dưỡng định kỳ."),
    )


@login_required
@require_admin_access
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_manage_exemplar)
    plan = get_object_or_404(NurturingPlan, exemplar=exemplar)
    initial = {
        "mentor": plan.mentor_id,
        "goals": plan.goals,
        "support": plan.support,
        "started_on": plan.started_on,
        "target_date": plan.target_date,
    }
    form = f.PlanForm(_post(request), initial=initial)
    _mentors(request, form)
    return _operate(
        request,
        exemplar,
        form,
        call=lambda d: services.nurturing_plan_update(exemplar, actor=request.user, **d),
        title=_("Sửa kế hoạch bồi dưỡng"),
        submit=_("Lưu"),
        success=_("Đã lưu kế hoạch bồi dưỡng."),
    )


@login_required
@require_admin_access
def recognise(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_recognise_exemplar)
    form = f.RecogniseForm(_post(request))
    form.fields["award_decision"].queryset = queries.decisions_for(exemplar)
    return _operate(
        request,
        exemplar,
        form,
        call=lambda d: services.exemplar_recognise(exemplar, actor=request.user, **d),
        title=_("Ghi nhận công nhận điển hình"),
        submit=_("Ghi nhận"),
        success=_("Đã ghi nhận “%(name)s” được công nhận.") % {"name": exemplar.name},
        intro=_("Ghi theo quyết định công nhận hoặc khen thưởng: cấp, số ký hiệu và ngày ký."),
    )


@login_required
@require_admin_access
def drop(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_manage_exemplar)
    return _operate(
        request,
        exemplar,
        f.ReasonForm(_post(request)),
        call=lambda d: services.exemplar_drop(exemplar, actor=request.user, reason=d["reason"]),
        title=_("Dừng theo dõi điển hình"),
        submit=_("Dừng theo dõi"),
        success=_("Đã dừng theo dõi “%(name)s”.") % {"name": exemplar.name},
        intro=_("Hồ sơ được giữ lại; điển hình không còn được công bố. Có thể theo dõi lại sau."),
    )


@login_required
@require_admin_access
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_manage_exemplar)
    return _operate(
        request,
        exemplar,
        f.ReasonForm(_post(request)),
        call=lambda d: services.exemplar_resume(exemplar, actor=request.user, reason=d["reason"]),
        title=_("Theo dõi lại điển hình"),
        submit=_("Theo dõi lại"),
        success=_("Đã theo dõi lại “%(name)s”.") % {"name": exemplar.name},
    )


@login_required
@require_admin_access
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_approve_publication)
    approve = not exemplar.approved_for_publication
    return _operate(
        request,
        exemplar,
        f.PublicationForm(_post(request)),
        call=lambda d: services.exemplar_set_publication(
            exemplar, actor=request.user, approved=approve, note=d["note"]
        ),
        title=_("Cho phép công bố trên cổng thông tin") if approve else _("Thôi công bố"),
        submit=_("Cho phép công bố") if approve else _("Thôi công bố"),
        success=_("Đã cho phép công bố “%(name)s”.") % {"name": exemplar.name}
        if approve
        else _("Đã thôi công bố “%(name)s”.") % {"name": exemplar.name},
        intro=_(
            "Cổng thông tin sẽ có trang giới thiệu điển hình: tên, loại, lĩnh vực, đơn vị, thành "
            "tích và công nhận. Minh chứng và nhật ký không được công bố."
        )
        if approve
        else _("Trang giới thiệu trên cổng thông tin sẽ bị gỡ. Nêu lý do."),
    )


@login_required
@require_admin_access
def log_add(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_manage_exemplar)
    return _operate(
        request,
        exemplar,
        f.LogForm(_post(request)),
        call=lambda d: services.log_add(exemplar, actor=request.user, **d),
        title=_("Ghi nhật ký bồi dưỡng"),
        submit=_("Ghi"),
        success=_("Đã ghi nhật ký bồi dưỡng."),
    )


@login_required
@require_admin_access
def replication_add(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_manage_exemplar)
    form = f.ReplicationForm(_post(request))
    form.fields["adopting_unit"].queryset = org_queries.agencies_visible_to(request.user)
    return _operate(
        request,
        exemplar,
        form,
        call=lambda d: services.replication_record(exemplar, actor=request.user, **d),
        title=_("Ghi nhận nhân rộng"),
        submit=_("Ghi nhận"),
        success=_("Đã ghi nhận nhân rộng."),
        intro=_("Đơn vị nào đã áp dụng mô hình, từ ngày nào, kết quả ra sao."),
    )


@login_required
@require_admin_access
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_manage_exemplar)
    form = f.EvidenceForm(_post(request), request.FILES or None)
    return _operate(
        request,
        exemplar,
        form,
        call=lambda d: services.evidence_add(
            exemplar, actor=request.user, title=d["title"], upload=d["file"], url=d["url"]
        ),
        title=_("Thêm minh chứng"),
        submit=_("Thêm"),
        success=_("Đã thêm minh chứng."),
        intro=_(
            "Tệp được lưu riêng, chỉ người có quyền xem điển hình mới tải được. Giới hạn %(mb)s MB."
        )
        % {"mb": _max_mb()},
    )


def _max_mb() -> int:
    from django.conf import settings

    return int(settings.THIDUA_MAX_UPLOAD_MB)


@login_required
@require_admin_access
def coverage_add(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_record_coverage)
    return _operate(
        request,
        exemplar,
        f.CoverageForm(_post(request)),
        call=lambda d: services.coverage_record(exemplar, actor=request.user, **d),
        title=_("Ghi nhận tuyên truyền"),
        submit=_("Ghi nhận"),
        success=_("Đã ghi nhận tuyên truyền."),
        intro=_(
            "Bài viết, hội nghị, buổi sinh hoạt hay hoạt động đã giới thiệu điển hình. Bài viết "
            "trên cổng thông tin của cơ quan được ghi nhận tự động."
        ),
    )


@login_required
@require_admin_access
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence files are private: served only to users who may see the exemplar."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("exemplar"),
        pk=pk,
        exemplar__in=queries.exemplars_visible_to(request.user),
    )
    if not evidence.file:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or "minh-chung",
        content_type=evidence.content_type or "application/octet-stream",
    )
