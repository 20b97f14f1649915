"""Recognising the start of a numbered part, an article, a list item or a bullet.

Ranks order the styles from the outermost (PHẦN) to the innermost (bullets). The tree builder
uses them only when a style appears for the first time; after that, the order the document
actually uses wins (see ``structure.build_tree``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.admindoc.vntext import fold_aligned, int_to_roman, is_upper_text, roman_to_int


@dataclass(frozen=True)
class Heading:
    style: str  # "part", "chapter", "mục", "article", "upper", "roman", "arabicN", "letter", bullet
    number: str  # as the document intends it: "II", "1.2", "a", "Điều 3", "PHẦN I", "-", "+"
    rest: str  # text after the number on the same line
    rank: float

    @property
    def is_bullet(self) -> bool:
        return self.style in BULLETS


BULLETS = {"-", "+", "*", "•"}
_BULLET_GLYPHS = {"-": "-", "–": "-", "—": "-", "+": "+", "*": "*"}
_RANKS = {"part": 0, "chapter": 1, "mục": 2, "upper": 2.5, "article": 3, "roman": 4}
_RANKS |= {"letter": 8, "-": 9, "+": 10, "•": 10.5, "*": 11}

_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7}
_ORDINALS |= {"tam": 8, "chin": 9, "muoi": 10}

_PART = re.compile(
    r"^phan\s{1,3}(?:(?:thu\s{1,3})(?P<word>[a-z]{2,5})|(?P<num>[ivxl]{1,6}|\d{1,2}))"
    r"(?![a-z0-9])\s{0,3}[.:\-–]?\s{0,3}"
)
_CHAPTER = re.compile(
    r"^chuong\s{1,3}(?P<num>[ivxl]{1,6}|\d{1,2})(?![a-z0-9])\s{0,3}[.:\-–]?\s{0,3}"
)
_MUC = re.compile(r"^muc\s{1,3}(?P<num>\d{1,2}|[ivx]{1,5})\s{0,2}[.:\-–]\s{0,3}")
_ARTICLE = re.compile(r"^dieu\s{1,3}(?P<num>\d{1,3}[a-z]?)\s{0,2}(?:[.:]\s{0,3}|$)")
_ROMAN = re.compile(r"^(?P<num>[ivxl1|]{1,6})\s{0,2}(?P<sep>[.\-/)–:])\s{0,3}(?=\S)")
_ROMAN_BARE = re.compile(r"^(?P<num>[ivx]{1,5})\s{1,3}(?=\S)")
_ARABIC = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:\s{0,2}[.)/]|\s{0,2}[-–](?=\s))\s{0,3}(?=[^\d\s])"
    r"|^(?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\s{1,3}(?=[^\d\s])"
)
_LETTER = re.compile(r"^(?P<num>[a-zđ])\s{0,2}[).]\s{0,3}(?=\S)")
_UPPER_LETTER = re.compile(r"^(?P<num>[A-HJ-UWYZĐ])\s{0,2}[.)]\s{1,3}(?=\S)")
_BULLET = re.compile(r"^(?P<b>[-–—+*•·∙●▪■◦○➢➤►✓])\s{0,4}(?=\S)")


def _roman_number(raw: str) -> str | None:
    # OCR reads "II" as "I1", "Il" or "I|"; accept those when a real capital I/V/X is present.
    if not any(c in "IVXL" for c in raw):
        return None
    fixed = raw.replace("1", "I").replace("l", "I").replace("|", "I")
    value = roman_to_int(fixed)
    return int_to_roman(value) if value and value <= 40 else None


def match_heading(text: str) -> Heading | None:
    """The numbering that starts ``text`` (a stripped line), or None."""
    folded = fold_aligned(text)
    if folded.startswith("v/v"):
        return None
    if m := _PART.match(folded):
        value = _ORDINALS.get(m.group("word") or "") if m.group("word") else None
        num = m.group("num")
        if value is None and num:
            value = int(num) if num.isdigit() else roman_to_int(num.upper())
        if value:
            return Heading("part", f"PHẦN {int_to_roman(value)}", text[m.end() :], 0)
    if m := _CHAPTER.match(folded):
        return Heading("chapter", f"Chương {m.group('num').upper()}", text[m.end() :], 1)
    if m := _MUC.match(folded):
        return Heading("mục", f"Mục {m.group('num').upper()}", text[m.end() :], 2)
    if m := _ARTICLE.match(folded):
        return Heading("article", f"Điều {m.group('num')}", text[m.end() :], 3)
    if m := _ROMAN.match(folded):
        number = _roman_number(text[: len(m.group("num"))])
        if number:
            return Heading("roman", number, text[m.end() :], 4)
    if (m := _ROMAN_BARE.match(folded)) and is_upper_text(text[m.end() :], 0.9):
        number = _roman_number(text[: len(m.group("num"))])
        if number:
            return Heading("roman", number, text[m.end() :], 4)
    if m := _ARABIC.match(folded):
        num = m.group("num") or m.group("multi")
        depth = num.count(".") + 1
        return Heading(f"arabic{depth}", num, text[m.end() :], 4 + depth)
    if (m := _LETTER.match(text)) and not text[m.end() :].startswith(("/", "-")):
        return Heading("letter", m.group("num"), text[m.end() :], 8)
    if m := _UPPER_LETTER.match(text):
        return Heading("upper", m.group("num"), text[m.end() :], 2.5)
    if m := _BULLET.match(text):
        glyph = _BULLET_GLYPHS.get(m.group("b"), "•")
        return Heading(glyph, glyph, text[m.end() :], _RANKS[glyph])
    return None


def rank_of(style: str) -> float:
    if style.startswith("arabic"):
        return 4 + int(style[6:] or 1)
    return _RANKS.get(style, 12)
