"""A plan document read by ``admindoc`` → a *draft*: the plain, JSON-ready dictionary that the
review screen edits and ``plan_import_confirm`` turns into a Plan.

Keys: agency_id, source_name, source_format, source_text, warnings, low_confidence, title,
number_symbol, issued_on (ISO), place, parent_body, issuer_name, signer_authority,
signer_positions, signer_name, purposes, year_start, year_end, report_cadence, bases[],
content_items[], channels[], phases[], assignments[], recipients[].
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.admindoc.extract import extract
from thidua.admindoc.model import AdminDocError, AdminDocument, Section
from thidua.admindoc.parse import parse
from thidua.core.text import fold
from thidua.org.models import Agency
from thidua.plans.importing.matching import UnitMatcher
from thidua.plans.models import AssignmentRole, Cadence, Channel

LOW_CONFIDENCE = 0.75

# Folded phrases that name a channel, most specific first.
CHANNEL_PHRASES: list[tuple[str, tuple[str, ...]]] = [
    (Channel.MONTHLY_BRIEFING, ("giao ban hang thang", "hop giao ban thang", "giao ban thang")),
    (Channel.QUARTERLY_BRIEFING, ("giao ban hang quy", "giao ban quy", "so ket quy")),
    (Channel.PARTY_CELL, ("sinh hoat chi bo", "chi bo")),
    (Channel.LEGAL_DAY, ("ngay phap luat",)),
    (Channel.E_OFFICE, ("van phong dien tu", "e-office", "quan ly van ban", "phan mem quan ly")),
    (Channel.WORK_RECORDS, ("ho so cong viec",)),
    (
        Channel.PORTAL,
        ("cong thong tin dien tu", "trang thong tin dien tu", "website", "chuyen trang"),
    ),
    (Channel.CONFERENCE, ("hoi nghi", "hop co quan", "so ket, tong ket", "tong ket nganh")),
    (Channel.EXEMPLAR_MEETING, ("gap go, giao luu", "giao luu", "gap go")),
]
CHANNEL_CADENCE = {
    Channel.MONTHLY_BRIEFING: Cadence.MONTHLY,
    Channel.QUARTERLY_BRIEFING: Cadence.QUARTERLY,
}
_PERIOD = re.compile(r"(20\d\d)\s*[-–]\s*(20\d\d)")
_YEAR = re.compile(r"\b(20\d\d)\b")


def read_upload(data: bytes, filename: str) -> tuple[AdminDocument, str, str]:
    """Extract and parse an uploaded plan; returns (document, text, format).

    Raises ValidationError with the library's Vietnamese message when the file is unreadable."""
    limit = settings.THIDUA_MAX_UPLOAD_MB * 1024 * 1024
    if len(data) > limit:
        raise ValidationError(
            _("Tệp lớn hơn %(mb)s MB; hãy giảm dung lượng (ví dụ: quét ở 200 dpi) rồi tải lại.")
            % {"mb": settings.THIDUA_MAX_UPLOAD_MB}
        )
    try:
        extracted = extract(data, filename=filename, max_bytes=limit)
        doc = parse(extracted.text)
    except AdminDocError as exc:
        raise ValidationError(str(exc)) from exc
    if extracted.encoding_converted:
        doc.quality.encoding_converted = True
    return doc, extracted.text, extracted.source_format


def build_draft(
    doc: AdminDocument, *, agency: Agency, source_text: str, source_name: str, source_format: str
) -> dict[str, Any]:
    matcher = UnitMatcher(agency)
    year_start, year_end = _period(doc)
    content_section, forms_text = _content_and_forms(doc.sections)
    body_text = "\n".join(_all_text(doc.sections))
    channels = _channels(forms_text or body_text)
    warnings = []
    if doc.quality.diacritics_missing:
        warnings.append(
            _(
                "Văn bản gốc bị mất dấu tiếng Việt (thường do quét/OCR): hãy đối chiếu và sửa "
                "trích yếu, nội dung và tên đơn vị trước khi xác nhận."
            )
        )
    if doc.quality.ocr_suspect:
        warnings.append(_("Văn bản được đọc bằng nhận dạng ký tự (OCR); có thể có chữ đọc sai."))
    if doc.quality.encoding_converted:
        warnings.append(_("Văn bản dùng bảng mã cũ (TCVN3/VNI) và đã được chuyển sang Unicode."))
    low = sorted(k for k, v in doc.quality.confidence.items() if v < LOW_CONFIDENCE)
    draft: dict[str, Any] = {
        "agency_id": agency.pk,
        "source_name": source_name,
        "source_format": source_format,
        "source_text": source_text,
        "warnings": warnings,
        "low_confidence": low,
        "title": doc.title or "",
        "number_symbol": doc.number or "",
        "issued_on": doc.date.isoformat() if doc.date else "",
        "place": doc.place or "",
        "parent_body": doc.parent_body or "",
        "issuer_name": doc.issuer or "",
        "signer_authority": (doc.signer.authority or "") if doc.signer else "",
        "signer_positions": " / ".join(doc.signer.positions) if doc.signer else "",
        "signer_name": (doc.signer.name or "") if doc.signer else "",
        "purposes": _purposes(doc.sections),
        "year_start": year_start,
        "year_end": year_end,
        "report_cadence": Cadence.QUARTERLY if _reports_periodically(body_text) else "",
        "bases": [
            {
                "text": b.text,
                "number": b.number or "",
                "date": b.date.isoformat() if b.date else "",
                "issuer": b.issuer or "",
            }
            for b in doc.bases
        ],
        "content_items": _content_items(content_section),
        "channels": [
            {"channel": c, "cadence": CHANNEL_CADENCE.get(c, ""), "note": ""} for c in channels
        ],
        "phases": [
            {
                "name": p.name,
                "start": p.start.isoformat() if p.start else "",
                "end": p.end.isoformat() if p.end else "",
                "content": p.content,
            }
            for p in doc.phases
        ],
        "assignments": _assignments(doc, matcher),
        "recipients": [{"text": r} for r in doc.recipients],
    }
    return draft


def _assignments(doc: AdminDocument, matcher: UnitMatcher) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in doc.assignments:
        for part in matcher.split(item.unit):
            found = matcher.match(part)
            rows.append(
                {
                    "unit_text": part,
                    "agency_id": found.agency.pk if found.agency else None,
                    "all_units": found.all_units,
                    "match": found.kind,
                    "role": item.role,
                    "duties": item.duties,
                }
            )
    # The Office is the plan's focal point: when the text names no lead, the Office leads.
    office = matcher.office()
    if office and not any(r["role"] == AssignmentRole.LEAD for r in rows):
        for row in rows:
            if row["agency_id"] == office.pk:
                row["role"] = AssignmentRole.LEAD
                break
    # One row per (unit, role): "Các phòng, đơn vị" named twice with the same role is one.
    unique: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row["agency_id"], row["all_units"], row["unit_text"], row["role"])
        if key in unique:
            unique[key]["duties"] = "\n".join(
                d for d in (unique[key]["duties"], row["duties"]) if d
            )
        else:
            unique[key] = row
    return list(unique.values())


def _period(doc: AdminDocument) -> tuple[int, int]:
    starts = [p.start.year for p in doc.phases if p.start]
    ends = [p.end.year for p in doc.phases if p.end]
    if starts and ends:
        return min(starts), max(ends)
    title = doc.title or ""
    found = _PERIOD.search(title)
    if found:
        return int(found.group(1)), int(found.group(2))
    years = [int(y) for y in _YEAR.findall(title)]
    if years:
        return years[-1], years[-1]
    year = doc.date.year if doc.date else dt.date.today().year
    return year, year


def _all_text(sections: list[Section]) -> list[str]:
    out = []
    for s in sections:
        out += [s.title, s.body]
        out += _all_text(s.children)
    return [t for t in out if t]


def _section_text(section: Section) -> str:
    parts = [section.body] + [
        "\n".join(p for p in (c.title, _section_text(c)) if p) for c in section.children
    ]
    return "\n".join(p for p in parts if p).strip()


def _purposes(sections: list[Section]) -> str:
    for s in sections:
        if "muc dich" in fold(s.title):
            return _section_text(s)
    return ""


def _content_and_forms(sections: list[Section]) -> tuple[Section | None, str]:
    """The section listing content items, and the text that names the channels."""
    content: Section | None = None
    forms = ""
    for s in sections:
        title = fold(s.title)
        for child in s.children:
            child_title = fold(child.title)
            if "hinh thuc" in child_title:
                forms += "\n" + child.title + "\n" + _section_text(child)
            elif content is None and "noi dung" in child_title and "hinh thuc" not in child_title:
                content = child
        named = "noi dung" in title or "nhiem vu" in title
        if content is None and named and not any("noi dung" in fold(c.title) for c in s.children):
            content = s
    return content, forms


def _content_items(section: Section | None) -> list[dict[str, str]]:
    if section is None:
        return []
    items: list[dict[str, str]] = []
    if section.children:
        for child in section.children:
            if "hinh thuc" in fold(child.title):
                continue
            items.append({"title": _shorten(child.title), "body": _section_text(child)})
    if not items:
        for paragraph in section.body.splitlines():
            paragraph = paragraph.strip()
            if len(paragraph) > 20:
                items.append({"title": _shorten(paragraph), "body": paragraph})
    return items


def _shorten(text: str, limit: int = 300) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _channels(text: str) -> list[str]:
    folded = fold(text)
    found = []
    for channel, phrases in CHANNEL_PHRASES:
        if any(p in folded for p in phrases):
            found.append(channel)
    return found


def _reports_periodically(text: str) -> bool:
    folded = fold(text)
    return "dinh ky" in folded and "bao cao" in folded
