"""Certificates: the public verification page (the QR code's target) and, for staff, the
printable .docx / PDF downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from thidua.awards import council_access as access
from thidua.awards.models import Certificate
from thidua.awards.services.certificates import docx_to_pdf


@never_cache
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: who was awarded what, by which decision, and whether it was revoked."""
    certificate = (
        Certificate.objects.select_related("awardee__title", "awardee__decision__agency")
        .filter(code=code.strip().upper())
        .first()
    )
    status = 200 if certificate else 404
    return render(
        request,
        "awards/certificates/verify.html",
        {
            "certificate": certificate,
            "code": code,
            "awardee": getattr(certificate, "awardee", None),
        },
        status=status,
    )


def _certificate_for(request: HttpRequest, pk: int) -> Certificate:
    certificate = get_object_or_404(
        Certificate.objects.select_related("awardee__decision__agency"), pk=pk
    )
    visible = access.decisions_visible_to(request.user)
    if not visible.filter(pk=certificate.awardee.decision_id).exists():
        raise Http404
    return certificate


@login_required
def certificate_docx(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_for(request, pk)
    return FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=f"{certificate.kind}-{certificate.code}.docx",
    )


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate_for(request, pk)
    with certificate.file.open("rb") as handle:
        data = docx_to_pdf(handle.read())
    if data is None:
        messages.error(
            request,
            _("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản .docx để in."),
        )
        return redirect("awards:decision_detail", certificate.awardee.decision_id)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate.kind}-{certificate.code}.pdf"'
    )
    return response
