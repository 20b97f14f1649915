"""The header of a Decree 30 document: issuing bodies, number, place and date, type, summary.

The header is found by what each piece looks like, not by where it sits: text extraction from
a header table may give the left and right cells one after the other, on one line separated by
spaces or tabs, or even right before left. Each header line is cut into fragments (at column
gaps and around the national motto) and each fragment is classified on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from thidua.admindoc.parse.headings import match_heading
from thidua.admindoc.parse.lines import COLUMN_GAP, Layout, Line, starts_lower
from thidua.admindoc.parse.tables import TYPE_LINE_RE, canonical_type, type_from_abbr
from thidua.admindoc.vntext import find_dates, fold_aligned, is_upper_text

_MOTTO = re.compile(
    # "VIỆT NAM" may wrap to the next line of a narrow column; that line is dropped on its own.
    r"cong\s{0,3}hoa\s{1,3}xa\s{1,3}hoi\s{1,3}chu\s{1,3}nghia(?:\s{1,3}viet\s{1,3}nam)?"
    r"|^viet\s{1,3}nam$"
    r"|doc\s{0,3}lap\s{0,3}[-–—,]?\s{0,3}tu\s{0,3}do\s{0,3}[-–—,]?\s{0,3}hanh\s{0,3}phuc"
    r"|dang\s{1,3}cong\s{1,3}san\s{1,3}viet\s{1,3}nam"
)
# "Số: 31/KH-STTTT", "Số 05/BNV-VP", "So: /KH-KHCN", scanned "S6:", a party's "Số 08-KH/ĐU".
# The number part is captured loosely and cleaned in ``_clean_number``.
_NUMBER = re.compile(
    r"(?:^|(?<=\s))s[o6]\s{0,2}(?::|\.|(?=\s{0,3}[\d./…]))\s{0,12}"
    r"(?P<num>[\w.…\-]{0,12}\s{0,3}/\s{0,3}[\w.\-/&]{1,40}|\d{1,6}[a-z]?\b)"
)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\s,][^,\n]{1,50}?)\s{0,3},\s{0,3}(?=ngay\b)"
    r"|(?P<place2>[^\s,][^,\n]{1,50}?)\s{0,3},\s{0,3}(?=\d{1,2}\s{0,2}[/\-.]\s{0,2}\d{1,2}\s{0,2}[/\-.])"
)
# A date left blank until signing: "ngày    tháng    năm 2024", or with the month "ngày  tháng 7".
_BLANK_DATE = re.compile(
    r"ngay\s{0,30}[.…_]{0,20}\s{0,10}thang[\s.…_]{0,30}(?:\d{1,2}[\s.…_]{0,10})?nam\s{0,3}(?P<y>\d{4})"
)
# The gap left by a blank day or month ("ngày    tháng 7") is not a column either.
_BLANK_DATE_GAP = re.compile(r"\b(?:ngay|thang)\|(?:thang|nam)\b")
_BARE_SO = re.compile(r"^s[o6]\s{0,2}[:.]?$")
_TITLE_PREFIX = re.compile(r"^(?:v/v|v\.v\.?|ve viec)\b")
_STOP = re.compile(
    r"^(?:can\s{1,3}cu|thuc\s{1,3}hien|theo\s{1,3}de\s{1,3}nghi|xet\s{1,3}de\s{1,3}nghi|"
    r"kinh\s{1,3}gui|noi\s{1,3}nhan|xet\b|theo\b)"
)


@dataclass
class Header:
    parent_body: str | None = None
    issuer: str | None = None
    number: str | None = None
    symbol: str | None = None
    type_abbr: str | None = None
    type_name: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None
    body_start: int = 0  # index of the first body line
    confidence: dict[str, float] = field(default_factory=dict)


def is_stop_line(text: str) -> bool:
    """A line that starts a basis, a salutation or the distribution list. Capitalised only:
    "… góp phần / thực hiện nhiệm vụ …" is a wrapped sentence, not a new basis."""
    return not starts_lower(text) and _STOP.match(fold_aligned(text)) is not None


def _type_line(line: Line) -> tuple[str, str] | None:
    """(type name, rest of line) when ``line`` is the type line ("KẾ HOẠCH", "QUYẾT ĐỊNH")."""
    folded = fold_aligned(line.text)
    m = TYPE_LINE_RE.match(folded)
    if not m:
        return None
    name = canonical_type(" ".join(m.group("type").split()))
    rest = line.text[m.end() :].strip()
    folded_rest = folded[m.end() :].strip()
    if name is None or re.match(r"^(?:so\b|s[o6]\s{0,2}\d|nay\b|\d)", folded_rest):
        return None  # "Kế hoạch số 93/…", "Quyết định này …": a reference, not the type line
    printed = line.text[m.start("type") : m.end("type")]
    if not (is_upper_text(printed, 0.6) or not rest):
        return None
    if rest.endswith(":") and len(rest) < 3:
        return None
    return name, rest.lstrip(":-–— ").strip()


def _fragments(line: Line) -> list[str]:
    """Cut a header line at column gaps and around the motto, dropping the motto itself."""
    out = []
    for part in COLUMN_GAP.split(line.raw.strip()):
        folded = fold_aligned(part)
        last = 0
        for m in _MOTTO.finditer(folded):
            out.append(part[last : m.start()])
            last = m.end()
        out.append(part[last:])
    fragments = [f.strip(" -–—_") for f in out if f.strip(" -–—_")]
    # A blank number is typed with spaces ("Số:      /KH-SKHCN"): that gap is not a column.
    merged: list[str] = []
    for fragment in fragments:
        if merged and (
            (_BARE_SO.match(fold_aligned(merged[-1])) and fragment.startswith(("/", ".")))
            or _BLANK_DATE_GAP.search(fold_aligned(f"{merged[-1]}|{fragment}"))
        ):
            merged[-1] = f"{merged[-1]} {fragment}"
        else:
            merged.append(fragment)
    return merged


def _clean_number(raw: str) -> tuple[str | None, str | None]:
    """ "31 /KH-STTTT" -> ("31/KH-STTTT", "KH-STTTT"); "/KH-KHCN" -> (None, "KH-KHCN")."""
    raw = re.sub(r"\s+", "", raw).strip(".,;")
    if "/" not in raw:
        return (raw if raw.isdigit() else None), None
    head, _, symbol = raw.partition("/")
    symbol = symbol.strip("/.")
    head = head.strip(".…")
    if not head or not head[0].isdigit():
        return None, symbol or None
    return f"{head}/{symbol}" if symbol else head, symbol or None


def abbr_from_symbol(symbol: str | None) -> tuple[str, str] | None:
    """Type from the first component of the symbol: "KH-STTTT" -> Kế hoạch; "2023/QĐ-UBND"
    skips the year. A công văn's symbol starts with its issuer ("BNV-VP") and gives None."""
    if not symbol:
        return None
    parts = [p for p in re.split(r"[/\-]", symbol) if p and not p.isdigit()]
    return type_from_abbr(parts[0]) if parts else None


def _place_date(fragment: str) -> tuple[str | None, dt.date | None] | None:
    folded = fold_aligned(fragment)
    m = _PLACE_DATE.search(folded)
    if not m:
        return None
    start, end = m.span("place") if m.group("place") else m.span("place2")
    place = fragment[start:end].strip(" ,.-")
    dates = [d for s, _, d in find_dates(fragment) if s >= end]
    date = dates[0] if dates else None
    if date is None and not _BLANK_DATE.search(folded[end:]):
        return None
    if place and (m2 := _NUMBER.search(fold_aligned(place))):
        # "Số: 31/KH-STTTT Kiên Giang" joined on one line: keep what follows the number.
        if place[: m2.start()].strip():
            return None
        place = place[m2.end() :].strip(" ,.-")
    if place and (len(place.split()) > 6 or any(c.isdigit() for c in place) or is_stop_line(place)):
        return None  # "Thực hiện công văn số 12/UBND, ngày …" is a sentence, not a place
    return place or None, date


def _split_orgs(orgs: list[str]) -> tuple[str | None, str | None]:
    """Parent body and issuer from the upper-case lines of the left header block."""
    merged: list[str] = []
    for text in orgs:
        folded = fold_aligned(text)
        # "ỦY BAN NHÂN DÂN / TỈNH KIÊN GIANG": a place word continues the line above.
        if merged and (
            re.match(r"^(?:tinh|thanh pho|huyen|quan|xa|phuong|thi xa|thi tran|va)\b", folded)
            or starts_lower(text)
        ):
            merged[-1] = f"{merged[-1]} {text}"
        else:
            merged.append(text)
    if not merged:
        return None, None
    if len(merged) == 1:
        return None, merged[0]
    return " ".join(merged[:-1]), merged[-1]


def _find_type_line(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:40]):
        if _type_line(line):
            return i
        if is_stop_line(line.text) or (i > 0 and match_heading(line.text)):
            return None
    return None


def _header_end_without_type(lines: list[Line]) -> int:
    """Where the header ends when no type line was printed (công văn, damaged copies)."""
    for i, line in enumerate(lines[:25]):
        folded = fold_aligned(line.text)
        if is_stop_line(line.text) or match_heading(line.text):
            return i
        if _TITLE_PREFIX.match(folded):
            return i
        if len(line.text) > 120 and not is_upper_text(line.text):
            return i
    return min(len(lines), 12)


def _collect_title(lines: list[Line], start: int, first: str, layout: Layout) -> tuple[str, int]:
    """The summary line from ``first`` on; returns it and the index after its last line."""
    parts = [first] if first else []
    i = start
    upper_title = is_upper_text(first) if first else None
    while i < len(lines) and len(parts) < 4:
        line = lines[i]
        text = line.text
        if is_stop_line(text) or match_heading(text) or _place_date(text):
            break
        if not parts:
            if len(text) > 250 or text.endswith("./."):
                break
            parts.append(text)
            upper_title = is_upper_text(text)
            i += 1
            continue
        prev = parts[-1]
        if (
            (starts_lower(text) and not prev.endswith((".", ":")))
            or (
                not prev.endswith((".", ":", ";"))
                and is_upper_text(text) == upper_title
                and not (line.blank_before and layout.blanks_meaningful)
                and not layout.wrapped
                and len(text) < 160
            )
            or (prev.rstrip().endswith((",", "và", "của", "về", "“")) and len(text) < 160)
        ):
            parts.append(text)
        else:
            break
        i += 1
    return " ".join(p.strip() for p in parts).strip(), i


def parse_header(lines: list[Line], layout: Layout) -> Header:
    header = Header()
    type_index = _find_type_line(lines)
    zone_end = type_index if type_index is not None else _header_end_without_type(lines)
    orgs: list[str] = []
    title_first: str | None = None
    seen_number = False
    for line in lines[:zone_end]:
        for fragment in _fragments(line):
            folded = fold_aligned(fragment)
            if (m := _NUMBER.search(folded)) and header.symbol is None and not seen_number:
                seen_number = True
                header.number, header.symbol = _clean_number(fragment[m.start("num") : m.end()])
                rest = fragment[m.end() :].strip()
                if rest and (pd := _place_date(rest)):
                    header.place, header.date = pd
                continue
            if header.date is None and header.place is None and (pd := _place_date(fragment)):
                header.place, header.date = pd
                continue
            if _TITLE_PREFIX.match(folded):
                title_first = fragment
                continue
            if title_first is not None and starts_lower(fragment):
                title_first = f"{title_first} {fragment}"
                continue
            if not seen_number and is_upper_text(fragment, 0.7) and len(fragment) < 100:
                orgs.append(fragment)
    header.parent_body, header.issuer = _split_orgs(orgs)

    if type_index is not None:
        name, rest = _type_line(lines[type_index]) or (None, "")
        header.type_name = name
        header.title, header.body_start = _collect_title(lines, type_index + 1, rest, layout)
        header.confidence["type_name"] = 0.95
    elif title_first is not None:
        header.title = title_first
        header.body_start = zone_end
    else:
        header.body_start = zone_end
        if zone_end < len(lines) and _TITLE_PREFIX.match(fold_aligned(lines[zone_end].text)):
            header.title, header.body_start = _collect_title(lines, zone_end, "", layout)
    _fill_type(header)
    _late_place_date(header, lines)
    _score(header)
    return header


def _fill_type(header: Header) -> None:
    from_symbol = abbr_from_symbol(header.symbol)
    if header.type_name is None and from_symbol:
        header.type_name = from_symbol[0]
        header.confidence["type_name"] = 0.8
    if from_symbol and (header.type_name is None or header.type_name == from_symbol[0]):
        header.type_abbr = from_symbol[1]
    elif header.type_name:
        from thidua.admindoc.parse.tables import abbr_for_type

        header.type_abbr = abbr_for_type(header.type_name)
    if (
        header.type_name is None
        and header.title
        and _TITLE_PREFIX.match(fold_aligned(header.title))
    ):
        header.type_name = "Công văn"  # công văn prints no type name; "V/v" marks it
        header.confidence["type_name"] = 0.7


def _late_place_date(header: Header, lines: list[Line]) -> None:
    """Some layouts print "Hà Nội, ngày …" under the summary line: look a few lines further."""
    if header.date is not None or header.place is not None:
        return
    for offset, line in enumerate(lines[header.body_start : header.body_start + 4]):
        pd = _place_date(line.text)
        if pd and len(line.text) < 80:
            header.place, header.date = pd
            if offset == 0:
                header.body_start += 1
            return


def _score(header: Header) -> None:
    conf = header.confidence
    for name in ("parent_body", "issuer", "place", "date", "title", "number"):
        if getattr(header, name) is not None:
            conf.setdefault(name, 0.9)
    if header.type_abbr:
        conf.setdefault("type_abbr", 0.9)
    if header.parent_body is None and header.issuer is not None:
        conf["issuer"] = 0.75  # one org line: could be a parent body whose issuer wrapped
