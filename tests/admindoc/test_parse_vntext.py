"""Vietnamese text helpers used by the parser."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from thidua.admindoc.vntext import (
    find_dates,
    fold,
    fold_aligned,
    parse_date,
    parse_range,
    roman_to_int,
    sentence_case,
)


def test_fold_is_nfc_nfd_safe_and_maps_d() -> None:
    text = "KẾ HOẠCH Đợt 1 – Tỉnh Đồng Tháp"
    assert fold(text) == "ke hoach dot 1 – tinh dong thap"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert len(fold_aligned(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kiên Giang, ngày 05 tháng 01 năm 2026",
        "Ngày 5 tháng 1 năm 2026",
        "NGAY 05 THANG 01 NAM 2026",
        "05/01/2026",
        "05-01-2026",
        "5.1.2026",
    ],
)
def test_date_variants(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 1, 5)


def test_no_false_dates() -> None:
    assert find_dates("mục 1.2.3 và 31/02/2022 và 2021-2025") == []


@pytest.mark.parametrize(
    ("text", "ref", "span"),
    [
        ("Từ nay đến hết tháng 6/2020", dt.date(2020, 3, 20), ("2020-03-20", "2020-06-30")),
        ("Từ tháng 7/2020 đến hết năm 2020", None, ("2020-07-01", "2020-12-31")),
        ("Từ năm 2023 - 2025", None, ("2023-01-01", "2025-12-31")),
        ("Năm 2025", None, ("2025-01-01", "2025-12-31")),
        ("Quý II/2024", None, ("2024-04-01", "2024-06-30")),
        ("6 tháng đầu năm 2024", None, ("2024-01-01", "2024-06-30")),
        ("Tu ngay 01/3/2024 den ngay 30/4/2024", None, ("2024-03-01", "2024-04-30")),
        ("hết tháng 2/2024", None, ("2024-02-01", "2024-02-29")),
    ],
)
def test_ranges(text: str, ref: dt.date | None, span: tuple[str, str]) -> None:
    start, end = parse_range(text, ref)
    assert (start.isoformat() if start else None, end.isoformat() if end else None) == span


def test_roman_and_case() -> None:
    assert roman_to_int("XIV") == 14
    assert roman_to_int("IIII") is None
    assert sentence_case("KẾ HOẠCH") == "Kế hoạch"
