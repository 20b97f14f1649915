"""Vietnamese text: accent-insensitive folding for search, slugs, dates in words.

Pure functions (no Django import), built on the admindoc library's Vietnamese helpers so that
search, imports and the document parser fold text and write dates the same way.
"""

from __future__ import annotations

import datetime as dt
import re

from thidua.admindoc.layout import format_place_date
from thidua.admindoc.vntext import fold as fold_marks

# "ð" (eth) appears where legacy fonts or OCR confuse it with "đ".
_ETH = str.maketrans({"ð": "d", "Ð": "d"})
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case, no diacritics, đ → d, whitespace collapsed; NFC or NFD input alike.

    Search and matching fold the same way as the document parser (admindoc.vntext.fold),
    with whitespace collapsed so that "Nguyễn  Văn An" and "nguyen van an" compare equal.

    >>> fold("Đắk Lắk")
    'dak lak'
    """
    if not text:
        return ""
    return _SPACES.sub(" ", fold_marks(text.translate(_ETH))).strip()


def name_sort_key(full_name: str | None) -> str:
    """How Vietnamese lists order people: by given name (the last word), then the family and
    middle names, without diacritics ("Đặng" among the D's): "Trần Thị An" -> "an tran thi"."""
    words = fold(full_name).split(" ")
    return " ".join([words[-1], *words[:-1]]) if words[0] else ""


def fold_words(text: str | None) -> list[str]:
    """The folded words of a search query, for matching each word separately."""
    return [w for w in fold(text).split(" ") if w]


def slugify_vi(text: str | None, max_length: int = 80) -> str:
    """URL slug from Vietnamese text: "Sở Khoa học" → "so-khoa-hoc"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")[:max_length].rstrip("-")


def date_in_words(value: dt.date) -> str:
    """The date as an official document writes it: "ngày 05 tháng 01 năm 2026" (Decree 30/2020:
    days under 10 and months 1 and 2 take a leading zero)."""
    return format_place_date(None, value)


def place_and_date(place: str, value: dt.date) -> str:
    """ "Kiên Giang, ngày 27 tháng 4 năm 2022"."""
    return format_place_date(place, value)


def format_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, the way Vietnamese users read and type dates."""
    return value.strftime("%d/%m/%Y") if value else ""


def parse_day(value: str | None) -> dt.date | None:
    """dd/mm/yyyy (or ISO yyyy-mm-dd, as a date input sends) -> date; None when empty or not a
    date. For the filters of hand-written back-office lists."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None
