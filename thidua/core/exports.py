"""A small shared helper for the back-office lists written by hand (not Wagtail viewsets, which
export through ``list_export``): the filtered list as an .xlsx download, with ``?format=xlsx``.

    return xlsx_response("ke-hoach", [Sheet(_("Kế hoạch"), headings, rows)])

Rows are plain values (text, numbers, dates shown as dd/mm/yyyy); generators are fine, so a
long list streams through openpyxl's write-only mode without holding every row twice.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from thidua.core.text import format_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHEET_TITLE = 31


@dataclass
class Sheet:
    title: str
    headings: list[str]
    rows: Iterable[list[Any]]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, dt.date):
        return format_date(value)
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(str(sheet.title)[:MAX_SHEET_TITLE])
        heading_cells = []
        for heading in sheet.headings:
            cell = WriteOnlyCell(ws, value=str(heading))
            cell.font = Font(bold=True)
            heading_cells.append(cell)
        ws.append(heading_cells)
        for row in sheet.rows:
            ws.append([_plain(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: list[Sheet]) -> HttpResponse:
    """``filename`` without extension; the date is appended ("ke-hoach-2026-05-04.xlsx")."""
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response


def wants_xlsx(request: Any) -> bool:
    return request.GET.get("format") == "xlsx"
