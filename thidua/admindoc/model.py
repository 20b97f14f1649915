"""The Vietnamese administrative document (văn bản hành chính) as plain data.

This module is the contract between reading (extract, parse), writing (render) and the Django
apps that store what was read. It has no Django import and no behaviour beyond conversion to
and from JSON-ready dictionaries, whose keys are documented in docs/admindoc.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

AssignmentRole = Literal["lead", "support", "assigned"]
Authority = Literal["KT.", "TM.", "TL.", "TUQ.", "Q."]


class AdminDocError(Exception):
    """Base error of the library. The message is Vietnamese and says what was wrong."""


class UnreadableDocument(AdminDocError):
    """The input is not a document the library can read (wrong type, empty, too large, broken)."""


@dataclass
class ExtractedText:
    """Text read from a file, in reading order, with how it was obtained."""

    text: str
    source_format: str  # "txt", "docx", "pdf", "image"
    flags: list[str] = field(default_factory=list)  # e.g. "ocr", "encoding_converted:tcvn3"
    pages: int | None = None

    @property
    def ocr(self) -> bool:
        return "ocr" in self.flags

    @property
    def encoding_converted(self) -> bool:
        return any(f.startswith("encoding_converted") for f in self.flags)


@dataclass
class Basis:
    """A "Căn cứ …" / "Thực hiện …" reference to another document."""

    text: str
    number: str | None = None  # "1102/KH-UBND"
    date: dt.date | None = None
    issuer: str | None = None  # "UBND tỉnh"
    type_name: str | None = None  # "Kế hoạch"


@dataclass
class Table:
    """A table of figures in the body (reports): a caption written above it ("Bảng 1. …"), the
    column headings, rows of cells as text, and an optional note below it. Cells that read as
    numbers are right-aligned when rendered."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    caption: str = ""
    note: str = ""


@dataclass
class Section:
    """A numbered part of the body. ``number`` is what the document intends ("II" even when a
    scan printed "I1"); bullets use "-" or "+"; parts use "PHẦN I"; articles "Điều 3".
    ``tables`` come after the body text and before the children (only rendered; the parser
    leaves them empty)."""

    number: str
    title: str
    body: str = ""
    children: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Phase:
    name: str  # "Đợt 1"
    start: dt.date | None = None
    end: dt.date | None = None
    content: str = ""


@dataclass
class Deadline:
    text: str
    date: dt.date | None = None


@dataclass
class Assignment:
    unit: str  # "Văn phòng Sở"
    role: AssignmentRole
    duties: str = ""


@dataclass
class Signer:
    authority: Authority | None = None  # "KT." for "KT. GIÁM ĐỐC"
    positions: list[str] = field(default_factory=list)  # ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    name: str | None = None


@dataclass
class Quality:
    diacritics_missing: bool = False
    ocr_suspect: bool = False
    encoding_converted: bool = False
    confidence: dict[str, float] = field(default_factory=dict)  # field name -> 0..1


@dataclass
class AdminDocument:
    parent_body: str | None = None  # "UBND TỈNH KIÊN GIANG"
    issuer: str | None = None  # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    number: str | None = None  # "31/KH-STTTT"; None when blank as in "Số: /KH-KHCN"
    type_abbr: str | None = None  # "KH"
    type_name: str | None = None  # "Kế hoạch"
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None  # the summary line (trích yếu)
    bases: list[Basis] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    quality: Quality = field(default_factory=Quality)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary: dates as ISO strings, absent values as None. A section's
        ``tables`` key appears only when it has tables (parsed documents never do)."""
        data = _jsonable(asdict(self))
        _drop_empty_tables(data["sections"])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AdminDocument:
        signer = data.get("signer")
        quality = data.get("quality") or {}
        return cls(
            parent_body=data.get("parent_body"),
            issuer=data.get("issuer"),
            number=data.get("number"),
            type_abbr=data.get("type_abbr"),
            type_name=data.get("type_name"),
            place=data.get("place"),
            date=_date(data.get("date")),
            title=data.get("title"),
            bases=[
                Basis(**{**_known(Basis, b), "date": _date(b.get("date"))})
                for b in data.get("bases") or []
            ],
            sections=[_section(s) for s in data.get("sections") or []],
            phases=[
                Phase(
                    **{
                        **_known(Phase, p),
                        "start": _date(p.get("start")),
                        "end": _date(p.get("end")),
                    }
                )
                for p in data.get("phases") or []
            ],
            deadlines=[
                Deadline(**{**_known(Deadline, d), "date": _date(d.get("date"))})
                for d in data.get("deadlines") or []
            ],
            assignments=[
                Assignment(**_known(Assignment, a)) for a in data.get("assignments") or []
            ],
            recipients=list(data.get("recipients") or []),
            signer=Signer(**_known(Signer, signer)) if signer else None,
            quality=Quality(**_known(Quality, quality)),
        )


def _drop_empty_tables(sections: list[dict[str, Any]]) -> None:
    for section in sections:
        if not section.get("tables"):
            section.pop("tables", None)
        _drop_empty_tables(section.get("children") or [])


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _section(data: dict[str, Any]) -> Section:
    return Section(
        number=data.get("number", ""),
        title=data.get("title", ""),
        body=data.get("body", ""),
        children=[_section(c) for c in data.get("children") or []],
        tables=[
            Table(
                columns=[str(c) for c in t.get("columns") or []],
                rows=[[str(cell) for cell in row] for row in t.get("rows") or []],
                caption=t.get("caption") or "",
                note=t.get("note") or "",
            )
            for t in data.get("tables") or []
        ],
    )


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
