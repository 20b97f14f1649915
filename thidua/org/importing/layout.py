"""The layout of the import workbook: two sheets, their columns, and how headers are recognised.

This module is the single description of the file format. The reader validates against it, the
template is generated from it and the user guide (docs/user-guide/import.md) documents it, so a
column added here appears in all three.

Headers are matched after ``fold()`` (no diacritics, lower case) with any trailing "*" and any
text in parentheses removed, so "Ngày sinh (dd/mm/yyyy)", "NGAY SINH" and "ngày sinh*" are the
same column. Columns may come in any order; unknown columns are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold

# A file larger than this is refused before any row is read: a province has tens of thousands of
# staff, and one upload is meant for one agency's list.
MAX_ROWS = 50_000
# Errors kept on the job for display; the total count is kept in the summary.
MAX_STORED_ERRORS = 2_000

AGENCY_SHEET = "Cơ quan"
PERSON_SHEET = "Cán bộ"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"


@dataclass(frozen=True)
class Column:
    key: str  # the field name in the typed row
    title: str  # the header written by the template (Vietnamese, the source language)
    required: bool = False
    help: str = ""  # shown in the guide sheet and the user guide
    example: str = ""
    aliases: tuple[str, ...] = ()
    width: int = 20

    @property
    def header(self) -> str:
        return f"{self.title}*" if self.required else self.title

    def matches(self, raw_header: object) -> bool:
        key = normalise_header(raw_header)
        return bool(key) and key in {fold(self.title), *(fold(a) for a in self.aliases)}


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = field(default=())

    def matches(self, sheet_name: str) -> bool:
        return fold(sheet_name) in {fold(self.title), *(fold(a) for a in self.aliases)}

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


_PARENS = re.compile(r"\([^)]*\)")


def normalise_header(value: object) -> str:
    """ "Ngày sinh (dd/mm/yyyy)*" → "ngay sinh"."""
    if value is None:
        return ""
    text = _PARENS.sub(" ", str(value)).replace("*", " ")
    return fold(text).strip(" :.")


AGENCY_COLUMNS = (
    Column(
        "code",
        "Mã",
        required=True,
        help=_(
            "Mã duy nhất của cơ quan, đơn vị (tối đa 32 ký tự). Dùng để nhận ra cơ quan đã có "
            "khi nhập lại."
        ),
        example="STTTT",
        aliases=("ma co quan", "ma don vi"),
        width=14,
    ),
    Column(
        "name",
        "Tên đầy đủ",
        required=True,
        help=_("Tên đầy đủ, tối đa 255 ký tự."),
        example="Sở Thông tin và Truyền thông",
        aliases=("ten", "ten co quan", "ten don vi"),
        width=40,
    ),
    Column(
        "short_name",
        "Tên viết tắt",
        help=_("Tùy chọn, tối đa 100 ký tự."),
        example="Sở TT&TT",
        width=18,
    ),
    Column(
        "symbol",
        "Ký hiệu văn bản",
        help=_(
            "Chữ viết tắt trong số ký hiệu văn bản, ví dụ STTTT trong 31/KH-STTTT; tối đa 20 ký tự."
        ),
        example="STTTT",
        aliases=("ky hieu",),
        width=16,
    ),
    Column(
        "kind",
        "Loại",
        help=_(
            "Chọn trong danh sách: Tỉnh, thành phố; Sở, ban, ngành; Phòng, ban chuyên môn; "
            "Đơn vị trực thuộc; Khác. Để trống: cơ quan mới là “Phòng, ban chuyên môn”."
        ),
        example="Sở, ban, ngành",
        aliases=("loai co quan",),
        width=24,
    ),
    Column(
        "parent_code",
        "Mã cơ quan cấp trên",
        help=_(
            "Mã của cơ quan cấp trên: đã có trong hệ thống hoặc ở một dòng khác của sheet này "
            "(trước hay sau đều được). Để trống: cơ quan mới được đặt dưới cơ quan đã chọn khi "
            "tải tệp lên; cơ quan đã có giữ nguyên cấp trên."
        ),
        example="UBND",
        aliases=("ma cap tren", "cap tren"),
        width=20,
    ),
)

PERSON_COLUMNS = (
    Column(
        "full_name",
        "Họ và tên",
        required=True,
        help=_("Họ và tên đầy đủ, tối đa 150 ký tự."),
        example="Nguyễn Thị Minh Anh",
        aliases=("ho ten", "ho va ten can bo"),
        width=28,
    ),
    Column(
        "gender",
        "Giới tính",
        help=_("Nam hoặc Nữ (có thể gõ không dấu: Nu)."),
        example="Nữ",
        width=10,
    ),
    Column(
        "date_of_birth",
        "Ngày sinh",
        help=_("Dạng dd/mm/yyyy (ví dụ 05/01/1985) hoặc một ô kiểu ngày của Excel."),
        example="05/01/1985",
        width=14,
    ),
    Column(
        "id_number",
        "Số định danh cá nhân",
        help=_(
            "Số căn cước công dân 12 chữ số. Nên định dạng cột là Văn bản (Text) để Excel giữ "
            "số 0 ở đầu; nếu ô là số, hệ thống tự thêm lại các số 0 ở đầu cho đủ 12 chữ số."
        ),
        example="001085012345",
        aliases=("so dinh danh", "so cccd", "cccd", "so can cuoc"),
        width=20,
    ),
    Column(
        "position",
        "Chức vụ",
        help=_("Tùy chọn, tối đa 150 ký tự."),
        example="Chuyên viên",
        width=20,
    ),
    Column(
        "agency_code",
        "Mã cơ quan",
        required=True,
        help=_(
            "Mã của cơ quan, đơn vị nơi cán bộ công tác: đã có trong hệ thống hoặc ở sheet "
            "“Cơ quan” của tệp này, và thuộc phạm vi bạn quản lý."
        ),
        example="STTTT",
        aliases=("ma don vi", "ma co quan cong tac"),
        width=14,
    ),
    Column(
        "email",
        "Email",
        help=_("Địa chỉ thư điện tử, tùy chọn."),
        example="anh.nguyen@example.gov.vn",
        aliases=("thu dien tu",),
        width=28,
    ),
    Column(
        "phone",
        "Điện thoại",
        help=_("Số điện thoại, tùy chọn, tối đa 50 ký tự."),
        example="0912345678",
        aliases=("so dien thoai", "dt"),
        width=16,
    ),
)

AGENCY_SPEC = SheetSpec(AGENCY_SHEET, AGENCY_COLUMNS, aliases=("co quan, don vi", "don vi"))
PERSON_SPEC = SheetSpec(PERSON_SHEET, PERSON_COLUMNS, aliases=("can bo, cong chuc", "nhan su"))
SHEETS = (AGENCY_SPEC, PERSON_SPEC)

GENDER_LABELS = ("Nam", "Nữ")


def column_letter(index: int) -> str:
    """0 → "A", 26 → "AA" (index is zero-based)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
