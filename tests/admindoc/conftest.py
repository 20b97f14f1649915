"""Shared fixtures of the admindoc tests: the five seed plans, tool checks, document builders.

The seeds are copies of /work/shared/seeds kept in tests/admindoc/seeds/ so that the suite runs
on a clean clone. Seed 003 is an OCR-damaged scan of seed 004.

External tools (Tesseract with ``vie``, LibreOffice, pdftoppm) are optional on a laptop but
required in CI: ``require_tool`` skips a test when a tool is missing, and fails it when the
environment variable CI is set, so CI can never pass by silently skipping.
"""

from __future__ import annotations

import io
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).parent / "seeds"

# admindoc is tested without Django (``-p no:django``), and then nothing puts the repository root
# on sys.path (pytest-django does it through manage.py). The project is not pip-installed.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.tools import require_tool  # noqa: E402  (needs the root on sys.path)

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
)


@pytest.fixture(name="require_tool", scope="session")
def require_tool_fixture() -> Callable[[str], None]:
    return require_tool


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    """Seed number ("000" … "004") -> path of its .txt file."""
    paths = {path.name[:3]: path for path in sorted(SEEDS_DIR.glob("*.txt"))}
    assert sorted(paths) == ["000", "001", "002", "003", "004"], (
        "tests/admindoc/seeds/ is incomplete"
    )
    return paths


@pytest.fixture(scope="session")
def seed_texts(seed_paths: dict[str, Path]) -> dict[str, str]:
    """Seed number -> its text (UTF-8)."""
    return {number: path.read_text(encoding="utf-8") for number, path in seed_paths.items()}


def fold(text: str) -> str:
    """Accent-free, lowercase, single-spaced: for comparing OCR output with what was printed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


@pytest.fixture(name="fold", scope="session")
def fold_fixture() -> Callable[[str], str]:
    return fold


HEADER_LEFT = ("UBND TỈNH KIÊN GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 31/KH-STTTT")
HEADER_RIGHT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Kiên Giang, ngày 27 tháng 4 năm 2022",
)


def build_docx(
    paragraphs: Sequence[str],
    *,
    header: tuple[Sequence[str], Sequence[str]] | None = (HEADER_LEFT, HEADER_RIGHT),
    table_rows: Sequence[Sequence[str]] = (),
    after_table: Sequence[str] = (),
) -> bytes:
    """A .docx like the agencies send: a 2-column header table, body paragraphs, optionally a
    table (e.g. assignments) followed by more paragraphs."""
    import docx

    document = docx.Document()
    if header is not None:
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, header, strict=True):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, values in zip(table.rows, table_rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for text in after_table:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(name="build_docx", scope="session")
def build_docx_fixture() -> Callable[..., bytes]:
    return build_docx


@pytest.fixture(scope="session")
def docx_header() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(left cell lines, right cell lines) of the header table that ``build_docx`` writes."""
    return HEADER_LEFT, HEADER_RIGHT


@pytest.fixture(scope="session")
def vietnamese_font() -> str:
    """Path of a TrueType font with Vietnamese glyphs (fonts-dejavu or fonts-liberation)."""
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    message = "no TrueType font with Vietnamese glyphs (apt-get install fonts-dejavu-core)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
