"""Text -> AdminDocument: the parser of Vietnamese administrative documents (Decree 30/2020).

``parse(text)`` never raises on any string; what it cannot find stays None or empty, and
``quality`` says how far the result can be trusted. The steps:

1. ``lines``: normalise (NFC, markup, scan notes), split, measure the layout;
2. ``header``: bodies, number, place and date, type and summary line;
3. ``signature``: where the body ends; recipients and signer;
4. ``structure``: paragraphs and the section tree; ``bases`` before the first heading;
5. ``timeline`` and ``organisation``: phases, deadlines, assignments from the tree.
"""

from __future__ import annotations

from thidua.admindoc.model import AdminDocument, Basis, Quality, Section
from thidua.admindoc.parse import quality as _quality
from thidua.admindoc.parse.bases import is_basis_start, parse_basis, split_bases, trim_own_clause
from thidua.admindoc.parse.header import Header, parse_header
from thidua.admindoc.parse.lines import measure, normalise, split_lines
from thidua.admindoc.parse.organisation import find_assignments
from thidua.admindoc.parse.signature import find_tail, parse_tail
from thidua.admindoc.parse.structure import Block, build_tree, clean_text, make_blocks, walk
from thidua.admindoc.parse.timeline import find_deadlines, find_phases

__all__ = ["parse"]

# Bounded work: beyond this a "document" is not one (the CLI and extract refuse far less).
_MAX_CHARS = 2_000_000


def parse(text: str) -> AdminDocument:
    """Parse the text of one administrative document."""
    text = normalise(text[:_MAX_CHARS])
    lines = split_lines(text)
    counts = _quality.measure_words(text)
    ocr = _quality.ocr_score(text, counts) > 0.06
    if ocr:
        for line in lines:
            line.text = _quality.repair_ocr(line.text)
            line.raw = _quality.repair_ocr(line.raw)
    layout = measure(lines)
    header = parse_header(lines, layout)
    tail = max(find_tail(lines, header.body_start), header.body_start)
    _cut_after_end_mark(lines, header.body_start, tail)
    blocks = make_blocks(lines[header.body_start : tail], layout)
    bases, blocks = _take_bases(blocks)
    sections = build_tree(blocks)
    recipients, signer = parse_tail(lines[tail:])
    doc = AdminDocument(
        parent_body=header.parent_body,
        issuer=header.issuer,
        number=header.number,
        type_abbr=header.type_abbr,
        type_name=header.type_name,
        place=header.place,
        date=header.date,
        title=clean_text(header.title) if header.title else None,
        bases=bases,
        sections=sections,
        phases=find_phases(sections, header.date),
        deadlines=find_deadlines(_texts(sections), header.date),
        assignments=find_assignments(sections),
        recipients=recipients,
        signer=signer,
    )
    doc.quality = _assess(doc, header, _quality.diacritics_missing(text, counts), ocr)
    return doc


def _cut_after_end_mark(lines: list, start: int, tail: int) -> None:
    """Scans leave specks after the end mark ("… kế hoạch này./. M"): the body stops there."""
    if tail > start:
        last = lines[tail - 1]
        at = last.text.rfind("./.")
        if at >= 0:
            last.text = last.text[: at + 3]


def _take_bases(blocks: list[Block]) -> tuple[list[Basis], list[Block]]:
    """Basis paragraphs before the first heading; the other blocks go on to the tree."""
    bases: list[Basis] = []
    rest: list[Block] = []
    in_front = True
    for block in blocks:
        if block.heading is not None:
            in_front = False
        if in_front and block.heading is None and is_basis_start(block.text):
            for part in split_bases(clean_text(block.text)):
                reference, own = trim_own_clause(part)
                bases.append(parse_basis(reference))
                if own:  # "…, Sở X xây dựng kế hoạch … như sau:" is the document's own text
                    rest.append(Block(None, own, own))
            continue
        rest.append(block)
    return bases, rest


def _texts(sections: list[Section]) -> list[str]:
    out = []
    for section in walk(sections):
        out.extend(p for p in (section.title, *section.body.split("\n")) if p)
    return out


def _assess(doc: AdminDocument, header: Header, missing: bool, ocr: bool) -> Quality:
    confidence = dict(header.confidence)
    lists = {
        "bases": 0.85,
        "sections": 0.85,
        "phases": 0.75,
        "deadlines": 0.7,
        "assignments": 0.7,
        "recipients": 0.85,
        "signer": 0.8,
    }
    for name, value in lists.items():
        if getattr(doc, name):
            confidence[name] = value
    # Damaged text: every reading is less sure, the header most (it is short and dense).
    factor = (0.7 if ocr else 1.0) * (0.9 if missing else 1.0)
    confidence = {k: round(v * factor, 2) for k, v in confidence.items()}
    return Quality(diacritics_missing=missing, ocr_suspect=ocr, confidence=confidence)
