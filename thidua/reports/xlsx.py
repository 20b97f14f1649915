"""A small streaming .xlsx writer for the report's workbook: tens of thousands of styled rows
with a link each in a fraction of a second.

openpyxl, even in write-only mode, builds a cell object and an lxml element per cell (about
15 µs a cell: 6 s for a province's year of 400,000 cells); this writes the sheet XML as text
straight into the zip. It knows only what the workbook needs: text and numbers, a handful of
fixed styles (``STYLE_*``), column widths, a frozen heading row and hyperlinks. The files open
in Excel, LibreOffice and openpyxl (the tests read them back with openpyxl).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from openpyxl.utils import get_column_letter

# Cell styles (indexes into cellXfs of ``_STYLES``).
STYLE_DEFAULT = 0
STYLE_TEXT = 1  # Times New Roman 12, wrapped, top-aligned: the records' cells
STYLE_LINK_WRAP = 2  # the records' link cells: underlined, blue
STYLE_HEADING = 3  # bold, wrapped: the records' heading row
STYLE_BOLD = 4  # the summary's captions and headings
STYLE_TITLE = 5  # the summary's title: bold 14
STYLE_LINK = 6  # the summary's link cells

# Excel refuses more hyperlinks than this in one worksheet; later rows keep the URL as text.
MAX_HYPERLINKS = 65_530

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK = f"{_REL}/hyperlink"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_FONT = '<name val="Times New Roman"/><family val="1"/>'
_WRAP = '<alignment vertical="top" wrapText="1"/>'
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="5">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    f'<font><sz val="12"/>{_FONT}</font>'
    f'<font><b/><sz val="12"/>{_FONT}</font>'
    f'<font><u/><sz val="12"/><color rgb="001F4E79"/>{_FONT}</font>'
    f'<font><b/><sz val="14"/>{_FONT}</font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="7">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    f'applyAlignment="1">{_WRAP}</xf>'
    '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" '
    f'applyAlignment="1">{_WRAP}</xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" '
    f'applyAlignment="1">{_WRAP}</xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# Characters XML 1.0 cannot carry (openpyxl refuses them); they are dropped.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORBIDDEN_IN_NAME = re.compile(r"[\[\]:*?/\\]")
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _escape(text: str) -> str:
    if not _SPECIAL.search(text):  # most text: one scan
        return text
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text


def _attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


class Sheet:
    """Rows are written as they are appended; ``Workbook`` closes the sheet."""

    def __init__(
        self, book: Workbook, index: int, widths: Sequence[float], freeze_header: bool
    ) -> None:
        self._book = book
        self._index = index
        self._stream: BinaryIO = book._zip.open(f"xl/worksheets/sheet{index}.xml", "w")
        self._row = 0
        self._letters: list[str] = []
        self._links: list[tuple[str, str]] = []  # (cell reference, URL)
        self._buffer: list[str] = []
        pane = (
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            if freeze_header
            else ""
        )
        selected = ' tabSelected="1"' if index == 1 else ""
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
            if w
        )
        self._buffer.append(
            f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView workbookViewId="0"{selected}>{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        )

    def _letter(self, column: int) -> str:
        while len(self._letters) <= column:
            self._letters.append(get_column_letter(len(self._letters) + 1))
        return self._letters[column]

    def append(
        self,
        values: Sequence[Any],
        style: int = STYLE_DEFAULT,
        *,
        link: str = "",
        link_style: int = STYLE_LINK,
    ) -> None:
        """One row: ``values`` (text, numbers, None for an empty cell) in ``style``; with a
        ``link``, one more cell holding the URL as a hyperlink in ``link_style``."""
        self._row += 1
        row = self._row
        letters = self._letters
        if len(letters) <= len(values):
            self._letter(len(values))
        s = f' s="{style}"' if style else ""
        parts = [f'<row r="{row}">']
        for column, value in enumerate(values):
            ref = f"{letters[column]}{row}"
            if value is None or value == "":
                if style:
                    parts.append(f'<c r="{ref}"{s}/>')
            elif isinstance(value, str):
                parts.append(
                    f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">'
                    f"{_escape(value)}</t></is></c>"
                )
            elif isinstance(value, bool):
                parts.append(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float | Decimal):
                parts.append(f'<c r="{ref}"{s}><v>{value}</v></c>')
            else:
                parts.append(
                    f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">'
                    f"{_escape(str(value))}</t></is></c>"
                )
        if link:
            ref = f"{letters[len(values)]}{row}"
            parts.append(
                f'<c r="{ref}" s="{link_style}" t="inlineStr"><is><t>{_escape(link)}</t></is></c>'
            )
            if len(self._links) < MAX_HYPERLINKS:
                self._links.append((ref, link))
        parts.append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= 2000:
            self._flush()

    def extend(self, rows: Iterable[Sequence[Any]], style: int = STYLE_DEFAULT) -> None:
        for values in rows:
            self.append(values, style)

    @property
    def max_row(self) -> int:
        return self._row

    def _flush(self) -> None:
        self._stream.write("".join(self._buffer).encode())
        self._buffer.clear()

    def close(self) -> None:
        self._buffer.append("</sheetData>")
        if self._links:
            self._buffer.append("<hyperlinks>")
            self._buffer.extend(
                f'<hyperlink ref="{ref}" r:id="rId{i}"/>'
                for i, (ref, _url) in enumerate(self._links, start=1)
            )
            self._buffer.append("</hyperlinks>")
        self._buffer.append(
            '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
            'footer="0.5"/></worksheet>'
        )
        self._flush()
        self._stream.close()
        if self._links:
            rels = "".join(
                f'<Relationship Id="rId{i}" Type="{_HYPERLINK}" Target="{_attr(url)}" '
                'TargetMode="External"/>'
                for i, (_ref, url) in enumerate(self._links, start=1)
            )
            self._book._zip.writestr(
                f"xl/worksheets/_rels/sheet{self._index}.xml.rels",
                f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>',
            )
        self._links = []


class Workbook:
    """Sheets in the order they are added; ``save()`` finishes the file and returns its bytes."""

    def __init__(self, stream: BinaryIO) -> None:
        # Level 1: the XML is very repetitive, so the file is barely larger than at the default
        # level and compressing takes a third of the time.
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._names: list[str] = []
        self._current: Sheet | None = None

    def sheet(
        self, title: str, widths: Sequence[float] = (), *, freeze_header: bool = False
    ) -> Sheet:
        if self._current is not None:
            self._current.close()
        name = self._unique(_FORBIDDEN_IN_NAME.sub(" ", _ILLEGAL.sub("", title)).strip("'"))
        self._names.append(name)
        self._current = Sheet(self, len(self._names), widths, freeze_header)
        return self._current

    def _unique(self, name: str) -> str:
        name = name[:31] or "Sheet"
        taken = {n.casefold() for n in self._names}
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            candidate = name[: 31 - len(suffix)] + suffix
        return candidate

    def save(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None
        count = len(self._names)
        sheets = "".join(
            f'<sheet name="{_attr(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(self._names, start=1)
        )
        write = self._zip.writestr
        write(
            "[Content_Types].xml",
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, count + 1)
            )
            + "</Types>",
        )
        write(
            "_rels/.rels",
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        write(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets></workbook>",
        )
        write(
            "xl/_rels/workbook.xml.rels",
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, count + 1)
            )
            + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        write("xl/styles.xml", _STYLES)
        self._zip.close()
