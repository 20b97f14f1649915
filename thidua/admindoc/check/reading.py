"""Reading a .docx the way Word resolves it: paragraphs in reading order (through tables and
content controls), their text, and run and paragraph properties through character style,
paragraph style and its ``basedOn`` chain, document defaults and theme fonts."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from thidua.admindoc.extract_docx import check_container
from thidua.admindoc.model import UnreadableDocument

MAX_BYTES = 50 * 1024 * 1024
EMU_PER_MM = 36000
TWIPS_PER_PT = 20


# --- Opening and walking -------------------------------------------------------------------------


def open_document(source: str | os.PathLike[str] | bytes | BinaryIO) -> Document:
    data = _read_bytes(source)
    if not data:
        raise UnreadableDocument("Tệp rỗng, không phải văn bản .docx.")
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(f"Tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB.")
    check_container(data)  # zip bombs, macros, encryption: refused before python-docx parses
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:
        raise UnreadableDocument(f"Không đọc được tệp như văn bản Word (.docx): {error}") from error


def _read_bytes(source: str | os.PathLike[str] | bytes | BinaryIO) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if hasattr(source, "read"):
        return source.read()
    try:
        with open(source, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except (OSError, TypeError) as error:
        raise UnreadableDocument(f"Không mở được tệp: {error}") from error


@dataclass
class Para:
    """A paragraph wherever it sits (body or table cell), with its text and a 1-based index."""

    index: int
    element: etree._Element
    text: str
    container: etree._Element  # w:body or the w:tc holding it
    in_table: bool

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.split("\n") if line.strip()]

    def where(self) -> str:
        snippet = " ".join(self.text.split())
        snippet = snippet if len(snippet) <= 50 else snippet[:49] + "…"
        return f"đoạn {self.index}: «{snippet}»"


W_P, W_R, W_TBL, W_TC = qn("w:p"), qn("w:r"), qn("w:tbl"), qn("w:tc")
W_SDT, W_SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")


def walk(container: etree._Element, in_table: bool = False) -> Iterator[tuple]:
    """(w:p, its container, in_table) in reading order, through tables and content controls."""
    for child in container:
        if child.tag == W_P:
            yield child, container, in_table
        elif child.tag == W_TBL:
            for cell in child.iter(W_TC):
                if nearest(cell, W_TBL) is child:
                    yield from walk(cell, True)
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from walk(content, in_table)


def nearest(element: etree._Element, tag: str) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def runs(paragraph: etree._Element) -> list[etree._Element]:
    """The paragraph's own runs, including those inside hyperlinks and tracked insertions, but
    not those of text boxes anchored in it (they are paragraphs of their own)."""
    return [r for r in paragraph.iter(W_R) if nearest(r, W_P) is paragraph]


def run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag == qn("w:tab"):
            parts.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts)


def fold(text: str) -> str:
    """Lower case without diacritics and with one kind of dash and space: for *finding* the fixed
    phrases of the Decree whatever the typist's spelling ("HOÀ"/"HÒA", "–"/"-")."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    return " ".join(text.split())


# --- Formatting as Word resolves it -----------------------------------------------------------


class Styles:
    """Resolves run and paragraph properties through styles and document defaults."""

    def __init__(self, document: Document) -> None:
        root = document.styles.element
        self._by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        self._default_para = next(
            (
                s
                for s in root.findall(qn("w:style"))
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        defaults = root.find(qn("w:docDefaults"))
        self._run_default = path(defaults, "w:rPrDefault", "w:rPr")
        self._para_default = path(defaults, "w:pPrDefault", "w:pPr")
        self.theme_fonts = _theme_fonts(document)

    def _chain(self, style: etree._Element | None) -> Iterator[etree._Element]:
        seen: set[int] = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find(qn("w:basedOn"))
            style = self._by_id.get(based.get(qn("w:val"))) if based is not None else None

    def _para_style(self, paragraph: etree._Element) -> etree._Element | None:
        style_id = path(paragraph, "w:pPr", "w:pStyle")
        if style_id is not None:
            return self._by_id.get(style_id.get(qn("w:val")), self._default_para)
        return self._default_para

    def run_value(self, run: etree._Element, paragraph: etree._Element, read: Reader) -> object:
        """The first value ``read`` finds: run, character style chain, paragraph style chain,
        document defaults."""
        levels: list[etree._Element | None] = [run.find(qn("w:rPr"))]
        char_style = path(run, "w:rPr", "w:rStyle")
        if char_style is not None:
            levels += [s.find(qn("w:rPr")) for s in self._chain(self._by_id.get(val(char_style)))]
        levels += [s.find(qn("w:rPr")) for s in self._chain(self._para_style(paragraph))]
        levels.append(self._run_default)
        return _first(levels, read)

    def para_value(self, paragraph: etree._Element, read: Reader) -> object:
        levels: list[etree._Element | None] = [paragraph.find(qn("w:pPr"))]
        levels += [s.find(qn("w:pPr")) for s in self._chain(self._para_style(paragraph))]
        levels.append(self._para_default)
        return _first(levels, read)


Reader = Callable[[etree._Element], object]


def _first(levels: list[etree._Element | None], read: Reader) -> object:
    for properties in levels:
        if properties is not None:
            value = read(properties)
            if value is not None:
                return value
    return None


def path(element: etree._Element | None, *tags: str) -> etree._Element | None:
    for tag in tags:
        if element is None:
            return None
        element = element.find(qn(tag))
    return element


def val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _theme_fonts(document: Document) -> dict[str, str]:
    """ "minor" / "major" -> the theme's Latin typeface, for rFonts that name a theme font."""
    fonts: dict[str, str] = {}
    for part in document.part.package.iter_parts():
        if "/theme/" not in str(part.partname):
            continue
        root = parse_xml(part.blob)
        ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
        for kind in ("major", "minor"):
            latin = root.find(f".//a:{kind}Font/a:latin", ns)
            if latin is not None:
                fonts[kind] = latin.get("typeface", "")
        break
    return fonts


def toggle(tag: str) -> Reader:
    def read(rpr: etree._Element) -> bool | None:
        element = rpr.find(qn(tag))
        if element is None:
            return None
        return val(element) not in ("0", "false", "off", "none")

    return read


def read_size(rpr: etree._Element) -> float | None:
    size = val(rpr.find(qn("w:sz")))
    return int(size) / 2 if size and size.isdigit() else None


def font_reader(script: str, theme_fonts: dict[str, str]) -> Reader:
    def read(rpr: etree._Element) -> str | None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            return None
        # In Word a theme attribute wins over the explicit name beside it.
        theme = fonts.get(qn(f"w:{script}Theme"))
        if theme:
            kind = "major" if theme.startswith("major") else "minor"
            return theme_fonts.get(kind) or f"(phông chủ đề {theme})"
        return fonts.get(qn(f"w:{script}"))

    return read


def read_color(rpr: etree._Element) -> str | None:
    color = rpr.find(qn("w:color"))
    if color is None:
        return None
    if color.get(qn("w:themeColor")) and color.get(qn("w:themeColor")) not in ("text1", "dark1"):
        return color.get(qn("w:themeColor"))
    return val(color)


def read_alignment(ppr: etree._Element) -> str | None:
    return val(ppr.find(qn("w:jc")))


def read_first_line(ppr: etree._Element) -> float | None:
    """First-line indent in cm; a hanging indent is negative."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        return None
    hanging = ind.get(qn("w:hanging"))
    first = ind.get(qn("w:firstLine"))
    if hanging is not None:
        return -twips(hanging) / 567
    return twips(first) / 567 if first is not None else None


def spacing_reader(attribute: str) -> Reader:
    def read(ppr: etree._Element) -> str | None:
        spacing = ppr.find(qn("w:spacing"))
        return None if spacing is None else spacing.get(qn(f"w:{attribute}"))

    return read


def twips(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0
