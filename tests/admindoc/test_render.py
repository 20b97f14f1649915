"""render(AdminDocument) -> .docx laid out per Decree 30/2020.

Read back with python-docx for the layout, checked with check_docx, and (marked slow) converted
to PDF by LibreOffice to prove the file opens and paginates as an official document should.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from thidua.admindoc import layout
from thidua.admindoc.check import check_docx
from thidua.admindoc.model import (
    AdminDocument,
    Assignment,
    Basis,
    Phase,
    Section,
    Signer,
)
from thidua.admindoc.parse import parse
from thidua.admindoc.render import render

# --- Documents ----------------------------------------------------------------------------------


def plan_document() -> AdminDocument:
    """Seed 004 (Kiên Giang, 2022), shortened: every kind of heading, bullets and a signer."""
    return AdminDocument(
        parent_body="UBND TỈNH KIÊN GIANG",
        issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        number="31/KH-STTTT",
        type_abbr="KH",
        type_name="Kế hoạch",
        place="Kiên Giang",
        date=dt.date(2022, 4, 27),
        title="Tuyên truyền về công tác thi đua, khen thưởng năm 2022",
        bases=[
            Basis(
                "Thực hiện Kế hoạch số 93/KH-UBND ngày 12/4/2022 của Ủy ban nhân dân tỉnh tuyên "
                "truyền về công tác thi đua, khen thưởng năm 2022, Sở Thông tin và Truyền thông "
                "xây dựng kế hoạch như sau:",
                number="93/KH-UBND",
            )
        ],
        sections=[
            Section(
                "I",
                "MỤC ĐÍCH, YÊU CẦU",
                "Nâng cao nhận thức của cấp ủy, chính quyền và công chức, viên chức về ý nghĩa "
                "của công tác thi đua, khen thưởng.\nCông tác tuyên truyền phải kịp thời.",
            ),
            Section(
                "II",
                "NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
                children=[
                    Section("1", "Nội dung tuyên truyền", "Tư tưởng thi đua ái quốc."),
                    Section(
                        "2",
                        "Hình thức tuyên truyền",
                        children=[
                            Section("a", "Trên Cổng thông tin điện tử của Sở"),
                            Section("-", "Thông qua hội nghị, họp cơ quan."),
                            Section("+", "Trong các cuộc họp giao ban hàng tháng."),
                        ],
                    ),
                ],
            ),
            Section("III", "TỔ CHỨC THỰC HIỆN", "Giao Văn phòng Sở theo dõi, đôn đốc./."),
        ],
        recipients=["Ban TĐKT tỉnh - Sở Nội vụ", "Ban Giám đốc", "Lưu: VT, TĐKT"],
        signer=Signer("KT.", ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Xuân Kiệm"),
    )


def cong_van_document() -> AdminDocument:
    return AdminDocument(
        parent_body="BỘ NỘI VỤ",
        issuer="VĂN PHÒNG",
        number="5/BNV-VP",
        place="Hà Nội",
        date=dt.date(2026, 2, 5),
        title="V/v tổng hợp kết quả phong trào thi đua",
        sections=[Section("", "", "Văn phòng Bộ đề nghị các đơn vị báo cáo trước ngày 20/02.")],
        recipients=["Như trên", "Lưu: VT"],
        signer=Signer("TL.", ["BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG"], "Trần Văn A"),
    )


def decision_document() -> AdminDocument:
    return AdminDocument(
        parent_body="UBND TỈNH TÂY NINH",
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number=None,
        type_abbr="QĐ",
        type_name="Quyết định",
        place="Tây Ninh",
        date=dt.date(2020, 3, 20),
        title="Về việc khen thưởng tập thể, cá nhân điển hình tiên tiến",
        bases=[Basis("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")],
        sections=[Section("Điều 1", "Khen thưởng", "Tặng Giấy khen cho 03 tập thể.")],
        recipients=["Như Điều 3", "Lưu: VT"],
        signer=Signer(None, ["GIÁM ĐỐC"], "Lê Văn B"),
    )


def long_document() -> AdminDocument:
    """Long enough for three pages, so page numbering can be seen."""
    doc = plan_document()
    paragraph = (
        "Các phòng, đơn vị chủ động, tích cực phát hiện, bồi dưỡng các điển hình tiên tiến trên "
        "lĩnh vực thông tin và truyền thông, làm căn cứ để giới thiệu, bình xét các điển hình."
    )
    doc.sections = [
        Section(str(n), f"Nhiệm vụ thứ {n}", "\n".join([paragraph] * 3)) for n in range(1, 13)
    ]
    return doc


DOCUMENTS: dict[str, Callable[[], AdminDocument]] = {
    "plan": plan_document,
    "cong_van": cong_van_document,
    "decision": decision_document,
    "long": long_document,
}


def _open(doc: AdminDocument) -> docx.document.Document:
    return docx.Document(io.BytesIO(render(doc)))


def _texts(document: docx.document.Document) -> list[str]:
    """Every paragraph's text, body and table cells, in order."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


def _paragraph(document: docx.document.Document, text: str) -> docx.text.paragraph.Paragraph:
    for paragraph in document.paragraphs:
        if paragraph.text == text:
            return paragraph
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if paragraph.text == text:
                        return paragraph
    raise AssertionError(f"no paragraph {text!r}")


# --- Page and fonts -------------------------------------------------------------------------------


def test_page_is_a4_portrait_with_the_chosen_margins() -> None:
    section = _open(plan_document()).sections[0]

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.page_width < section.page_height
    assert round(section.top_margin.mm) == layout.MARGIN_TOP_MM.chosen
    assert round(section.bottom_margin.mm) == layout.MARGIN_BOTTOM_MM.chosen
    assert round(section.left_margin.mm) == layout.MARGIN_LEFT_MM.chosen
    assert round(section.right_margin.mm) == layout.MARGIN_RIGHT_MM.chosen


def test_every_run_and_the_normal_style_are_times_new_roman_black() -> None:
    document = _open(plan_document())
    runs = list(document.element.body.iter(qn("w:r")))
    runs += list(document.sections[0].header._element.iter(qn("w:r")))

    assert runs
    for run in runs:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        for script in ("ascii", "hAnsi", "cs", "eastAsia"):
            assert fonts.get(qn(f"w:{script}")) == "Times New Roman"
        assert run.find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) == "000000"
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.element.rPr.rFonts.get(qn("w:asciiTheme")) is None


# --- Header block ---------------------------------------------------------------------------------


def test_header_block_is_a_borderless_table_with_issuer_and_national_name() -> None:
    document = _open(plan_document())
    table = document.tables[0]
    left = [p.text for p in table.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in table.cell(0, 1).paragraphs if p.text]

    assert left == ["UBND TỈNH KIÊN GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]
    assert right == [layout.NATIONAL_NAME, layout.MOTTO]
    assert table.cell(1, 0).paragraphs[0].text == "Số: 31/KH-STTTT"
    assert table.cell(1, 1).paragraphs[0].text == "Kiên Giang, ngày 27 tháng 4 năm 2022"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_header_styles_follow_the_decree() -> None:
    document = _open(plan_document())

    parent = _paragraph(document, "UBND TỈNH KIÊN GIANG").runs[0]
    issuer = _paragraph(document, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG").runs[0]
    motto = _paragraph(document, layout.MOTTO).runs[0]
    date_line = _paragraph(document, "Kiên Giang, ngày 27 tháng 4 năm 2022").runs[0]
    assert (parent.bold, parent.font.size) == (False, Pt(13))
    assert (issuer.bold, issuer.font.size) == (True, Pt(13))
    assert (motto.bold, motto.font.size) == (True, Pt(14))
    assert (date_line.italic, date_line.font.size) == (True, Pt(14))


def test_rules_under_issuer_motto_and_summary_are_short_centred_lines() -> None:
    document = _open(plan_document())
    rules = [p for p in document.element.body.iter(qn("w:p")) if p.xpath("./w:pPr/w:pBdr")]

    assert len(rules) == 3  # issuer, motto, summary
    for rule in rules:
        assert rule.xpath("./w:pPr/w:pBdr/w:bottom/@w:val") == ["single"]
        assert not "".join(rule.itertext()).strip()


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("31/KH-STTTT", "Số: 31/KH-STTTT"),
        ("5/KH-STTTT", "Số: 05/KH-STTTT"),
        (None, f"Số:{layout.NUMBER_BLANK}/KH-STTTT"),
    ],
)
def test_number_line(number: str | None, expected: str) -> None:
    doc = plan_document()
    doc.number = number

    assert _open(doc).tables[0].cell(1, 0).paragraphs[0].text == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2026"),
        (dt.date(2022, 4, 27), "Hà Nội, ngày 27 tháng 4 năm 2022"),
        (dt.date(2023, 1, 10), "Hà Nội, ngày 10 tháng 01 năm 2023"),
        (dt.date(2023, 12, 9), "Hà Nội, ngày 09 tháng 12 năm 2023"),
    ],
)
def test_place_and_date_take_leading_zeros_for_days_under_10_and_months_1_2(
    date: dt.date, expected: str
) -> None:
    doc = plan_document()
    doc.place, doc.date = "Hà Nội", date

    assert _open(doc).tables[0].cell(1, 1).paragraphs[0].text == expected


def test_type_name_in_capitals_and_summary_bold_centred() -> None:
    document = _open(plan_document())
    type_name = _paragraph(document, "KẾ HOẠCH")
    summary = _paragraph(document, "Tuyên truyền về công tác thi đua, khen thưởng năm 2022")

    for paragraph in (type_name, summary):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs[0].bold is True
        assert paragraph.runs[0].font.size == Pt(14)


@pytest.mark.parametrize("type_name", [None, "Công văn"])  # the parser names it "Công văn"
def test_cong_van_puts_its_summary_under_the_number_and_has_no_type_name(
    type_name: str | None,
) -> None:
    doc = cong_van_document()
    doc.type_name = type_name
    document = _open(doc)
    left = [p.text for p in document.tables[0].cell(1, 0).paragraphs]

    assert left == ["Số: 05/BNV-VP", "V/v tổng hợp kết quả phong trào thi đua"]
    body = [p.text for p in document.paragraphs]
    assert "V/v tổng hợp kết quả phong trào thi đua" not in body
    assert "CÔNG VĂN" not in body
    assert _paragraph(document, left[1]).runs[0].font.size == Pt(12)


# --- Body -------------------------------------------------------------------------------------


def test_sections_render_as_headings_by_level() -> None:
    document = _open(plan_document())

    roman = _paragraph(document, "I. MỤC ĐÍCH, YÊU CẦU")
    arabic = _paragraph(document, "1. Nội dung tuyên truyền")
    letter = _paragraph(document, "a) Trên Cổng thông tin điện tử của Sở")
    dash = _paragraph(document, "- Thông qua hội nghị, họp cơ quan.")
    plus = _paragraph(document, "+ Trong các cuộc họp giao ban hàng tháng.")
    assert roman.runs[0].bold and arabic.runs[0].bold
    assert not letter.runs[0].bold and not dash.runs[0].bold and not plus.runs[0].bold
    body = _paragraph(document, "Công tác tuyên truyền phải kịp thời.")
    assert not body.runs[0].bold


def test_body_paragraphs_are_justified_indented_and_spaced() -> None:
    document = _open(plan_document())
    body = [p for p in document.paragraphs if p.text and p.alignment != WD_ALIGN_PARAGRAPH.CENTER]

    assert len(body) >= 8
    for paragraph in body:
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert round(fmt.first_line_indent.cm, 2) == layout.BODY_FIRST_LINE_INDENT_CM.chosen
        assert fmt.space_after.pt >= 6
        assert fmt.line_spacing == layout.BODY_LINE_SPACING.chosen
        assert all(run.font.size == Pt(14) for run in paragraph.runs)


def test_bases_are_italic_in_a_decision_and_upright_in_a_plan() -> None:
    decision = _open(decision_document())
    plan = _open(plan_document())

    assert (
        _paragraph(decision, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
        .runs[0]
        .italic
    )
    assert not next(p for p in plan.paragraphs if p.text.startswith("Thực hiện")).runs[0].italic


def test_a_document_built_from_data_keeps_its_phases_and_assignments() -> None:
    doc = plan_document()
    doc.sections = []
    doc.phases = [Phase("Đợt 1", dt.date(2020, 3, 20), dt.date(2020, 6, 30), "Tuyên truyền.")]
    doc.assignments = [Assignment("Văn phòng Sở", "lead", "Chủ trì, tổng hợp báo cáo.")]
    texts = _texts(_open(doc))

    assert "- Đợt 1: từ ngày 20/03/2020 đến ngày 30/06/2020" in texts
    assert "1. Văn phòng Sở" in texts
    assert "Chủ trì, tổng hợp báo cáo." in texts


# --- Recipients, signature, page numbers, properties ----------------------------------------------


def test_recipients_start_with_a_dash_end_with_semicolons_and_a_full_stop() -> None:
    document = _open(plan_document())
    cell = document.tables[-1].cell(0, 0)
    lines = [p.text for p in cell.paragraphs]

    assert lines == [
        "Nơi nhận:",
        "- Ban TĐKT tỉnh - Sở Nội vụ;",
        "- Ban Giám đốc;",
        "- Lưu: VT, TĐKT.",
    ]
    heading = cell.paragraphs[0].runs[0]
    assert (heading.bold, heading.italic, heading.font.size) == (True, True, Pt(12))
    assert cell.paragraphs[1].runs[0].font.size == Pt(11)


def test_signature_block_shows_authority_positions_and_name_in_bold() -> None:
    cell = _open(plan_document()).tables[-1].cell(0, 1)
    lines = [p for p in cell.paragraphs if p.text]

    assert [p.text for p in lines] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Xuân Kiệm"]
    assert all(p.runs[0].bold and p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in lines)
    blank = [p for p in cell.paragraphs if not p.text]
    assert len(blank) >= 3  # room for the signature and seal


def test_page_number_is_a_centred_page_field_in_the_header_not_on_page_one() -> None:
    section = _open(plan_document()).sections[0]

    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    first = section.first_page_header._element
    assert not list(first.iter(qn("w:instrText")))


def test_core_properties_name_the_document_and_its_issuer() -> None:
    props = _open(plan_document()).core_properties

    assert props.title == "Kế hoạch Tuyên truyền về công tác thi đua, khen thưởng năm 2022"
    assert props.author == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_rendered_documents_pass_the_format_check(name: str) -> None:
    assert check_docx(render(DOCUMENTS[name]())) == []


def test_seed_documents_render_and_pass_the_check(seed_texts: dict[str, str]) -> None:
    for number, text in seed_texts.items():
        problems = check_docx(render(parse(text)))
        assert problems == [], f"seed {number}: {problems}"


def test_empty_document_still_renders_a_valid_skeleton() -> None:
    document = _open(AdminDocument())

    texts = _texts(document)
    assert layout.NATIONAL_NAME in texts
    assert "- Lưu: VT." in texts
    assert round(document.sections[0].page_width.mm) == 210


# --- Through LibreOffice --------------------------------------------------------------------------


def _to_pdf(docx_bytes: bytes, tmp_path: Path, require_tool: Callable[[str], None]) -> PdfReader:
    """Convert with LibreOffice (its own profile directory, so parallel runs do not collide)."""
    require_tool("libreoffice")
    import shutil

    soffice = shutil.which("libreoffice") or shutil.which("soffice")
    source = tmp_path / "document.docx"
    source.write_bytes(docx_bytes)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "document.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists(), f"LibreOffice wrote no PDF: {result.stdout} {result.stderr}"
    return PdfReader(pdf)


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.slow
@pytest.mark.parametrize("name", ["plan", "cong_van", "decision"])
def test_libreoffice_converts_to_pdf_with_the_summary_in_its_text_layer(
    name: str, tmp_path: Path, require_tool: Callable[[str], None]
) -> None:
    doc = DOCUMENTS[name]()
    reader = _to_pdf(render(doc), tmp_path, require_tool)
    text = _plain("\n".join(page.extract_text() for page in reader.pages))

    assert _plain(doc.title or "") in text
    assert layout.NATIONAL_NAME in text


@pytest.mark.slow
def test_page_one_has_no_number_and_page_two_shows_2(
    tmp_path: Path, require_tool: Callable[[str], None]
) -> None:
    reader = _to_pdf(render(long_document()), tmp_path, require_tool)
    lines = [[line.strip() for line in page.extract_text().splitlines()] for page in reader.pages]

    assert len(reader.pages) >= 3
    assert "1" not in lines[0]
    assert "2" in lines[1]
    assert "3" in lines[2]


@pytest.mark.slow
def test_seed_documents_convert_to_pdf(
    seed_texts: dict[str, str], tmp_path: Path, require_tool: Callable[[str], None]
) -> None:
    for number, text in seed_texts.items():
        doc = parse(text)
        folder = tmp_path / number
        folder.mkdir()
        reader = _to_pdf(render(doc), folder, require_tool)
        pdf_text = _plain("\n".join(page.extract_text() for page in reader.pages))
        assert _plain(doc.title or "") in pdf_text, f"seed {number}"
