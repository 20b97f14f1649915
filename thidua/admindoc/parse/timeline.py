"""Phases ("Đợt 1: Từ nay đến hết tháng 6/2020", "Năm 2025: tổng kết") and deadlines."""

from __future__ import annotations

import datetime as dt
import re

from thidua.admindoc.model import Deadline, Phase, Section
from thidua.admindoc.parse.structure import walk
from thidua.admindoc.vntext import find_periods, fold_aligned, parse_range

_PHASE_NAME = re.compile(r"^(?P<kind>dot|giai\s{1,3}doan|buoc)\s{1,3}(?P<n>\d{1,2}|[ivx]{1,4})\b")
_TIME_SECTION = re.compile(
    r"\b(?:thoi\s{1,3}gian|tien\s{1,3}do|lo\s{1,3}trinh|ke\s{1,3}hoach\s{1,3}thoi)"
)
_KIND_NAMES = {"dot": "Đợt", "buoc": "Bước"}
# A time label before a colon: "Từ năm 2023 - 2025:", "Năm 2025:", "Quý I/2024:", "Tháng 5:".
_TIME_LABEL = re.compile(r"^(?:tu\s{1,3})?(?:nam|quy|thang|ngay|6\s{1,2}thang|\d{1,2}/)")


def _phase_name(folded: str, text: str) -> tuple[str, int] | None:
    m = _PHASE_NAME.match(folded)
    if not m:
        return None
    kind = "Giai đoạn" if m.group("kind").startswith("giai") else _KIND_NAMES[m.group("kind")]
    number = text[m.start("n") : m.end("n")]
    return f"{kind} {number.upper() if not number.isdigit() else number}", m.end()


def _content(section: Section, after_label: str) -> str:
    parts = [after_label] if after_label else []
    if section.body:
        parts.append(section.body)
    for child in section.children:
        parts.extend(p for p in (child.title, child.body) if p)
        parts.extend(_content(grand, "") for grand in child.children)
    return "\n".join(p for p in parts if p)


def _label_split(title: str) -> tuple[str, str]:
    """ "Từ năm 2023 - 2025: Tổ chức …" -> ("Từ năm 2023 - 2025", "Tổ chức …")."""
    head, sep, tail = title.partition(":")
    if sep and len(head) <= 80:
        return head.strip(), tail.strip()
    return title.strip(), ""


def find_phases(sections: list[Section], ref: dt.date | None) -> list[Phase]:
    phases: list[Phase] = []
    done: set[int] = set()
    for section in walk(sections):
        if id(section) in done:
            continue
        folded = fold_aligned(section.title)
        named = _phase_name(folded, section.title)
        if named:
            name, end = named
            label, rest = _label_split(section.title[end:].lstrip(" :.-–"))
            if not rest and not find_periods(label, ref):
                label, rest = "", section.title[end:].strip(" :.-–")
            start, stop = parse_range(label or rest, ref)
            phases.append(Phase(name, start, stop, _content(section, rest)))
            done.update(id(s) for s in walk(section.children))
            continue
        if _TIME_SECTION.search(folded) and len(section.title) < 120:
            for child in section.children:
                phase = _labelled_phase(child, ref)
                if phase:
                    phases.append(phase)
                    done.update(id(s) for s in walk([child]))
    return phases


def _labelled_phase(section: Section, ref: dt.date | None) -> Phase | None:
    folded = fold_aligned(section.title)
    if _PHASE_NAME.match(folded) or not _TIME_LABEL.match(folded):
        return None
    label, rest = _label_split(section.title)
    start, end = parse_range(label, ref)
    if start is None and end is None:
        return None
    return Phase(label, start, end, _content(section, rest))


# --- Deadlines --------------------------------------------------------------------------------

_DEADLINE_KEY = re.compile(
    r"\b(?:truoc|cham\s{1,3}nhat(?:\s{1,3}(?:la|vao))?|han\s{1,3}(?:chot|cuoi)|"
    r"khong\s{1,3}qua|hoan\s{1,3}thanh(?:\s{1,3}(?:truoc|trong|vao|xong))?|xong\s{1,3}truoc)"
    r"\s{1,3}(?:(?:ngay|thang|quy|nam|6\s{1,2}thang)\b|\d{1,2}\s{0,2}/)"
)
_RECURRING = re.compile(
    r"\b(?:truoc|cham\s{1,3}nhat(?:\s{1,3}(?:la|vao))?|vao)\s{1,3}ngay\s{1,3}\d{1,2}"
    r"\s{1,3}(?:cua\s{1,3})?(?:hang|moi)\s{1,3}(?:thang|quy)\b"
)
_SENTENCE_END = re.compile(r"[;\n]|\.(?=\s|$)")


def _deadline_date(keyword: str, period) -> dt.date | None:
    if period.kind == "day":
        return period.start
    if "truoc" in keyword and period.start is not None:
        return period.start - dt.timedelta(days=1)  # "trước tháng 10/2022" -> 30/9/2022
    return period.end


def find_deadlines(texts: list[str], ref: dt.date | None) -> list[Deadline]:
    out: list[Deadline] = []
    seen: set[tuple[str, dt.date | None]] = set()
    for text in texts:
        folded = fold_aligned(text)
        for m in _DEADLINE_KEY.finditer(folded):
            periods = [p for p in find_periods(text[m.start() : m.end() + 40], ref) if p.pos < 60]
            periods = [p for p in periods if p.pos >= m.end() - m.start() - 8]
            if not periods:
                continue
            period = periods[0]
            sentence = _sentence(text, folded, m.start(), m.start() + period.endpos)
            key = (sentence, _deadline_date(m.group(), period))
            if key not in seen:
                seen.add(key)
                out.append(Deadline(sentence, key[1]))
        for m in _RECURRING.finditer(folded):
            # "trước ngày 25 hằng tháng": a deadline every month, no single date.
            key = (_sentence(text, folded, m.start(), m.end()), None)
            if key not in seen:
                seen.add(key)
                out.append(Deadline(key[0], None))
    return out


def _sentence(text: str, folded: str, begin: int, end_at: int) -> str:
    """The sentence around a deadline, looking back and ahead a bounded distance only."""
    window = max(0, begin - 300)
    start = max(
        (e.end() for e in _SENTENCE_END.finditer(folded, window, begin)),
        default=window,
    )
    stop = _SENTENCE_END.search(folded, end_at, end_at + 300)
    return text[start : stop.start() if stop else len(text)].strip(" -+;.")[:300]
