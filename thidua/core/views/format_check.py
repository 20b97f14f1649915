"""Checking a Word document against the Decree 30/2020 format, from the back office.

The same checker as ``python -m thidua.admindoc check``: staff upload a .docx they typed and get
every departure (margins, fonts, sizes, header blocks, "Nơi nhận", page numbers) in Vietnamese.
Nothing is stored: the file is read in memory and discarded.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import require_admin_access

from thidua.admindoc.check import check_docx
from thidua.admindoc.model import UnreadableDocument

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class FormatCheckForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Văn bản Word (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".docx,{DOCX_TYPE}"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        limit = settings.THIDUA_MAX_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(
                _("Tệp %(size)s MB, lớn hơn giới hạn %(limit)s MB.")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": settings.THIDUA_MAX_UPLOAD_MB,
                }
            )
        return upload.read()


@require_admin_access
@require_http_methods(["GET", "POST"])
def format_check(request: HttpRequest) -> HttpResponse:
    form = FormatCheckForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        try:
            problems = check_docx(form.cleaned_data["file"])
        except UnreadableDocument as error:
            form.add_error("file", str(error))
    return render(
        request,
        "core/format_check.html",
        {
            "form": form,
            "problems": problems,
            "name": getattr(request.FILES.get("file"), "name", ""),
        },
    )
