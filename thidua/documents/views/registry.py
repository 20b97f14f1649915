"""Registering a document from its file (upload -> pre-filled form -> save), a document's page,
its relations and its file.

Until the user confirms, nothing exists in the database: the file waits in private storage
and the session holds its token and the values read from it (registering.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin.auth import require_admin_access

from thidua.core.forms import attach_errors
from thidua.documents import queries, services
from thidua.documents.forms import RegisterForm, RelationsForm, UploadForm
from thidua.documents.library import CONTENT_TYPES
from thidua.documents.models import Document, DocumentRelation
from thidua.documents.permissions import can_manage_library
from thidua.documents.registering import Pending, upload_read
from thidua.org.queries import user_scope

SESSION_KEY = "documents.pending_uploads"
MAX_PENDING = 5


def _pending_all(request: HttpRequest) -> dict[str, Any]:
    return request.session.get(SESSION_KEY, {})


def _store(request: HttpRequest, pending: Pending, keep: bool = True) -> None:
    stored = dict(_pending_all(request))
    if keep:
        stored[pending.token] = pending.to_dict()
        while len(stored) > MAX_PENDING:  # the oldest abandoned uploads go first
            Pending.from_dict(stored.pop(next(iter(stored)))).discard()
    else:
        stored.pop(pending.token, None)
    request.session[SESSION_KEY] = stored


def _library_agencies(request: HttpRequest) -> Any:
    agencies = queries.agencies_for_library(request.user)
    if not agencies.exists():
        raise PermissionDenied
    return agencies


@require_admin_access
@require_http_methods(["GET", "POST"])
def register_upload(request: HttpRequest) -> HttpResponse:
    agencies = _library_agencies(request)
    form = UploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            pending = upload_read(form.cleaned_data["file"], agency=form.cleaned_data["agency"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            _store(request, pending)
            return redirect("documents:register_confirm", pending.token)
    return render(request, "documents/register_upload.html", {"form": form})


@require_admin_access
@require_http_methods(["GET", "POST"])
def register_confirm(request: HttpRequest, token: str) -> HttpResponse:
    data = _pending_all(request).get(token)
    if data is None:
        messages.info(request, _("Phiên đăng ký này đã kết thúc; hãy tải văn bản lên lại."))
        return redirect("documents:register")
    pending = Pending.from_dict(data)
    agency = _library_agencies(request).filter(pk=pending.agency_id).first()
    if agency is None:
        raise Http404
    prefill = pending.prefill
    form = RegisterForm(request.POST or None, initial=RegisterForm.initial_from(prefill))
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_register(
                actor=request.user,
                agency=agency,
                pending=pending,
                relations=form.relations(),
                **form.document_fields(),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            _store(request, pending, keep=False)
            messages.success(
                request, _("Đã đăng ký văn bản %(n)s.") % {"n": document.number_symbol}
            )
            return redirect("documents:detail", document.pk)
    return render(
        request,
        "documents/register_confirm.html",
        {
            "form": form,
            "agency": agency,
            "pending": pending,
            "low": set(prefill.get("low_confidence") or []),
            "warnings": prefill.get("warnings") or [],
            "text_preview": pending.read_text()[:6000],
        },
    )


@require_admin_access
@require_POST
def register_abandon(request: HttpRequest, token: str) -> HttpResponse:
    data = _pending_all(request).get(token)
    if data is not None:
        pending = Pending.from_dict(data)
        pending.discard()
        _store(request, pending, keep=False)
    messages.info(request, _("Đã hủy đăng ký; tệp tải lên đã được xóa."))
    return redirect("documents:register")


def _document(request: HttpRequest, pk: int) -> Document:
    return get_object_or_404(queries.documents_visible_to(request.user), pk=pk)


@require_admin_access
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    scope = user_scope(request.user)
    relations = list(document.relations.select_related("target"))
    related_from = (
        DocumentRelation.objects.filter(
            target=document, source__in=queries.documents_visible_to(request.user).values("pk")
        )
        .select_related("source")
        .order_by("kind", "source__date")
    )
    disseminations = queries.disseminations_visible_to(request.user).filter(document=document)
    counts = {
        row["dissemination_id"]: row
        for row in queries.dissemination_counts(disseminations, by="dissemination")
    }
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "relations": relations,
            "related_from": list(related_from),
            "disseminations": [(d, counts.get(d.pk)) for d in disseminations[:50]],
            "may_manage": can_manage_library(scope, document.agency.path),
            "may_disseminate": queries.sending_agencies(request.user).exists(),
            "text_preview": document.full_text[:4000],
        },
    )


@require_admin_access
@require_http_methods(["GET", "POST"])
def relations_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(queries.documents_managed_by(request.user), pk=pk)
    current: dict[str, list[str]] = {"based_on": [], "replaces": [], "amends": []}
    for relation in document.relations.all():
        current[relation.kind].append(relation.reference)
    form = RelationsForm(
        request.POST or None, initial={k: "; ".join(v) for k, v in current.items()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_relations_set(
                document, relations=form.relations(), actor=request.user
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu quan hệ văn bản."))
            return redirect("documents:detail", document.pk)
    return render(request, "documents/relations.html", {"form": form, "document": document})


@require_admin_access
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = _document(request, pk)
    if not document.file:
        raise Http404
    extension = document.file.name.rsplit(".", 1)[-1].lower()
    kind = extension if extension in CONTENT_TYPES else "pdf"
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.number_symbol.replace('/', '-')}.{extension}",
        content_type=CONTENT_TYPES[kind],
    )
    response["Cache-Control"] = "private, no-store"
    return response
