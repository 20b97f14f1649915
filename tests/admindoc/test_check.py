"""check_docx: the Decree 30/2020 format checker, on rendered files and on files typed by hand.

The hand-typed files are built here with python-docx the way a typist would make them: no header
table, formatting on paragraphs and styles, the Normal style inherited.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from thidua.admindoc.check import Problem, check_docx
from thidua.admindoc.model import AdminDocument, Section, Signer, UnreadableDocument
from thidua.admindoc.render import render

BODY = (
    "Các phòng, đơn vị chủ động, tích cực phát hiện, bồi dưỡng các điển hình tiên tiến trên lĩnh "
    "vực thông tin và truyền thông, làm căn cứ để giới thiệu, bình xét các điển hình của ngành."
)

# --- A document typed by hand -------------------------------------------------------------------


def _typed(**changes: object) -> Document:
    """A correct plan typed without a header table; ``changes`` break one thing each:
    font, body_size, body_alignment, body_indent, body_spacing, recipients (list or None),
    date_line, number_line, page_number ("header", "footer", "none", "page1")."""
    options: dict[str, object] = {
        "font": "Times New Roman",
        "body_size": 14,
        "body_alignment": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "body_indent": Cm(1.27),
        "body_spacing": Pt(6),
        "recipients": ["- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT, VP."],
        "date_line": "Tây Ninh, ngày 05 tháng 02 năm 2026",
        "number_line": "Số: 05/KH-SKHCN",
        "page_number": "header",
    } | changes
    document = docx.Document()
    _page(document)
    _normal_style(document, str(options["font"]))
    _line(document, "UBND TỈNH TÂY NINH", 13)
    _line(document, "SỞ KHOA HỌC VÀ CÔNG NGHỆ", 13, bold=True)
    _line(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _line(document, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    _line(document, str(options["number_line"]), 13)
    _line(document, str(options["date_line"]), 14, italic=True)
    _line(document, "KẾ HOẠCH", 14, bold=True)
    _line(document, "Tuyên truyền các phong trào thi đua yêu nước năm 2026", 14, bold=True)
    for number in range(1, 11):
        for text in (f"{number}. Nhiệm vụ thứ {number}", BODY):
            paragraph = document.add_paragraph(text)
            paragraph.alignment = options["body_alignment"]
            fmt = paragraph.paragraph_format
            fmt.first_line_indent = options["body_indent"]
            fmt.space_after = options["body_spacing"]
            fmt.line_spacing = 1.15
            paragraph.runs[0].font.size = Pt(float(options["body_size"]))
    if options["recipients"] is not None:
        _line(document, "Nơi nhận:", 12, bold=True, italic=True, alignment=WD_ALIGN_PARAGRAPH.LEFT)
        for recipient in options["recipients"]:
            _line(document, recipient, 11, alignment=WD_ALIGN_PARAGRAPH.LEFT)
    document.add_paragraph()
    _line(document, "KT. GIÁM ĐỐC", 14, bold=True)
    _line(document, "PHÓ GIÁM ĐỐC", 14, bold=True)
    _line(document, "Nguyễn Văn A", 14, bold=True)
    _page_number(document, str(options["page_number"]))
    return document


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _normal_style(document: Document, font: str) -> None:
    """The template's Normal inherits a *theme* font (Calibri); a typist sets a real one."""
    normal = document.styles["Normal"]
    normal.font.name = font
    fonts = normal.element.rPr.rFonts
    for attribute in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    fonts.set(qn("w:hAnsi"), font)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    defaults.find(qn("w:rPr")).remove(defaults.find(qn("w:rPr")).find(qn("w:rFonts")))


def _line(
    document: Document,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    alignment: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = alignment
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic


def _page_number(document: Document, where: str) -> None:
    section = document.sections[0]
    if where == "none":
        return
    section.different_first_page_header_footer = where != "page1"
    part = section.footer if where == "footer" else section.header
    paragraph = part.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    paragraph._p.append(field)


def _bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _codes(problems: list[Problem]) -> set[str]:
    return {p.code for p in problems}


# --- Clean documents ----------------------------------------------------------------------------


def test_a_correct_hand_typed_document_has_no_problems() -> None:
    assert check_docx(_bytes(_typed())) == []


@pytest.mark.parametrize(
    "doc",
    [
        AdminDocument(
            parent_body="UBND TỈNH KIÊN GIANG",
            issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            number="31/KH-STTTT",
            type_abbr="KH",
            type_name="Kế hoạch",
            place="Kiên Giang",
            date=dt.date(2022, 4, 27),
            title="Tuyên truyền về công tác thi đua, khen thưởng năm 2022",
            sections=[Section("I", "MỤC ĐÍCH, YÊU CẦU", BODY)],
            recipients=["Ban Giám đốc", "Lưu: VT"],
            signer=Signer("KT.", ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Xuân Kiệm"),
        ),
        AdminDocument(
            issuer="VĂN PHÒNG",
            number="5/BNV-VP",
            place="Hà Nội",
            date=dt.date(2026, 1, 2),
            title="V/v báo cáo thi đua",
            sections=[Section("", "", BODY)],
        ),
    ],
    ids=["plan", "cong_van"],
)
def test_rendered_documents_have_no_problems(doc: AdminDocument) -> None:
    assert check_docx(render(doc)) == []


def test_an_empty_document_renders_but_lacks_its_type_name() -> None:
    assert _codes(check_docx(render(AdminDocument()))) == {"type_name_missing"}


def test_rendered_seeds_have_no_problems(seed_texts: dict[str, str]) -> None:
    from thidua.admindoc.parse import parse

    for number, text in seed_texts.items():
        assert check_docx(render(parse(text))) == [], f"seed {number}"


def test_accepts_a_path_and_a_file_object(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(_bytes(_typed()))

    assert check_docx(path) == []
    assert check_docx(str(path)) == []
    with path.open("rb") as handle:
        assert check_docx(handle) == []


# --- A broken document reports each problem ------------------------------------------------------


def test_a_broken_document_reports_every_departure() -> None:
    document = _typed(
        font="Arial",
        body_size=12,
        body_alignment=WD_ALIGN_PARAGRAPH.LEFT,
        body_indent=Cm(0),
        body_spacing=Pt(0),
        recipients=None,
        date_line="Tây Ninh, ngày 5 tháng 2 năm 2026",
        number_line="Số: 5/KH-SKHCN",
        page_number="none",
    )
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)  # US Letter
    section.left_margin, section.right_margin = Mm(25), Mm(25)
    section.top_margin, section.bottom_margin = Mm(15), Mm(30)

    problems = check_docx(_bytes(document))

    assert _codes(problems) == {
        "page_size",
        "margin_top",
        "margin_bottom",
        "margin_left",
        "margin_right",
        "font",
        "number_leading_zero",
        "place_date_zero",
        "body_alignment",
        "body_indent",
        "body_spacing",
        "body_size",
        "recipients_missing",
        "page_number_missing",
    }
    messages = {p.code: p.message for p in problems}
    assert messages["margin_left"] == "Lề trái 25 mm; Nghị định 30/2020 yêu cầu 30–35 mm."
    assert messages["margin_top"] == "Lề trên 15 mm; Nghị định 30/2020 yêu cầu 20–25 mm."
    assert "Arial" in messages["font"] and "Times New Roman" in messages["font"]
    assert "13–14 pt" in messages["body_size"]
    assert "«ngày 05»" in " ".join(p.message for p in problems if p.code == "place_date_zero")
    assert "«tháng 02»" in " ".join(p.message for p in problems if p.code == "place_date_zero")


def test_body_problems_are_reported_once_with_where_they_occur() -> None:
    problems = check_docx(_bytes(_typed(body_alignment=WD_ALIGN_PARAGRAPH.LEFT)))

    assert [p.code for p in problems] == ["body_alignment"]
    assert "(20 đoạn)" in problems[0].message
    assert problems[0].location.startswith("đoạn 9: «1. Nhiệm vụ thứ 1»")
    assert problems[0].location.endswith("và 19 đoạn khác")


def test_landscape_page_is_reported() -> None:
    document = _typed()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)

    assert _codes(check_docx(_bytes(document))) == {"page_orientation"}


def test_theme_font_inherited_from_document_defaults_is_reported() -> None:
    """python-docx's template leaves its theme's body font (Cambria) to every run, as Word's
    Normal.dotm leaves Calibri: the commonest way a typed document misses Times New Roman."""
    document = docx.Document()
    _page(document)
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")

    fonts = [p for p in check_docx(_bytes(document)) if p.code == "font"]

    assert len(fonts) == 1
    assert fonts[0].message.startswith("Phông chữ Cambria (1 đoạn)")


def test_font_set_on_a_run_overrides_the_style() -> None:
    document = _typed()
    document.paragraphs[10].runs[0].font.name = "Arial"

    (problem,) = check_docx(_bytes(document))
    assert problem.code == "font"
    assert problem.location.startswith("đoạn 11")


def test_missing_header_elements_are_reported() -> None:
    document = _typed()
    for paragraph in document.paragraphs[2:8]:  # national name … summary
        paragraph._p.getparent().remove(paragraph._p)

    assert _codes(check_docx(_bytes(document))) >= {
        "national_name_missing",
        "motto_missing",
        "number_missing",
        "place_date_missing",
        "type_name_missing",
    }


def test_date_not_italic_and_wrong_zero_in_month_are_reported() -> None:
    document = _typed(date_line="Tây Ninh, ngày 15 tháng 04 năm 2026")
    document.paragraphs[5].runs[0].italic = False

    problems = check_docx(_bytes(document))

    assert _codes(problems) == {"place_date_format", "place_date_zero"}
    assert "«tháng 4»" in next(p.message for p in problems if p.code == "place_date_zero")


def test_recipient_lines_need_a_dash_semicolons_a_full_stop_and_the_archive() -> None:
    problems = check_docx(_bytes(_typed(recipients=["Ban Giám đốc,", "- Các phòng."])))

    assert _codes(problems) == {"recipients_dash", "recipients_punctuation", "recipients_archive"}


@pytest.mark.parametrize(
    ("where", "code"),
    [
        ("none", "page_number_missing"),
        ("footer", "page_number_position"),
        ("page1", "page_number_first_page"),
    ],
)
def test_page_number_problems(where: str, code: str) -> None:
    assert _codes(check_docx(_bytes(_typed(page_number=where)))) == {code}


def test_a_short_one_page_document_needs_no_page_number() -> None:
    document = docx.Document(
        io.BytesIO(render(AdminDocument(title="Giấy mời", type_name="Giấy mời")))
    )
    header = document.sections[0].header._element
    for paragraph in header.findall(qn("w:p")):
        header.remove(paragraph)
    header.append(OxmlElement("w:p"))

    assert "page_number_missing" not in _codes(check_docx(_bytes(document)))


def test_cong_van_needs_no_type_name() -> None:
    doc = AdminDocument(issuer="VĂN PHÒNG", number="12/VP", title="V/v họp", date=dt.date.today())

    assert "type_name_missing" not in _codes(check_docx(render(doc)))


# --- Unreadable input ---------------------------------------------------------------------------


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: b"",
        lambda tmp: b"This is plain text, not a Word file.",
        lambda tmp: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        lambda tmp: _zip_without_document(),
        lambda tmp: tmp / "does-not-exist.docx",
    ],
    ids=["empty", "text", "pdf", "zip", "missing-file"],
)
def test_non_docx_input_raises_unreadable_document(
    make: Callable[[Path], bytes | Path], tmp_path: Path
) -> None:
    with pytest.raises(UnreadableDocument) as error:
        check_docx(make(tmp_path))
    assert str(error.value)  # a Vietnamese message for the user


def test_checker_refuses_active_content_before_parsing() -> None:
    """The checker opens the same way extract does: a .docx with macros is refused unread."""
    import io
    import zipfile

    import docx

    from thidua.admindoc.model import UnreadableDocument

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    with pytest.raises(UnreadableDocument, match="macro"):
        check_docx(buffer.getvalue())
