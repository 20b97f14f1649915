"""Checks an evidence file by its content, never by its name: PDF, JPEG, PNG or a Word .docx
without macros, within ``THIDUA_MAX_UPLOAD_MB``."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.admindoc.extract import sniff_format
from thidua.admindoc.extract_docx import check_container
from thidua.admindoc.model import UnreadableDocument

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def check_evidence_file(stream: IO[bytes], size: int) -> str:
    """The content type of an acceptable evidence file; ValidationError saying what to do
    otherwise. ``stream`` is rewound."""
    limit_mb = int(settings.THIDUA_MAX_UPLOAD_MB)
    if size <= 0:
        raise ValidationError({"file": _("Tệp rỗng. Hãy chọn tệp minh chứng có nội dung.")})
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {
                "file": _(
                    "Tệp quá lớn (%(size).1f MB); giới hạn là %(limit)s MB. Hãy nén ảnh, tách tệp "
                    "hoặc đưa đường dẫn thay cho tệp."
                )
                % {"size": size / 1024 / 1024, "limit": limit_mb}
            }
        )
    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    kind = sniff_format(data)
    if kind == "zip":
        try:
            check_container(data)
        except UnreadableDocument as exc:
            raise ValidationError({"file": str(exc)}) from exc
        kind = "docx"
    if kind not in CONTENT_TYPES:
        raise ValidationError(
            {
                "file": _(
                    "Chỉ nhận minh chứng dạng PDF, ảnh JPEG/PNG hoặc văn bản Word (.docx). Tệp này "
                    "không thuộc các dạng đó (có thể bị đổi đuôi); hãy lưu lại đúng định dạng."
                )
            }
        )
    return CONTENT_TYPES[kind]
