"""Writing and reading agree: parse(extract(render(doc))) gives doc back, for every seed.

``doc`` is what the parser read from the seed text, so this checks that render lays out each
field where extract and parse look for it (and that the three modules keep agreeing).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.admindoc.extract import extract
from thidua.admindoc.model import AdminDocument, Section
from thidua.admindoc.parse import parse
from thidua.admindoc.render import render

SEEDS = ["000", "001", "002", "003", "004"]


def _round_trip(doc: AdminDocument) -> AdminDocument:
    extracted = extract(render(doc), filename="document.docx")
    assert extracted.source_format == "docx"
    return parse(extracted.text)


def _top_level(sections: list[Section]) -> list[tuple[str, str]]:
    return [(s.number, s.title) for s in sections]


@pytest.fixture(scope="module")
def pairs(seed_texts: dict[str, str]) -> dict[str, tuple[AdminDocument, AdminDocument]]:
    """Seed number -> (parsed from the seed, parsed back from its rendered .docx)."""
    result = {}
    for number, text in seed_texts.items():
        doc = parse(text)
        result[number] = (doc, _round_trip(doc))
    return result


@pytest.mark.parametrize("seed", SEEDS)
def test_header_fields_survive(
    seed: str, pairs: dict[str, tuple[AdminDocument, AdminDocument]]
) -> None:
    doc, back = pairs[seed]

    assert back.number == doc.number
    assert (back.type_name, back.type_abbr) == (doc.type_name, doc.type_abbr)
    assert back.place == doc.place
    assert back.date == doc.date
    assert back.title == doc.title


@pytest.mark.parametrize("seed", SEEDS)
def test_bases_survive(seed: str, pairs: dict[str, tuple[AdminDocument, AdminDocument]]) -> None:
    doc, back = pairs[seed]

    assert back.bases == doc.bases


@pytest.mark.parametrize("seed", SEEDS)
def test_sections_survive(seed: str, pairs: dict[str, tuple[AdminDocument, AdminDocument]]) -> None:
    doc, back = pairs[seed]

    assert _top_level(back.sections) == _top_level(doc.sections)
    assert back.sections == doc.sections  # bodies and children too


@pytest.mark.parametrize("seed", SEEDS)
def test_phases_and_assignments_survive(
    seed: str, pairs: dict[str, tuple[AdminDocument, AdminDocument]]
) -> None:
    doc, back = pairs[seed]

    assert back.phases == doc.phases
    assert back.deadlines == doc.deadlines
    assert back.assignments == doc.assignments


@pytest.mark.parametrize("seed", SEEDS)
def test_recipients_and_signer_survive(
    seed: str, pairs: dict[str, tuple[AdminDocument, AdminDocument]]
) -> None:
    doc, back = pairs[seed]

    assert back.recipients == doc.recipients
    assert back.signer == doc.signer


def test_the_seeds_exercise_what_the_round_trip_claims(
    pairs: dict[str, tuple[AdminDocument, AdminDocument]],
) -> None:
    """Guard against a vacuous pass: the seeds do carry these fields."""
    docs = [doc for doc, _ in pairs.values()]

    assert any(d.number for d in docs) and any(d.number is None for d in docs)
    assert any(d.date for d in docs) and any(d.phases for d in docs)
    assert any(d.assignments for d in docs) and all(d.recipients for d in docs)
    assert any(d.signer and d.signer.authority == "KT." for d in docs)


def test_a_full_header_survives() -> None:
    doc = parse(
        "UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 05/KH-STTTT\n"
        "Kiên Giang, ngày 05 tháng 02 năm 2026\nKẾ HOẠCH\nTuyên truyền năm 2026\n"
        "I. Mục đích\nNâng cao nhận thức.\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\n\nNguyễn Văn A\n"
    )
    back = _round_trip(doc)

    assert (back.parent_body, back.issuer) == (
        "UBND TỈNH KIÊN GIANG",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    )
    assert (back.number, back.date) == ("05/KH-STTTT", dt.date(2026, 2, 5))


def test_a_blank_number_keeps_the_issuer() -> None:
    doc = AdminDocument(
        parent_body="UBND TỈNH TÂY NINH",
        issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        type_abbr="KH",
        type_name="Kế hoạch",
        place="Tây Ninh",
        date=dt.date(2020, 3, 20),
        title="Tuyên truyền năm 2020",
        sections=[Section("I", "Mục đích", "Nâng cao nhận thức.")],
    )
    back = _round_trip(doc)

    assert (back.parent_body, back.issuer, back.number) == (
        "UBND TỈNH TÂY NINH",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        None,
    )
