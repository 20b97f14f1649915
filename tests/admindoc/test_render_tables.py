"""Tables of figures in a rendered document (reports): bordered grid, heading row repeated,
numbers right-aligned, Times New Roman black, and the document still passes the Decree 30 check,
including the body paragraphs that follow a table."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from thidua.admindoc.check import check_docx
from thidua.admindoc.model import AdminDocument, Section, Signer, Table
from thidua.admindoc.render import render


def report(
    tables: list[Table], after: str = "Kết quả trên cho thấy các đơn vị đã cố gắng."
) -> AdminDocument:
    return AdminDocument(
        parent_body="UBND TỈNH AN GIANG",
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number="05/BC-SKHCN",
        type_abbr="BC",
        type_name="Báo cáo",
        place="An Giang",
        date=dt.date(2026, 1, 5),
        title="Kết quả công tác tuyên truyền tháng 12 năm 2025",
        sections=[
            Section(
                "I",
                "KẾT QUẢ ĐẠT ĐƯỢC",
                "Trong tháng, các đơn vị đã tổ chức các hoạt động sau.",
                children=[Section("1", "Theo hình thức", after, tables=tables)],
            ),
            Section("II", "NHIỆM VỤ KỲ TỚI", "Tiếp tục tuyên truyền."),
        ],
        recipients=["Ban Giám đốc Sở", "Lưu: VT, VP"],
        signer=Signer("KT.", ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Văn A"),
    )


FIGURES = Table(
    columns=["STT", "Hình thức", "Số hoạt động", "Số người"],
    rows=[["1", "Chuyên mục trên cổng thông tin", "12", "1.250"], ["2", "Hội nghị", "3", "–"]],
    caption="Bảng 1. Hoạt động tuyên truyền theo hình thức",
    note="Nguồn: hoạt động do các đơn vị ghi nhận.",
)


def test_table_is_rendered_as_a_grid_with_a_repeated_heading_and_right_aligned_numbers():
    data = render(report([FIGURES]))
    document = docx.Document(io.BytesIO(data))
    grids = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert len(grids) == 1
    grid = grids[0]
    assert [c.text for c in grid.rows[0].cells] == FIGURES.columns
    assert [c.text for c in grid.rows[1].cells] == FIGURES.rows[0]
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    borders = grid._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "single"
    number_cell = grid.rows[1].cells[2].paragraphs[0]
    name_cell = grid.rows[1].cells[1].paragraphs[0]
    assert number_cell.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert name_cell.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert all(run.font.name == "Times New Roman" for run in number_cell.runs)
    texts = [p.text for p in document.paragraphs]
    assert FIGURES.caption in texts and FIGURES.note in texts
    assert check_docx(data) == []


def test_body_after_a_table_is_still_checked():
    """A body paragraph after a table is body text: the checker must still see it."""
    data = render(report([FIGURES]))
    document = docx.Document(io.BytesIO(data))
    after = next(p for p in document.paragraphs if p.text.startswith("Kết quả trên"))
    after.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    codes = {p.code for p in check_docx(buffer.getvalue())}
    assert codes == {"body_alignment"}


def test_uneven_rows_are_padded_and_tables_survive_the_json_round_trip():
    table = Table(columns=["Đơn vị", "Số"], rows=[["Phòng A"], ["Phòng B", "4", "thừa"]])
    doc = report([table])
    assert AdminDocument.from_dict(doc.to_dict()) == doc
    assert "tables" not in AdminDocument(sections=[Section("I", "A")]).to_dict()["sections"][0]
    data = render(doc)
    grid = docx.Document(io.BytesIO(data)).tables[1]
    assert len(grid.columns) == 3 and grid.rows[1].cells[1].text == ""
    assert check_docx(data) == []
