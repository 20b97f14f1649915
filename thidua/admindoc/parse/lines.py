"""From raw text to clean lines, and the layout facts that decide how lines join.

Text reaches the parser from Word files (one line per paragraph), PDFs and scans (one line per
printed line, often with a blank line after each), and hand-made copies with markdown. The
``Layout`` computed here lets the rest of the parser ask one question — does this line continue
the previous one? — without caring which of those sources it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from thidua.admindoc.parse.quality import repair_glyphs
from thidua.admindoc.vntext import fold_aligned

_MARKUP = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)(?=[^*\n]{1,200}\*(?!\w))|^#{1,6}\s", re.M)
_NOTE = re.compile(
    r"\[[^\]\n]{0,200}\]"  # "[Handwritten signature in blue ink]", "[đã ký]"
    r"|\((?:da ky|ky ten|ky,? ghi ro ho ten|ky va ghi ro ho ten|ky, dong dau|"
    r"da ky(?: va dong dau)?)[^)\n]{0,40}\)",
)
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u3000]")
_RULE_LINE = re.compile(r"^[\s\-_=*~.·•–—]{3,}$")
# A page number printed between pages of a PDF or scan: "2", "- 3 -", "Trang 4", "4/12".
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s{0,2})?\d{1,3}(?:\s{0,2}[-–—])?$"
    r"|^(?:trang|page)\s{1,2}\d{1,3}(?:\s{0,2}/\s{0,2}\d{1,3})?$"
    r"|^\d{1,3}\s{0,2}/\s{0,2}\d{1,3}$",
    re.I,
)
_LINK = re.compile(r"<(https?://[^>\s]{1,500})>")
# Two or more spaces or a tab: the gap between the columns of a header or signature table.
COLUMN_GAP = re.compile(r"\t[\t ]*| {3,}")


@dataclass
class Line:
    text: str  # cleaned, stripped
    blank_before: bool  # at least one empty line precedes it
    index: int  # position among the non-empty lines
    raw: str = ""  # the line before stripping (keeps column gaps)
    after_page_break: bool = False  # a page number was dropped just before this line


@dataclass
class Layout:
    wrapped: bool  # lines are printed lines (PDF/scan), not paragraphs
    width: int  # typical printed line length when wrapped
    blanks_meaningful: bool  # a blank line ends a paragraph


def normalise(text: str) -> str:
    """NFC, unified newlines and spaces, no markdown bold/italic markers, no scan notes."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    text = _SPACES.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    text = repair_glyphs(text)
    # Notes are found on folded text and cut from the original at the same positions.
    folded = fold_aligned(text)
    cuts = [
        (m.start(), m.end())
        for m in _NOTE.finditer(folded)
        if sum(c.isalpha() for c in m.group()) >= 3  # keep "[1]" references
    ]
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines)


def split_lines(text: str) -> list[Line]:
    """Non-empty lines, each knowing whether a blank line came before it."""
    out: list[Line] = []
    blank = page_break = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped or _RULE_LINE.match(stripped):
            blank = True
            continue
        if out and len(stripped) <= 12 and _PAGE_NUMBER.match(stripped):
            page_break = True  # never a section: "2" or "- 3 -" alone between two pages
            continue
        out.append(Line(stripped, blank, len(out), raw, page_break))
        blank = page_break = False
    return out


def measure(lines: list[Line]) -> Layout:
    """Decide whether lines are printed lines or paragraphs, and what blank lines mean."""
    lengths = sorted(len(line.text) for line in lines)
    if not lengths:
        return Layout(False, 80, True)
    long_lines = sum(1 for n in lengths if n > 130)
    wrapped = len(lengths) >= 6 and long_lines / len(lengths) < 0.05
    width = lengths[int(len(lengths) * 0.9)] if wrapped else 80
    followed_by_blank = sum(1 for line in lines[1:] if line.blank_before)
    double_spaced = followed_by_blank / max(1, len(lines) - 1) > 0.6
    # In a page-wrapped copy with a blank after every printed line, blanks mean nothing.
    return Layout(wrapped, max(width, 30), not (wrapped and double_spaced))


_TERMINAL = (".", "!", "?", ":", ";", "./.")


def starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
        if ch in "“\"'(‘":
            continue
        return False
    return False


def starts_digit(text: str) -> bool:
    return bool(text) and text[0].isdigit()


def continues(prev: str, line: Line, layout: Layout) -> bool:
    """Does ``line`` continue the paragraph whose last line is ``prev``?

    Callers have already ruled out headings, bullets and other line starters.
    """
    text = line.text
    prev = prev.rstrip()
    if prev.endswith("./."):
        return False
    if starts_lower(text):
        return True  # a sentence does not start in lower case: a wrapped line
    terminal = prev.endswith(_TERMINAL)
    if (
        terminal
        and prev.endswith((";", ":"))
        and layout.wrapped
        and len(prev) >= 0.9 * layout.width
    ):
        terminal = False  # a full printed line ending in ";" is mid-paragraph more often than not
    if starts_digit(text) and not terminal:
        return True  # "… năm" / "2022, Sở …": a number wrapped to the next line
    if line.after_page_break and not terminal:
        return True  # a sentence cut by the page break goes on at the top of the next page
    if terminal or not layout.wrapped:
        return False  # unwrapped text (Word, typed) has one paragraph per line
    if line.blank_before and layout.blanks_meaningful:
        return False
    # A printed line much shorter than the column ends its paragraph.
    return len(prev) >= 0.7 * layout.width
