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


def _cpu_seconds(text: str) -> float:
    start = time.process_time()
    parse(text)
    return time.process_time() - start


# Each hostile pattern as a function of its size in characters.
PATTERNS = [
    lambda n: "a" * n,
    lambda n: " " * n + "x",
    lambda n: "[" * n,
    lambda n: "1." * (n // 2),
    lambda n: "- " * (n // 2),
    lambda n: "Số: " * (n // 4),
    lambda n: ("ngày 1 tháng " * 20 + "\n") * (n // 260),
    lambda n: ("trước ngày 15/6/2022; " * 10 + "\n") * (n // 220),
    lambda n: "Căn cứ " + "của Sở " * (n // 7),
    lambda n: ("I. A\n" * 5 + "x" * 200 + "\n") * (n // 230),
    lambda n: "\n" * n,
]


def test_pathological_inputs_parse_in_linear_time() -> None:
    """Ten times the input costs about ten times the work, not a hundred (no catastrophic
    backtracking): compared as the process's own CPU time, so a busy machine does not matter,
    and without a wall-clock limit (tests do not time things)."""
    for make in PATTERNS:
        small, large = make(100_000), make(1_000_000)
        cost_small, cost_large = _cpu_seconds(small), _cpu_seconds(large)
        if cost_large < 0.5:  # too quick to be anything but linear; ratios of tiny times are noise
            continue
        assert cost_large / max(cost_small, 0.01) < 30, large[:40]
