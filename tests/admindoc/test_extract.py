"""extract(): every format made here from the seeds, read back in reading order; every bad input
refused with UnreadableDocument and a Vietnamese message saying what was wrong."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from thidua.admindoc import extract_ocr, extract_pdf
from thidua.admindoc.extract import MAX_FILE_BYTES, extract, sniff_format
from thidua.admindoc.legacy_encodings import to_cp1258, to_tcvn3, to_vni
from thidua.admindoc.model import ExtractedText, UnreadableDocument

if TYPE_CHECKING:
    from PIL import Image

BuildDocx = Callable[..., bytes]
Fold = Callable[[str], str]
RequireTool = Callable[[str], None]
Header = tuple[tuple[str, ...], tuple[str, ...]]


def body_paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


# --- plain text -------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_txt_seed_is_read_as_is(
    seed_paths: dict[str, Path], seed_texts: dict[str, str], number: str
) -> None:
    result = extract(seed_paths[number])
    assert result == ExtractedText(
        text=seed_texts[number], source_format="txt", flags=["encoding:utf-8"]
    )
    assert not result.ocr and not result.encoding_converted


def test_txt_from_str_path_bytes_and_file_object(
    seed_paths: dict[str, Path], seed_texts: dict[str, str]
) -> None:
    path = seed_paths["004"]
    expected = seed_texts["004"]
    assert extract(str(path)).text == expected
    assert extract(path.read_bytes()).text == expected
    assert extract(bytearray(path.read_bytes())).text == expected
    with path.open("rb") as handle:
        assert extract(handle).text == expected


@pytest.mark.parametrize(
    ("encode", "flag"),
    [
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "encoding:utf-8"),
        (lambda t: t.encode("utf-16"), "encoding:utf-16"),
        (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "encoding:utf-16"),
        (lambda t: t.encode("utf-16-le"), "encoding:utf-16-le"),
        (lambda t: t.encode("utf-32"), "encoding:utf-32"),
        (to_cp1258, "encoding:cp1258"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom", "utf-32", "cp1258"],
)
def test_txt_encodings(
    seed_texts: dict[str, str], encode: Callable[[str], bytes], flag: str
) -> None:
    original = seed_texts["004"]
    result = extract(encode(original))
    assert result.text == original
    assert result.flags == [flag]


def test_txt_nfd_and_crlf_are_normalised(seed_texts: dict[str, str]) -> None:
    import unicodedata

    original = seed_texts["004"]
    data = unicodedata.normalize("NFD", original).replace("\n", "\r\n").encode("utf-8")
    assert extract(data).text == original


@pytest.mark.parametrize(("make", "name"), [(to_tcvn3, "tcvn3"), (to_vni, "vni")])
def test_txt_legacy_font_bytes_are_converted(
    seed_texts: dict[str, str], make: Callable[[str], str], name: str
) -> None:
    # The raw 8-bit file, as saved by Word 97 with a .VnTime / VNI-Times font.
    original = seed_texts["004"]
    result = extract(make(original).encode("cp1252"))
    assert result.flags == ["encoding:cp1252", f"encoding_converted:{name}"]
    assert result.encoding_converted
    assert result.text.casefold() == original.casefold()
    if name == "vni":
        assert result.text == original


@pytest.mark.parametrize(("make", "name"), [(to_tcvn3, "tcvn3"), (to_vni, "vni")])
@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_txt_legacy_mojibake_saved_as_unicode_is_converted(
    seed_texts: dict[str, str], make: Callable[[str], str], name: str, codec: str
) -> None:
    # A Windows program read the legacy bytes as cp1252/latin-1 and saved the result as UTF-8.
    original = seed_texts["004"]
    mojibake = make(original).encode("cp1252").decode(codec)
    result = extract(mojibake.encode("utf-8"))
    assert result.flags == ["encoding:utf-8", f"encoding_converted:{name}"]
    assert result.text.casefold() == original.casefold()
    assert "KẾ HOẠCH" in result.text and "I. MỤC ĐÍCH, YÊU CẦU" in result.text


# --- .docx ------------------------------------------------------------------------------------
def test_docx_header_table_then_paragraphs_in_reading_order(
    seed_texts: dict[str, str], build_docx: BuildDocx, docx_header: Header
) -> None:
    body = body_paragraphs(seed_texts["004"])[:8]
    result = extract(build_docx(body))
    assert result.source_format == "docx"
    left, right = docx_header
    assert result.text.split("\n") == [*left, *right, *body]


def test_docx_tables_between_paragraphs_keep_their_place(build_docx: BuildDocx) -> None:
    rows = [("TT", "Đơn vị", "Nhiệm vụ"), ("1", "Văn phòng Sở", "Chủ trì, tham mưu")]
    data = build_docx(
        ["III. TỔ CHỨC THỰC HIỆN"], header=None, table_rows=rows, after_table=["Nơi nhận:"]
    )
    lines = extract(data).text.split("\n")
    assert lines == ["III. TỔ CHỨC THỰC HIỆN", *rows[0], *rows[1], "Nơi nhận:"]


def test_docx_automatic_numbering_is_written_out() -> None:
    import docx

    document = docx.Document()
    for text in ("Mục đích", "Yêu cầu"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Tuyên truyền trên Cổng thông tin", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    assert extract(buffer.getvalue()).text.split("\n") == [
        "1. Mục đích",
        "2. Yêu cầu",
        "- Tuyên truyền trên Cổng thông tin",
    ]


def test_docx_typed_with_vntime_font_is_converted(
    seed_texts: dict[str, str], build_docx: BuildDocx
) -> None:
    body = body_paragraphs(seed_texts["004"])[:6]
    result = extract(build_docx([to_tcvn3(p) for p in body], header=None))
    assert "encoding_converted:tcvn3" in result.flags
    assert result.text.casefold() == "\n".join(body).casefold()


def test_docx_without_text_is_flagged(build_docx: BuildDocx) -> None:
    result = extract(build_docx([], header=None))
    assert result.text == ""
    assert result.flags == ["no_text"]


# --- .pdf -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_pdf(
    tmp_path_factory: pytest.TempPathFactory,
    seed_texts: dict[str, str],
    build_docx: BuildDocx,
    require_tool: RequireTool,
) -> bytes:
    """Seed 004 as a .docx with its header table, converted to PDF by LibreOffice."""
    require_tool("libreoffice")
    tmp = tmp_path_factory.mktemp("pdf")
    source = tmp / "ke-hoach.docx"
    source.write_bytes(build_docx(body_paragraphs(seed_texts["004"])))
    office = shutil.which("libreoffice") or shutil.which("soffice") or "libreoffice"
    profile = (tmp / "profile").as_uri()  # own profile: runs beside other LibreOffice processes
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return (tmp / "ke-hoach.pdf").read_bytes()


@pytest.mark.slow
def test_pdf_text_layer(
    seed_pdf: bytes, seed_texts: dict[str, str], fold: Fold, docx_header: Header
) -> None:
    result = extract(seed_pdf)
    assert result.source_format == "pdf"
    assert result.pages and result.pages >= 2
    assert "ocr" not in result.flags
    lines = [line.strip() for line in result.text.split("\n")]
    title = next(i for i, line in enumerate(lines) if line.startswith("KẾ HOẠCH"))
    assert lines.index("UBND TỈNH KIÊN GIANG") < title
    left, right = docx_header
    assert fold(result.text) == fold(
        "\n".join([*left, *right, *body_paragraphs(seed_texts["004"])])
    )


def render_page(font_path: str, lines: list[str]) -> Image.Image:
    """A white A4-ish page with black text, like a clean scan at 150 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1240, 1754), color=255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path, 34)
    y = 120
    for line in lines:
        draw.text((110, y), line, font=font, fill=0)
        y += 60
    return page


SCAN_LINES = [
    "KẾ HOẠCH",
    "Tuyên truyền về công tác thi đua, khen thưởng năm 2022",
    "Sở Thông tin và Truyền thông xây dựng kế hoạch",
    "tuyên truyền về công tác thi đua như sau:",
]


def assert_ocr_read(result: ExtractedText, fold: Fold) -> None:
    assert "ocr" in result.flags, result.flags
    folded = fold(result.text)
    for expected in ("ke hoach", "thi dua", "khen thuong nam 2022", "so thong tin va truyen thong"):
        assert expected in folded, result.text
    assert "KẾ HOẠCH" in result.text


@pytest.fixture
def scanned_pdf(vietnamese_font: str) -> bytes:
    buffer = io.BytesIO()
    render_page(vietnamese_font, SCAN_LINES).save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


@pytest.mark.slow
def test_pdf_without_text_layer_is_ocred(
    scanned_pdf: bytes, fold: Fold, require_tool: RequireTool
) -> None:
    require_tool("tesseract")
    require_tool("pdftoppm")
    result = extract(scanned_pdf)
    assert result.source_format == "pdf" and result.pages == 1
    assert_ocr_read(result, fold)


@pytest.mark.slow
def test_pdf_scan_without_pdftoppm_ocrs_the_embedded_image(
    scanned_pdf: bytes, monkeypatch: pytest.MonkeyPatch, fold: Fold, require_tool: RequireTool
) -> None:
    require_tool("tesseract")
    monkeypatch.setattr(extract_pdf, "_render", lambda *_: None)
    assert_ocr_read(extract(scanned_pdf), fold)


def test_pdf_scan_without_tesseract_says_so(
    scanned_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_pdf, "ocr_available", lambda: False)
    result = extract(scanned_pdf)
    assert result.text == ""
    assert result.flags == ["ocr_unavailable", "no_text"]
    assert result.pages == 1


# --- images -----------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "TIFF"])
def test_image_is_ocred(
    vietnamese_font: str, image_format: str, fold: Fold, require_tool: RequireTool
) -> None:
    require_tool("tesseract")
    buffer = io.BytesIO()
    render_page(vietnamese_font, SCAN_LINES).save(buffer, format=image_format)
    result = extract(buffer.getvalue(), filename=f"scan.{image_format.lower()}")
    assert result.source_format == "image" and result.pages == 1
    assert_ocr_read(result, fold)


def test_image_without_tesseract_says_so(
    vietnamese_font: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract_ocr, "ocr_available", lambda: False)
    buffer = io.BytesIO()
    render_page(vietnamese_font, SCAN_LINES[:1]).save(buffer, format="PNG")
    result = extract(buffer.getvalue())
    assert (result.text, result.source_format, result.flags) == (
        "",
        "image",
        ["ocr_unavailable", "no_text"],
    )


# --- the type comes from the content, not the name --------------------------------------------
def test_extension_is_ignored(
    tmp_path: Path, build_docx: BuildDocx, seed_texts: dict[str, str]
) -> None:
    misnamed = tmp_path / "ke-hoach.pdf"
    misnamed.write_bytes(build_docx(["KẾ HOẠCH"], header=None))
    assert extract(misnamed).source_format == "docx"
    text_as_docx = tmp_path / "ke-hoach.docx"
    text_as_docx.write_text(seed_texts["004"], encoding="utf-8")
    assert extract(text_as_docx).source_format == "txt"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7", "pdf"),
        (b"junk\n%PDF-1.4", "pdf"),
        (b"PK\x03\x04", "zip"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"\x7fELF", "executable"),
        (b"MZ\x90\x00", "executable"),
        (b"", "empty"),
        ("Kế hoạch".encode(), "text"),
    ],
)
def test_sniff_format(head: bytes, kind: str) -> None:
    assert sniff_format(head) == kind


# --- refusals ---------------------------------------------------------------------------------
def refused(source: object, **kwargs: object) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        extract(source, **kwargs)  # type: ignore[arg-type]
    return str(caught.value)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "trong.txt"
    empty.write_bytes(b"")
    assert refused(empty) == "Tệp rỗng: không có nội dung để đọc."
    assert refused(b"") == "Tệp rỗng: không có nội dung để đọc."
    assert "khoảng trắng" in refused(b" \r\n\t \n")


def test_too_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "lon.pdf"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk and must never be read

    def no_open(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr("builtins.open", no_open)
    assert refused(huge) == "Tệp quá lớn (200 MB); giới hạn là 50 MB."


def test_too_large_bytes_and_streams() -> None:
    assert MAX_FILE_BYTES == 50 * 1024 * 1024
    assert refused(b"x" * 2048, max_bytes=1024) == "Tệp quá lớn (2 KB); giới hạn là 1 KB."
    assert (
        refused(b"x" * 3 * 1024 * 1024, max_bytes=1024 * 1024)
        == "Tệp quá lớn (3,0 MB); giới hạn là 1,0 MB."
    )
    assert refused(io.BytesIO(b"x" * 2048), max_bytes=1024).startswith("Tệp quá lớn (hơn")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x7fELF\x02\x01\x01" + bytes(100), "thực thi"),
        (b"MZ\x90\x00\x03" + bytes(100), "thực thi"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ".doc"),
        (b"{\\rtf1\\ansi Ke hoach}", "RTF"),
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF", "PDF bị hỏng"),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "ảnh bị hỏng"),
        (b"\xff\xd8\xff\xe0garbage", "ảnh bị hỏng"),
        (bytes(range(256)) * 8, "không phải văn bản"),
        (os.urandom(4096), "không phải văn bản"),
    ],
    ids=[
        "elf",
        "exe",
        "ole-doc",
        "rtf",
        "broken-pdf",
        "broken-png",
        "broken-jpeg",
        "binary",
        "random",
    ],
)
def test_not_a_document(data: bytes, words: str) -> None:
    assert words in refused(data)


def test_missing_path_and_directory(tmp_path: Path) -> None:
    assert "Không tìm thấy tệp" in refused(tmp_path / "khong-co.docx")
    assert "thư mục" in refused(tmp_path)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def with_entries(docx_bytes: bytes, extra: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    return zip_bytes({**entries, **extra})


def test_zip_that_is_not_a_docx() -> None:
    assert "không phải văn bản Word" in refused(zip_bytes({"notes.txt": b"hello"}))
    assert "Excel" in refused(zip_bytes({"xl/workbook.xml": b"<workbook/>"}))


def test_docx_with_macros_is_refused(build_docx: BuildDocx) -> None:
    macro = with_entries(build_docx(["KẾ HOẠCH"]), {"word/vbaProject.bin": b"\x00VBA"})
    assert "macro" in refused(macro)


def test_docx_zip_bomb_is_refused(build_docx: BuildDocx) -> None:
    bomb = with_entries(
        build_docx(["KẾ HOẠCH"]), {"word/media/image1.bin": bytes(20 * 1024 * 1024)}
    )
    assert len(bomb) < 1024 * 1024
    assert "bom nén" in refused(bomb)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[: len(d) // 2],
        lambda d: with_entries(d, {"word/document.xml": b"<w:document><w:body><w:p>"}),
        lambda d: with_entries(d, {"word/document.xml": b"<?xml version='1.0'?><nothing/>"}),
    ],
    ids=["truncated", "broken-xml", "no-body"],
)
def test_corrupt_docx(build_docx: BuildDocx, damage: Callable[[bytes], bytes]) -> None:
    message = refused(damage(build_docx(["KẾ HOẠCH"])))
    assert "hỏng" in message


def test_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="mat-khau", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "mật khẩu" in refused(buffer.getvalue())


# --- the CI rule for external tools -----------------------------------------------------------
def test_missing_tool_fails_in_ci_and_skips_elsewhere(
    require_tool: RequireTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI must have"):
        require_tool("no-such-tool-for-admindoc")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_tool("no-such-tool-for-admindoc")
