"""The rules: each takes the Context and returns its Problems. Ranges come from ``layout``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from lxml import etree

from thidua.admindoc import layout
from thidua.admindoc.check.parts import DATE_RE, Context, all_caps, type_name_of
from thidua.admindoc.check.problem import Problem
from thidua.admindoc.check.reading import (
    EMU_PER_MM,
    TWIPS_PER_PT,
    W_P,
    Para,
    fold,
    font_reader,
    read_alignment,
    read_color,
    read_first_line,
    read_size,
    spacing_reader,
    toggle,
    twips,
)

# --- Rules ------------------------------------------------------------------------------------


def _mm(twips_or_emu: int | None) -> float | None:
    return None if twips_or_emu is None else twips_or_emu / EMU_PER_MM


def _fmt(value: float, unit: str) -> str:
    return f"{layout.Range(value, value).describe(unit)}"


def _check_page(context: Context) -> list[Problem]:
    problems: list[Problem] = []
    for number, section in enumerate(context.document.sections, start=1):
        where = f"phần (section) {number}" if len(context.document.sections) > 1 else None
        problems += _page_size(section, where)
        problems += _margins(section, where)
    return problems


def _page_size(section: DocxSection, where: str | None) -> list[Problem]:
    width, height = _mm(section.page_width), _mm(section.page_height)
    if width is None or height is None:
        return [Problem("page_size", "Không ghi khổ giấy; Nghị định 30/2020 yêu cầu A4.", where)]
    problems = []
    if width > height:
        problems.append(
            Problem(
                "page_orientation",
                "Trang đặt nằm ngang; Nghị định 30/2020 yêu cầu khổ A4 đứng.",
                where,
            )
        )
    short, long_ = sorted((width, height))
    tolerance = layout.PAGE_SIZE_TOLERANCE_MM
    if (
        abs(short - layout.PAGE_WIDTH_MM) > tolerance
        or abs(long_ - layout.PAGE_HEIGHT_MM) > tolerance
    ):
        problems.append(
            Problem(
                "page_size",
                f"Khổ giấy {width:.0f} x {height:.0f} mm; Nghị định 30/2020 yêu cầu A4 "
                f"({layout.PAGE_WIDTH_MM:.0f} x {layout.PAGE_HEIGHT_MM:.0f} mm).",
                where,
            )
        )
    return problems


_MARGINS = (
    ("margin_top", "Lề trên", "top_margin", layout.MARGIN_TOP_MM),
    ("margin_bottom", "Lề dưới", "bottom_margin", layout.MARGIN_BOTTOM_MM),
    ("margin_left", "Lề trái", "left_margin", layout.MARGIN_LEFT_MM),
    ("margin_right", "Lề phải", "right_margin", layout.MARGIN_RIGHT_MM),
)


def _margins(section: DocxSection, where: str | None) -> list[Problem]:
    problems = []
    for code, label, attribute, length in _MARGINS:
        value = _mm(getattr(section, attribute))
        if value is None or value not in length.allowed:
            found = "không ghi" if value is None else _fmt(round(value, 1), "mm")
            problems.append(
                Problem(
                    code,
                    f"{label} {found}; Nghị định 30/2020 yêu cầu {length.allowed.describe('mm')}.",
                    where,
                )
            )
    return problems


def _check_fonts(context: Context) -> list[Problem]:
    """Fonts other than Times New Roman, once per font, with where it is used."""
    seen: dict[str, list[Para]] = {}
    for para, run in _all_runs(context):
        for script in ("ascii", "hAnsi"):
            name = context.run_value(run, para, font_reader(script, context.styles.theme_fonts))
            # No font named anywhere: Word then uses Times New Roman itself.
            if name and fold(str(name)) != fold(layout.FONT_NAME):
                seen.setdefault(str(name), []).append(para)
    return [
        Problem(
            "font",
            f"Phông chữ {name} ({_count(paras)}); Nghị định 30/2020 yêu cầu {layout.FONT_NAME}.",
            _places(paras),
        )
        for name, paras in seen.items()
    ]


def _check_color(context: Context) -> list[Problem]:
    paras = [
        para
        for para, run in _all_runs(context)
        if str(context.run_value(run, para, read_color) or "auto").lower()
        not in ("auto", "000000", "text1", "dark1")
    ]
    if not paras:
        return []
    return [
        Problem(
            "font_color",
            f"Chữ không màu đen ({_count(paras)}); Nghị định 30/2020 yêu cầu chữ màu đen.",
            _places(paras),
        )
    ]


def _all_runs(context: Context) -> Iterator[tuple[Para, etree._Element]]:
    for para in context.paragraphs:
        for run in context.runs_with_text(para):
            yield para, run


def _count(paras: list[Para]) -> str:
    unique = {p.index for p in paras}
    return f"{len(unique)} đoạn"


def _places(paras: list[Para]) -> str:
    unique = list({p.index: p for p in paras}.values())
    more = f" và {len(unique) - 1} đoạn khác" if len(unique) > 1 else ""
    return unique[0].where() + more


def _missing(code: str, what: str, required: str) -> Problem:
    return Problem(code, f"Không thấy {what}; Nghị định 30/2020 yêu cầu {required}.")


def _check_header(context: Context) -> list[Problem]:
    parts = context.parts
    problems: list[Problem] = []
    if parts.national is None:
        problems.append(_missing("national_name_missing", "Quốc hiệu", f"«{layout.NATIONAL_NAME}»"))
    else:
        problems += _text_format(context, parts.national, layout.NATIONAL, "national_name_format")
    if parts.motto is None:
        problems.append(_missing("motto_missing", "Tiêu ngữ", f"«{layout.MOTTO}»"))
    else:
        problems += _text_format(context, parts.motto, layout.MOTTO_STYLE, "motto_format")
    if parts.number is None:
        problems.append(_missing("number_missing", "số, ký hiệu", "dòng «Số: …/…»"))
    else:
        problems += _number(context, parts.number)
    return problems


def _number(context: Context, para: Para) -> list[Problem]:
    problems = _text_format(context, para, layout.NUMBER, "number_format")
    match = re.search(r"Số\s*:\s*(\d+)\s*/", para.text, re.IGNORECASE)
    if match and int(match.group(1)) < 10 and not match.group(1).startswith("0"):
        problems.append(
            Problem(
                "number_leading_zero",
                f"Số {match.group(1)} viết thiếu số 0; số nhỏ hơn 10 phải viết "
                f"«{int(match.group(1)):02d}».",
                para.where(),
            )
        )
    return problems


def _check_place_date(context: Context) -> list[Problem]:
    para = context.parts.place_date
    if para is None:
        return [
            _missing(
                "place_date_missing", "địa danh và ngày tháng", "«Địa danh, ngày … tháng … năm …»"
            )
        ]
    problems = _text_format(context, para, layout.PLACE_DATE, "place_date_format")
    match = DATE_RE.search(para.text)
    day, month = match.group("d"), match.group("m")
    if day and int(day) < 10 and len(day) == 1:
        problems.append(_zero_problem(f"ngày {day}", f"ngày 0{day}", para))
    if month and int(month) <= 2 and len(month) == 1:
        problems.append(_zero_problem(f"tháng {month}", f"tháng 0{month}", para))
    if month and int(month) >= 3 and month.startswith("0"):
        problems.append(
            Problem(
                "place_date_zero",
                f"Viết «tháng {month}»; từ tháng 3 không thêm số 0: «tháng {int(month)}».",
                para.where(),
            )
        )
    return problems


def _zero_problem(found: str, wanted: str, para: Para) -> Problem:
    return Problem(
        "place_date_zero",
        f"Viết «{found}»; ngày dưới 10 và tháng 1, 2 phải có số 0 phía trước: «{wanted}».",
        para.where(),
    )


def _check_title(context: Context) -> list[Problem]:
    parts = context.parts
    if parts.type_name is None and parts.certificate is not None:
        return []  # a certificate's own title ("BẰNG KHEN") stands where the type name would
    if parts.type_name is None:
        if parts.cong_van is not None:  # a công văn has no type name, only "V/v …"
            return _text_format(
                context, parts.cong_van, layout.CONG_VAN_SUMMARY, "cong_van_summary_format"
            )
        return [
            _missing(
                "type_name_missing",
                "tên loại văn bản",
                "tên loại (ví dụ «KẾ HOẠCH») in hoa, đứng giữa",
            )
        ]
    problems = _text_format(context, parts.type_name, layout.TYPE_NAME, "type_name_format")
    summary = [p for p in parts.summary if p is not parts.type_name]
    same_line = len(parts.type_name.text.split()) > len(type_name_of(parts.type_name).split())
    if not summary and not same_line:
        problems.append(
            _missing("summary_missing", "trích yếu nội dung", "trích yếu in đậm dưới tên loại")
        )
    for para in summary:
        problems += _text_format(context, para, layout.SUMMARY, "summary_format")
    return problems


def _text_format(context: Context, para: Para, style: layout.TextStyle, code: str) -> list[Problem]:
    """Size, bold, italic and capitals of one element against its layout style."""
    runs = context.runs_with_text(para)
    found: list[str] = []
    sizes = {context.run_value(r, para, read_size) or 10.0 for r in runs}
    wrong = sorted(s for s in sizes if s not in style.allowed_pt)
    if wrong:
        listed = ", ".join(_fmt(s, "pt") for s in wrong)
        found.append(f"cỡ chữ {listed}")
    for tag, wanted, label in (("w:b", style.bold, "đậm"), ("w:i", style.italic, "nghiêng")):
        actual = [bool(context.run_value(r, para, toggle(tag))) for r in runs]
        if wanted and not all(actual):
            found.append(f"chưa {label}")
        if not wanted and any(actual):
            found.append(f"không được {label}")
    caps = any(context.run_value(r, para, toggle("w:caps")) for r in runs)
    if style.caps and not caps and para.text != para.text.upper():
        found.append("chưa viết in hoa")
    if not found:
        return []
    message = (
        f"{_ELEMENT_LABELS.get(code, 'Thành phần')}: {'; '.join(found)}; "
        f"Nghị định 30/2020 yêu cầu {_describe(style)}."
    )
    return [Problem(code, message, para.where())]


_ELEMENT_LABELS = {
    "national_name_format": "Quốc hiệu",
    "motto_format": "Tiêu ngữ",
    "number_format": "Số, ký hiệu",
    "place_date_format": "Địa danh, ngày tháng",
    "type_name_format": "Tên loại văn bản",
    "summary_format": "Trích yếu",
    "cong_van_summary_format": "Trích yếu công văn",
    "recipients_heading_format": "«Nơi nhận:»",
    "recipients_format": "Danh sách nơi nhận",
    "signer_format": "Chữ ký",
}


def _describe(style: layout.TextStyle) -> str:
    """ "cỡ 13–14 pt, in hoa, đậm": the required look of an element, for messages."""
    words = [f"cỡ {style.allowed_pt.describe('pt')}"]
    if style.caps:
        words.append("in hoa")
    words.append("đậm" if style.bold else "không đậm")
    if style.italic:
        words.append("nghiêng")
    return ", ".join(words)


def _check_body(context: Context) -> list[Problem]:
    """Body paragraphs: justified, first-line indent, spacing, line spacing, 13–14 pt."""
    failures: dict[str, list[Para]] = {}
    for para in context.parts.body:
        for code in _body_failures(context, para):
            failures.setdefault(code, []).append(para)
    return [
        Problem(code, f"{_BODY_MESSAGES[code]} ({_count(paras)}).", _places(paras))
        for code, paras in failures.items()
    ]


_BODY_MESSAGES = {
    "body_alignment": "Đoạn văn không căn đều hai bên; Nghị định 30/2020 yêu cầu căn đều hai bên",
    "body_indent": "Thụt lề dòng đầu không đúng; Nghị định 30/2020 yêu cầu "
    + layout.BODY_FIRST_LINE_INDENT_CM.allowed.describe("cm"),
    "body_spacing": "Khoảng cách giữa các đoạn nhỏ hơn "
    + _fmt(layout.BODY_SPACE_AFTER_PT.allowed.low, "pt")
    + "; Nghị định 30/2020 yêu cầu tối thiểu "
    + _fmt(layout.BODY_SPACE_AFTER_PT.allowed.low, "pt"),
    "body_line_spacing": "Khoảng cách dòng ngoài khoảng "
    + layout.BODY_LINE_SPACING.allowed.describe("dòng")
    + " mà Nghị định 30/2020 cho phép",
    "body_size": "Cỡ chữ phần nội dung ngoài khoảng "
    + layout.BODY.allowed_pt.describe("pt")
    + " mà Nghị định 30/2020 cho phép",
}


def _body_failures(context: Context, para: Para) -> list[str]:
    codes = []
    if context.para_value(para, read_alignment) not in ("both", "distribute"):
        codes.append("body_alignment")
    indent = context.para_value(para, read_first_line) or 0.0
    if indent not in layout.BODY_FIRST_LINE_INDENT_CM.allowed:
        codes.append("body_indent")
    before = twips(context.para_value(para, spacing_reader("before"))) / TWIPS_PER_PT
    after = twips(context.para_value(para, spacing_reader("after"))) / TWIPS_PER_PT
    if before + after < layout.BODY_SPACE_AFTER_PT.allowed.low - 0.05:
        codes.append("body_spacing")
    sizes = [context.run_value(r, para, read_size) or 10.0 for r in context.runs_with_text(para)]
    if any(s not in layout.BODY.allowed_pt for s in sizes):
        codes.append("body_size")
    if not _line_spacing_ok(context, para, max(sizes, default=layout.BODY.size_pt)):
        codes.append("body_line_spacing")
    return codes


def _line_spacing_ok(context: Context, para: Para, size_pt: float) -> bool:
    line = context.para_value(para, spacing_reader("line"))
    if line is None:
        return True  # Word's own default is single spacing
    rule = context.para_value(para, spacing_reader("lineRule")) or "auto"
    if rule == "auto":
        lines = twips(str(line)) / 240
    else:
        # Exact or at-least heights in points: one line of Times New Roman is 1.15 em high.
        lines = twips(str(line)) / TWIPS_PER_PT / (1.15 * size_pt)
        if rule == "atLeast" and lines < 1:
            return True
    return lines in layout.BODY_LINE_SPACING.allowed


def _check_recipients(context: Context) -> list[Problem]:
    parts = context.parts
    if parts.recipients_heading is None and parts.certificate is not None:
        return []  # a certificate is handed to its holder: no "Nơi nhận"
    if parts.recipients_heading is None:
        return [_missing("recipients_missing", "«Nơi nhận:»", "mục «Nơi nhận:» ở cuối văn bản")]
    problems: list[Problem] = []
    heading = parts.recipients_heading
    if len(heading.lines) == 1:
        problems += _text_format(
            context, heading, layout.RECIPIENTS_HEADING, "recipients_heading_format"
        )
    for para in parts.recipient_paras:
        problems += _text_format(context, para, layout.RECIPIENTS, "recipients_format")
    if not parts.recipients:
        problems.append(
            _missing(
                "recipients_empty",
                "danh sách nơi nhận",
                "liệt kê nơi nhận, dòng cuối «- Lưu: VT, …»",
            )
        )
    problems += _recipient_lines(parts.recipients, heading)
    return problems


def _recipient_lines(lines: list[str], heading: Para) -> list[Problem]:
    problems = []
    for number, line in enumerate(lines, start=1):
        last = number == len(lines)
        end = "." if last else ";"
        where = f"nơi nhận dòng {number}: «{line}»"
        if not line.startswith(("-", "–")):
            problems.append(
                Problem("recipients_dash", "Dòng nơi nhận không bắt đầu bằng «-».", where)
            )
        if not line.endswith(end):
            rule = "dòng cuối kết thúc bằng «.»" if last else "mỗi dòng kết thúc bằng «;»"
            problems.append(
                Problem("recipients_punctuation", f"Dòng nơi nhận thiếu dấu: {rule}.", where)
            )
    if lines and not fold(lines[-1]).lstrip("-– ").startswith("luu"):
        problems.append(
            Problem(
                "recipients_archive",
                "Dòng cuối nơi nhận không phải «- Lưu: VT, …»; "
                "Nghị định 30/2020 yêu cầu lưu tại văn thư.",
                heading.where(),
            )
        )
    return problems


def _check_signer(context: Context) -> list[Problem]:
    """Positions in bold capitals and the name in bold, when a signature block was found."""
    lines = context.parts.signer
    if not lines:
        return []
    problems: list[Problem] = []
    for para in lines:
        if all_caps(para):
            problems += _text_format(context, para, layout.SIGNER_POSITION, "signer_format")
    name = lines[-1]
    if not all_caps(name):
        problems += _text_format(context, name, layout.SIGNER_NAME, "signer_format")
    return problems


_PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")


def _check_page_numbers(context: Context) -> list[Problem]:
    section = context.document.sections[0]
    in_header = _page_field(section.header._element) if _has(section, "header") else None
    if in_header is None:
        if _has(section, "footer") and _page_field(section.footer._element) is not None:
            return [
                Problem(
                    "page_number_position",
                    "Số trang đặt ở chân trang; Nghị định 30/2020 yêu cầu đặt giữa lề trên.",
                )
            ]
        if _single_page(context):
            return []  # a one-page document has no page number
        return [_missing("page_number_missing", "số trang", "số trang ở giữa lề trên, từ trang 2")]
    problems = []
    if not section.different_first_page_header_footer:
        problems.append(
            Problem(
                "page_number_first_page",
                "Trang 1 có số trang; Nghị định 30/2020 yêu cầu không đánh số trang 1 "
                "(chọn «Different First Page»).",
            )
        )
    elif (
        _has(section, "first_page_header")
        and _page_field(section.first_page_header._element) is not None
    ):
        problems.append(
            Problem(
                "page_number_first_page",
                "Đầu trang của trang 1 có số trang; trang 1 không đánh số.",
            )
        )
    if context.styles.para_value(in_header, read_alignment) != "center":
        problems.append(
            Problem(
                "page_number_alignment",
                "Số trang không căn giữa; Nghị định 30/2020 yêu cầu căn giữa.",
            )
        )
    return problems


def _has(section: DocxSection, which: str) -> bool:
    """Whether the section defines that header/footer itself (asking python-docx for one that
    is linked to a previous section would not create it, but there is no previous section)."""
    return not getattr(section, which).is_linked_to_previous


def _page_field(part_root: etree._Element) -> etree._Element | None:
    """The paragraph of a header/footer holding a PAGE field, simple or complex."""
    for para in part_root.iter(W_P):
        for simple in para.iter(qn("w:fldSimple")):
            if _PAGE_FIELD.search(simple.get(qn("w:instr"), "")):
                return para
        for instr in para.iter(qn("w:instrText")):
            if _PAGE_FIELD.search(instr.text or ""):
                return para
    return None


# About the text of one page at 14 pt between these margins; used only to tell a short document
# from a long one when Word's own page count is absent or untrustworthy.
_CHARS_PER_PAGE = 1800


def _single_page(context: Context) -> bool:
    """Whether the document fits on one page, and so needs no page number.

    Word records its page count in docProps/app.xml, but generators (python-docx among them)
    copy a template's stale "1" there, so a short text must confirm it.
    """
    pages = None
    for part in context.document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            match = re.search(rb"<(?:\w+:)?Pages>(\d+)<", part.blob)
            pages = int(match.group(1)) if match else None
    characters = sum(len(p.text) for p in context.paragraphs)
    return pages == 1 and characters < _CHARS_PER_PAGE


RULES: list[Callable[[Context], list[Problem]]] = [
    _check_page,
    _check_fonts,
    _check_color,
    _check_header,
    _check_place_date,
    _check_title,
    _check_body,
    _check_recipients,
    _check_signer,
    _check_page_numbers,
]
