"""The exemplar's operations: each page is a form that calls one service.

``OPERATIONS`` says, for each page, who may take it, which form and service, and what to tell
the user; ``operation_view`` turns a row into a view. Publication picks one of two rows by the
exemplar's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access

from thidua.core.forms import attach_errors
from thidua.exemplars import permissions as perms
from thidua.exemplars import queries, services
from thidua.exemplars.models import Evidence, Exemplar, NurturingPlan
from thidua.exemplars.views import forms as f
from thidua.org import queries as org_queries
from thidua.org.permissions import Scope

Check = Callable[[Scope, str], bool]
View = Callable[[HttpRequest, int], HttpResponse]


@dataclass(frozen=True)
class Operation:
    """One operation page. ``success`` and ``intro`` may name the exemplar (``%(name)s``) and
    the upload limit (``%(mb)s``)."""

    check: Check
    form: type[forms.Form]
    service: Callable[..., Any]  # service(exemplar, actor=..., **arguments(cleaned_data))
    title: Any
    submit: Any
    success: Any
    intro: Any = ""
    # Limits the form's choices to what the user may pick (and may read the exemplar).
    choices: Callable[[HttpRequest, Exemplar, forms.Form], None] | None = None
    # The form's starting values (a Http404 when there is nothing to edit).
    initial: Callable[[Exemplar], dict[str, Any]] | None = None
    # The service's keywords from the form's cleaned data.
    arguments: Callable[[dict[str, Any]], dict[str, Any]] = dict


def _exemplar(request: HttpRequest, pk: int, check: Check) -> Exemplar:
    """The exemplar if the user may see it (404 otherwise) and take this action (403)."""
    exemplar = get_object_or_404(queries.exemplars_visible_to(request.user), pk=pk)
    if not check(org_queries.user_scope(request.user), exemplar.unit.path):
        raise PermissionDenied
    return exemplar


def _operate(request: HttpRequest, exemplar: Exemplar, op: Operation) -> HttpResponse:
    back = reverse("exemplars:inspect", args=[exemplar.pk])
    posted = request.method == "POST"
    form = op.form(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=op.initial(exemplar) if op.initial else None,
    )
    if op.choices:
        op.choices(request, exemplar, form)
    words = {"name": exemplar.name, "mb": int(settings.THIDUA_MAX_UPLOAD_MB)}
    if posted and form.is_valid():
        try:
            op.service(exemplar, actor=request.user, **op.arguments(form.cleaned_data))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, str(op.success) % words)
            return redirect(back)
    return render(
        request,
        "exemplars/action_form.html",
        {
            "form": form,
            "title": op.title,
            "subtitle": exemplar.name,
            "submit": op.submit,
            "back": back,
            "intro": str(op.intro) % words if op.intro else "",
        },
    )


def operation_view(op: Operation, name: str) -> View:
    @login_required
    @require_admin_access
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _operate(request, _exemplar(request, pk, op.check), op)

    view.__name__ = view.__qualname__ = name
    return view


def _mentors(request: HttpRequest, exemplar: Exemplar, form: forms.Form) -> None:
    form.fields["mentor"].queryset = org_queries.people_visible_to(request.user).filter(
        is_active=True
    )


def _decisions(request: HttpRequest, exemplar: Exemplar, form: forms.Form) -> None:
    form.fields["award_decision"].queryset = queries.decisions_for(exemplar)


def _adopting_units(request: HttpRequest, exemplar: Exemplar, form: forms.Form) -> None:
    form.fields["adopting_unit"].queryset = org_queries.agencies_visible_to(request.user)


def _plan_initial(exemplar: Exemplar) -> dict[str, Any]:
    plan = get_object_or_404(NurturingPlan, exemplar=exemplar)
    return {
        "mentor": plan.mentor_id,
        "goals": plan.goals,
        "support": plan.support,
        "started_on": plan.started_on,
        "target_date": plan.target_date,
    }


def _evidence_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return {"title": data["title"], "upload": data["file"], "url": data["url"]}


OPERATIONS: dict[str, Operation] = {
    "nurture": Operation(
        perms.can_manage_exemplar,
        f.NurtureForm,
        services.exemplar_nurture,
        title=_("Đưa vào bồi dưỡng"),
        submit=_("Bắt đầu bồi dưỡng"),
        success=_("Đã đưa “%(name)s” vào bồi dưỡng."),
        intro=_("Nêu người phụ trách, mục tiêu và hỗ trợ; sau đó ghi nhật ký bồi dưỡng định kỳ."),
        choices=_mentors,
    ),
    "plan_edit": Operation(
        perms.can_manage_exemplar,
        f.PlanForm,
        services.nurturing_plan_update,
        title=_("Sửa kế hoạch bồi dưỡng"),
        submit=_("Lưu"),
        success=_("Đã lưu kế hoạch bồi dưỡng."),
        choices=_mentors,
        initial=_plan_initial,
    ),
    "recognise": Operation(
        perms.can_recognise_exemplar,
        f.RecogniseForm,
        services.exemplar_recognise,
        title=_("Ghi nhận công nhận điển hình"),
        submit=_("Ghi nhận"),
        success=_("Đã ghi nhận “%(name)s” được công nhận."),
        intro=_("Ghi theo quyết định công nhận hoặc khen thưởng: cấp, số ký hiệu và ngày ký."),
        choices=_decisions,
    ),
    "drop": Operation(
        perms.can_manage_exemplar,
        f.ReasonForm,
        services.exemplar_drop,
        title=_("Dừng theo dõi điển hình"),
        submit=_("Dừng theo dõi"),
        success=_("Đã dừng theo dõi “%(name)s”."),
        intro=_("Hồ sơ được giữ lại; điển hình không còn được công bố. Có thể theo dõi lại sau."),
    ),
    "resume": Operation(
        perms.can_manage_exemplar,
        f.ReasonForm,
        services.exemplar_resume,
        title=_("Theo dõi lại điển hình"),
        submit=_("Theo dõi lại"),
        success=_("Đã theo dõi lại “%(name)s”."),
    ),
    "log_add": Operation(
        perms.can_manage_exemplar,
        f.LogForm,
        services.log_add,
        title=_("Ghi nhật ký bồi dưỡng"),
        submit=_("Ghi"),
        success=_("Đã ghi nhật ký bồi dưỡng."),
    ),
    "replication_add": Operation(
        perms.can_manage_exemplar,
        f.ReplicationForm,
        services.replication_record,
        title=_("Ghi nhận nhân rộng"),
        submit=_("Ghi nhận"),
        success=_("Đã ghi nhận nhân rộng."),
        intro=_("Đơn vị nào đã áp dụng mô hình, từ ngày nào, kết quả ra sao."),
        choices=_adopting_units,
    ),
    "evidence_add": Operation(
        perms.can_manage_exemplar,
        f.EvidenceForm,
        services.evidence_add,
        title=_("Thêm minh chứng"),
        submit=_("Thêm"),
        success=_("Đã thêm minh chứng."),
        intro=_(
            "Tệp được lưu riêng, chỉ người có quyền xem điển hình mới tải được. Giới hạn %(mb)s MB."
        ),
        arguments=_evidence_arguments,
    ),
    "coverage_add": Operation(
        perms.can_record_coverage,
        f.CoverageForm,
        services.coverage_record,
        title=_("Ghi nhận tuyên truyền"),
        submit=_("Ghi nhận"),
        success=_("Đã ghi nhận tuyên truyền."),
        intro=_(
            "Bài viết, hội nghị, buổi sinh hoạt hay hoạt động đã giới thiệu điển hình. Bài viết "
            "trên cổng thông tin của cơ quan được ghi nhận tự động."
        ),
    ),
}

PUBLISH = Operation(
    perms.can_approve_publication,
    f.PublicationForm,
    partial(services.exemplar_set_publication, approved=True),
    title=_("Cho phép công bố trên cổng thông tin"),
    submit=_("Cho phép công bố"),
    success=_("Đã cho phép công bố “%(name)s”."),
    intro=_(
        "Cổng thông tin sẽ có trang giới thiệu điển hình: tên, loại, lĩnh vực, đơn vị, thành "
        "tích và công nhận. Minh chứng và nhật ký không được công bố."
    ),
)
UNPUBLISH = Operation(
    perms.can_approve_publication,
    f.PublicationForm,
    partial(services.exemplar_set_publication, approved=False),
    title=_("Thôi công bố"),
    submit=_("Thôi công bố"),
    success=_("Đã thôi công bố “%(name)s”."),
    intro=_("Trang giới thiệu trên cổng thông tin sẽ bị gỡ. Nêu lý do."),
)

nurture = operation_view(OPERATIONS["nurture"], "nurture")
plan_edit = operation_view(OPERATIONS["plan_edit"], "plan_edit")
recognise = operation_view(OPERATIONS["recognise"], "recognise")
drop = operation_view(OPERATIONS["drop"], "drop")
resume = operation_view(OPERATIONS["resume"], "resume")
log_add = operation_view(OPERATIONS["log_add"], "log_add")
replication_add = operation_view(OPERATIONS["replication_add"], "replication_add")
evidence_add = operation_view(OPERATIONS["evidence_add"], "evidence_add")
coverage_add = operation_view(OPERATIONS["coverage_add"], "coverage_add")


@login_required
@require_admin_access
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _exemplar(request, pk, perms.can_approve_publication)
    return _operate(request, exemplar, UNPUBLISH if exemplar.approved_for_publication else PUBLISH)


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
