"""Dossier pages: create, the dossier with its steps and actions, documents, the generated
achievement report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards import permissions as perms
from thidua.awards import queries
from thidua.awards.models import DocumentKind, Procedure, Proposal, ProposalStatus, Title
from thidua.awards.reports import achievement_report
from thidua.awards.services import proposals as svc
from thidua.awards.uploads import check_dossier_file
from thidua.core.forms import attach_errors
from thidua.core.text import slugify_vi
from thidua.org.models import Agency, Person
from thidua.org.queries import agencies_visible_to, people_visible_to, user_scope

S = ProposalStatus
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ProposalForm(forms.Form):
    title = forms.ModelChoiceField(
        label=gettext_lazy("Danh hiệu, hình thức"), queryset=Title.objects.none()
    )
    year = forms.IntegerField(label=gettext_lazy("Năm thành tích"), min_value=2000, max_value=2100)
    proposing_agency = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị đề nghị"), queryset=Agency.objects.none()
    )
    person = forms.ModelChoiceField(
        label=gettext_lazy("Cá nhân được đề nghị"), queryset=Person.objects.none(), required=False
    )
    nominee_agency = forms.ModelChoiceField(
        label=gettext_lazy("hoặc tập thể được đề nghị"),
        queryset=Agency.objects.none(),
        required=False,
    )
    procedure = forms.ChoiceField(label=gettext_lazy("Thủ tục"), choices=Procedure.choices)
    period = forms.CharField(
        label=gettext_lazy("Thời gian thành tích"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Ví dụ: năm 2025; hoặc 2023–2025."),
    )
    achievements = forms.CharField(
        label=gettext_lazy("Tóm tắt thành tích"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = user_scope(user)
        agencies = [
            a.pk for a in agencies_visible_to(user) if perms.can_draft_dossier(scope, a.path)
        ]
        drafting = Agency.objects.filter(pk__in=agencies, successor__isnull=True)
        self.fields["title"].queryset = queries.titles_in_force(timezone.localdate().year)
        self.fields["proposing_agency"].queryset = drafting
        self.fields["nominee_agency"].queryset = drafting
        self.fields["person"].queryset = (
            people_visible_to(user)
            .filter(agency__in=drafting, is_active=True)
            .order_by("sort_name")
        )


class EditForm(forms.Form):
    procedure = ProposalForm.base_fields["procedure"]
    period = ProposalForm.base_fields["period"]
    achievements = ProposalForm.base_fields["achievements"]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại tài liệu"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=gettext_lazy("Tệp (.docx, .pdf, ảnh chụp)"),
        help_text=gettext_lazy("Tải lên lần nữa cùng loại để thay bản cũ."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3})
    )


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(
        request.POST or None,
        user=request.user,
        initial={"year": timezone.localdate().year, "procedure": Procedure.NORMAL},
    )
    if not form.fields["proposing_agency"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            proposal = svc.proposal_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã tạo hồ sơ. Hãy đính kèm tài liệu rồi gửi."))
            return redirect("awards:proposal_detail", pk=proposal.pk)
    return render(
        request,
        "awards/proposals/form.html",
        {
            "form": form,
            "title": _("Hồ sơ đề nghị khen thưởng mới"),
            "back": reverse("awards_proposal:index"),
        },
    )


def _actions(user: Any, proposal: Proposal) -> dict[str, bool]:
    scope = user_scope(user)
    path = proposal.proposing_agency.path
    author = perms.can_draft_dossier(scope, path)
    office = perms.can_check_dossier(scope, path)
    editable = proposal.status in svc.EDITABLE
    return {
        "edit": author and editable,
        "submit": author and editable,
        "check": office and proposal.status == S.SUBMITTED,
        "publicise": office and proposal.status == S.CHECKED and proposal.title.requires_publicity,
        "council": office
        and (
            (proposal.status == S.CHECKED and not proposal.title.requires_publicity)
            or proposal.status == S.PUBLICISED
        ),
        "return": proposal.status in svc.RETURNABLE
        and perms.can_return_dossier(scope, path, proposal.status),
    }


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = queries.proposal_for(request.user, pk)
    actions = _actions(request.user, proposal)
    return render(
        request,
        "awards/proposals/detail.html",
        {
            "proposal": proposal,
            "actions": actions,
            "documents": proposal.documents.select_related("uploaded_by"),
            "missing": svc.missing_documents(proposal),
            "steps": proposal.steps.select_related("actor"),
            "comments": proposal.comments.all(),
            "eligibility": proposal.eligibility or None,
            "upload_form": UploadForm() if actions["edit"] else None,
            "return_form": ReturnForm() if actions["return"] else None,
            "edit_form": EditForm(
                initial={
                    "procedure": proposal.procedure,
                    "period": proposal.period,
                    "achievements": proposal.achievements,
                }
            )
            if actions["edit"]
            else None,
        },
    )


@login_required
@require_POST
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = queries.proposal_for(request.user, pk)
    form = EditForm(request.POST)
    if form.is_valid():
        try:
            svc.proposal_update(proposal, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Đã lưu."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("awards:proposal_detail", pk=pk)


STEP_ACTIONS = {
    "submit": (svc.proposal_submit, gettext_lazy("Đã gửi hồ sơ đến Văn phòng.")),
    "check": (svc.proposal_check, None),
    "publicise": (svc.proposal_publicise, gettext_lazy("Đã đưa hồ sơ lên danh sách công khai.")),
    "council": (svc.proposal_send_to_council, gettext_lazy("Đã trình Hội đồng.")),
}


@login_required
@require_POST
def proposal_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = queries.proposal_for(request.user, pk)
    if action == "return":
        reason = request.POST.get("reason", "")

        def call() -> Proposal:
            return svc.proposal_return(proposal, actor=request.user, reason=reason)

        done = _("Đã trả lại hồ sơ cho đơn vị.")
    elif action in STEP_ACTIONS:
        service, message = STEP_ACTIONS[action]

        def call() -> Proposal:
            return service(proposal, actor=request.user)

        done = str(message) if message else ""
    else:
        raise Http404
    try:
        result = call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if action == "check":
            if result.eligible:
                messages.success(request, _("Hồ sơ đầy đủ và đủ tiêu chuẩn."))
            else:
                messages.warning(
                    request,
                    _("Hồ sơ chưa đạt: xem các tiêu chuẩn không đạt bên dưới rồi trả lại đơn vị."),
                )
        else:
            messages.success(request, done)
    return redirect("awards:proposal_detail", pk=pk)


@login_required
@require_POST
def proposal_upload(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = queries.proposal_for(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn loại tài liệu và tệp."))
        return redirect("awards:proposal_detail", pk=pk)
    upload = form.cleaned_data["file"]
    try:
        limit = 1 + 1024 * 1024 * int(settings.THIDUA_MAX_UPLOAD_MB)
        data = upload.read(limit)
        name = check_dossier_file(upload.name, data)
        svc.proposal_document_add(
            proposal, actor=request.user, kind=form.cleaned_data["kind"], name=name, content=data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã tải lên %(name)s.") % {"name": name})
    return redirect("awards:proposal_detail", pk=pk)


def _report_name(proposal: Proposal) -> str:
    return f"bao-cao-thanh-tich-{slugify_vi(proposal.nominee_name)}-{proposal.year}.docx"


@login_required
def proposal_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the generated achievement report (.docx) to edit in Word; with POST, attach it
    to the dossier as is."""
    proposal = queries.proposal_for(request.user, pk)
    content = achievement_report(proposal, on=timezone.localdate())
    if request.method == "POST":
        try:
            svc.proposal_document_add(
                proposal,
                actor=request.user,
                kind=DocumentKind.BAO_CAO,
                name=_report_name(proposal),
                content=content,
                generated=True,
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Đã đính kèm báo cáo thành tích do hệ thống tạo."))
        return redirect("awards:proposal_detail", pk=pk)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_report_name(proposal)}"'
    return response


@login_required
def document_download(request: HttpRequest, pk: int, doc: int) -> FileResponse:
    proposal = queries.proposal_for(request.user, pk)
    document = proposal.documents.filter(pk=doc).first()
    if document is None:
        raise Http404
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )
