"""The format of a Vietnamese administrative document under Decree 30/2020 (Nghị định 30/2020/NĐ-CP,
Phụ lục I), as data.

This is the one place that holds the format choices. ``render`` writes the *chosen* value of each
item; ``check`` accepts anything inside the *allowed* range the Decree gives. Change a choice here
and both follow. Lengths are millimetres, centimetres or points as the name says, because those
are the units the Decree itself uses.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

FONT_NAME = "Times New Roman"
COLOR_BLACK = "000000"


@dataclass(frozen=True)
class Range:
    """An inclusive range allowed by the Decree, e.g. left margin 30–35 mm."""

    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        # A small tolerance: Word stores lengths in twentieths of a point, so 20 mm comes back
        # as 20.005 mm and 1.27 cm as 1.2700…; that rounding is not a departure from the Decree.
        if not isinstance(value, int | float):
            return False
        return self.low - 0.05 <= value <= self.high + 0.05

    def describe(self, unit: str) -> str:
        """Vietnamese text for messages: "30–35 mm", or "13 pt" when low == high."""
        if self.low == self.high:
            return f"{_num(self.low)} {unit}"
        return f"{_num(self.low)}–{_num(self.high)} {unit}"


def _num(value: float) -> str:
    """1.27 -> "1,27", 30.0 -> "30": Vietnamese writes the decimal comma."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass(frozen=True)
class Length:
    """A chosen length with the range the Decree allows."""

    chosen: float
    allowed: Range


@dataclass(frozen=True)
class TextStyle:
    """How one element of the document is typeset: chosen size and the allowed size range."""

    size_pt: float
    allowed_pt: Range
    bold: bool = False
    italic: bool = False
    caps: bool = False


# --- Page ----------------------------------------------------------------------------------------
PAGE_WIDTH_MM = 210.0  # A4 portrait
PAGE_HEIGHT_MM = 297.0
PAGE_SIZE_TOLERANCE_MM = 1.0  # Letter (215.9 x 279.4) must fail, rounding must not

MARGIN_TOP_MM = Length(20.0, Range(20.0, 25.0))
MARGIN_BOTTOM_MM = Length(20.0, Range(20.0, 25.0))
MARGIN_LEFT_MM = Length(30.0, Range(30.0, 35.0))  # binding side
MARGIN_RIGHT_MM = Length(15.0, Range(15.0, 20.0))
HEADER_DISTANCE_MM = 10.0  # page number sits inside the top margin

# --- Header block (phần đầu văn bản) -------------------------------------------------------------
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

PARENT_BODY = TextStyle(13, Range(12, 13), caps=True)
ISSUER = TextStyle(13, Range(12, 13), bold=True, caps=True)
NATIONAL = TextStyle(13, Range(12, 13), bold=True, caps=True)
MOTTO_STYLE = TextStyle(14, Range(13, 14), bold=True)
NUMBER = TextStyle(13, Range(13, 13))
PLACE_DATE = TextStyle(14, Range(13, 14), italic=True)
TYPE_NAME = TextStyle(14, Range(13, 14), bold=True, caps=True)
SUMMARY = TextStyle(14, Range(13, 14), bold=True)
CONG_VAN_SUMMARY = TextStyle(12, Range(12, 13))  # "V/v …" under the number of a công văn

# Column widths of the borderless header table (together the 16.5 cm text width). The right
# column must hold the national name at 13 pt bold on one line (9.5 cm in Times New Roman, plus
# 0.38 cm of cell margins); the left column lets a long issuer wrap, as real documents do.
HEADER_LEFT_CM = 6.4
HEADER_RIGHT_CM = 10.1

# Rules (short horizontal lines). The motto rule is as long as the motto at 14 pt bold (measured
# at 6.0 cm with Times New Roman metrics); the other two are short centred strokes.
MOTTO_RULE_CM = 6.0
ISSUER_RULE_CM = 2.5
SUMMARY_RULE_CM = 3.0

# --- Body ----------------------------------------------------------------------------------------
BODY = TextStyle(14, Range(13, 14))
BODY_FIRST_LINE_INDENT_CM = Length(1.27, Range(1.0, 1.27))
BODY_SPACE_AFTER_PT = Length(6.0, Range(6.0, 24.0))  # "≥ 6 pt"; the upper bound is only sanity
BODY_LINE_SPACING = Length(1.15, Range(1.0, 1.5))  # single to 1.5 lines

# Tables of figures (reports). The Decree sets no size for table text; 13 pt keeps a table of
# five or six columns readable on the 16.5 cm text width, as provincial reports do.
TABLE_TEXT = TextStyle(13, Range(11, 14))
TABLE_HEADING = TextStyle(13, Range(11, 14), bold=True)
TABLE_BORDER_EIGHTHS_PT = 4  # a 0.5 pt grid
TABLE_MIN_COLUMN_CM = 1.6
TABLE_MAX_COLUMN_CM = 8.0

# --- Signature and recipients --------------------------------------------------------------------
SIGNER_POSITION = TextStyle(14, Range(13, 14), bold=True, caps=True)
SIGNER_NAME = TextStyle(14, Range(13, 14), bold=True)
SIGNATURE_SPACE_LINES = 4  # empty lines left for the hand signature and seal
RECIPIENTS_HEADING = TextStyle(12, Range(12, 12), bold=True, italic=True)
RECIPIENTS = TextStyle(11, Range(11, 11))
RECIPIENTS_HEADING_TEXT = "Nơi nhận:"
SIGNATURE_LEFT_CM = 7.5
SIGNATURE_RIGHT_CM = 9.0

# --- Page numbers --------------------------------------------------------------------------------
PAGE_NUMBER = TextStyle(13, Range(13, 14))

# --- Type names (tên loại văn bản) and their abbreviations ---------------------------------------
TYPE_NAMES: dict[str, str] = {
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "TTr": "Tờ trình",
    "BB": "Biên bản",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "CTr": "Chương trình",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "GM": "Giấy mời",
    # The remaining types of Decree 30, Art. 7 and Phụ lục III, so the checker recognises them.
    "TC": "Thông cáo",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}


def type_abbr_for(type_name: str | None) -> str | None:
    """ "Kế hoạch" -> "KH"; None for a công văn or an unknown name."""
    if not type_name:
        return None
    wanted = _fold_case(type_name)
    for abbr, name in TYPE_NAMES.items():
        if _fold_case(name) == wanted:
            return abbr
    return None


def _fold_case(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# --- Texts whose spelling the Decree fixes -------------------------------------------------------
_STOP_WORDS = {"VÀ", "CỦA"}


def issuer_abbreviation(issuer: str | None) -> str:
    """Initials of the issuing body, used after the type in "Số: …/KH-STTTT".

    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" -> "STTTT", "ỦY BAN NHÂN DÂN" -> "UBND". Only used when the
    number is blank, so the document still shows the agency's symbol; a real symbol comes from the
    number itself.
    """
    if not issuer:
        return ""
    words = [w for w in issuer.upper().split() if w not in _STOP_WORDS]
    initials = (unicodedata.normalize("NFD", w)[0] for w in words if w[0].isalpha())
    return "".join(initials)


_NUMBER_RE = re.compile(r"^\s*(\d+)\s*(/.*)?$")
NUMBER_BLANK = " " * 6  # room to write the number by hand once the document is registered


def format_number(number: str | None, type_abbr: str | None, issuer: str | None) -> str:
    """The "Số:" line. Numbers under 10 take a leading zero ("05/KH-…"); a missing number leaves
    blank space before the symbol, as drafts awaiting registration do."""
    if number:
        match = _NUMBER_RE.match(number)
        if match and int(match.group(1)) < 10:
            number = f"{int(match.group(1)):02d}{(match.group(2) or '').strip()}"
        return f"Số: {number.strip()}"
    symbol = "-".join(part for part in (type_abbr, issuer_abbreviation(issuer)) if part)
    return f"Số:{NUMBER_BLANK}/{symbol}"


def format_place_date(place: str | None, date: dt.date | None) -> str:
    """ "Kiên Giang, ngày 27 tháng 4 năm 2022"; days under 10 and months 1–2 take a leading zero
    (so a month can not be misread once a digit is added by hand: "1" -> "11")."""
    prefix = f"{place}, " if place else ""
    if date is None:
        return f"{prefix}ngày      tháng      năm      "
    return f"{prefix}ngày {date.day:02d} tháng {format_month(date.month)} năm {date.year}"


def format_month(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def signer_lines(authority: str | None, positions: list[str]) -> list[str]:
    """["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]: the authority prefixes the first position."""
    lines = [p.upper() for p in positions if p]
    if authority:
        if lines:
            lines[0] = f"{authority} {lines[0]}"
        else:
            lines = [authority]
    return lines
