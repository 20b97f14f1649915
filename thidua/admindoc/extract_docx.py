"""Text of a .docx in reading order: paragraphs and tables as they stand in the body.

The body XML is walked directly (zipfile + lxml) rather than through python-docx, because:
the archive must be checked for zip bombs and macros *before* anything is parsed; python-docx
lists paragraphs and tables separately, losing their order; and automatic numbering ("I.",
"1.", "a)"), which Vietnamese plans rely on for their structure, is not text in the XML and has
to be computed from numbering.xml.

Tables are read row by row, each cell's paragraphs in turn: the usual header table gives
"UBND TỈNH …", "SỞ …", "Số: …" (left cell) and then "CỘNG HÒA …", "Độc lập …", date (right).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from lxml import etree

from thidua.admindoc.model import ExtractedText, UnreadableDocument

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

MAX_ENTRIES: Final = 10_000
MAX_PART_BYTES: Final = 64 * 1024 * 1024  # one XML part once uncompressed
MAX_TOTAL_BYTES: Final = 512 * 1024 * 1024  # the whole archive once uncompressed
MAX_RATIO: Final = 200  # uncompressed / compressed, for parts over 1 MB

_DOCUMENT: Final = "word/document.xml"
_OTHER_OFFICE: Final = {
    "xl/workbook.xml": "bảng tính Excel (.xlsx)",
    "ppt/presentation.xml": "bài trình chiếu PowerPoint (.pptx)",
    "content.xml": "tài liệu OpenDocument (.odt/.ods)",
}
_MACRO_MESSAGE: Final = (
    "Tệp Word có chứa macro hoặc điều khiển ActiveX (mã lệnh chạy được); từ chối vì lý do an "
    "toàn. Hãy lưu lại thành .docx thông thường (không macro)."
)
_CORRUPT_MESSAGE: Final = "Tệp Word (.docx) bị hỏng: không đọc được nội dung."


def check_container(data: bytes) -> None:
    """Refuse a .docx that is broken, encrypted, carries macros or ActiveX, or would unpack into
    far more than it weighs; shared with the format checker, which parses with python-docx."""
    with _open_archive(data) as archive:
        _check_archive(archive)


def _open_archive(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UnreadableDocument("Tệp nén ZIP bị hỏng hoặc không phải tệp .docx.") from exc


def read_docx(data: bytes) -> ExtractedText:
    archive = _open_archive(data)
    with archive:
        _check_archive(archive)
        parts = _Parts(archive)
        body = parts.xml(_DOCUMENT).find(f"{W}body")
        if body is None:
            raise UnreadableDocument(_CORRUPT_MESSAGE)
        numbering = _Numbering(parts.optional_xml("word/numbering.xml"))
        styles = _style_numbering(parts.optional_xml("word/styles.xml"))
        lines = list(_Walker(numbering, styles).blocks(body))
    return ExtractedText(text="\n".join(line.rstrip() for line in lines), source_format="docx")


# --- archive checks ----------------------------------------------------------------------------
def _check_archive(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if _DOCUMENT not in names:
        for marker, kind in _OTHER_OFFICE.items():
            if marker in names:
                raise UnreadableDocument(f"Tệp là {kind}, không phải văn bản Word (.docx).")
        raise UnreadableDocument("Tệp nén ZIP không phải văn bản Word (.docx).")
    if len(infos) > MAX_ENTRIES:
        raise UnreadableDocument(f"Tệp .docx có quá nhiều thành phần ({len(infos)}); từ chối.")
    total = 0
    for info in infos:
        lowered = info.filename.lower()
        if lowered.endswith("vbaproject.bin") or "/activex/" in f"/{lowered}":
            raise UnreadableDocument(_MACRO_MESSAGE)
        if info.flag_bits & 0x1:
            raise UnreadableDocument("Tệp .docx được mã hóa bằng mật khẩu; không đọc được.")
        total += info.file_size
        _check_ratio(info)
    if total > MAX_TOTAL_BYTES:
        raise _bomb(total)
    content_types = b""
    if "[Content_Types].xml" in names:
        size = archive.getinfo("[Content_Types].xml").file_size
        if size > MAX_PART_BYTES:
            raise _bomb(size)
        content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types or b"vbaProject" in content_types:
        raise UnreadableDocument(_MACRO_MESSAGE)


def _check_ratio(info: zipfile.ZipInfo) -> None:
    # Declared sizes are enforced by zipfile when reading, so checking them here is enough.
    if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise _bomb(info.file_size)


def _bomb(size: int) -> UnreadableDocument:
    return UnreadableDocument(
        f"Tệp .docx bất thường: giải nén ra tới {size // (1024 * 1024)} MB (nghi là «bom nén»); "
        "từ chối để bảo vệ hệ thống."
    )


class _Parts:
    """XML parts of the archive, parsed without DTDs, entities or network access."""

    _parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def xml(self, name: str) -> etree._Element:
        info = self.archive.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise _bomb(info.file_size)
        try:
            return etree.fromstring(self.archive.read(name), self._parser)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError) as exc:
            raise UnreadableDocument(_CORRUPT_MESSAGE) from exc

    def optional_xml(self, name: str) -> etree._Element | None:
        if name not in self.archive.namelist():
            return None
        return self.xml(name)


# --- numbering ---------------------------------------------------------------------------------
@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = " "


@dataclass
class _Numbering:
    """Computes the labels Word draws for numbered paragraphs ("II.", "1.", "a)", "-")."""

    root: etree._Element | None
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    nums: dict[str, tuple[str, dict[int, int]]] = field(
        default_factory=dict
    )  # numId -> (abs, starts)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.root is None:
            return
        for abstract in self.root.iter(f"{W}abstractNum"):
            self.levels[_attr(abstract, "abstractNumId")] = {
                int(_attr(lvl, "ilvl") or 0): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
            }
        for num in self.root.iter(f"{W}num"):
            abstract_id = _val(num.find(f"{W}abstractNumId")) or ""
            starts = {
                int(_attr(o, "ilvl") or 0): int(_val(o.find(f"{W}startOverride")) or 1)
                for o in num.iter(f"{W}lvlOverride")
                if o.find(f"{W}startOverride") is not None
            }
            self.nums[_attr(num, "numId")] = (abstract_id, starts)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums or not 0 <= ilvl < 9:
            return ""
        abstract_id, starts = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        # Lists restarted by an override count on their own; others share their abstract list.
        key = num_id if starts else abstract_id
        counts = self.counters.setdefault(key, [None] * 9)
        level = levels.get(ilvl, _Level())
        start = starts.get(ilvl, level.start)
        current = counts[ilvl]
        counts[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        if level.fmt == "bullet":
            return _bullet(level.text) + level.suffix
        if level.fmt == "none":
            return ""
        text = level.text
        for i in range(ilvl, -1, -1):
            lvl_i = levels.get(i, _Level())
            value = counts[i] if counts[i] is not None else starts.get(i, lvl_i.start)
            text = text.replace(f"%{i + 1}", _format_number(int(value or 0), lvl_i.fmt))
        return text + level.suffix if text else ""


def _attr(el: etree._Element, name: str) -> str:
    return el.get(f"{W}{name}") or ""


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(f"{W}val")


def _level(lvl: etree._Element) -> _Level:
    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(_val(lvl.find(f"{W}suff")) or "tab", " ")
    start = _val(lvl.find(f"{W}start"))
    return _Level(
        fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
        text=_val(lvl.find(f"{W}lvlText")) or "",
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        suffix=suffix,
    )


def _bullet(symbol: str) -> str:
    # Symbol-font bullets ("\uf0b7", "o", "§") mean nothing as text; Vietnamese plans use "-"/"+".
    return symbol if symbol in {"-", "+", "–", "*", "•"} else "-"


_ROMAN: Final = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word's "a, b, … z, aa, bb, …" sequence.
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    n = max(0, min(n, 3999))
    formats = {
        "upperRoman": lambda: _roman(n),
        "lowerRoman": lambda: _roman(n).lower(),
        "upperLetter": lambda: _letters(n).upper(),
        "lowerLetter": lambda: _letters(n),
        "decimalZero": lambda: f"{n:02d}",
    }
    return formats.get(fmt, lambda: str(n))()


def _style_numbering(root: etree._Element | None) -> dict[str, tuple[str | None, int | None]]:
    """styleId -> (numId, ilvl) for paragraph styles that number their paragraphs ("Heading 1"
    styles often do), following ``basedOn`` a few steps."""
    if root is None:
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    parent: dict[str, str] = {}
    for style in root.iter(f"{W}style"):
        style_id = _attr(style, "styleId")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            ilvl = _val(num_pr.find(f"{W}ilvl"))
            own[style_id] = (
                _val(num_pr.find(f"{W}numId")),
                int(ilvl) if ilvl and ilvl.isdigit() else None,
            )
        based = _val(style.find(f"{W}basedOn"))
        if based:
            parent[style_id] = based
    resolved = dict(own)
    for style_id in parent:
        current: str | None = style_id
        for _ in range(10):  # bounded: basedOn chains may loop in a broken file
            if current is None or current in own:
                break
            current = parent.get(current)
        if current in own and style_id not in resolved:
            resolved[style_id] = own[current]
    return resolved


# --- walking the body --------------------------------------------------------------------------
_SKIP: Final = frozenset(
    f"{W}{t}" for t in ("del", "delText", "instrText", "moveFrom", "rPr", "pPr", "fldData")
) | {f"{MC}Fallback"}
_TEXT: Final = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


class _Walker:
    def __init__(self, numbering: _Numbering, styles: dict[str, tuple[str | None, int | None]]):
        self.numbering = numbering
        self.styles = styles

    def blocks(self, container: etree._Element) -> Iterator[str]:
        """Lines of a block container (body, table cell, text box, content control)."""
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                yield from self.paragraph(child)
            elif tag == f"{W}tbl":
                yield from self.table(child)
            elif tag in (
                f"{W}sdt",
                f"{W}customXml",
                f"{W}sdtContent",
                f"{MC}AlternateContent",
                f"{MC}Choice",
            ):
                yield from self.blocks(child)

    def table(self, table: etree._Element) -> Iterator[str]:
        for row in table.iter(f"{W}tr"):
            if _nearest_table(row) is not table:
                continue  # rows of nested tables are read through their cell
            for cell in row.iter(f"{W}tc"):
                if _nearest_row(cell) is not row or _merged_continuation(cell):
                    continue
                yield from self.blocks(cell)

    def paragraph(self, paragraph: etree._Element) -> Iterator[str]:
        pieces: list[str] = [self._label(paragraph)]
        boxes: list[etree._Element] = []
        _inline_text(paragraph, pieces, boxes)
        yield "".join(pieces)
        for box in boxes:  # text boxes come after the paragraph that anchors them
            yield from self.blocks(box)

    def _label(self, paragraph: etree._Element) -> str:
        ppr = paragraph.find(f"{W}pPr")
        if ppr is None:
            return ""
        num_pr = ppr.find(f"{W}numPr")
        style_num, style_ilvl = self.styles.get(_val(ppr.find(f"{W}pStyle")) or "", (None, None))
        num_id = _val(num_pr.find(f"{W}numId")) if num_pr is not None else None
        ilvl = _val(num_pr.find(f"{W}ilvl")) if num_pr is not None else None
        num_id = num_id or style_num
        level = int(ilvl) if ilvl and ilvl.isdigit() else (style_ilvl or 0)
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, level)


def _inline_text(element: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{W}t":
            pieces.append(child.text or "")
        elif tag in _TEXT:
            pieces.append(_TEXT[tag])
        elif tag == f"{W}txbxContent":
            boxes.append(child)
        elif tag not in _SKIP and isinstance(tag, str):
            _inline_text(child, pieces, boxes)


def _nearest_table(row: etree._Element) -> etree._Element | None:
    return next(row.iterancestors(f"{W}tbl"), None)


def _nearest_row(cell: etree._Element) -> etree._Element | None:
    return next(cell.iterancestors(f"{W}tr"), None)


def _merged_continuation(cell: etree._Element) -> bool:
    """A cell continuing a vertical merge repeats nothing; its text belongs to the cell above."""
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and (_val(merge) or "continue") == "continue"
