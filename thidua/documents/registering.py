"""Registering a document from its file, step one: check the upload, read its text with
``admindoc``, keep the file aside and pre-fill the registration form.

Nothing is written to the database here. The file waits in private storage under
``pending/<token>/`` (with its extracted text) until the user confirms the form
(``services.document_register`` moves it into the registry) or abandons it; the daily job
removes what was left behind (``pending_purge``). The session keeps only the token and the
pre-filled values.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.admindoc.extract import extract
from thidua.admindoc.model import AdminDocError, AdminDocument
from thidua.admindoc.parse import parse
from thidua.admindoc.vntext import is_upper_text, parse_date
from thidua.core.storage import private_storage
from thidua.core.text import fold, slugify_vi
from thidua.documents.library import check_file
from thidua.documents.models import Document, DocumentRelation
from thidua.org.models import Agency

PENDING_DIR = "pending"
LOW_CONFIDENCE = 0.75

# Folded type names and symbol abbreviations -> registry type.
TYPE_BY_NAME = {
    "luat": Document.Type.LAW,
    "bo luat": Document.Type.LAW,
    "nghi dinh": Document.Type.DECREE,
    "thong tu": Document.Type.CIRCULAR,
    "thong tu lien tich": Document.Type.CIRCULAR,
    "nghi quyet": Document.Type.RESOLUTION,
    "quyet dinh": Document.Type.DECISION,
    "chi thi": Document.Type.DIRECTIVE,
    "ke hoach": Document.Type.PLAN,
    "chuong trinh": Document.Type.PROGRAMME,
    "huong dan": Document.Type.GUIDANCE,
    "thong bao": Document.Type.NOTICE,
    "bao cao": Document.Type.REPORT,
    "quy dinh": Document.Type.REGULATION,
    "quy che": Document.Type.RULES,
    "cong van": Document.Type.OFFICIAL_LETTER,
}
TYPE_BY_ABBR = {
    "l": Document.Type.LAW,
    "nd": Document.Type.DECREE,
    "tt": Document.Type.CIRCULAR,
    "ttlt": Document.Type.CIRCULAR,
    "nq": Document.Type.RESOLUTION,
    "qd": Document.Type.DECISION,
    "ct": Document.Type.DIRECTIVE,
    "kh": Document.Type.PLAN,
    "ctr": Document.Type.PROGRAMME,
    "hd": Document.Type.GUIDANCE,
    "tb": Document.Type.NOTICE,
    "bc": Document.Type.REPORT,
    "qyd": Document.Type.REGULATION,
    "qc": Document.Type.RULES,
}
# "…, Sở Thông tin và Truyền thông xây dựng kế hoạch … như sau:" (the document's own clause).
_OWN_CLAUSE = re.compile(
    r"^\s*((?:Sở|Ủy ban|UBND|Ban|Phòng|Văn phòng|Hội đồng|Bộ|Cục|Tổng cục|Trường|Bệnh viện|"
    r"Trung tâm|Đảng ủy|Công đoàn)\b[^,;:]{2,120}?)\s+(?:xây dựng|ban hành|hướng dẫn|thông báo|"
    r"báo cáo|triển khai|tổ chức|đề nghị|quyết định)\b"
)
_EFFECTIVE = re.compile(r"có hiệu lực(?: thi hành)?(?: kể)? từ (ngày ký|ngày [^.;,]{6,30})", re.I)
_NUMBER = r"số\s+(\d+[^\s,;:()]*/[^\s,;:()]+)"
_REPLACES = re.compile(r"thay thế [^.;]{0,120}?" + _NUMBER, re.I)
_AMENDS = re.compile(r"sửa đổi, bổ sung [^.;]{0,120}?" + _NUMBER, re.I)


@dataclass
class Prefill:
    """What was read from the file: the form's initial values, JSON-ready (dates ISO)."""

    direction: str = Document.Direction.INCOMING
    doc_type: str = ""
    number_symbol: str = ""
    issuer: str = ""
    date: str = ""
    effective_date: str = ""
    summary: str = ""
    based_on: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    amends: list[str] = field(default_factory=list)
    low_confidence: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Pending:
    """An upload waiting for confirmation (kept in the session by its token)."""

    token: str
    agency_id: int
    file_name: str  # as uploaded, for the stored file's name
    content_type: str
    prefill: dict[str, Any]
    uploaded_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pending:
        return cls(**data)

    @property
    def file_path(self) -> str:
        return f"{PENDING_DIR}/{self.token}/file"

    @property
    def text_path(self) -> str:
        return f"{PENDING_DIR}/{self.token}/text.txt"

    def read_text(self) -> str:
        storage = private_storage()
        if not storage.exists(self.text_path):
            return ""
        with storage.open(self.text_path, "rb") as handle:
            return handle.read().decode("utf-8")

    def exists(self) -> bool:
        return private_storage().exists(self.file_path)

    def discard(self) -> None:
        storage = private_storage()
        for path in (self.file_path, self.text_path):
            if storage.exists(path):
                storage.delete(path)


def upload_read(upload: Any, *, agency: Agency) -> Pending:
    """Check the upload (size, type by content, no active content), read its text, keep it
    aside and pre-fill the form. Raises ValidationError saying what was wrong with the file."""
    content_type = check_file(upload)
    upload.seek(0)
    data = upload.read()
    warnings: list[str] = []
    text = ""
    doc: AdminDocument | None = None
    try:
        limit = int(settings.THIDUA_MAX_UPLOAD_MB) * 1024 * 1024
        extracted = extract(data, filename=upload.name, max_bytes=limit)
        text = extracted.text
        doc = parse(text)
    except AdminDocError as exc:
        warnings.append(str(exc))
    prefill = prefill_from(doc, text, agency=agency) if doc is not None else Prefill()
    prefill.warnings = warnings + prefill.warnings
    token = secrets.token_urlsafe(16)
    pending = Pending(
        token=token,
        agency_id=agency.pk,
        file_name=(upload.name or "van-ban")[-120:],
        content_type=content_type,
        prefill=asdict(prefill),
        uploaded_at=timezone.now().isoformat(),
    )
    storage = private_storage()
    storage.save(pending.file_path, ContentFile(data))
    storage.save(pending.text_path, ContentFile(text.encode("utf-8")))
    return pending


def stored_name(pending: Pending, number_symbol: str) -> str:
    """The registry file's name: the number and symbol, with the extension of its content."""
    extension = {
        "application/pdf": "pdf",
        "application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    }.get(pending.content_type, "docx")
    stem = slugify_vi(number_symbol.replace("/", "-"), 60) or slugify_vi(
        pending.file_name.rsplit(".", 1)[0], 60
    )
    return f"{stem or 'van-ban'}.{extension}"


def pending_purge(older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete uploads nobody confirmed or abandoned (the tab was closed); returns how many."""
    storage = private_storage()
    try:
        tokens, _files = storage.listdir(PENDING_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for token in tokens:
        path = f"{PENDING_DIR}/{token}/file"
        try:
            stale = not storage.exists(path) or storage.get_modified_time(path) < cutoff
        except (FileNotFoundError, NotImplementedError):
            stale = True
        if stale:
            Pending(token, 0, "", "", {}, "").discard()
            removed += 1
    return removed


# --- Pre-filling ------------------------------------------------------------------------


def prefill_from(doc: AdminDocument, text: str, *, agency: Agency) -> Prefill:
    """The registration form's values from a parsed document."""
    number = doc.number or ""
    confidence = doc.quality.confidence or {}
    issuer, issuer_agency = _issuer(doc, number)
    prefill = Prefill(
        doc_type=_doc_type(doc),
        number_symbol=number,
        issuer=issuer,
        date=doc.date.isoformat() if doc.date else "",
        summary=(doc.title or "")[:500],
        effective_date=_effective_date(text, doc.date),
        based_on=_unique(b.number for b in doc.bases if b.number),
        replaces=_unique(m.group(1) for m in _REPLACES.finditer(text)),
        amends=_unique(m.group(1) for m in _AMENDS.finditer(text)),
    )
    own_symbol = fold(agency.symbol or agency.code)
    issued_here = issuer_agency is not None and issuer_agency.path.startswith(agency.path)
    if issued_here or (own_symbol and _symbol_of(number) == own_symbol):
        prefill.direction = Document.Direction.OUTGOING
    prefill.low_confidence = [
        name
        for name, key in (
            ("number_symbol", "number"),
            ("date", "date"),
            ("summary", "title"),
            ("doc_type", "type_name"),
        )
        if confidence.get(key, 1.0) < LOW_CONFIDENCE
    ]
    for name in ("number_symbol", "date", "summary", "issuer", "doc_type"):
        if not getattr(prefill, name) and name not in prefill.low_confidence:
            prefill.low_confidence.append(name)
    return prefill


def _unique(values: Any) -> list[str]:
    seen: list[str] = []
    for value in values:
        value = value.strip().rstrip(".")
        if value and value not in seen:
            seen.append(value)
    return seen


def _doc_type(doc: AdminDocument) -> str:
    if doc.type_name and fold(doc.type_name) in TYPE_BY_NAME:
        return TYPE_BY_NAME[fold(doc.type_name)]
    if doc.type_abbr and fold(doc.type_abbr) in TYPE_BY_ABBR:
        return TYPE_BY_ABBR[fold(doc.type_abbr)]
    if doc.number:
        for part in reversed(re.split(r"[/-]", doc.number)):
            if fold(part) in TYPE_BY_ABBR:
                return TYPE_BY_ABBR[fold(part)]
    return Document.Type.OTHER if doc.type_name else ""


def _symbol_of(number: str) -> str:
    """The issuer's part of a number and symbol, folded: "31/KH-STTTT" -> "stttt"."""
    if "/" not in number:
        return ""
    tail = number.split("/", 1)[1]
    return fold(tail.rsplit("-", 1)[-1]) if "-" in tail else fold(tail)


def _issuer(doc: AdminDocument, number: str) -> tuple[str, Agency | None]:
    """The issuing body: the header's issuer, else the document's own clause ("Sở X xây dựng
    kế hoạch …"), else the agency whose symbol ends the number. A known agency gives its name
    as the system writes it; otherwise the printed text (capitals turned into a sentence)."""
    candidates: list[str] = []
    if doc.issuer:
        candidates.append(doc.issuer)
    for section in doc.sections[:3]:
        if section.number == "":
            for paragraph in [section.title, *(section.body or "").split("\n")]:
                match = _OWN_CLAUSE.match(paragraph or "")
                if match:
                    candidates.append(match.group(1))
    for candidate in candidates:
        agency = _agency_named(candidate)
        if agency is not None:
            return agency.name, agency
    symbol = _symbol_of(number)
    if symbol:
        for agency in Agency.objects.filter(symbol__iexact=symbol).order_by("-valid_from")[:1]:
            if not candidates:
                return agency.name, agency
    if candidates:
        printed = candidates[0]
        return (printed.capitalize() if is_upper_text(printed) else printed)[:255], None
    return "", None


def _agency_named(name: str) -> Agency | None:
    """The agency of that name (folded; the newest of namesakes), through its folded column."""
    folded = fold(name)
    for agency in Agency.objects.filter(search_text__contains=folded).order_by("-pk")[:50]:
        if fold(agency.name) == folded:
            return agency
    return None


def _effective_date(text: str, date: dt.date | None) -> str:
    match = _EFFECTIVE.search(text or "")
    if not match:
        return ""
    if match.group(1).lower() == "ngày ký":
        return date.isoformat() if date else ""
    found = parse_date(match.group(1))
    return found.isoformat() if found else ""


RELATION_FIELDS = {
    "based_on": DocumentRelation.Kind.BASED_ON,
    "replaces": DocumentRelation.Kind.REPLACES,
    "amends": DocumentRelation.Kind.AMENDS,
}
