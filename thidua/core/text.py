"""Vietnamese text: accent-insensitive folding for search, slugs, dates in words.

Pure functions (no Django import) so that every layer, including background tasks and the
data generator, folds text the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Letters that do not decompose under NFD but must fold to a plain ASCII letter. "ð" (eth)
# appears where legacy fonts or OCR confuse it with "đ".
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ɗ": "d", "Ɖ": "d"})
_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Lower case, no diacritics, đ → d, whitespace collapsed; NFC or NFD input alike.

    >>> fold("Đắk Lắk")
    'dak lak'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.translate(_SPECIAL).casefold()).strip()


def fold_words(text: str | None) -> list[str]:
    """The folded words of a search query, for matching each word separately."""
    return [w for w in fold(text).split(" ") if w]


def slugify_vi(text: str | None, max_length: int = 80) -> str:
    """URL slug from Vietnamese text: "Sở Khoa học" → "so-khoa-hoc"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")[:max_length].rstrip("-")


def two_digits(value: int) -> str:
    return f"{value:02d}"


def date_in_words(value: dt.date) -> str:
    """The date as an official document writes it: "ngày 05 tháng 01 năm 2026".

    Decree 30/2020: days under 10 and months 1 and 2 take a leading zero.
    """
    month = two_digits(value.month) if value.month < 3 else str(value.month)
    return f"ngày {two_digits(value.day)} tháng {month} năm {value.year}"


def place_and_date(place: str, value: dt.date) -> str:
    """ "Kiên Giang, ngày 27 tháng 4 năm 2022"."""
    return f"{place}, {date_in_words(value)}"


def format_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, the way Vietnamese users read and type dates."""
    return value.strftime("%d/%m/%Y") if value else ""
