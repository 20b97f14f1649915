"""A report's figures and the records behind them as an .xlsx workbook.

Sheet "Tổng hợp" repeats the report's tables; one sheet per kind of record lists each record
counted (activities, meetings and other sources, tasks, registrations, exemplars, awardees) with
a link to it in the back office, so every figure can be checked against its records.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from copy import copy
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.text import format_date
from thidua.reports.queries import awards, exemplars, movements, plans
from thidua.reports.scope import Filter
from thidua.reports.sources import propaganda_sources

BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
LINK = Font(name="Times New Roman", size=12, underline="single", color="1F4E79")
WRAP = Alignment(wrap_text=True, vertical="top")


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _sheet(wb: Workbook, title: str, headings: list[str], widths: list[int]) -> Worksheet:
    ws = wb.create_sheet(title[:31])
    for col, (heading, width) in enumerate(zip(headings, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=heading)
        cell.font, cell.alignment = BOLD, WRAP
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    return ws


def _append(ws: Worksheet, values: list[Any], link: str = "") -> None:
    # A year of a province's records is tens of thousands of rows, so each row is built as
    # styled cells and appended once: asking the sheet for its ``max_row`` after each append
    # scans every cell written so far (quadratic), and setting a font or an alignment looks the
    # style up by hashing it; the cells copy the style of a prototype instead.
    normal, link_style = _styles(ws)
    cells = []
    for value in [*values, absolute(link) if link else None]:
        cell = Cell(ws, value=value)
        cell._style = copy(normal)
        cells.append(cell)
    ws.append(cells)
    if link:  # once the cell has its place: the hyperlink refers to its coordinate
        cells[-1].hyperlink = absolute(link)
        cells[-1]._style = copy(link_style)


def _styles(ws: Worksheet) -> tuple[Any, Any]:
    """The style arrays of a normal cell and of a link cell, registered once per workbook."""
    wb = ws.parent
    styles = getattr(wb, "_thidua_row_styles", None)
    if styles is None:
        prototype = Cell(ws)
        prototype.font, prototype.alignment = NORMAL, WRAP
        normal = copy(prototype._style)
        prototype.font = LINK
        styles = (normal, copy(prototype._style))
        wb._thidua_row_styles = styles
    return styles


def _summary(wb: Workbook, title: str, figures: dict[str, Any]) -> None:
    ws = wb.active
    ws.title = _("Tổng hợp")
    ws.column_dimensions["A"].width = 60
    for col in "BCDEF":
        ws.column_dimensions[col].width = 16
    ws.column_dimensions["G"].width = 50
    ws.append([title])
    ws.cell(row=1, column=1).font = Font(name="Times New Roman", bold=True, size=14)
    ws.append([_("Cơ quan: %(agency)s") % {"agency": figures.get("agency", "")}])
    start, end = figures.get("period", ["", ""])
    ws.append([_("Kỳ báo cáo: %(start)s – %(end)s") % {"start": _day(start), "end": _day(end)}])

    def table(caption: str, headings: list[str], rows: Iterable[tuple[list[Any], str]]) -> None:
        ws.append([])
        ws.append([caption])
        ws.cell(row=ws.max_row, column=1).font = BOLD
        ws.append([*headings, _("Danh sách hồ sơ")])
        for col in range(1, len(headings) + 2):
            ws.cell(row=ws.max_row, column=col).font = BOLD
        for values, url in rows:
            ws.append([*values, absolute(url) if url else None])
            if url:
                cell = ws.cell(row=ws.max_row, column=len(values) + 1)
                cell.hyperlink, cell.font = absolute(url), LINK

    part = figures.get("propaganda")
    if part:
        heads = [*part["sources"], _("Tổng")]
        for key, caption, first in (
            ("by_channel", _("Tuyên truyền theo hình thức"), _("Hình thức")),
            ("by_unit", _("Tuyên truyền theo đơn vị"), _("Đơn vị")),
            ("by_month", _("Tuyên truyền theo tháng"), _("Tháng")),
        ):
            table(
                caption,
                [first, *heads],
                (
                    ([r["label"], *r["values"], r["total"]], next((u for u in r["urls"] if u), ""))
                    for r in part[key]
                ),
            )
        table(
            _("Tuyên truyền theo nội dung"),
            [_("Nội dung"), _("Số lượt")],
            (([c["label"], c["total"]], "") for c in part["by_content"]),
        )
    part = figures.get("plans")
    if part:
        for key, caption in (
            ("by_plan", _("Tiến độ theo kế hoạch")),
            ("by_unit", _("Tiến độ theo đơn vị")),
        ):
            table(
                caption,
                [_("Tên"), _("Nhiệm vụ"), _("Hoàn thành"), _("Quá hạn"), _("Tỷ lệ (%)")],
                (
                    ([r["label"], r["total"], r["done"], r["overdue"], r["percent"]], r["url"])
                    for r in part[key]
                ),
            )
    part = figures.get("movements")
    if part:
        table(
            _("Phong trào thi đua"),
            [_("Phong trào"), *part["statuses"], _("Đăng ký")],
            (([r["label"], *r["duties"], r["registrations"]], r["url"]) for r in part["rows"]),
        )
        table(
            _("Đăng ký thi đua theo danh hiệu"),
            [_("Phong trào"), _("Danh hiệu"), _("Cá nhân"), _("Tập thể")],
            (
                ([t["movement"], t["label"], t["individual"], t["collective"]], t["url"])
                for t in part["by_title"]
            ),
        )
    part = figures.get("exemplars")
    if part:
        table(
            _("Điển hình theo giai đoạn"),
            [_("Giai đoạn"), _("Số điển hình")],
            (([s["label"], s["total"]], s["url"]) for s in part["by_stage"]),
        )
    part = figures.get("awards")
    if part:
        for key, caption in (
            ("by_title", _("Khen thưởng theo danh hiệu, hình thức")),
            ("by_level", _("Khen thưởng theo cấp")),
            ("by_unit", _("Khen thưởng theo đơn vị")),
        ):
            table(
                caption,
                [_("Tên"), _("Cá nhân"), _("Tập thể"), _("Tiền thưởng (đồng)")],
                (
                    ([r["label"], r["individual"], r["collective"], r["amount"]], r["url"])
                    for r in part[key]
                ),
            )


def _day(iso: str) -> str:
    import datetime as dt

    return format_date(dt.date.fromisoformat(iso)) if iso else ""


def report_workbook(flt: Filter, title: str, figures: dict[str, Any]) -> bytes:
    wb = Workbook()
    _summary(wb, title, figures)
    if figures.get("propaganda"):
        for source in propaganda_sources():
            ws = _sheet(
                wb,
                source.label,
                [
                    _("Ngày"),
                    _("Tên"),
                    _("Hình thức"),
                    _("Đơn vị"),
                    _("Số người"),
                    _("Nội dung"),
                    _("Liên kết"),
                ],
                [12, 50, 28, 30, 10, 40, 40],
            )
            for r in source.records(flt):
                _append(
                    ws,
                    [
                        format_date(r.date),
                        r.title,
                        r.channel,
                        r.unit,
                        r.people,
                        "; ".join(r.topics),
                    ],
                    r.url,
                )
    if figures.get("plans"):
        from django.urls import reverse

        ws = _sheet(
            wb,
            _("Nhiệm vụ"),
            [
                _("Hạn"),
                _("Nhiệm vụ"),
                _("Kế hoạch"),
                _("Đơn vị"),
                _("Trạng thái"),
                _("Tiến độ (%)"),
                _("Liên kết"),
            ],
            [12, 50, 30, 30, 16, 10, 40],
        )
        for t in (
            plans.tasks(flt)
            .select_related("plan", "agency")
            .order_by("due_date", "pk")
            .iterator(chunk_size=500)
        ):
            _append(
                ws,
                [
                    format_date(t.due_date),
                    t.title,
                    t.plan.number_symbol or t.plan.title,
                    t.agency.name,
                    str(t.get_status_display()),
                    t.percent,
                ],
                reverse("plans:task_detail", args=[t.pk]),
            )
    if figures.get("movements"):
        ws = _sheet(
            wb,
            _("Đăng ký thi đua"),
            [_("Năm"), _("Phong trào"), _("Đơn vị"), _("Cá nhân"), _("Danh hiệu"), _("Liên kết")],
            [8, 40, 30, 30, 30, 40],
        )
        for r in (
            movements.registrations(flt)
            .order_by("movement__name", "year", "agency__path")
            .iterator(chunk_size=500)
        ):
            _append(
                ws,
                [
                    r.year,
                    r.movement.name,
                    r.agency.name,
                    r.person.full_name if r.person_id else "",
                    r.title_name,
                ],
                movements.cascade_link(r.movement_id, r.year),
            )
    if figures.get("exemplars"):
        from django.urls import reverse

        ws = _sheet(
            wb,
            _("Điển hình"),
            [
                _("Điển hình"),
                _("Đơn vị"),
                _("Giai đoạn"),
                _("Ngày phát hiện"),
                _("Quyết định công nhận"),
                _("Liên kết"),
            ],
            [40, 30, 18, 14, 30, 40],
        )
        for e in exemplars.exemplars(flt).order_by("unit__path", "name").iterator(chunk_size=500):
            _append(
                ws,
                [
                    e.name,
                    e.unit.name,
                    str(e.get_stage_display()),
                    format_date(e.discovered_on),
                    " ".join(
                        p
                        for p in (
                            e.recognition_decision_number,
                            format_date(e.recognition_decision_date),
                        )
                        if p
                    ),
                ],
                reverse("exemplars:inspect", args=[e.pk]),
            )
    if figures.get("awards"):
        from django.urls import reverse

        ws = _sheet(
            wb,
            _("Khen thưởng"),
            [
                _("Quyết định"),
                _("Ngày"),
                _("Danh hiệu, hình thức"),
                _("Họ tên, tập thể"),
                _("Đơn vị"),
                _("Tiền thưởng (đồng)"),
                _("Liên kết"),
            ],
            [20, 12, 30, 30, 30, 14, 40],
        )
        for a in (
            awards.awardees(flt)
            .select_related("decision")
            .order_by("decision__date", "decision_id", "position")
            .iterator(chunk_size=500)
        ):
            _append(
                ws,
                [
                    a.decision.symbol,
                    format_date(a.decision.date),
                    a.title.name,
                    a.name,
                    a.unit_name,
                    a.amount,
                ],
                reverse("awards:decision_detail", args=[a.decision_id]),
            )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
