"""The parser never raises and stays fast on hostile input."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.admindoc.model import AdminDocument
from thidua.admindoc.parse import parse

SEEDS = Path(__file__).parent / "seeds"
FRAGMENTS = [
    line
    for path in sorted(SEEDS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
] + ["Số: /", "KT.", "Điều", "PHẦN", "Nơi nhận:", "./.", "I1.", "a)", "- ", "\t", "   ", "**"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    doc = parse(text)
    assert isinstance(doc, AdminDocument)
    AdminDocument.from_dict(doc.to_dict())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.randoms(use_true_random=False))
def test_shuffled_seed_fragments_never_raise(lines: list[str], rnd) -> None:
    rnd.shuffle(lines)
    doc = parse("\n".join(lines))
    assert doc.to_dict() == AdminDocument.from_dict(doc.to_dict()).to_dict()


def _timed(text: str) -> float:
    start = time.perf_counter()
    parse(text)
    return time.perf_counter() - start


def test_one_megabyte_pathological_inputs_finish_quickly() -> None:
    megabyte = 1_000_000
    cases = [
        "a" * megabyte,
        " " * megabyte + "x",
        "[" * megabyte,
        "1." * (megabyte // 2),
        "- " * (megabyte // 2),
        "Số: " * (megabyte // 4),
        ("ngày 1 tháng " * 20 + "\n") * (megabyte // 260),
        ("trước ngày 15/6/2022; " * 10 + "\n") * (megabyte // 220),
        "Căn cứ " + "của Sở " * (megabyte // 7),
        ("I. A\n" * 5 + "x" * 200 + "\n") * (megabyte // 230),
        "\n" * megabyte,
    ]
    for text in cases:
        assert _timed(text) < 10, text[:40]
