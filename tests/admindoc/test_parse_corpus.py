"""The parser on a red-team corpus: documents of many agencies, types and text qualities.

``corpus/*.txt`` are realistic Vietnamese administrative documents as text extraction gives them
(two-column headers joined or split, documents typed without diacritics, a scan with OCR damage,
page numbers between pages, hard-wrapped lines, markdown, an appendix after the signature…).
``corpus/expected.json`` holds their hand-checked key facts. Documents marked ``"fold": true``
(no diacritics, OCR damage) are compared after folding and without quote marks; the others
exactly. A section title ending in "…" is compared as a prefix.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from thidua.admindoc.model import AdminDocument
from thidua.admindoc.parse import parse
from thidua.admindoc.parse.structure import walk
from thidua.admindoc.vntext import fold

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8")
)
_QUOTES = re.compile(r"[\"“”„‘’'`]")
_HEADER_FIELDS = ("number", "type_abbr", "type_name", "place", "title", "issuer", "parent_body")


def _norm(value: Any, folded: bool) -> Any:
    if not isinstance(value, str) or not folded:
        return value
    return " ".join(_QUOTES.sub("", fold(value)).split())


def _same_title(got: str, want: str, folded: bool) -> bool:
    got, want = _norm(got, folded), _norm(want, folded)
    if want.endswith("…"):
        return got.startswith(want[:-1])
    return got == want


def facts(doc: AdminDocument, want: dict[str, Any]) -> dict[str, Any]:
    """The facts ``expected.json`` records, read from ``doc``, normalised like ``want``."""
    folded = bool(want.get("fold"))
    got: dict[str, Any] = {name: _norm(getattr(doc, name), folded) for name in _HEADER_FIELDS}
    got["date"] = doc.date.isoformat() if doc.date else None
    numbered = [s for s in doc.sections if s.number]
    got["sections"] = [
        [_norm(s.number, folded), s.title]
        if not (len(want["sections"]) > i and _same_title(s.title, want["sections"][i][1], folded))
        else [_norm(s.number, folded), want["sections"][i][1]]
        for i, s in enumerate(numbered)
    ]
    if "children" in want:
        got["children"] = {
            s.number: [c.number for c in s.children if c.number]
            for s in numbered
            if s.number in want["children"]
        }
    got["bases"] = [_norm(b.number, folded) for b in doc.bases]
    got["phases"] = [
        [_norm(p.name, folded), p.start and p.start.isoformat(), p.end and p.end.isoformat()]
        for p in doc.phases
    ]
    got["assignments"] = sorted({(_norm(a.unit, folded), a.role) for a in doc.assignments})
    got["recipients"] = len(doc.recipients)
    signer = doc.signer
    got["signer"] = {
        "authority": signer.authority if signer else None,
        "positions": [_norm(p, folded) for p in signer.positions] if signer else [],
        "name": _norm(signer.name, folded) if signer else None,
    }
    return got


def wanted(want: dict[str, Any]) -> dict[str, Any]:
    folded = bool(want.get("fold"))
    out = {name: _norm(want[name], folded) for name in _HEADER_FIELDS}
    out["date"] = want["date"]
    out["sections"] = [[_norm(n, folded), t] for n, t in want["sections"]]
    if "children" in want:
        out["children"] = want["children"]
    out["bases"] = [_norm(b, folded) for b in want["bases"]]
    out["phases"] = [[_norm(n, folded), s, e] for n, s, e in want["phases"]]
    out["assignments"] = sorted({(_norm(u, folded), r) for u, r in want["assignments"]})
    out["recipients"] = want["recipients"]
    signer = want["signer"]
    out["signer"] = {
        "authority": signer["authority"],
        "positions": [_norm(p, folded) for p in signer["positions"]],
        "name": _norm(signer["name"], folded),
    }
    return out


def _text(stem: str) -> str:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


def test_corpus_is_complete() -> None:
    stems = sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert stems == sorted(EXPECTED)
    assert len(stems) >= 20


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_corpus_document_key_facts(stem: str) -> None:
    want = EXPECTED[stem]
    got, expected = facts(parse(_text(stem)), want), wanted(want)
    wrong = {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]}
    assert not wrong, "\n".join(f"{k}: got {g!r}\n   want {w!r}" for k, (g, w) in wrong.items())


def test_page_break_inside_a_sentence_is_joined() -> None:
    doc = parse(_text("14_bc_so_trang"))
    texts = [c.title for s in doc.sections for c in s.children for c in c.children]
    joined = "ước đạt 108% dự toán Hội đồng nhân dân tỉnh giao; chi ngân sách bảo đảm"
    assert any(joined in t for t in texts), texts
    assert not any(s.title in {"2", "3 -", "- 3 -"} for s in walk(doc.sections))


# --- The same documents as .docx, through the command line ------------------------------------

_GAP = re.compile(r"\t[\t ]*| {3,}")


def _columns(lines: list[str]) -> tuple[list[str], list[str]]:
    """Left and right cells of a block printed as two columns (an indented single part is
    the right column, as in a signature block)."""
    left: list[str] = []
    right: list[str] = []
    for raw in lines:
        parts = [p.strip() for p in _GAP.split(raw.strip()) if p.strip()]
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(parts[1])
        elif parts and len(raw) - len(raw.lstrip()) > 20:
            right.append(parts[0])
        elif parts:
            left.append(parts[0])
    return left, right


def _to_docx(text: str) -> bytes:
    """A .docx as agencies send it: header and signature in 2-column tables, body paragraphs."""
    docx = pytest.importorskip("docx")
    lines = text.split("\n")
    type_at = next(i for i, line in enumerate(lines) if line.strip() in {"KẾ HOẠCH", "BÁO CÁO"})
    tail_at = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    document = docx.Document()
    for block, body in ((lines[:type_at], lines[type_at:tail_at]), (lines[tail_at:], [])):
        left, right = _columns(block)
        table = document.add_table(rows=1, cols=2)
        for cell, cell_lines in zip(table.rows[0].cells, (left, right), strict=True):
            cell.text = cell_lines[0] if cell_lines else ""
            for line in cell_lines[1:]:
                cell.add_paragraph(line)
        for line in body:
            if line.strip():
                document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("stem", ["01_kh_so_noivu_giaidoan", "14_bc_so_trang"])
def test_docx_through_cli_agrees_with_txt(stem: str, tmp_path: Path) -> None:
    path = tmp_path / f"{stem}.docx"
    path.write_bytes(_to_docx(_text(stem)))
    result = subprocess.run(
        [sys.executable, "-m", "thidua.admindoc", "parse", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    from_docx = AdminDocument.from_dict(json.loads(result.stdout))
    want = EXPECTED[stem]
    assert facts(from_docx, want) == facts(parse(_text(stem)), want) == wanted(want)


def test_monthly_deadline_is_kept_without_a_date() -> None:
    doc = parse(_text("08_ctr_quy_phuquoc"))
    dated = {(d.date and d.date.isoformat()) for d in doc.deadlines}
    assert "2024-11-15" in dated
    (monthly,) = [d for d in doc.deadlines if "hằng tháng" in d.text]
    assert monthly.date is None
    assert monthly.text.endswith("trước ngày 25 hằng tháng")


def test_two_signers_side_by_side_give_the_chair() -> None:
    signer = parse(_text("09_bb_hoidong_tdkt")).signer
    assert signer is not None
    assert (signer.positions, signer.name) == (["CHỦ TỊCH HỘI ĐỒNG"], "Nguyễn Hoàng Nam")


def test_salutation_and_invitation_lists_stay_out_of_the_numbered_body() -> None:
    letter = parse(_text("04_cv_denghi_khenthuong"))
    assert letter.sections[0].number == ""
    assert "Các sở, ban, ngành thành phố" in letter.sections[0].body + letter.sections[0].title
    invitation = parse(_text("10_gm_quan"))
    (lead_in,) = [s for s in invitation.sections if s.children]
    assert lead_in.body == "Ủy ban nhân dân quận trân trọng kính mời:"
    assert [c.number for c in lead_in.children] == ["-", "-", "-"]


def test_motto_wrapped_in_a_narrow_column_is_not_an_issuer() -> None:
    text = _text("20_kh_phuong_hangthang").replace(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM"
    )
    doc = parse(text)
    assert (doc.parent_body, doc.issuer) == (None, "ỦY BAN NHÂN DÂN PHƯỜNG HÒA CƯỜNG BẮC")
