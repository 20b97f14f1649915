"""Documents parsed per second on the seed plans (target: at least 200 docs/s).

Run: .venv/bin/python bench/bench_parse.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thidua.admindoc.parse import parse  # noqa: E402

SEEDS = ROOT / "tests" / "admindoc" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for text in texts:  # warm up: compiled regexes, fold table
        parse(text)
    count = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < args.seconds:
        for text in texts:
            parse(text)
        count += len(texts)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    size = sum(len(t) for t in texts) / len(texts)
    # CPU time is the figure to compare: wall time depends on what else the machine runs.
    print(f"{count} documents: {count / cpu:.0f} docs/s (CPU), {count / elapsed:.0f} docs/s (wall)")
    version = sys.version.split()[0]
    print(f"({len(texts)} seed plans, {size:,.0f} characters on average, Python {version})")


if __name__ == "__main__":
    main()
