"""Pure Vietnamese text helpers: folding, dates in words and numbers, periods.

Everything here is stateless and Django-free. Keyword matching in the parser goes through
``fold`` so that text typed or scanned without diacritics ("KE HOACH", "Thuc hien") matches the
same rules as correctly accented text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Period",
    "diacritic_ratio",
    "find_dates",
    "find_periods",
    "fold",
    "fold_aligned",
    "int_to_roman",
    "is_upper_text",
    "month_end",
    "parse_date",
    "parse_range",
    "roman_to_int",
    "sentence_case",
]

_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ -> d. Works on NFC and NFD input alike.

    >>> fold("KẾ HOẠCH Đợt 1")
    'ke hoach dot 1'
    """
    decomposed = unicodedata.normalize("NFD", text)
    folded = _COMBINING.sub("", decomposed).replace("đ", "d").replace("Đ", "d").lower()
    return folded.replace("ð", "d").replace("ɖ", "d")


_ETH_LIKE = {"ð", "ɖ"}


class _FoldTable(dict[int, str]):
    """Per-character fold table filled lazily, for ``str.translate``.

    Each character maps to exactly one character, so positions in the folded string are
    positions in the original: a regex match on folded text can slice the original text.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = _COMBINING.sub("", unicodedata.normalize("NFD", char))
        base = base.replace("đ", "d").replace("Đ", "d").lower()
        if base in _ETH_LIKE:
            base = "d"  # scans and old fonts give Ð (eth) or Ɖ for Đ
        if len(base) != 1:
            # Lone combining marks and multi-character lower-cases (İ) keep their slot.
            base = char if len(char.lower()) != 1 else char.lower()
        self[code] = base
        return base


_FOLD_TABLE = _FoldTable()


def fold_aligned(text: str) -> str:
    """Like ``fold`` but the result has the same length as ``text`` (expects NFC input)."""
    return text.translate(_FOLD_TABLE)


def is_upper_text(text: str, threshold: float = 0.8) -> bool:
    """True when most letters are capitals ("KẾ HOẠCH", "MỤC ĐÍCH, YÊU CẦU")."""
    text = text[:200]  # the start decides; keeps long paragraphs cheap
    if text.isupper():
        return True
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= threshold


def sentence_case(text: str) -> str:
    """ "KẾ HOẠCH" -> "Kế hoạch"."""
    text = text.strip()
    return text[:1].upper() + text[1:].lower() if text else text


def diacritic_ratio(words: list[str]) -> float:
    """Share of words that carry a Vietnamese diacritic or đ."""
    if not words:
        return 0.0
    marked = sum(1 for w in words if fold(w) != w.lower())
    return marked / len(words)


# --- Roman numerals ---------------------------------------------------------------------------

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(text: str) -> int | None:
    """ "XIV" -> 14; None when not a well-formed roman numeral up to 399."""
    text = text.upper()
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        value = _ROMAN[c]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total if int_to_roman(total) == text else None


def int_to_roman(value: int) -> str:
    parts = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX")]
    parts += [(5, "V"), (4, "IV"), (1, "I")]
    out = []
    for number, letters in parts:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


# --- Dates ------------------------------------------------------------------------------------


# All patterns run on folded text (lower case, no diacritics), so "Ngày", "ngay" and "NGÀY"
# are one case. Bounded quantifiers only: the parser must stay linear on hostile input.
def _date_pattern(prefix: str) -> str:
    """Named-group date pattern; a prefix keeps the names unique inside bigger patterns."""
    words = (
        rf"ngay\s{{0,3}}(?P<{prefix}wd>\d{{1,2}})\s{{0,3}}thang\s{{0,3}}(?P<{prefix}wm>\d{{1,2}})"
        rf"\s{{0,3}}nam\s{{0,3}}(?P<{prefix}wy>\d{{4}})"
    )
    numeric = (
        rf"(?<![\d/.\-])(?P<{prefix}nd>\d{{1,2}})\s{{0,2}}(?P<{prefix}s1>[/\-.])\s{{0,2}}"
        rf"(?P<{prefix}nm>\d{{1,2}})\s{{0,2}}(?P<{prefix}s2>[/\-.])\s{{0,2}}"
        rf"(?P<{prefix}ny>\d{{4}}|\d{{2}})(?![\d/])"
    )
    return f"{words}|{numeric}"


_DATE_RE = re.compile(_date_pattern(""))


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    if not 1900 <= year <= 2200:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_from_groups(m: re.Match[str], prefix: str = "") -> dt.date | None:
    g = m.group
    if g(f"{prefix}wd"):
        return _make_date(int(g(f"{prefix}wy")), int(g(f"{prefix}wm")), int(g(f"{prefix}wd")))
    if g(f"{prefix}nd") is None or g(f"{prefix}s1") != g(f"{prefix}s2"):
        return None
    if g(f"{prefix}s1") == "." and len(g(f"{prefix}ny")) == 2:
        return None  # "1.2.3"-like section numbers are not dates
    return _make_date(int(g(f"{prefix}ny")), int(g(f"{prefix}nm")), int(g(f"{prefix}nd")))


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full date in ``text`` as (start, end, date), positions in ``text``.

    Accepts "ngày 27 tháng 4 năm 2022", "27/4/2022", "27-04-2022", "27.4.2022".
    """
    folded = fold_aligned(text)
    found = []
    for m in _DATE_RE.finditer(folded):
        date = _date_from_groups(m)
        if date:
            found.append((m.start(), m.end(), date))
    return found


def parse_date(text: str) -> dt.date | None:
    """The first full date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0][2] if dates else None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# --- Periods ("hết tháng 6/2020", "quý II năm 2024", "năm 2023 - 2025") -----------------------


@dataclass(frozen=True)
class Period:
    """A span of time named in text, with where it was found."""

    start: dt.date | None
    end: dt.date | None
    pos: int
    endpos: int
    kind: str  # "day", "month", "quarter", "half", "year", "now"


# "iv" before "i{1,3}": alternation is ordered, and "Quý IV" must not read as "Quý I".
_QUARTER = r"quy\s{0,2}(?P<q_n>iv|i{1,3}|[1-4])(?![a-z])"
_PERIOD_RE = re.compile(
    "|".join(
        [
            rf"(?P<day>{_date_pattern('p_')})",
            r"(?P<dm>ngay\s{0,2}(?P<dm_d>\d{1,2})\s{0,2}[/\-.]\s{0,2}(?P<dm_m>\d{1,2})(?![\d/\-.]))",
            r"(?P<month>thang\s{0,2}(?P<m_m>\d{1,2})\s{0,2}(?:[/\-.]|\s{1,2}nam)\s{0,2}(?P<m_y>\d{4}))",
            r"(?P<monly>thang\s{0,2}(?P<mo_m>\d{1,2})(?![\d/\-.]))",
            rf"(?P<quarter>{_QUARTER}\s{{0,2}}(?:[/\-.]|nam)?\s{{0,2}}(?P<q_y>\d{{4}})?)",
            r"(?P<half>(?P<h_n>6)\s{0,2}thang\s{0,2}(?P<h_w>dau|cuoi)\s{0,2}nam\s{0,2}(?P<h_y>\d{4})?)",
            r"(?P<year>(?:nam\s{0,2})?(?P<y_y>(?:19|20|21)\d\d)(?![\d/]))",
            r"(?P<now>\b(?:tu\s{1,2}nay|hien\s{1,2}nay|ngay\s{1,2}ban\s{1,2}hanh)\b)",
        ]
    )
)
_QUARTER_NUM = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _period_from_match(m: re.Match[str], ref: dt.date | None) -> Period | None:
    kind = m.lastgroup
    if m.group("day"):
        d = _date_from_groups(m, "p_")
        return Period(d, d, m.start(), m.end(), "day") if d else None
    if m.group("dm"):
        year = ref.year if ref else None
        d = _make_date(year, int(m.group("dm_m")), int(m.group("dm_d"))) if year else None
        return Period(d, d, m.start(), m.end(), "day")
    if m.group("month") or m.group("monly"):
        month = int(m.group("m_m") or m.group("mo_m"))
        year_text = m.group("m_y")
        year = int(year_text) if year_text else (ref.year if ref else None)
        if not 1 <= month <= 12:
            return None
        if year is None:
            return Period(None, None, m.start(), m.end(), "month")
        return Period(dt.date(year, month, 1), month_end(year, month), m.start(), m.end(), "month")
    if m.group("quarter"):
        quarter = _QUARTER_NUM[m.group("q_n")]
        year_text = m.group("q_y")
        year = int(year_text) if year_text else (ref.year if ref else None)
        if year is None:
            return Period(None, None, m.start(), m.end(), "quarter")
        first = 3 * quarter - 2
        return Period(
            dt.date(year, first, 1), month_end(year, first + 2), m.start(), m.end(), "quarter"
        )
    if m.group("half"):
        year_text = m.group("h_y")
        year = int(year_text) if year_text else (ref.year if ref else None)
        if year is None:
            return Period(None, None, m.start(), m.end(), "half")
        if m.group("h_w") == "dau":
            return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), m.start(), m.end(), "half")
        return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), m.start(), m.end(), "half")
    if m.group("year"):
        year = int(m.group("y_y"))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), m.start(), m.end(), "year")
    if kind == "now" or m.group("now"):
        return Period(ref, ref, m.start(), m.end(), "now")
    return None


def find_periods(text: str, ref: dt.date | None = None) -> list[Period]:
    """Every time expression in ``text``, in order. ``ref`` (usually the document date) gives
    "từ nay" its meaning and a year to "tháng 10" or "15/6" written without one."""
    folded = fold_aligned(text)
    periods = []
    for m in _PERIOD_RE.finditer(folded):
        period = _period_from_match(m, ref)
        if period is not None:
            periods.append(period)
    return periods


_RANGE_SEP = re.compile(r"^\s{0,3}(?:-|–|—|den(?:\s{1,3}het)?|toi)\s{0,3}(?:nam\s{0,2})?$")


def parse_range(text: str, ref: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The span a phrase names.

    >>> parse_range("Từ nay đến hết tháng 6/2020", dt.date(2020, 3, 20))
    (datetime.date(2020, 3, 20), datetime.date(2020, 6, 30))
    >>> parse_range("Từ tháng 7/2020 đến hết năm 2020")
    (datetime.date(2020, 7, 1), datetime.date(2020, 12, 31))
    >>> parse_range("Từ năm 2023 - 2025")
    (datetime.date(2023, 1, 1), datetime.date(2025, 12, 31))
    """
    periods = find_periods(text, ref)
    if not periods:
        return None, None
    folded = fold_aligned(text)
    first = periods[0]
    last = first
    # Extend over "X - Y", "X đến (hết) Y" chains; a lone period stands for itself.
    for nxt in periods[1:]:
        gap = folded[last.endpos : nxt.pos]
        if _RANGE_SEP.match(gap) or "den" in gap[:20]:
            last = nxt
        else:
            break
    end = last.end
    if first is last and first.kind == "now":
        end = None
    return first.start, end
