"""AdminDocument -> .docx laid out per Decree 30/2020 (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Every size, margin and width comes from ``layout``; this module only decides *where* things go.
Formatting is direct (on paragraphs and runs) on top of a Normal style that is itself Times New
Roman, so the file looks right in Word and LibreOffice and also passes ``check_docx``, which
resolves run, style and document-default formatting the way Word does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from copy import deepcopy

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from thidua.admindoc import layout
from thidua.admindoc.model import AdminDocument, Section, Signer
from thidua.admindoc.model import Table as DataTable

# A cell's text area is its width less the default cell margins (108 twips = 0.19 cm each side).
_CELL_MARGIN_CM = 0.19
# Rules are drawn as the bottom border of an empty, very small paragraph: a border is the
# one kind of line that Word and LibreOffice both place exactly and that survives editing. (An
# "exactly 1 pt" line height or a top border makes LibreOffice draw it through the text above.)
_RULE_MARK_PT = 4.0
# Schema order of w:pPr and w:tblPr children after the element we insert; Word refuses a file
# whose children are out of order, LibreOffice silently ignores them.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLBORDERS = (
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
    "w:tblPrChange",
)  # fmt: skip

Container = Document | _Cell


def render(doc: AdminDocument) -> bytes:
    """The document as .docx bytes."""
    document = new_document()
    _setup_styles(document)
    _setup_page(document)
    _page_numbers(document)
    _header_block(document, doc)
    if is_cong_van(doc):
        _add_paragraph(document, "", layout.BODY, space_after=6)  # air between header and text
    else:
        _type_and_summary(document, doc)
    _bases(document, doc)
    for section in _sections_to_render(doc):
        _section(document, section)
    _closing_block(document, doc)
    _core_properties(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Styles and page -----------------------------------------------------------------------------
def _setup_styles(document: Document) -> None:
    """Times New Roman everywhere it can be inherited from: document defaults and Normal.

    The template's defaults name *theme* fonts (Calibri), and a theme attribute beats an explicit
    font name in Word, so they are removed rather than overridden.
    """
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults, layout.FONT_NAME)
    _set_size(run_defaults, layout.BODY.size_pt)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    normal = document.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), layout.FONT_NAME)
    normal.font.size = Pt(layout.BODY.size_pt)
    normal.font.color.rgb = RGBColor.from_string(layout.COLOR_BLACK)
    _set_language(normal)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _set_language(style: BaseStyle) -> None:
    """Vietnamese, so Word's spelling checker does not underline every word."""
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _set_fonts(rpr: OxmlElement, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), name)


def _set_size(rpr: OxmlElement, size_pt: float) -> None:
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(round(size_pt * 2)))


def _setup_page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(layout.PAGE_WIDTH_MM)
    section.page_height = Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin = Mm(layout.MARGIN_TOP_MM.chosen)
    section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM.chosen)
    section.left_margin = Mm(layout.MARGIN_LEFT_MM.chosen)
    section.right_margin = Mm(layout.MARGIN_RIGHT_MM.chosen)
    section.header_distance = Mm(layout.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(layout.HEADER_DISTANCE_MM)


def _page_numbers(document: Document) -> None:
    """A centred PAGE field in the header; page 1 gets its own, empty, header."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # creates the empty first-page header
    paragraph = section.header.paragraphs[0]
    _format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
    _field(paragraph, "PAGE", layout.PAGE_NUMBER)


def _field(paragraph: Paragraph, instruction: str, style: layout.TextStyle) -> None:
    """A complex field (begin / instruction / separate / result / end), which both Word and
    LibreOffice update on open."""
    parts: list[tuple[str, str | None]] = [
        ("begin", None),
        ("instr", f" {instruction} "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ]
    for kind, text in parts:
        run = paragraph.add_run()
        _style_run(run, style)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# --- Paragraph and run helpers -------------------------------------------------------------------
def _style_run(run: Run, style: layout.TextStyle) -> None:
    run.font.name = layout.FONT_NAME
    _set_fonts(run._r.get_or_add_rPr(), layout.FONT_NAME)
    run.font.size = Pt(style.size_pt)
    run.font.bold = style.bold
    run.font.italic = style.italic
    run.font.color.rgb = RGBColor.from_string(layout.COLOR_BLACK)


def _format_paragraph(
    paragraph: Paragraph,
    alignment: WD_ALIGN_PARAGRAPH,
    *,
    space_before: float = 0,
    space_after: float = 0,
) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.0
    fmt.first_line_indent = Cm(0)


def _add_paragraph(
    container: Container,
    text: str,
    style: layout.TextStyle,
    alignment: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    *,
    space_before: float = 0,
    space_after: float = 0,
) -> Paragraph:
    paragraph = _next_paragraph(container)
    text = text.upper() if style.caps else text
    p = paragraph._p
    if p.pPr is not None or len(p):  # not a fresh paragraph: formatted in place
        _format_paragraph(paragraph, alignment, space_before=space_before, space_after=space_after)
        _style_run(paragraph.add_run(text), style)
        return paragraph
    # A table of figures is thousands of such paragraphs; python-docx finds or inserts every
    # formatting element in schema order (most of the time of a report), so the formatted
    # paragraph is built once per look and copied.
    key = (style, alignment, space_before, space_after)
    template = _PARAGRAPHS.get(key)
    if template is None:
        scratch = Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
        _format_paragraph(scratch, alignment, space_before=space_before, space_after=space_after)
        _style_run(scratch.add_run(), style)
        template = _PARAGRAPHS[key] = scratch._p
    for child in template:
        p.append(deepcopy(child))
    if text and not _BREAKS.search(text):  # one <w:t>, as CT_R.add_t writes it
        p.r_lst[-1].add_t(text)
    elif text:
        Run(p.r_lst[-1], paragraph).text = text
    return paragraph


_BREAKS = re.compile(r"[\t\r\n]")


# (text style, alignment, space before, space after) -> an empty formatted paragraph to copy
_PARAGRAPHS: dict[tuple[layout.TextStyle, WD_ALIGN_PARAGRAPH, float, float], CT_P] = {}


_INLINE_TAGS = {qn("w:r"), qn("w:hyperlink")}


def _next_paragraph(container: Container) -> Paragraph:
    """A new paragraph; a fresh table cell already holds an empty one, which is used first."""
    if isinstance(container, _Cell):
        paragraphs = container.paragraphs
        # No run and no hyperlink: no text either (and no XPath query for each table cell).
        if len(paragraphs) == 1 and not any(
            child.tag in _INLINE_TAGS for child in paragraphs[0]._p
        ):
            return paragraphs[0]
    return container.add_paragraph()


def _add_body_paragraph(
    container: Container, text: str, *, bold: bool = False, italic: bool = False
) -> Paragraph:
    """Justified, first-line indent, spacing after, line spacing: the Decree's body paragraph."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(layout.BODY_FIRST_LINE_INDENT_CM.chosen)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(layout.BODY_SPACE_AFTER_PT.chosen)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = layout.BODY_LINE_SPACING.chosen
    run = paragraph.add_run(text)
    style = layout.TextStyle(layout.BODY.size_pt, layout.BODY.allowed_pt, bold=bold, italic=italic)
    _style_run(run, style)
    return paragraph


def _add_rule(container: Container, width_cm: float, area_cm: float) -> None:
    """A centred horizontal line ``width_cm`` long inside a text area ``area_cm`` wide."""
    paragraph = _next_paragraph(container)
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    side = max((area_cm - width_cm) / 2, 0)
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement("w:bottom")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), "6")  # eighths of a point: a 0.75 pt line
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), layout.COLOR_BLACK)
    borders.append(line)
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    # An empty paragraph is as high as its mark's font; a small one keeps the rule close.
    mark = OxmlElement("w:rPr")
    _set_size(mark, _RULE_MARK_PT)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


# --- Tables --------------------------------------------------------------------------------------
def _borderless_table(document: Document, rows: int, widths_cm: Iterable[float]) -> Table:
    widths = list(widths_cm)
    table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    # A definite total width: with "auto" LibreOffice shrinks the columns and the national
    # name wraps.
    total = tbl_pr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(Cm(sum(widths)).twips))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)
    for index, width in enumerate(widths):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
    return table


def _cell_area(width_cm: float) -> float:
    return width_cm - 2 * _CELL_MARGIN_CM


# --- Tables of figures ---------------------------------------------------------------------------
_NUMERIC = re.compile(r"^[+-]?[\d.,]+\s*%?$|^[–-]$")


def data_table(document: Document, table: DataTable) -> Table:
    """A bordered table of figures across the text width: the caption as a bold body paragraph
    above it, the heading row bold, centred and repeated on each page, numbers right-aligned,
    and the note as a body paragraph below it."""
    if table.caption:
        caption = _add_body_paragraph(document, table.caption, bold=True)
        caption.paragraph_format.keep_with_next = True
    columns = max([len(table.columns), *(len(row) for row in table.rows)], default=0) or 1
    headings = [*table.columns, *[""] * (columns - len(table.columns))]
    rows = [[*row, *[""] * (columns - len(row))] for row in table.rows]
    widths = _column_widths([headings, *rows], _text_width_cm())
    grid = document.add_table(rows=1 + len(rows), cols=columns)
    grid.autofit = False
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid_borders(grid)
    for index, width in enumerate(widths):
        grid.columns[index].width = Cm(width)
    for row_index, (row, values) in enumerate(zip(grid.rows, [headings, *rows], strict=True)):
        if row_index == 0:
            _repeat_as_heading(row)
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            _set_cell_width(cell, width)
            if row_index == 0:
                style, alignment = layout.TABLE_HEADING, WD_ALIGN_PARAGRAPH.CENTER
            elif _NUMERIC.match(value.strip()):
                style, alignment = layout.TABLE_TEXT, WD_ALIGN_PARAGRAPH.RIGHT
            else:
                style, alignment = layout.TABLE_TEXT, WD_ALIGN_PARAGRAPH.LEFT
            _add_paragraph(cell, value, style, alignment)
    if table.note:
        _add_body_paragraph(document, table.note, italic=True)
    else:
        # Air between the grid and the next paragraph (which has no space before).
        _add_body_paragraph(document, "")
    return grid


def _set_cell_width(cell: _Cell, width_cm: float) -> None:
    """``cell.width = Cm(width_cm)``, straight on the cell's width element when it has one (a
    new table's cells do), without python-docx's schema-order look-ups."""
    tc_pr = cell._tc.tcPr
    tc_w = tc_pr.find(qn("w:tcW")) if tc_pr is not None else None
    if tc_w is None:
        cell.width = Cm(width_cm)
        return
    tc_w.set(qn("w:type"), "dxa")
    tc_w.set(qn("w:w"), str(Cm(width_cm).twips))


def _text_width_cm() -> float:
    return layout.PAGE_WIDTH_MM / 10 - _margins_cm()


def _column_widths(rows: list[list[str]], total_cm: float) -> list[float]:
    """Widths that fill ``total_cm``: each column wants room for its longest cell (within the
    layout's bounds) and never gets less than its longest word, so numbers and dates do not
    break; when the wishes exceed the width, only the room above those floors shrinks."""
    columns = len(rows[0])
    floors, wanted = [], []
    for index in range(columns):
        cells = [row[index] for row in rows]
        longest = max((len(c) for c in cells), default=1)
        word = max((len(w) for c in cells for w in c.split()), default=1)
        floor = max(layout.TABLE_MIN_COLUMN_CM, word * _CHAR_CM + 2 * _CELL_MARGIN_CM)
        floors.append(floor)
        wanted.append(min(max(longest * _CHAR_CM, floor), max(floor, layout.TABLE_MAX_COLUMN_CM)))
    if sum(wanted) <= total_cm:
        scale = total_cm / sum(wanted)
        return [round(w * scale, 2) for w in wanted]
    if sum(floors) >= total_cm:
        scale = total_cm / sum(floors)
        return [round(f * scale, 2) for f in floors]
    room = (total_cm - sum(floors)) / (sum(wanted) - sum(floors))
    return [round(f + (w - f) * room, 2) for f, w in zip(floors, wanted, strict=True)]


# Average width of a character of 13 pt Times New Roman, in cm (for column widths only).
_CHAR_CM = 0.21


def _grid_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    total = tbl_pr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(Cm(_text_width_cm()).twips))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(layout.TABLE_BORDER_EIGHTHS_PT))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), layout.COLOR_BLACK)
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _repeat_as_heading(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    tr_pr.append(OxmlElement("w:cantSplit"))


# --- Header block --------------------------------------------------------------------------------
def _header_block(document: Document, doc: AdminDocument) -> None:
    """Issuer (left) beside national name and motto (right); number beside place and date."""
    left_cm, right_cm = layout.HEADER_LEFT_CM, layout.HEADER_RIGHT_CM
    table = _borderless_table(document, 2, (left_cm, right_cm))
    top_left, top_right = table.rows[0].cells
    bottom_left, bottom_right = table.rows[1].cells

    if doc.parent_body:
        _add_paragraph(top_left, doc.parent_body, layout.PARENT_BODY)
    _add_paragraph(top_left, doc.issuer or "", layout.ISSUER)
    if doc.issuer:  # a rule under an empty line would look like a form field
        _add_rule(top_left, layout.ISSUER_RULE_CM, _cell_area(left_cm))

    _add_paragraph(top_right, layout.NATIONAL_NAME, layout.NATIONAL)
    _add_paragraph(top_right, layout.MOTTO, layout.MOTTO_STYLE)
    _add_rule(top_right, layout.MOTTO_RULE_CM, _cell_area(right_cm))

    number = layout.format_number(doc.number, doc.type_abbr, doc.issuer)
    _add_paragraph(bottom_left, number, layout.NUMBER, space_before=6)
    if is_cong_van(doc) and doc.title:
        _add_paragraph(bottom_left, _cong_van_summary(doc.title), layout.CONG_VAN_SUMMARY)
    place_date = layout.format_place_date(doc.place, doc.date)
    _add_paragraph(bottom_right, place_date, layout.PLACE_DATE, space_before=6)


def is_cong_van(doc: AdminDocument) -> bool:
    """A công văn prints no type name: its summary "V/v …" goes under the number. The parser
    names the type "Công văn"; a document built by hand may leave it empty."""
    return not doc.type_name or doc.type_name.strip().casefold() == "công văn"


def _cong_van_summary(title: str) -> str:
    return title if title.lower().startswith("v/v") else f"V/v {title}"


def _type_and_summary(document: Document, doc: AdminDocument) -> None:
    _add_paragraph(document, doc.type_name or "", layout.TYPE_NAME, space_before=18)
    if doc.title:
        _add_paragraph(document, doc.title, layout.SUMMARY)
    text_width = layout.PAGE_WIDTH_MM / 10 - _margins_cm()
    _add_rule(document, layout.SUMMARY_RULE_CM, text_width)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _margins_cm() -> float:
    return (layout.MARGIN_LEFT_MM.chosen + layout.MARGIN_RIGHT_MM.chosen) / 10


def _is_decision(doc: AdminDocument) -> bool:
    return doc.type_abbr == "QĐ" or (doc.type_name or "").casefold() == "quyết định"


def _bases(document: Document, doc: AdminDocument) -> None:
    # Decisions italicise their "Căn cứ" lines by convention; plans keep them upright.
    italic = _is_decision(doc)
    for basis in doc.bases:
        _add_body_paragraph(document, basis.text, italic=italic)


# --- Sections ------------------------------------------------------------------------------------
_ROMAN = re.compile(r"^[IVXLC]+$")
_ARABIC = re.compile(r"^\d+(\.\d+)*$")
_LETTER = re.compile(r"^[a-zđ]$")
_BULLETS = {"-", "+", "*", "•", "–"}


def section_kind(number: str) -> str:
    """ "roman", "arabic", "letter", "bullet", "part", "article" or "other" for a section number
    as the model stores it ("II", "1", "a", "-", "PHẦN I", "Điều 3"), tolerating "II." or "a)"."""
    bare = number.strip().rstrip(".)").strip()
    if number.strip() in _BULLETS:
        return "bullet"
    if bare.upper().startswith("PHẦN"):
        return "part"
    if bare.startswith("Điều"):
        return "article"
    for kind, pattern in (("roman", _ROMAN), ("arabic", _ARABIC), ("letter", _LETTER)):
        if pattern.match(bare):
            return kind
    return "other"


def heading_text(section: Section) -> str:
    """ "II. Nội dung", "1. Mục đích", "a) …", "- …": how the number is written before the title."""
    kind = section_kind(section.number)
    bare = section.number.strip().rstrip(".)").strip()
    title = section.title.strip()
    if kind == "bullet":
        marker = "+" if section.number.strip() == "+" else "-"
        return f"{marker} {title}".rstrip()
    if kind == "letter":
        return f"{bare}) {title}".rstrip()
    if kind == "other" and not bare:
        return title
    return f"{bare}. {title}".rstrip()


def _is_heading_bold(section: Section) -> bool:
    """Parts, articles, roman and arabic items are headings in bold; a numbered item whose "title"
    is really a sentence (it ends with "." or ";") is content, typeset like body text."""
    if section_kind(section.number) not in {"roman", "arabic", "part", "article"}:
        return False
    return not section.title.rstrip().endswith((".", ";"))


def _section(document: Document, section: Section) -> None:
    body_lines = _lines(section.body)
    if section.title or not body_lines:
        bold = _is_heading_bold(section)
        heading = _add_body_paragraph(document, heading_text(section), bold=bold)
        # A heading never ends a page: it moves to the next page with its first line.
        heading.paragraph_format.keep_with_next = bold
    else:
        # No title: the number introduces the first line of the body ("1. Giao cho …").
        first = Section(section.number, body_lines.pop(0))
        _add_body_paragraph(document, heading_text(first))
    for line in body_lines:
        _add_body_paragraph(document, line)
    for table in section.tables:
        data_table(document, table)
    for child in section.children:
        _section(document, child)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sections_to_render(doc: AdminDocument) -> list[Section]:
    """The document's sections; a document built from data (phases and assignments, no text)
    gets the two sections a plan needs so the data is not silently dropped."""
    if doc.sections:
        return doc.sections
    sections: list[Section] = []
    if doc.phases:
        children = [
            Section("-", f"{p.name}: {_period(p.start, p.end)}".rstrip(": "), p.content)
            for p in doc.phases
        ]
        sections.append(Section("I", "Thời gian thực hiện", children=children))
    if doc.assignments:
        children = [
            Section(str(i), a.unit, a.duties) for i, a in enumerate(doc.assignments, start=1)
        ]
        roman = "II" if sections else "I"
        sections.append(Section(roman, "Tổ chức thực hiện", children=children))
    return sections


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    if end:
        return f"đến ngày {end:%d/%m/%Y}"
    if start:
        return f"từ ngày {start:%d/%m/%Y}"
    return ""


# --- Recipients and signature --------------------------------------------------------------------
def _closing_block(document: Document, doc: AdminDocument) -> None:
    """ "Nơi nhận:" and its list (left) beside the signature block (right)."""
    if document.paragraphs:
        # The signature never stands alone on the last page: the closing paragraph comes along.
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    table = _borderless_table(document, 1, (layout.SIGNATURE_LEFT_CM, layout.SIGNATURE_RIGHT_CM))
    row = table.rows[0]
    _keep_row_on_one_page(row)
    left, right = row.cells
    heading = _add_paragraph(
        left,
        layout.RECIPIENTS_HEADING_TEXT,
        layout.RECIPIENTS_HEADING,
        WD_ALIGN_PARAGRAPH.LEFT,
        space_before=12,
    )
    heading.paragraph_format.keep_with_next = True
    for line in recipient_lines(doc.recipients):
        _add_paragraph(left, line, layout.RECIPIENTS, WD_ALIGN_PARAGRAPH.LEFT)
    _signature(right, doc.signer)


def recipient_lines(recipients: list[str]) -> list[str]:
    """ "- X;" for each recipient, the last one ending with "."; an empty list still files a copy
    with the clerical office ("Lưu: VT."), which the Decree requires of every document."""
    names = [_bare_recipient(r) for r in recipients]
    names = [n for n in names if n] or ["Lưu: VT"]
    lines = [f"- {name};" for name in names]
    lines[-1] = lines[-1][:-1] + "."
    return lines


def _bare_recipient(text: str) -> str:
    return text.strip().lstrip("-–+• ").rstrip(" ;.,").strip()


def _signature(cell: _Cell, signer: Signer | None) -> None:
    signer = signer or Signer()
    lines = layout.signer_lines(signer.authority, signer.positions)
    for index, line in enumerate(lines):
        _add_paragraph(cell, line, layout.SIGNER_POSITION, space_before=12 if index == 0 else 0)
    for _ in range(layout.SIGNATURE_SPACE_LINES):
        _add_paragraph(cell, "", layout.SIGNER_NAME)
    if signer.name:
        _add_paragraph(cell, signer.name, layout.SIGNER_NAME)


def _keep_row_on_one_page(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _core_properties(document: Document, doc: AdminDocument) -> None:
    props = document.core_properties
    title = " ".join(part for part in (doc.type_name, doc.title) if part)
    props.title = title
    props.author = doc.issuer or ""
    props.last_modified_by = doc.issuer or ""
    props.subject = doc.number or ""
    props.language = "vi-VN"
    props.comments = ""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    props.created = now
    props.modified = now
    props.revision = 1
