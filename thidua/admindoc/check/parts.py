"""Where the parts of the Decree 30 layout are in a document typed by hand: found by their text
(Quốc hiệu, «Số:», «Nơi nhận:» …) rather than by position, since typists place them freely."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from thidua.admindoc import layout
from thidua.admindoc.check.reading import (
    Para,
    Reader,
    Styles,
    fold,
    nearest,
    read_alignment,
    run_text,
    runs,
    toggle,
    walk,
)

HEADER_SEARCH = 30  # the header block and title lie within the first paragraphs

# --- The document as the rules see it ---------------------------------------------------------


@dataclass
class Parts:
    """Where the elements of the Decree's layout were found (None when missing)."""

    national: Para | None = None
    motto: Para | None = None
    number: Para | None = None
    place_date: Para | None = None
    type_name: Para | None = None
    certificate: Para | None = None  # "GIẤY KHEN", "BẰNG KHEN", "BẰNG CHỨNG NHẬN"
    summary: list[Para] = field(default_factory=list)
    cong_van: Para | None = None
    recipients_heading: Para | None = None
    recipients: list[str] = field(default_factory=list)
    recipient_paras: list[Para] = field(default_factory=list)
    signer: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)


NUMBER_RE = re.compile(r"^\s*Số\s*:", re.IGNORECASE)
DATE_RE = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})?", re.IGNORECASE
)
SIGNER_RE = re.compile(r"^(KT|TM|TL|TUQ|Q)\s*\.\s*\S")
RECIPIENTS_RE = re.compile(r"^\s*nơi\s+nhận\s*:?", re.IGNORECASE)
_FOLDED_TYPES = {fold(name): name for name in layout.TYPE_NAMES.values()}
# Certificates (Law 06/2022, Decree 152/2025) are not administrative documents of Decree 30,
# Art. 7: they have no type-name line and no "Nơi nhận", and the checker must not ask for them.
_FOLDED_CERTIFICATES = {fold(name) for name in ("Giấy khen", "Bằng khen", "Bằng chứng nhận")}


class Context:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.styles = Styles(document)
        body = document.element.body
        self.paragraphs = [
            Para(i, p, "".join(run_text(r) for r in runs(p)), container, in_table)
            for i, (p, container, in_table) in enumerate(walk(body), start=1)
        ]
        self.parts = find_parts(self.paragraphs, self)

    def runs_with_text(self, para: Para) -> list[etree._Element]:
        return [r for r in runs(para.element) if run_text(r).strip()]

    def run_value(self, run: etree._Element, para: Para, read: Reader) -> object:
        return self.styles.run_value(run, para.element, read)

    def para_value(self, para: Para, read: Reader) -> object:
        return self.styles.para_value(para.element, read)

    def is_bold(self, para: Para) -> bool:
        runs = self.runs_with_text(para)
        return bool(runs) and all(self.run_value(r, para, toggle("w:b")) for r in runs)

    def is_centered(self, para: Para) -> bool:
        return self.para_value(para, read_alignment) == "center"


def find_parts(paragraphs: list[Para], context: Context) -> Parts:
    parts = Parts()
    head = paragraphs[:HEADER_SEARCH]
    parts.national = first_para(head, lambda p: fold(layout.NATIONAL_NAME) in fold(p.text))
    parts.motto = first_para(head, lambda p: fold(layout.MOTTO) in fold(p.text))
    parts.number = first_para(head, lambda p: any(NUMBER_RE.match(x) for x in p.lines))
    parts.place_date = first_para(head, lambda p: bool(DATE_RE.search(p.text)))
    parts.type_name = first_para(head, lambda p: type_name_of(p) is not None)
    parts.cong_van = first_para(head, lambda p: fold(p.text).startswith("v/v"))
    parts.certificate = first_para(head, _is_certificate_title)
    _find_summary(parts, paragraphs, context)
    _find_closing(parts, paragraphs)
    parts.body = _body_paragraphs(parts, paragraphs)
    return parts


def _is_certificate_title(para: Para) -> bool:
    text = para.text.strip()
    return text == text.upper() and fold(text) in _FOLDED_CERTIFICATES


def first_para(paragraphs: list[Para], test: Callable[[Para], bool]) -> Para | None:
    return next((p for p in paragraphs if p.text.strip() and test(p)), None)


def type_name_of(para: Para) -> str | None:
    """The type name a paragraph announces: capitals only, the whole paragraph (or its first
    words, when the summary was typed on the same line)."""
    text = para.text.strip()
    for folded, name in _FOLDED_TYPES.items():
        words = len(name.split())
        head = " ".join(text.split()[:words])
        if fold(head) == folded and head == head.upper():
            return name
    return None


def _find_summary(parts: Parts, paragraphs: list[Para], context: Context) -> None:
    """The summary: the non-empty paragraphs right after the type name that are centred (or
    bold, when the typist forgot to centre them)."""
    if parts.type_name is None:
        return
    for para in paragraphs[parts.type_name.index :]:
        if not para.text.strip():
            if parts.summary:
                break
            continue
        if not (context.is_centered(para) or context.is_bold(para)):
            break
        parts.summary.append(para)


def _find_closing(parts: Parts, paragraphs: list[Para]) -> None:
    heading = first_para(paragraphs, lambda p: bool(RECIPIENTS_RE.match(p.text)))
    parts.recipients_heading = heading
    if heading is None:
        return
    # Recipients typed in the heading's own paragraph after line breaks count too.
    parts.recipients = heading.lines[1:]
    following = paragraphs[heading.index :]
    for para in following:
        if para.container is not heading.container:
            break
        if not para.text.strip():
            if heading.in_table:
                continue
            break
        if not heading.in_table and (SIGNER_RE.match(para.text.strip()) or all_caps(para)):
            break
        parts.recipient_paras.append(para)
        parts.recipients.extend(para.lines)
    if heading.in_table:
        row = nearest(heading.container, qn("w:tr"))
        parts.signer = [
            p for p in paragraphs if p.in_table and p.container is not heading.container
            and nearest(p.container, qn("w:tr")) is row and p.text.strip()
        ]  # fmt: skip


def all_caps(para: Para) -> bool:
    letters = [c for c in para.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _body_paragraphs(parts: Parts, paragraphs: list[Para]) -> list[Para]:
    """Body-level paragraphs between the title (or header block) and the signature."""
    start = _body_start(parts, paragraphs)
    body: list[Para] = []
    for para in paragraphs[start:]:
        text = para.text.strip()
        if para is parts.recipients_heading or SIGNER_RE.match(text):
            break
        if para.in_table:
            if body and parts.recipients_heading is None:
                break  # the signature table, or a data table: not body text
            # Before «Nơi nhận» a table holds figures: its cells are not body text, but the
            # paragraphs after it are.
            continue
        if text and not fold(text).startswith("kinh gui"):
            body.append(para)
    return body


def _body_start(parts: Parts, paragraphs: list[Para]) -> int:
    """0-based position of the first paragraph that may be body text."""
    if parts.summary:
        return parts.summary[-1].index
    if parts.type_name is not None:
        return parts.type_name.index
    header = [p for p in (parts.cong_van, parts.place_date, parts.number, parts.motto) if p]
    last = max((p.index for p in header), default=0)
    # Skip the rest of the header table, if the header was typed in one.
    while last < len(paragraphs) and paragraphs[last].in_table:
        last += 1
    return last
