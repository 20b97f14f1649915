"""Read the text of a document file: .txt, .docx, .pdf, or a scanned image.

``extract`` recognises the format by its content (magic bytes), never by its name, and returns
an ``ExtractedText`` in reading order. Anything that is not a readable document raises
``UnreadableDocument`` with a Vietnamese message saying what was wrong; no other exception
leaves this module, so callers (upload views, background tasks, the CLI) need one ``except``.

Flags on the result (``ExtractedText.flags``):

* ``encoding:<name>``: how a .txt was decoded: utf-8, utf-16, utf-16-le, utf-16-be, utf-32,
  cp1252 (legacy fonts) or cp1258.
* ``encoding_converted:tcvn3`` / ``encoding_converted:vni``: the text was typed with an old
  Vietnamese font (.VnTime / VNI-Times) and has been converted to Unicode.
* ``ocr``: some text was read by Tesseract (scans); ``ocr_unavailable``: a page or image needed
  OCR but Tesseract with the ``vie`` language is not installed; ``ocr_failed``: Tesseract ran
  but failed on a page; ``ocr_truncated``: pages past ``MAX_OCR_PAGES`` were not read.
* ``no_text``: the document is valid but holds no text.

The heavy readers live in ``extract_docx``, ``extract_pdf`` and ``extract_ocr`` and are imported
only when needed, so reading a .txt costs microseconds.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Callable
from typing import IO, Final

from thidua.admindoc.legacy_encodings import convert_legacy, decode_cp1258, detect_legacy
from thidua.admindoc.model import AdminDocError, ExtractedText, UnreadableDocument

__all__ = ["MAX_FILE_BYTES", "Source", "extract", "sniff_format"]

MAX_FILE_BYTES: Final = 50 * 1024 * 1024
"""Largest file accepted (50 MB): checked before the file is read."""

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

EMPTY_MESSAGE: Final = "Tệp rỗng: không có nội dung để đọc."

_MAGIC_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_SEARCH_WINDOW: Final = 1024  # a PDF header may follow some junk bytes (PDF 1.7, 7.5.2)
_CONTROL_RE: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES_RE: Final = re.compile("\r\n?|\u2028|\u2029")
_C1_RE: Final = re.compile("[\x80-\x9f]")
# Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; Latin-1 keeps those bytes as is.
_CP1252_HIGH: Final = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _undefined_as_latin1(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("admindoc-latin1", _undefined_as_latin1)


def extract(
    path_or_bytes: Source,
    *,
    filename: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> ExtractedText:
    """Read the text of a document given as a path, bytes or a binary file object.

    ``filename`` is only used in messages; the format is recognised from the content.
    Raises ``UnreadableDocument`` (and nothing else) when the input is not a readable document.
    """
    try:
        data = _load(path_or_bytes, max_bytes)
        return _extract_bytes(data)
    except AdminDocError as exc:
        if isinstance(exc, UnreadableDocument):
            raise
        raise UnreadableDocument(str(exc)) from exc
    except RecursionError as exc:
        raise UnreadableDocument("Tệp có cấu trúc lồng nhau quá sâu; không đọc được.") from exc
    except MemoryError as exc:
        raise UnreadableDocument("Tệp cần quá nhiều bộ nhớ để đọc; từ chối.") from exc
    except Exception as exc:  # the contract: nothing but UnreadableDocument leaves
        name = f" «{filename}»" if filename else ""
        raise UnreadableDocument(
            f"Không đọc được tệp{name}: tệp bị hỏng hoặc có định dạng không hỗ trợ "
            f"({type(exc).__name__})."
        ) from exc


# --- loading -----------------------------------------------------------------------------------
def _size_text(size: int) -> str:
    """ "200 MB", "5,2 MB", "12 KB": Vietnamese writes a decimal comma."""
    megabytes = size / (1024 * 1024)
    if megabytes >= 10:
        return f"{megabytes:.0f} MB"
    if megabytes >= 1:
        return f"{megabytes:.1f} MB".replace(".", ",")
    return f"{-(-size // 1024)} KB"


def _too_large(size: int | None, limit: int) -> UnreadableDocument:
    shown = _size_text(size) if size is not None else f"hơn {_size_text(limit)}"
    return UnreadableDocument(f"Tệp quá lớn ({shown}); giới hạn là {_size_text(limit)}.")


def _load(source: Source, limit: int) -> bytes:
    """The bytes of ``source``, refusing anything over ``limit`` before reading it all."""
    if isinstance(source, bytes | bytearray | memoryview):
        if len(source) > limit:
            raise _too_large(len(source), limit)
        return bytes(source)
    if hasattr(source, "read"):
        return _read_stream(source, limit)  # type: ignore[arg-type]
    return _read_path(os.fspath(source), limit)


def _read_path(path: str | bytes, limit: int) -> bytes:
    shown = os.fsdecode(path)
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise UnreadableDocument(f"«{shown}» là một thư mục, không phải tệp.")
        if size > limit:
            raise _too_large(size, limit)
        with open(path, "rb") as handle:
            # Read one byte more than allowed: a file that grew since stat() is still refused.
            data = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise UnreadableDocument(f"Không tìm thấy tệp «{shown}».") from exc
    except PermissionError as exc:
        raise UnreadableDocument(f"Không có quyền đọc tệp «{shown}».") from exc
    except OSError as exc:
        raise UnreadableDocument(f"Không mở được tệp «{shown}»: {exc.strerror or exc}.") from exc
    if len(data) > limit:
        raise _too_large(None, limit)
    return data


def _read_stream(stream: IO[bytes], limit: int) -> bytes:
    declared = getattr(stream, "size", None)  # Django's UploadedFile knows its size
    if isinstance(declared, int) and declared > limit:
        raise _too_large(declared, limit)
    data = stream.read(limit + 1)
    if not isinstance(data, bytes | bytearray):
        raise UnreadableDocument("Tệp phải được mở ở chế độ nhị phân (bytes), không phải văn bản.")
    if len(data) > limit:
        raise _too_large(declared if isinstance(declared, int) else None, limit)
    return bytes(data)


# --- recognising the format --------------------------------------------------------------------
def sniff_format(data: bytes) -> str:
    """The format of ``data`` from its first bytes: "pdf", "zip", "png", "jpeg", "tiff", "ole",
    "executable", "rtf", "empty" or "text" (anything else; decided later)."""
    head = data[:16]
    if not data:
        return "empty"
    if b"%PDF-" in data[:_PDF_SEARCH_WINDOW]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(_MAGIC_OLE):
        return "ole"
    if head.startswith((b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")):
        return "executable"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    return "text"


def _refuse(message: str) -> Callable[[bytes], ExtractedText]:
    def reader(_data: bytes) -> ExtractedText:
        raise UnreadableDocument(message)

    return reader


def _read_zip(data: bytes) -> ExtractedText:
    from thidua.admindoc.extract_docx import read_docx

    return read_docx(data)


def _read_pdf(data: bytes) -> ExtractedText:
    from thidua.admindoc.extract_pdf import read_pdf

    return read_pdf(data)


def _read_image(data: bytes) -> ExtractedText:
    from thidua.admindoc.extract_ocr import read_image

    return read_image(data)


_READERS: Final[dict[str, Callable[[bytes], ExtractedText]]] = {
    "empty": _refuse(EMPTY_MESSAGE),
    "pdf": _read_pdf,
    "zip": _read_zip,
    "png": _read_image,
    "jpeg": _read_image,
    "tiff": _read_image,
    "ole": _refuse(
        "Tệp Word cũ (.doc) hoặc tệp Office được đặt mật khẩu: chưa hỗ trợ. "
        "Hãy mở bằng Word hoặc LibreOffice và lưu lại thành .docx (không mật khẩu)."
    ),
    "executable": _refuse(
        "Tệp chương trình (tệp thực thi hoặc kịch bản), không phải văn bản; "
        "từ chối vì lý do an toàn."
    ),
    "rtf": _refuse("Tệp RTF chưa được hỗ trợ; hãy lưu lại thành .docx hoặc .pdf."),
}


def _extract_bytes(data: bytes) -> ExtractedText:
    reader = _READERS.get(sniff_format(data), _read_text)
    return finish(reader(data))


# --- plain text --------------------------------------------------------------------------------
_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)


def _not_text() -> UnreadableDocument:
    return UnreadableDocument(
        "Tệp không phải văn bản: nội dung nhị phân không rõ định dạng "
        "(không phải .docx, .pdf, ảnh quét hay tệp chữ .txt)."
    )


def _decode_unicode(data: bytes) -> tuple[str, str] | None:
    """(text, flag) for data with a byte-order mark, UTF-16 without one, or UTF-8; else None."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), f"encoding:{name}"
            except UnicodeDecodeError as exc:
                raise _not_text() from exc
    if b"\x00" in data:
        return _decode_utf16_without_bom(data)
    try:
        return data.decode("utf-8"), "encoding:utf-8"
    except UnicodeDecodeError:
        return None


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str]:
    """Notepad-style UTF-16 without BOM: Vietnamese and ASCII text put NUL in every other byte
    on one side. Anything else with NUL bytes is binary."""
    if len(data) % 2 == 0 and len(data) >= 4:
        even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
        pairs = len(data) // 2
        for codec, nuls, other in (
            ("utf-16-le", odd_nuls, even_nuls),
            ("utf-16-be", even_nuls, odd_nuls),
        ):
            if nuls >= pairs * 0.3 and other == 0:
                try:
                    return data.decode(codec), f"encoding:{codec}"
                except UnicodeDecodeError:
                    break
    raise _not_text()


def _decode_single_byte(data: bytes) -> tuple[str, list[str]]:
    """Bytes that are not UTF-8: TCVN3 or VNI fonts (read through Windows-1252), else cp1258."""
    as_cp1252 = data.decode("cp1252", errors="admindoc-latin1")
    legacy = detect_legacy(as_cp1252)
    if legacy:
        return convert_legacy(as_cp1252, legacy), [
            "encoding:cp1252",
            f"encoding_converted:{legacy}",
        ]
    return decode_cp1258(data), ["encoding:cp1258"]


def _read_text(data: bytes) -> ExtractedText:
    decoded = _decode_unicode(data)
    if decoded is None:
        text, flags = _decode_single_byte(data)
    else:
        text, flags = decoded[0], [decoded[1]]
    if len(_CONTROL_RE.findall(text)) * 100 > len(text):
        raise _not_text()  # real text files have (almost) no control characters
    if not text.strip():
        raise UnreadableDocument(
            EMPTY_MESSAGE if not text else "Tệp chỉ có khoảng trắng: không có nội dung để đọc."
        )
    return ExtractedText(text=text, source_format="txt", flags=flags)


# --- common finishing --------------------------------------------------------------------------
def finish(result: ExtractedText) -> ExtractedText:
    """Normalise what every reader returns: line breaks as "\\n", NFC, legacy fonts converted."""
    text = _NEWLINES_RE.sub("\n", result.text.replace("\ufeff", ""))
    if _C1_RE.search(text):
        # C1 controls are Windows-1252 punctuation (“ ” – …) that went through Latin-1.
        text = _C1_RE.sub(lambda m: _CP1252_HIGH.get(ord(m.group()), m.group()), text)
    flags = list(result.flags)
    already = any(f.startswith("encoding_converted:") for f in flags)
    if not already and "ocr" not in flags:
        legacy = detect_legacy(text)
        if legacy:
            text = convert_legacy(text, legacy)
            flags.append(f"encoding_converted:{legacy}")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.strip() and "no_text" not in flags:
        flags.append("no_text")
    return ExtractedText(
        text=text, source_format=result.source_format, flags=flags, pages=result.pages
    )
