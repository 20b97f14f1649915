"""Spreadsheets and Decree 30 documents produced by the movements app."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.i18n import in_official_language
from thidua.core.text import date_in_words
from thidua.movements.models import Criterion, Movement, Registration, ScoreSheet, ScoringTable
from thidua.movements.queries.scoring import TIE_BREAK_RULE, RankingRow
from thidua.movements.services.common import format_points
from thidua.org.models import Agency

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _header(ws: Worksheet, agency: Agency, width: int, title: str, subtitle: str) -> int:
    """The usual header of an agency's list: issuer left, national motto right, title centred.
    Returns the next free row."""
    half = max(2, width // 2)
    parent = agency.parent.name.upper() if agency.parent_id else ""
    cells = [
        (1, 1, half, parent, NORMAL),
        (2, 1, half, agency.name.upper(), BOLD),
        (1, half + 1, width, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD),
        (2, half + 1, width, "Độc lập - Tự do - Hạnh phúc", BOLD),
        (4, 1, width, title.upper(), Font(name="Times New Roman", bold=True, size=14)),
        (5, 1, width, subtitle, Font(name="Times New Roman", italic=True, size=12)),
    ]
    for row, first, last, text, font in cells:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = ws.cell(row=row, column=first, value=text)
        cell.font = font
        cell.alignment = CENTER
    return 7


def _table_head(ws: Worksheet, row: int, headings: Iterable[str], widths: Iterable[int]) -> None:
    for col, (heading, width) in enumerate(zip(headings, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=col, value=heading)
        cell.font, cell.alignment, cell.border = BOLD, CENTER, BOX
        ws.column_dimensions[get_column_letter(col)].width = width


def _row(ws: Worksheet, row: int, values: list[object], bold: bool = False) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = BOLD if bold else NORMAL
        cell.alignment = WRAP
        cell.border = BOX


def _signature(ws: Worksheet, row: int, width: int, place: str, role: str) -> None:
    half = max(2, width // 2)
    for offset, text, font in (
        (
            0,
            f"{place}, {date_in_words(dt.date.today())}",
            Font(name="Times New Roman", italic=True),
        ),
        (1, role.upper(), BOLD),
    ):
        ws.merge_cells(
            start_row=row + offset, start_column=half + 1, end_row=row + offset, end_column=width
        )
        cell = ws.cell(row=row + offset, column=half + 1, value=text)
        cell.font, cell.alignment = font, CENTER


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def registrations_xlsx(
    movement: Movement, agency: Agency, year: int, registrations: list[Registration]
) -> bytes:
    """The agency's registration list: collectives, then individuals, in the usual layout."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Đăng ký thi đua")
    headings = [
        _("STT"),
        _("Họ và tên / Tên tập thể"),
        _("Chức vụ"),
        _("Đơn vị"),
        _("Danh hiệu đăng ký"),
        _("Ghi chú"),
    ]
    row = _header(
        ws,
        agency,
        len(headings),
        _("Danh sách đăng ký thi đua năm %(year)s") % {"year": year},
        movement.name,
    )
    _table_head(ws, row, headings, [6, 32, 22, 32, 30, 18])
    row += 1
    groups = [
        (_("I. TẬP THỂ"), [r for r in registrations if r.person_id is None]),
        (_("II. CÁ NHÂN"), [r for r in registrations if r.person_id is not None]),
    ]
    for label, items in groups:
        _row(ws, row, ["", label, "", "", "", ""], bold=True)
        row += 1
        for n, reg in enumerate(items, start=1):
            _row(
                ws,
                row,
                [
                    n,
                    reg.person.full_name if reg.person_id else reg.agency.name,
                    reg.person.position if reg.person_id else "",
                    reg.agency.name,
                    reg.title_name,
                    "",
                ],
            )
            row += 1
    _row(ws, row, ["", _("Tổng cộng: %(n)d") % {"n": len(registrations)}, "", "", "", ""], True)
    _signature(
        ws,
        row + 2,
        len(headings),
        agency.address.split(",")[-1].strip() or "…",
        _("Thủ trưởng đơn vị"),
    )
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape"
    return _save(wb)


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def scoring_sheet_xlsx(table: ScoringTable, sheet: ScoreSheet | None, agency: Agency) -> bytes:
    """The scoring table, with a sheet's points when given (the blank table otherwise)."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Bảng chấm điểm")
    headings = [
        _("STT"),
        _("Nội dung tiêu chí"),
        _("Điểm tối đa"),
        _("Điểm chấm"),
        _("Minh chứng"),
        _("Ghi chú"),
    ]
    who = sheet.subject.name if sheet else ""
    subtitle = f"{table.bloc.name} – {who}" if who else table.bloc.name
    row = _header(ws, agency, len(headings), table.title, subtitle)
    _table_head(ws, row, headings, [7, 60, 12, 12, 12, 24])
    row += 1
    scores = {s.criterion_id: s for s in sheet.scores.all()} if sheet else {}
    for section in table.sections.prefetch_related("criteria"):
        _row(ws, row, [section.code, section.title, "", "", "", ""], bold=True)
        row += 1
        for criterion in section.criteria.all():
            score = scores.get(criterion.pk)
            sign = {Criterion.Kind.BONUS: "+", Criterion.Kind.PENALTY: "−"}.get(criterion.kind, "")
            _row(
                ws,
                row,
                [
                    criterion.code,
                    f"{sign} {criterion.text}".strip(),
                    _num(criterion.max_points),
                    _num(score.points) if score else None,
                    _("Có") if criterion.evidence_required else "",
                    score.note if score else "",
                ],
            )
            row += 1
    if sheet:
        for label, value in (
            (_("Điểm các tiêu chí chính"), sheet.base_total),
            (_("Điểm thưởng"), sheet.bonus_total),
            (_("Điểm trừ"), sheet.penalty_total),
            (_("Tổng điểm"), sheet.total),
        ):
            _row(ws, row, ["", label, "", _num(value), "", ""], bold=True)
            row += 1
    return _save(wb)


def ranking_xlsx(table: ScoringTable, rows: list[RankingRow], agency: Agency) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Xếp hạng")
    headings = [
        _("Hạng"),
        _("Cơ quan"),
        _("Điểm tiêu chí chính"),
        _("Điểm thưởng"),
        _("Điểm trừ"),
        _("Tổng điểm"),
        _("Tự chấm"),
        _("Số phiếu chấm chéo"),
    ]
    row = _header(
        ws,
        agency,
        len(headings),
        _("Kết quả chấm điểm, xếp hạng năm %(year)s") % {"year": table.year},
        table.bloc.name,
    )
    _table_head(ws, row, headings, [8, 40, 14, 12, 12, 12, 12, 14])
    row += 1
    for r in rows:
        _row(
            ws,
            row,
            [
                f"{r.rank}{' (đồng hạng)' if r.tied else ''}",
                r.agency.name,
                _num(r.base_total),
                _num(r.bonus_total),
                _num(r.penalty_total),
                _num(r.total),
                _num(r.self_total),
                r.cross_count,
            ],
        )
        row += 1
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(headings))
    note = ws.cell(row=row + 1, column=1, value=str(TIE_BREAK_RULE))
    note.font, note.alignment = Font(name="Times New Roman", italic=True), WRAP
    ws.row_dimensions[row + 1].height = 45
    return _save(wb)


@in_official_language
def ranking_docx(table: ScoringTable, rows: list[RankingRow], agency: Agency) -> bytes:
    """The ranking as a Decree 30 report (BC) through admindoc.render: the ranking, scores and
    the tie-break rule as numbered items (render lays out text, not tables)."""
    from thidua.admindoc.model import AdminDocument, Section, Signer
    from thidua.admindoc.render import render
    from thidua.movements.queries.scoring import FINAL_SCORE_RULE

    items = [
        Section(
            str(n),
            "",
            _(
                "%(agency)s: %(total)s điểm (tiêu chí chính %(base)s; thưởng %(bonus)s; "
                "trừ %(penalty)s) – xếp hạng %(rank)s%(tied)s."
            )
            % {
                "agency": r.agency.name,
                "total": format_points(r.total),
                "base": format_points(r.base_total),
                "bonus": format_points(r.bonus_total),
                "penalty": format_points(r.penalty_total),
                "rank": r.rank,
                "tied": _(" (đồng hạng)") if r.tied else "",
            },
        )
        for n, r in enumerate(rows, start=1)
    ]
    doc = AdminDocument(
        parent_body=(agency.parent.name.upper() if agency.parent_id else None),
        issuer=agency.name.upper(),
        type_abbr="BC",
        type_name="Báo cáo",
        date=dt.date.today(),
        place=(agency.address.split(",")[-1].strip() or None),
        title=_("Kết quả chấm điểm, xếp hạng thi đua năm %(year)s của %(bloc)s")
        % {"year": table.year, "bloc": table.bloc.name},
        sections=[
            Section("I", _("Cách chấm và xếp hạng"), f"{FINAL_SCORE_RULE}\n{TIE_BREAK_RULE}"),
            Section(
                "II",
                _("Kết quả xếp hạng"),
                children=items or [Section("-", "", _("Chưa có cơ quan nào gửi điểm."))],
            ),
        ],
        recipients=[
            _("Các cơ quan thành viên khối"),
            _("Ban Thi đua – Khen thưởng tỉnh"),
            "Lưu: VT",
        ],
        signer=Signer(positions=["TRƯỞNG KHỐI"], name=None),
    )
    return render(doc)
