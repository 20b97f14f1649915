"""The command line: python -m thidua.admindoc parse|render|check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).parent / "seeds"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "thidua.admindoc", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


def test_parse_txt_prints_json() -> None:
    (seed,) = SEEDS.glob("004_*.txt")
    result = run("parse", str(seed), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["number"] == "31/KH-STTTT"
    assert data["date"] == "2022-04-27"
    assert "Kế hoạch" in result.stdout  # ensure_ascii=False


def test_parse_without_json_prints_a_summary() -> None:
    (seed,) = SEEDS.glob("002_*.txt")
    result = run("parse", str(seed))
    assert result.returncode == 0
    assert "Loại văn bản: Kế hoạch" in result.stdout


@pytest.mark.parametrize("target", ["/nonexistent/ke-hoach.txt", "."])
def test_unreadable_path_exits_2_with_one_line(target: str) -> None:
    result = run("parse", target)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_binary_garbage_exits_2(tmp_path: Path) -> None:
    junk = tmp_path / "rac.bin"
    junk.write_bytes(bytes(range(256)) * 20)
    result = run("parse", str(junk))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_parse_render_check_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    (seed,) = SEEDS.glob("004_*.txt")
    parsed = run("parse", str(seed), "--json")
    source = tmp_path / "kh.json"
    source.write_text(parsed.stdout, encoding="utf-8")
    out = tmp_path / "kh.docx"
    rendered = run("render", str(source), "-o", str(out))
    assert rendered.returncode == 0, rendered.stderr
    assert out.stat().st_size > 0
    checked = run("check", str(out))
    assert checked.returncode in (0, 1), checked.stderr
    if checked.returncode == 0:
        assert checked.stdout.startswith("Đạt")


def test_check_unreadable_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    result = run("check", str(bad))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_render_bad_json_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "hong.json"
    bad.write_text("{", encoding="utf-8")
    result = run("render", str(bad), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2
