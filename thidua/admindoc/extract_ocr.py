"""OCR of scans with Tesseract (language ``vie``), and reading image files.

Tesseract is optional: when the binary or its Vietnamese data is missing, callers get the flag
``ocr_unavailable`` and empty text instead of an error, because the file itself is fine and an
administrator can install ``tesseract-ocr-vie`` later.
"""

from __future__ import annotations

import functools
import io
import shutil
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from thidua.admindoc.model import ExtractedText, UnreadableDocument

if TYPE_CHECKING:
    from PIL import Image

OCR_LANGUAGE: Final = "vie"
OCR_TIMEOUT_SECONDS: Final = 120  # per page; a normal A4 page at 300 dpi takes 2-10 s
MAX_OCR_PAGES: Final = 100
MAX_IMAGE_PIXELS: Final = 120_000_000  # an A3 page at 600 dpi is ~70 Mpx
_MIN_OCR_WIDTH: Final = 1600  # Tesseract reads best at ~300 dpi; small scans are enlarged


@functools.lru_cache(maxsize=1)
def ocr_available() -> bool:
    """True when Tesseract and its Vietnamese language data are installed (checked once)."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return OCR_LANGUAGE in pytesseract.get_languages(config="")
    except Exception:  # any failure means "no OCR here"
        return False


class OcrError(Exception):
    """Tesseract ran but failed on one page (timeout, crash); the page is skipped and flagged."""


def ocr_image(image: Image.Image) -> str:
    """Vietnamese text of one page image. Raises OcrError when Tesseract fails."""
    import pytesseract

    page = image.convert("L")
    if page.width < _MIN_OCR_WIDTH:
        scale = _MIN_OCR_WIDTH / max(page.width, 1)
        page = page.resize((int(page.width * scale), int(page.height * scale)))
    try:
        return str(
            pytesseract.image_to_string(
                page, lang=OCR_LANGUAGE, config="--psm 3", timeout=OCR_TIMEOUT_SECONDS
            )
        )
    except Exception as exc:  # TesseractError, timeout (RuntimeError), OSError
        raise OcrError(str(exc)) from exc


def open_image(data: bytes) -> Image.Image:
    """Open and fully decode an image, refusing decompression bombs and broken files."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Corrupt EXIF data" and the like: we judge ourselves
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise UnreadableDocument(
                    f"Ảnh quá lớn ({width}×{height} điểm ảnh); giới hạn là "
                    f"{MAX_IMAGE_PIXELS // 1_000_000} triệu điểm ảnh."
                )
            image.load()
            return image
    except UnreadableDocument:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise UnreadableDocument("Tệp ảnh bị hỏng hoặc không đọc được.") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnreadableDocument("Ảnh quá lớn (nghi là «bom giải nén»); từ chối.") from exc


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    """Each page of a multi-page TIFF (one frame for PNG and JPEG)."""
    from PIL import ImageOps

    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        # Phone photos of a page are stored sideways with an EXIF "rotate" note; apply it.
        yield ImageOps.exif_transpose(image.copy())


def read_image(data: bytes) -> ExtractedText:
    image = open_image(data)
    frames = getattr(image, "n_frames", 1)
    if not ocr_available():
        return ExtractedText(
            text="", source_format="image", flags=["ocr_unavailable"], pages=frames
        )
    texts: list[str] = []
    flags = ["ocr"]
    for index, frame in enumerate(_frames(image)):
        if index >= MAX_OCR_PAGES:
            flags.append("ocr_truncated")
            break
        try:
            texts.append(ocr_image(frame).strip())
        except OcrError:
            if "ocr_failed" not in flags:
                flags.append("ocr_failed")
    return ExtractedText(text="\n\n".join(texts), source_format="image", flags=flags, pages=frames)
