"""The body: lines joined into paragraphs, paragraphs arranged into a tree of sections.

Representation (documented in docs/admindoc.md):

* every numbered heading ("I.", "1.", "1.2", "a)", "PHẦN I", "Chương II", "Điều 3.") and every
  bullet ("-", "+", "*", "•") is a ``Section``; its ``title`` is the text of its first
  paragraph, its ``body`` the paragraphs that follow it (joined with newlines);
* a bullet item holds a single paragraph: the next unbulleted paragraph goes back to the
  enclosing numbered section;
* text before the first heading that is not a basis, and a closing "Trên đây là …" paragraph,
  are kept in top-level sections whose number and title are empty strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.admindoc.model import Section
from thidua.admindoc.parse.header import is_stop_line
from thidua.admindoc.parse.headings import Heading, match_heading, rank_of
from thidua.admindoc.parse.lines import Layout, Line, continues
from thidua.admindoc.parse.tables import POSITION_WORDS, TYPE_LINE_RE
from thidua.admindoc.vntext import fold_aligned, is_upper_text

_CLOSING = re.compile(r"^tren\s{1,3}day\b")
_SALUTATION = re.compile(r"^kinh\s{1,3}gui\b")
_END_MARK = re.compile(r"\s{0,2}\./\.\s{0,3}$")
_TITLE_ON_NEXT_LINE = {"part", "chapter", "mục", "article", "roman", "upper"}


@dataclass
class Block:
    heading: Heading | None
    text: str
    last_line: str
    closing: bool = False
    stop: bool = False  # starts like a basis ("Căn cứ …")


def clean_text(text: str) -> str:
    """Single spaces; the end mark "./." becomes a full stop."""
    text = " ".join(text.split())
    return _END_MARK.sub(".", text)


def make_blocks(lines: list[Line], layout: Layout) -> list[Block]:
    blocks: list[Block] = []
    pending_title = False
    for line in lines:
        text = line.text
        heading = match_heading(text)
        folded = fold_aligned(text)
        if pending_title and heading is None and blocks:
            # "PHẦN I" / "CHƯƠNG II" alone on a line: the next line is its title.
            blocks[-1].text = text
            blocks[-1].last_line = text
            pending_title = False
            continue
        pending_title = False
        if heading is not None and heading.is_bullet and blocks and _is_salutation(blocks[-1]):
            # "Kính gửi: - Sở A; - Sở B": the addressees belong to the salutation, not the body.
            blocks[-1].text = f"{blocks[-1].text} {text}"
            blocks[-1].last_line = text
        elif heading is not None:
            blocks.append(Block(heading, heading.rest, text))
            pending_title = not heading.rest.strip() and heading.style in _TITLE_ON_NEXT_LINE
        elif is_stop_line(text) or _CLOSING.match(folded):
            blocks.append(Block(None, text, text, closing=bool(_CLOSING.match(folded))))
            blocks[-1].stop = not blocks[-1].closing
        elif blocks and continues(blocks[-1].last_line, line, layout):
            blocks[-1].text = f"{blocks[-1].text} {text}"
            blocks[-1].last_line = text
        else:
            blocks.append(Block(None, text, text))
    return blocks


def _is_salutation(block: Block) -> bool:
    """An open "Kính gửi:" list: its last line still announces or continues the list."""
    return (
        block.heading is None
        and block.last_line.rstrip().endswith((":", ";"))
        and _SALUTATION.match(fold_aligned(block.text)) is not None
    )


def _is_decision_verb(text: str) -> bool:
    """ "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" between the bases and the articles, and the authority
    line above the bases ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …")."""
    if len(text) >= 120 or text[:1].islower():
        return False  # cheap exits first: this runs on every paragraph
    folded = fold_aligned(text).strip()
    if POSITION_WORDS.match(folded) and is_upper_text(text, 0.95):
        return True
    if not folded.endswith(":") or not is_upper_text(text):
        return False
    return bool(TYPE_LINE_RE.match(folded)) or folded.startswith("quyet nghi")


def build_tree(blocks: list[Block]) -> list[Section]:
    """Arrange blocks into sections; see the module docstring for the representation."""
    roots: list[Section] = []
    stack: list[tuple[Section, str]] = []
    for block in blocks:
        text = clean_text(block.text)
        if block.heading is None:
            if not text or (not roots and not stack and _is_decision_verb(text)):
                continue
            if _is_decision_verb(text) and text.endswith(":"):
                continue
            if block.closing and roots:
                stack.clear()
                roots.append(Section("", "", text))
                continue
            # A paragraph after a list ends it (and a lead-in's list: reading order is kept by
            # a new unnumbered section).
            while stack and stack[-1][1] in _ENDED_BY_TEXT:
                stack.pop()
            if stack:
                node = stack[-1][0]
                node.body = f"{node.body}\n{text}" if node.body else text
            elif roots and roots[-1].number == "" and not roots[-1].children:
                roots[-1].body = f"{roots[-1].body}\n{text}"
            else:
                roots.append(Section("", "", text))
            continue
        heading = block.heading
        node = Section(heading.number, text)
        if heading.is_bullet and not stack and _is_lead_in(roots):
            # "… trân trọng kính mời:" then a list: the items belong to the lead-in paragraph.
            stack.append((roots[-1], _LEAD_IN))
        _place(node, heading, roots, stack)
    return roots


_BULLET_STYLES = {"-", "+", "*", "•"}
_LEAD_IN = "lead-in"  # ranks innermost but one: any numbered heading closes it
_ENDED_BY_TEXT = _BULLET_STYLES | {_LEAD_IN}


def _is_lead_in(roots: list[Section]) -> bool:
    """The last top-level section is unnumbered text announcing a list ("…như sau:")."""
    if not roots or roots[-1].number or roots[-1].children:
        return False
    last = roots[-1].body.rsplit("\n", 1)[-1] if roots[-1].body else roots[-1].title
    return last.rstrip().endswith(":")


def _place(node: Section, heading: Heading, roots: list[Section], stack: list) -> None:
    style = heading.style
    styles = [s for _, s in stack]
    if style in styles:
        # A style already open: this is its next sibling.
        del stack[styles.index(style) :]
    elif style not in _BULLET_STYLES:
        # First time for this style: close every open level that ranks inside it.
        while stack and rank_of(stack[-1][1]) >= rank_of(style):
            stack.pop()
    if stack:
        stack[-1][0].children.append(node)
    else:
        roots.append(node)
    stack.append((node, style))


def walk(sections: list[Section]):
    """Every section, depth first."""
    for section in sections:
        yield section
        yield from walk(section.children)


def section_text(section: Section) -> str:
    """Title, body and all descendants' text, one paragraph per line."""
    parts = [p for p in (section.title, section.body) if p]
    for child in section.children:
        parts.append(section_text(child))
    return "\n".join(parts)
