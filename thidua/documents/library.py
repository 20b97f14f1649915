"""The document library (the registry's documents, published on the portal): the upload check
by content and the plain writes (one transaction and one audit entry each).

Reads live in queries.py (re-exported here for the portal, which imported them from here);
registration from a file, relations and dissemination are in services/.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.admindoc.extract import sniff_format
from thidua.admindoc.extract_docx import check_container
from thidua.admindoc.model import UnreadableDocument
from thidua.core import audit
from thidua.documents.models import Document
from thidua.documents.permissions import LIBRARY_MANAGERS, can_manage_library
from thidua.documents.queries import (  # noqa: F401  (the portal reads them from here)
    agencies_for_library,
    documents_managed_by,
    documents_visible_to,
)
from thidua.org.queries import user_scope
from thidua.org.services.common import ensure_writable

__all__ = ["LIBRARY_MANAGERS", "agencies_for_library", "documents_managed_by"]

DOCUMENT_FIELDS = (
    "doc_type",
    "number_symbol",
    "issuer",
    "date",
    "effective_date",
    "summary",
    "file",
    "published",
)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}


def can_manage_library_of(user: Any, agency_path: str) -> bool:
    return can_manage_library(user_scope(user), agency_path)


# Names in a PDF that run code or carry other files: scripts, launch actions, attachments,
# multimedia and XML forms. A document for the registry never needs them.
_PDF_ACTIVE = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)(?![A-Za-z0-9])"
)


def pdf_has_active_content(data: bytes) -> bool:
    """Whether a PDF holds scripts, launch actions or embedded files, in its raw objects or in
    its compressed object streams (read through pypdf)."""
    if _PDF_ACTIVE.search(data):
        return True
    try:
        from pypdf import PdfReader
        from pypdf.generic import IndirectObject

        reader = PdfReader(io.BytesIO(data), strict=False)
        root = reader.trailer["/Root"].get_object()
        if any(key in root for key in ("/OpenAction", "/AA")):
            return True
        names = root.get("/Names")
        if names is not None and any(
            key in names.get_object() for key in ("/JavaScript", "/EmbeddedFiles")
        ):
            return True
        for page in reader.pages:
            if "/AA" in page:
                return True
            for annot in page.get("/Annots") or []:
                annot = annot.get_object() if isinstance(annot, IndirectObject) else annot
                action = annot.get("/A")
                action = action.get_object() if action is not None else None
                if action is not None and action.get("/S") in ("/JavaScript", "/Launch"):
                    return True
    except Exception:  # a damaged PDF is judged by its raw bytes above; extraction reports it
        return False
    return False


def _active_content() -> ValidationError:
    return ValidationError(
        {
            "file": _(
                "Tệp có nội dung chạy được (macro, mã JavaScript, lệnh mở chương trình hoặc tệp "
                "đính kèm bên trong). Hãy in lại thành PDF hoặc lưu lại thành tệp không có macro "
                "rồi tải lên."
            )
        }
    )


def content_type_of(data: bytes) -> str:
    """The content type of an acceptable document file; ValidationError saying what to do."""
    kind = sniff_format(data)
    if kind == "zip":
        try:
            with zipfile.ZipFile(_bytes_io(data)) as archive:
                names = set(archive.namelist())
                mimetype = (
                    archive.read("mimetype").decode("ascii", "replace").strip()
                    if "mimetype" in names
                    else ""
                )
        except (zipfile.BadZipFile, ValueError, EOFError, KeyError) as exc:
            raise ValidationError(
                {"file": _("Tệp nén bị hỏng; hãy lưu lại tệp rồi tải lên.")}
            ) from exc
        if any("vbaproject" in n.lower() for n in names):
            raise ValidationError(
                {"file": _("Tệp có macro. Hãy lưu lại thành tệp không có macro rồi tải lên.")}
            )
        if any(n.startswith(("Basic/", "Scripts/")) for n in names):
            raise _active_content()
        if "word/document.xml" in names:
            try:
                check_container(data)
            except UnreadableDocument as exc:
                raise ValidationError({"file": str(exc)}) from exc
            return CONTENT_TYPES["docx"]
        if "xl/workbook.xml" in names:
            return CONTENT_TYPES["xlsx"]
        if mimetype == CONTENT_TYPES["odt"]:
            return CONTENT_TYPES["odt"]
    if kind == "pdf":
        if pdf_has_active_content(data):
            raise _active_content()
        return CONTENT_TYPES["pdf"]
    raise ValidationError(
        {
            "file": _(
                "Chỉ nhận văn bản dạng PDF, Word (.docx), OpenDocument (.odt) hoặc Excel (.xlsx). "
                "Tệp này không thuộc các dạng đó (có thể bị đổi đuôi); hãy lưu lại đúng định dạng."
            )
        }
    )


def _bytes_io(data: bytes) -> IO[bytes]:
    return io.BytesIO(data)


def check_file(upload: Any) -> str:
    """Size and content check of an uploaded file; returns its content type."""
    limit_mb = int(settings.THIDUA_MAX_UPLOAD_MB)
    size = getattr(upload, "size", 0) or 0
    if size <= 0:
        raise ValidationError({"file": _("Tệp rỗng. Hãy chọn tệp văn bản có nội dung.")})
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {
                "file": _("Tệp quá lớn (%(size).1f MB); giới hạn là %(limit)s MB.")
                % {"size": size / 1024 / 1024, "limit": limit_mb}
            }
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return content_type_of(data)


def full_text_of(upload: Any) -> str:
    """The text of an uploaded document read by admindoc ("" when it has none: a spreadsheet,
    an unreadable scan); the registry searches it without diacritics."""
    from thidua.admindoc.extract import extract
    from thidua.admindoc.model import AdminDocError

    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        limit = int(settings.THIDUA_MAX_UPLOAD_MB) * 1024 * 1024
        return extract(data, filename=getattr(upload, "name", None), max_bytes=limit).text
    except AdminDocError:
        return ""


def _check_dates(document: Document) -> None:
    if document.effective_date and document.date and document.effective_date < document.date:
        raise ValidationError(
            {"effective_date": _("Ngày hiệu lực không thể trước ngày ban hành; hãy kiểm tra lại.")}
        )


def _require_manager(actor: Any, agency: Any) -> None:
    if not can_manage_library_of(actor, agency.path):
        raise ValidationError(
            _("Bạn không quản lý thư viện văn bản của %(agency)s.") % {"agency": agency.name}
        )


@transaction.atomic
def document_create(*, actor: Any, agency: Any, **fields: Any) -> Document:
    _require_manager(actor, agency)
    ensure_writable(agency)
    upload = fields.get("file")
    if upload is None:
        raise ValidationError({"file": _("Hãy chọn tệp văn bản.")})
    if isinstance(upload, UploadedFile):
        check_file(upload)
        fields.setdefault("full_text", full_text_of(upload))
    document = Document(agency=agency, created_by=_user(actor), **fields)
    if document.published:
        document.published_at = timezone.now()
    _check_dates(document)
    document.full_clean(exclude=["file", "agency", "created_by"])
    document.save()
    audit.record(document, "thidua.document_create", actor=actor, note=document.number_symbol)
    return document


@transaction.atomic
def document_update(document: Document, *, actor: Any, **fields: Any) -> Document:
    document = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    _require_manager(actor, document.agency)
    # The file is recorded by its stored name (a FieldFile is not JSON for the audit entry).
    tracked = [name for name in audit.snapshot(document) if name != "file"]
    before = {**audit.snapshot(document, tracked), "file": document.file.name}
    upload = fields.get("file")
    if isinstance(upload, UploadedFile):
        check_file(upload)
        fields["full_text"] = full_text_of(upload)  # a new file: its own text is searched
    for name, value in fields.items():
        setattr(document, name, value)
    if document.published and not document.published_at:
        document.published_at = timezone.now()
    _check_dates(document)
    document.full_clean(exclude=["file", "agency", "created_by"])
    document.save()
    audit.record(
        document,
        "thidua.document_update",
        actor=actor,
        changes=audit.diff(
            before, {**audit.snapshot(document, tracked), "file": document.file.name}
        ),
    )
    return document


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
