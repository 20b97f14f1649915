"""The blank import workbook offered for download, generated from layout.py.

Sheets "Cơ quan" and "Cán bộ" hold only the header row (an example row would be imported by
mistake); "Hướng dẫn" explains each column with an example; a hidden "Danh mục" sheet holds the
choice lists. Lists whose items contain commas (the agency kinds) cannot be written inline in an
Excel validation formula, hence the hidden sheet.
"""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua.org.importing.layout import (
    AGENCY_SPEC,
    GENDER_LABELS,
    GUIDE_SHEET,
    LISTS_SHEET,
    PERSON_SPEC,
    SheetSpec,
    column_letter,
)
from thidua.org.models import Agency

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
REQUIRED_FONT = Font(bold=True, color="FFD966")
VALIDATED_ROWS = 5000  # rows that carry the drop-down lists; more rows still import


def build_template() -> bytes:
    workbook = Workbook()
    agencies = workbook.active
    agencies.title = AGENCY_SPEC.title
    _data_sheet(agencies, AGENCY_SPEC)
    people = workbook.create_sheet(PERSON_SPEC.title)
    _data_sheet(people, PERSON_SPEC)
    _guide_sheet(workbook.create_sheet(GUIDE_SHEET))
    lists = workbook.create_sheet(LISTS_SHEET)
    kinds = [str(label) for _value, label in Agency.Kind.choices]
    lists["A1"] = "Loại"
    lists["B1"] = "Giới tính"
    for index, label in enumerate(kinds, start=2):
        lists.cell(row=index, column=1, value=label)
    for index, label in enumerate(GENDER_LABELS, start=2):
        lists.cell(row=index, column=2, value=label)
    lists.sheet_state = "hidden"

    _list_validation(
        agencies,
        AGENCY_SPEC,
        "kind",
        f"'{LISTS_SHEET}'!$A$2:$A${len(kinds) + 1}",
        _("Chọn loại cơ quan trong danh sách."),
    )
    _list_validation(
        people,
        PERSON_SPEC,
        "gender",
        '"' + ",".join(GENDER_LABELS) + '"',
        _("Chọn Nam hoặc Nữ."),
    )
    # Keep leading zeros of ID numbers and phone numbers: format those columns as text.
    for key in ("id_number", "phone"):
        letter = _letter(PERSON_SPEC, key)
        people.column_dimensions[letter].number_format = "@"
    people.column_dimensions[_letter(PERSON_SPEC, "date_of_birth")].number_format = "dd/mm/yyyy"

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _letter(spec: SheetSpec, key: str) -> str:
    return column_letter([c.key for c in spec.columns].index(key))


def _data_sheet(sheet: Worksheet, spec: SheetSpec) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.fill = HEADER_FILL
        cell.font = REQUIRED_FONT if column.required else HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[column_letter(index - 1)].width = column.width
    sheet.row_dimensions[1].height = 30
    sheet.freeze_panes = "A2"


def _list_validation(
    sheet: Worksheet, spec: SheetSpec, key: str, formula: str, prompt: str
) -> None:
    letter = _letter(spec, key)
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Giá trị không hợp lệ"),
        error=prompt,
        promptTitle=spec.column(key).title,
        prompt=prompt,
        showInputMessage=True,
    )
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    sheet.add_data_validation(validation)


def _guide_sheet(sheet: Worksheet) -> None:
    sheet["A1"] = _("Hướng dẫn nhập danh sách cơ quan, đơn vị và cán bộ")
    sheet["A1"].font = Font(bold=True, size=14)
    intro = [
        _(
            "Nhập mỗi cơ quan, đơn vị một dòng ở sheet “Cơ quan”, mỗi cán bộ một dòng ở sheet "
            "“Cán bộ”, bắt đầu từ dòng 2. Giữ nguyên tên sheet và dòng tiêu đề."
        ),
        _("Cột có dấu * là bắt buộc. Ô để trống không xóa dữ liệu đã có trong hệ thống."),
        _(
            "Nhập lại cùng một tệp không tạo bản ghi trùng: cơ quan được nhận ra theo Mã; cán bộ "
            "theo Số định danh cá nhân, nếu không có thì theo Họ và tên + Ngày sinh + Mã cơ quan."
        ),
        _(
            "Nếu tệp có lỗi, hệ thống không ghi gì cho đến khi bạn sửa hết lỗi, hoặc chọn “Chỉ "
            "nhập các dòng hợp lệ”."
        ),
    ]
    for offset, text in enumerate(intro, start=2):
        sheet.cell(row=offset, column=1, value=text)
    row = len(intro) + 3
    for spec in (AGENCY_SPEC, PERSON_SPEC):
        sheet.cell(row=row, column=1, value=_("Sheet “%s”") % spec.title).font = Font(bold=True)
        row += 1
        for index, title in enumerate(
            (_("Cột"), _("Tên cột"), _("Bắt buộc"), _("Cách nhập"), _("Ví dụ")), start=1
        ):
            cell = sheet.cell(row=row, column=index, value=title)
            cell.fill = HEADER_FILL
            cell.font = HEADER_FONT
        row += 1
        for index, column in enumerate(spec.columns):
            values = (
                column_letter(index),
                column.title,
                _("Có") if column.required else "",
                str(column.help),
                column.example,
            )
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=col, value=value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        row += 1
    for letter, width in zip("ABCDE", (14, 24, 10, 70, 28), strict=True):
        sheet.column_dimensions[letter].width = width
