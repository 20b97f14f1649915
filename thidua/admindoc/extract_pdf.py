"""Text of a PDF: the text layer through pypdf, and OCR for pages that have none (scans).

A scanned page is rendered with ``pdftoppm`` (poppler-utils) at 300 dpi when it is installed;
otherwise the largest image embedded in the page is OCR'd, which is what a scanner produces.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

from thidua.admindoc.extract_ocr import (
    MAX_OCR_PAGES,
    OCR_TIMEOUT_SECONDS,
    OcrError,
    ocr_available,
    ocr_image,
    open_image,
)
from thidua.admindoc.model import ExtractedText, UnreadableDocument

if TYPE_CHECKING:
    from PIL import Image
    from pypdf import PageObject, PdfReader

MAX_PAGES: Final = 5000
RENDER_DPI: Final = 300
_MIN_PAGE_CHARS: Final = 3  # fewer visible characters than this: the page is a scan
_CORRUPT: Final = "Tệp PDF bị hỏng: không đọc được nội dung."


def read_pdf(data: bytes) -> ExtractedText:
    reader = _open(data)
    try:
        pages = list(reader.pages)
    except Exception as exc:  # pypdf raises many types on broken page trees
        raise UnreadableDocument(_CORRUPT) from exc
    if len(pages) > MAX_PAGES:
        raise UnreadableDocument(
            f"Tệp PDF có quá nhiều trang ({len(pages)}); giới hạn {MAX_PAGES}."
        )
    texts = [_page_text(page) for page in pages]
    flags: list[str] = []
    scanned = [i for i, text in enumerate(texts) if len(text.strip()) < _MIN_PAGE_CHARS]
    if scanned:
        _ocr_pages(data, pages, scanned, texts, flags)
    return ExtractedText(
        text="\n".join(t.strip("\n") for t in texts),
        source_format="pdf",
        flags=flags,
        pages=len(pages),
    )


def _open(data: bytes) -> PdfReader:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files are reported by us
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("Tệp PDF được đặt mật khẩu; hãy gửi bản không có mật khẩu.")
        return reader
    except UnreadableDocument:
        raise
    except Exception as exc:  # PdfReadError, ValueError, KeyError, …
        if "password" in str(exc).lower() or "crypt" in str(exc).lower():
            raise UnreadableDocument(
                "Tệp PDF được mã hóa theo cách chưa hỗ trợ hoặc cần mật khẩu."
            ) from exc
        raise UnreadableDocument(_CORRUPT) from exc


def _page_text(page: PageObject) -> str:
    try:
        return page.extract_text() or ""
    except Exception:  # one broken content stream must not lose the other pages
        return ""


def _ocr_pages(
    data: bytes, pages: list[PageObject], indexes: list[int], texts: list[str], flags: list[str]
) -> None:
    """Fill ``texts[i]`` for each scanned page ``i`` by OCR, recording what happened in flags."""
    if not ocr_available():
        flags.append("ocr_unavailable")
        return
    with tempfile.TemporaryDirectory(prefix="admindoc-") as tmp:
        pdf_path = Path(tmp) / "input.pdf"
        pdf_path.write_bytes(data)
        for count, index in enumerate(indexes):
            if count >= MAX_OCR_PAGES:
                flags.append("ocr_truncated")
                break
            image = _render(pdf_path, index) or _largest_image(pages[index])
            if image is None:
                continue  # a truly blank page: nothing to read
            try:
                read = ocr_image(image).strip()
            except OcrError:
                _add(flags, "ocr_failed")
                continue
            _add(flags, "ocr")
            if read:  # keep a page number or dash that the text layer had
                texts[index] = read


def _add(flags: list[str], flag: str) -> None:
    if flag not in flags:
        flags.append(flag)


def _render(pdf_path: Path, index: int) -> Image.Image | None:
    """Page ``index`` as a grey image through pdftoppm, or None when it cannot be rendered."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return None
    prefix = pdf_path.with_name(f"page{index}")
    number = str(index + 1)
    command = [pdftoppm, "-r", str(RENDER_DPI), "-gray", "-png", "-singlefile"]
    command += ["-f", number, "-l", number, str(pdf_path), str(prefix)]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=OCR_TIMEOUT_SECONDS)  # noqa: S603 - fixed argv, no shell
        return open_image(prefix.with_suffix(".png").read_bytes())
    except (OSError, subprocess.SubprocessError, UnreadableDocument):
        return None


def _largest_image(page: PageObject) -> Image.Image | None:
    try:
        images = [img.image for img in page.images if img.image is not None]
    except Exception:  # unsupported image filters in odd scanners' PDFs
        return None
    return max(images, key=lambda im: im.width * im.height, default=None)
