"""Checks a dossier file by its content before it is stored: size within
``THIDUA_MAX_UPLOAD_MB``; a Word .docx (through admindoc's archive guard: no macros, no zip
bomb, not encrypted), a PDF, or a scanned image. Anything else is refused with a message that
says what to upload instead."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.admindoc.extract import sniff_format
from thidua.admindoc.extract_docx import read_docx
from thidua.admindoc.model import AdminDocError

ALLOWED = {"pdf": ".pdf", "zip": ".docx", "png": ".png", "jpeg": ".jpg"}


def check_dossier_file(name: str, data: bytes) -> str:
    """Return the file name to store (with the extension that matches its content)."""
    limit = int(settings.THIDUA_MAX_UPLOAD_MB)
    if not data:
        raise ValidationError(_("Tệp rỗng. Hãy chọn lại tệp."))
    if len(data) > limit * 1024 * 1024:
        raise ValidationError(
            _("Tệp quá lớn (%(size).1f MB); giới hạn là %(limit)s MB. Hãy nén ảnh hoặc tách tệp.")
            % {"size": len(data) / 1024 / 1024, "limit": limit}
        )
    kind = sniff_format(data)
    if kind not in ALLOWED:
        raise ValidationError(
            _("Chỉ nhận văn bản Word (.docx), PDF hoặc ảnh chụp (.jpg, .png); tệp này không phải.")
        )
    if kind == "zip":
        try:
            read_docx(data)
        except AdminDocError as exc:
            raise ValidationError(str(exc)) from exc
    stem = (name or "tai-lieu").rsplit(".", 1)[0][:100] or "tai-lieu"
    return stem + ALLOWED[kind]
