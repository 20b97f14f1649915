"""Assignments from the "Tổ chức thực hiện" part: which unit leads, supports or is assigned.

Four shapes cover what agencies write:

* "Giao (cho) X làm đầu mối / chủ trì …"  -> X lead; "Giao X …" otherwise -> X assigned;
* "X chủ trì …" -> lead; "X phối hợp (với Y) …" -> X support; "X có trách nhiệm …" -> assigned;
* "X: chủ trì, phối hợp với Y …" -> X lead and Y support;
* a numbered sub-section titled with a unit name ("1. Văn phòng Sở") -> its text is that
  unit's duties (lead when it says "chủ trì" or "đầu mối", assigned otherwise).
"""

from __future__ import annotations

import re

from thidua.admindoc.model import Assignment, Section
from thidua.admindoc.parse.structure import walk
from thidua.admindoc.parse.tables import UNIT_START
from thidua.admindoc.vntext import fold_aligned

_ORG_SECTION = re.compile(
    r"\b(?:to\s{1,3}chuc\s{1,3}thuc\s{1,3}hien|trach\s{1,3}nhiem\s{1,3}thuc\s{1,3}hien|"
    r"phan\s{1,3}cong|trach\s{1,3}nhiem\s{1,3}cua\s{1,3}cac)"
)
# Where a unit's name ends and its verb begins. Pairs of folded words, because single folded
# syllables are ambiguous ("co" is "có" and "cơ quan", "quan" is "quán triệt" and "cơ quan").
_VERB_PAIRS = {
    "chu tri", "chu dong", "phoi hop", "co trach", "chiu trach", "trien khai", "thuc hien",
    "tham muu", "xay dung", "theo doi", "don doc", "kiem tra", "tuyen truyen", "pho bien",
    "bao cao", "cap nhat", "kip thoi", "tiep tuc", "tang cuong", "day manh", "huong dan",
    "quan triet", "can cu", "dang tai", "tong hop", "bo tri", "dam bao", "phat dong",
    "phat hien", "nghien cuu", "lua chon", "ra soat", "ban hanh", "tap trung", "thuong xuyen",
    "to chuc", "chi dao", "dinh ky", "tich cuc", "danh gia", "nang cao", "hoan thanh", "gui ve",
    "chuan bi", "xem xet", "de xuat", "huong ung", "ho tro", "cung cap", "thuc thi", "lam dau",
    "co nhiem", "co y", "trach nhiem", "bao dam", "khao sat", "giam sat", "tiep nhan",
    "tham dinh", "van dong", "hoan thien", "bo sung", "thanh lap", "dang ky", "tham gia",
    "giai quyet", "dua tin", "phan cong", "thong bao", "lap danh", "dieu phoi",
}  # fmt: skip
_VERB_WORDS = {"lam", "phoi", "chiu", "de", "nham", "se", "phai", "la", "gui", "can"}
_DETERMINERS = {"cac", "nhung", "moi", "tung", "toan", "the", "va"}


def _is_verb(word: str, key: str, nxt: str, prev: str) -> bool:
    if word[:1].isupper() or prev in _DETERMINERS:
        return False  # unit names are capitalised; "các tổ chức" is a noun
    if f"{key} {nxt}" in _VERB_PAIRS:
        return True  # "căn cứ" is a verb pair even though a bare "can" must be "cần"
    if key in _VERB_WORDS:
        return key != "can" or word.lower() == "cần"
    return key == "co" and nxt != "quan" and word.lower() != "cơ"


_LEAD = re.compile(r"\b(?:chu\s{1,3}tri|dau\s{1,3}moi|thuong\s{1,3}truc)\b")
_SUPPORT = re.compile(r"^\s{0,3}phoi\s{1,3}hop\b")
_GIAO = re.compile(r"^\s{0,3}giao\s{1,3}(?:cho\s{1,3})?")
_SUPPORT_OBJECT = re.compile(r"\bchu\s{1,3}tri\s{0,2},?\s{0,3}phoi\s{1,3}hop\s{1,3}voi\s{1,3}")
_TITLE_PREFIX = re.compile(r"^(?:trach\s{1,3}nhiem|nhiem\s{1,3}vu)(?:\s{1,3}cua)?\s{1,3}")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def unit_phrase(text: str, start: int = 0, *, known: bool = False) -> tuple[str, int] | None:
    """The unit named at ``start`` and the position where its verb begins. ``known``: the
    sentence says a unit comes here ("Giao …"), so the name need not start with a unit word."""
    folded = fold_aligned(text)
    if not known and not UNIT_START.match(folded[start:]):
        return None
    words = list(re.finditer(r"\S+", text[start:]))
    end = start
    prev = ""
    for i, m in enumerate(words):
        word = m.group().strip(",.;:()")
        key = fold_aligned(word)
        nxt = fold_aligned(words[i + 1].group()).strip(",.;:") if i + 1 < len(words) else ""
        if i > 0 and word and _is_verb(word, key, nxt, prev):
            break
        prev = key
        end = start + m.end()
        if m.group().endswith((":", ";", ".")) or i >= 13:
            break
    unit = text[start:end].strip(" ,;:.")
    # Scans turn "có" into "c6": a trailing token with a digit is not part of the name.
    unit = re.sub(r"\s\S*\d\S*$", "", unit)
    return (_capitalise(unit), end) if unit else None


def _role(duties: str) -> str:
    folded = fold_aligned(duties)
    if _LEAD.search(folded[:80]):
        return "lead"
    if _SUPPORT.match(folded):
        return "support"
    return "assigned"


def _support_objects(duties: str) -> list[Assignment]:
    folded = fold_aligned(duties)
    m = _SUPPORT_OBJECT.search(folded)
    if not m:
        return []
    found = unit_phrase(duties, m.end())
    return [Assignment(found[0], "support", duties.strip())] if found else []


def from_sentence(text: str) -> list[Assignment]:
    """Assignments stated by one paragraph or list item."""
    text = text.strip()
    folded = fold_aligned(text)
    if m := _GIAO.match(folded):
        found = unit_phrase(text, m.end(), known=True)
        if found:
            unit, end = found
            duties = text[end:].strip(" ,:")
            return [Assignment(unit, _role(duties), duties), *_support_objects(duties)]
        return []
    head, sep, tail = text.partition(":")
    if sep and len(head) < 90:
        found = unit_phrase(head)
        if found and found[1] >= len(head.rstrip()) - 1:
            duties = tail.strip()
            return [Assignment(found[0], _role(duties), duties), *_support_objects(duties)]
    found = unit_phrase(text)
    if found:
        unit, end = found
        duties = text[end:].strip(" ,:")
        if duties:
            return [Assignment(unit, _role(duties), duties), *_support_objects(duties)]
    return []


def _unit_title(title: str) -> str | None:
    title = title.strip().rstrip(":.").strip()
    folded = fold_aligned(title)
    if m := _TITLE_PREFIX.match(folded):
        title, folded = title[m.end() :], folded[m.end() :]
    if len(title.split()) > 14 or not title:
        return None
    found = unit_phrase(title)
    if found and found[1] >= len(title) - 1:
        return found[0]
    return None


def _descendant_text(section: Section) -> str:
    parts = [section.body] if section.body else []
    for child in section.children:
        parts.extend(p for p in (child.title, _descendant_text(child)) if p)
    return "\n".join(parts)


def _from_section(section: Section) -> list[Assignment]:
    out: list[Assignment] = []
    for paragraph in section.body.split("\n") if section.body else []:
        out.extend(from_sentence(paragraph))
    for child in section.children:
        unit = _unit_title(child.title)
        if unit:
            duties = _descendant_text(child)
            out.append(Assignment(unit, _role(duties), duties))
            continue
        found = from_sentence(child.title)
        if found:
            extra = _descendant_text(child)
            if extra:
                found[0].duties = f"{found[0].duties}\n{extra}".strip()
            out.extend(found)
        else:
            out.extend(_from_section(child))
    return out


def find_assignments(sections: list[Section]) -> list[Assignment]:
    targets = [s for s in sections if _ORG_SECTION.search(fold_aligned(s.title))]
    if not targets:
        targets = [s for s in walk(sections) if _ORG_SECTION.search(fold_aligned(s.title))][:1]
    out: list[Assignment] = []
    for section in targets:
        out.extend(_from_section(section))
    return out
