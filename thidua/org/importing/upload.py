"""Checks an uploaded file before anything else is done with it.

The file is judged by its content, never by its name: an .xlsx is a zip archive holding
xl/workbook.xml. Old binary .xls, CSV and Word documents renamed to .xlsx, macro-enabled
workbooks (xlsm, vbaProject.bin) and zip bombs are refused with a message that says what to do.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

# Uncompressed content allowed per upload. A real staff list of 50,000 rows is ~30 MB of XML;
# anything far beyond that is a decompression bomb, not a spreadsheet.
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_ENTRIES = 2_000

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls / .doc
_ZIP_MAGIC = b"PK\x03\x04"
_MACRO_MARKERS = ("vbaproject.bin", "macroenabled", "vbadata.xml", "xl/macrosheets/")


class UploadRejected(Exception):
    """The upload cannot be used; ``message`` is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_upload_bytes() -> int:
    return int(settings.THIDUA_MAX_UPLOAD_MB) * 1024 * 1024


def check_upload(stream: IO[bytes], size: int) -> None:
    """Raise UploadRejected unless ``stream`` is a plain .xlsx workbook of acceptable size.

    ``stream`` is rewound before returning, so the caller can save it afterwards.
    """
    if size <= 0:
        raise UploadRejected(_("Tệp rỗng. Hãy chọn tệp Excel (.xlsx) có dữ liệu."))
    limit_mb = int(settings.THIDUA_MAX_UPLOAD_MB)
    if size > max_upload_bytes():
        raise UploadRejected(
            _("Tệp quá lớn (%(size).1f MB); giới hạn là %(limit)s MB. Hãy chia thành nhiều tệp.")
            % {"size": size / 1024 / 1024, "limit": limit_mb}
        )
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(_OLE2_MAGIC):
        raise UploadRejected(
            _(
                "Đây là tệp Excel định dạng cũ (.xls) hoặc tệp Office cũ. Hãy mở bằng Excel và "
                "lưu lại thành “Sổ làm việc Excel (.xlsx)” rồi tải lên."
            )
        )
    if not head.startswith(_ZIP_MAGIC):
        raise UploadRejected(
            _(
                "Tệp không phải là tệp Excel .xlsx (có thể là CSV, văn bản hoặc tệp bị đổi đuôi). "
                "Hãy tải mẫu, nhập dữ liệu vào mẫu và lưu dạng .xlsx."
            )
        )
    try:
        with zipfile.ZipFile(stream) as archive:
            _check_archive(archive, size)
    except zipfile.BadZipFile as exc:
        raise UploadRejected(
            _(
                "Tệp Excel bị hỏng hoặc tải lên chưa trọn vẹn. Hãy mở lại tệp bằng Excel, lưu lại "
                "và tải lên lần nữa."
            )
        ) from exc
    finally:
        stream.seek(0)
    _check_opens(stream)


def _check_archive(archive: zipfile.ZipFile, size: int) -> None:
    infos = archive.infolist()
    names = {info.filename.lower() for info in infos}
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UploadRejected(_("Tệp có cấu trúc bất thường (quá nhiều thành phần) nên bị từ chối."))
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES or total > MAX_COMPRESSION_RATIO * max(size, 1):
        raise UploadRejected(
            _(
                "Tệp bị từ chối vì khi giải nén quá lớn so với kích thước tệp (nghi là tệp độc "
                "hại). Hãy lưu lại tệp bằng Excel rồi tải lên."
            )
        )
    content_types = ""
    if "[content_types].xml" in names:
        content_types = archive.read("[Content_Types].xml")[:200_000].decode("utf-8", "replace")
    if any(marker in name for name in names for marker in _MACRO_MARKERS) or (
        "macroenabled" in content_types.lower()
    ):
        raise UploadRejected(
            _(
                "Tệp có chứa macro (tệp .xlsm hoặc có mã VBA) nên không được nhận. Hãy lưu lại "
                "thành “Sổ làm việc Excel (.xlsx)” không có macro rồi tải lên."
            )
        )
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise UploadRejected(
                _(
                    "Đây là văn bản Word bị đổi đuôi thành .xlsx. Hãy tải mẫu Excel và nhập dữ "
                    "liệu vào mẫu."
                )
            )
        raise UploadRejected(
            _(
                "Tệp không phải là sổ làm việc Excel (.xlsx). Hãy tải mẫu, nhập dữ liệu vào mẫu và "
                "lưu dạng .xlsx."
            )
        )
    bad = archive.testzip()
    if bad is not None:
        raise zipfile.BadZipFile(bad)


def _check_opens(stream: IO[bytes]) -> None:
    """openpyxl must be able to read the workbook's sheet list; anything else is corruption."""
    from openpyxl import load_workbook  # heavy import, only when a file arrives

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
        try:
            workbook.sheetnames  # noqa: B018 - forces the workbook part to be parsed
        finally:
            workbook.close()
    except Exception as exc:  # openpyxl raises many types for broken XML; all mean "corrupt"
        raise UploadRejected(
            _(
                "Không đọc được tệp Excel (tệp bị hỏng hoặc không đúng định dạng). Hãy mở lại tệp "
                "bằng Excel, lưu lại dạng .xlsx và tải lên lần nữa."
            )
        ) from exc
    finally:
        stream.seek(0)
