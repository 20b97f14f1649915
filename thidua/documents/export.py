"""The outgoing register as a spreadsheet (.xlsx): one row per number, cancelled ones with
their reason, in the register's order."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from thidua.core.text import format_date
from thidua.documents.models import OutgoingNumber

BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)


def _text(value: str) -> str:
    """A user's text as a plain cell: openpyxl would store "=…" as a formula (CSV/formula
    injection), so such text gets a leading zero-width space and stays text."""
    return f"\u200b{value}" if value[:1] in ("=", "+", "-", "@") else value


def register_xlsx(numbers: Sequence[OutgoingNumber]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sổ văn bản đi")[:31]
    sheet.append([_("SỔ ĐĂNG KÝ VĂN BẢN ĐI")])
    sheet["A1"].font = Font(name="Times New Roman", bold=True, size=14)
    headings = [
        _("Cơ quan ban hành"),
        _("Năm"),
        _("Loại"),
        _("Số"),
        _("Số, ký hiệu"),
        _("Ngày văn bản"),
        _("Trích yếu"),
        _("Trạng thái"),
        _("Lý do hủy"),
        _("Người lấy số"),
    ]
    sheet.append([])
    sheet.append(headings)
    for cell in sheet[3]:
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for entry in numbers:
        sheet.append(
            [
                entry.agency.name,
                entry.year,
                entry.type_abbr or _("Công văn"),
                entry.number,
                entry.symbol,
                format_date(entry.date),
                _text(entry.summary),
                entry.get_status_display(),
                _text(entry.cancel_reason),
                entry.created_by.get_full_name() if entry.created_by else "",
            ]
        )
    for width, letter in zip((34, 7, 9, 7, 18, 13, 60, 14, 30, 24), "ABCDEFGHIJ", strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.font = NORMAL
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
