"""Import a plan document, review it, confirm; write a new plan; edit a plan.

The pending review lives in the user's session, not in a draft row. Why: until the user
confirms, nothing may exist as a plan, and a review that is abandoned (the tab closed, "Hủy"
pressed, the session expired) must leave nothing behind. The session holds only the extracted
text and the editable draft (a few tens of KB; the uploaded file itself is never stored), is
private to the user, and is deleted with the session by Django's ``clearsessions``; a draft row
would need a cleanup job, would show up in listings and backups, and could be half-written.
Several reviews may be pending at once, each under its own random token.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.auth import require_admin_access

from thidua.core.forms import attach_errors
from thidua.org.models import Agency
from thidua.plans import queries, services
from thidua.plans.importing.draft import build_draft, read_upload
from thidua.plans.views.editor import Editor, blank_draft, draft_from_plan

SESSION_KEY = "plans.pending_reviews"
MAX_PENDING = 5


class UploadForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Cơ quan ban hành"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Văn bản kế hoạch"),
        help_text=gettext_lazy("Tệp .docx, .pdf, ảnh chụp/quét (.jpg, .png) hoặc .txt."),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = agencies.first()


def _managed(request: HttpRequest) -> Any:
    agencies = queries.manageable_agencies(request.user).order_by("path")
    if not agencies.exists():
        raise PermissionDenied
    return agencies


def _pending(request: HttpRequest) -> dict[str, Any]:
    return request.session.get(SESSION_KEY, {})


def _store(request: HttpRequest, token: str, draft: dict[str, Any] | None) -> None:
    pending = dict(_pending(request))
    if draft is None:
        pending.pop(token, None)
    else:
        pending[token] = draft
        while len(pending) > MAX_PENDING:  # the oldest abandoned reviews go first
            pending.pop(next(iter(pending)))
    request.session[SESSION_KEY] = pending


@require_admin_access
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    agencies = _managed(request)
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            doc, text, fmt = read_upload(upload_file.read(), upload_file.name)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            draft = build_draft(
                doc,
                agency=form.cleaned_data["agency"],
                source_text=text,
                source_name=upload_file.name,
                source_format=fmt,
            )
            token = secrets.token_urlsafe(12)
            _store(request, token, draft)
            return redirect("plans:review", token)
    return render(request, "plans/upload.html", {"form": form})


def _agency_for(request: HttpRequest, agency_id: int) -> Agency:
    agency = _managed(request).filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


@require_admin_access
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, token: str) -> HttpResponse:
    draft = _pending(request).get(token)
    if draft is None:
        messages.info(request, _("Phiên xem lại này đã kết thúc; hãy tải văn bản lên lại."))
        return redirect("plans:upload")
    agency = _agency_for(request, draft["agency_id"])
    editor = Editor(draft, queries.units_of(agency), request.POST or None, user=request.user)
    if request.method == "POST" and editor.is_valid():
        edited = editor.to_draft()
        try:
            plan = services.plan_create(draft=edited, agency=agency, actor=request.user)
        except ValidationError as exc:
            attach_errors(editor.form, exc)
        else:
            _store(request, token, None)
            messages.success(request, _("Đã tạo kế hoạch “%s” (dự thảo).") % plan.title)
            return redirect("plans:detail", plan.pk)
    return render(
        request,
        "plans/editor.html",
        {
            "editor": editor,
            "draft": draft,
            "agency": agency,
            "mode": "review",
            "token": token,
            "low": set(draft.get("low_confidence") or []),
        },
    )


@require_admin_access
@require_POST
def abandon(request: HttpRequest, token: str) -> HttpResponse:
    _store(request, token, None)
    messages.info(request, _("Đã hủy bản xem lại; không có gì được lưu."))
    return redirect("plans:index")


@require_admin_access
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    agencies = _managed(request)
    agency = agencies.filter(pk=request.GET.get("agency") or 0).first() or agencies.first()
    editor = Editor(
        blank_draft(agency), queries.units_of(agency), request.POST or None, user=request.user
    )
    if request.method == "POST" and editor.is_valid():
        try:
            plan = services.plan_create(draft=editor.to_draft(), agency=agency, actor=request.user)
        except ValidationError as exc:
            attach_errors(editor.form, exc)
        else:
            messages.success(request, _("Đã tạo kế hoạch “%s” (dự thảo).") % plan.title)
            return redirect("plans:detail", plan.pk)
    return render(
        request,
        "plans/editor.html",
        {"editor": editor, "draft": editor.draft, "agency": agency, "mode": "create", "low": set()},
    )


@require_admin_access
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(queries.plans_managed_by(request.user), pk=pk)
    editor = Editor(
        draft_from_plan(plan),
        queries.units_of(plan.agency),
        request.POST or None,
        user=request.user,
    )
    if request.method == "POST" and editor.is_valid():
        try:
            services.plan_update(plan, draft=editor.to_draft(), actor=request.user)
        except ValidationError as exc:
            attach_errors(editor.form, exc)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("plans:detail", plan.pk)
    return render(
        request,
        "plans/editor.html",
        {
            "editor": editor,
            "draft": editor.draft,
            "agency": plan.agency,
            "plan": plan,
            "mode": "edit",
            "low": set(),
        },
    )
