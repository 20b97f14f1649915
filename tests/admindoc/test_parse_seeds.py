"""The parser on the five seed plans, against hand-checked expected output."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from thidua.admindoc.parse import parse
from thidua.admindoc.vntext import fold

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
EXPECTED = HERE / "expected"
STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def seed(number: str) -> str:
    """Seed text by its number ("000".."004"), read from the copies kept beside the tests."""
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", STEMS)
def test_seed_matches_hand_checked_expectation(stem: str) -> None:
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    expected = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    assert parse(text).to_dict() == expected


def test_seed_004_header_with_stray_space_and_inline_bold_title() -> None:
    doc = parse(seed("004"))
    assert doc.number == "31/KH-STTTT"
    assert (doc.type_abbr, doc.type_name) == ("KH", "Kế hoạch")
    assert (doc.place, doc.date) == ("Kiên Giang", dt.date(2022, 4, 27))
    assert doc.title == "Tuyên truyền về công tác thi đua, khen thưởng năm 2022"
    basis = doc.bases[0]
    assert (basis.number, basis.date, basis.type_name) == (
        "93/KH-UBND",
        dt.date(2022, 4, 12),
        "Kế hoạch",
    )
    assert doc.signer is not None
    assert doc.signer.authority == "KT."
    assert doc.signer.positions == ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert doc.signer.name == "Nguyễn Xuân Kiệm"


def test_seed_002_blank_number_and_two_phases() -> None:
    doc = parse(seed("002"))
    assert doc.number is None and doc.type_abbr == "KH"
    assert doc.date == dt.date(2020, 3, 20)
    phases = [(p.name, p.start, p.end) for p in doc.phases]
    assert phases == [
        ("Đợt 1", dt.date(2020, 3, 20), dt.date(2020, 6, 30)),
        ("Đợt 2", dt.date(2020, 7, 1), dt.date(2020, 12, 31)),
    ]
    roles = {(a.unit, a.role) for a in doc.assignments}
    assert ("Văn Phòng Sở", "lead") in roles
    assert ("Các phòng, đơn vị", "assigned") in roles


def test_seed_001_year_phases_and_unit_subsections() -> None:
    doc = parse(seed("001"))
    assert [(p.start, p.end) for p in doc.phases] == [
        (dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ]
    assert [a.unit for a in doc.assignments] == [
        "Văn phòng Sở",
        "Lãnh đạo các phòng, đơn vị thuộc Sở",
    ]


def test_seed_000_page_wrapped_lines_joined_and_roles() -> None:
    doc = parse(seed("000"))
    assert doc.title is not None and "\n" not in doc.title
    assert doc.title.endswith("giai đoạn 2022 - 2025")
    first_basis = doc.bases[0]
    assert (first_basis.number, first_basis.date, first_basis.issuer) == (
        "1102/KH-UBND",
        dt.date(2022, 4, 27),
        "UBND tỉnh",
    )
    assert [(a.unit, a.role) for a in doc.assignments] == [
        ("Văn phòng Sở", "lead"),
        ("Phòng Quản lý chuyên ngành", "assigned"),
        ("Các phòng chuyên môn, các đơn vị thuộc Sở", "support"),
    ]
    assert doc.recipients[-1] == "Lưu: VT"


def test_damaged_scan_003_keeps_the_skeleton_of_004() -> None:
    damaged, clean = parse(seed("003")), parse(seed("004"))
    assert len(damaged.sections) == len(clean.sections)
    assert [s.number for s in damaged.sections] == [s.number for s in clean.sections]
    assert [fold(s.title) for s in damaged.sections] == [fold(s.title) for s in clean.sections]
    assert damaged.type_name == "Kế hoạch"
    assert damaged.quality.diacritics_missing is True
    assert damaged.quality.ocr_suspect is True
    assert clean.quality.diacritics_missing is False
    assert clean.quality.ocr_suspect is False
    assert damaged.recipients[0] == "Ban TDKT tinh - S& Ngi vu"


def test_confidence_only_for_filled_fields_and_in_range() -> None:
    for stem in STEMS:
        doc = parse((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
        data = doc.to_dict()
        for name, value in doc.quality.confidence.items():
            assert 0.0 <= value <= 1.0
            assert data[name] not in (None, [], "")
