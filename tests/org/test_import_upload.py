"""Uploads are checked by content before anything else; every refusal is a clear message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.org.import_helpers import import_media, upload, xlsx, zip_bytes  # noqa: F401
from thidua.org.models import ImportJob
from thidua.org.services import import_start

pytestmark = pytest.mark.usefixtures("import_media")

PEOPLE = [["Nguyễn Văn An", "Nam", "05/01/1985", None, None, "SKHCN", None, None]]


def refused(user, agency, content: bytes, name: str = "danh-sach.xlsx") -> str:
    with pytest.raises(ValidationError) as caught:
        import_start(upload(content, name), actor=user, agency=agency)
    assert not ImportJob.objects.exists()  # nothing is kept of a refused upload
    return " ".join(caught.value.messages)


def test_empty_file(office_a, agency_a):
    assert "rỗng" in refused(office_a, agency_a, b"")


def test_csv_renamed_to_xlsx(office_a, agency_a):
    message = refused(office_a, agency_a, "Họ và tên,Mã cơ quan\nAn,SKHCN\n".encode())
    assert "không phải là tệp Excel" in message


def test_old_binary_xls(office_a, agency_a):
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert ".xls" in refused(office_a, agency_a, content, "cu.xls")


def test_word_document_renamed_to_xlsx(office_a, agency_a):
    content = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert "Word" in refused(office_a, agency_a, content)


def test_macro_enabled_workbook(office_a, agency_a):
    content = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/vbaProject.bin": b"\0" * 100,
        }
    )
    assert "macro" in refused(office_a, agency_a, content, "macro.xlsm")


def test_over_the_size_limit(office_a, agency_a, settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1
    content = b"PK\x03\x04" + b"\0" * (1024 * 1024 + 1)
    assert "quá lớn" in refused(office_a, agency_a, content)


def test_zip_bomb(office_a, agency_a):
    content = zip_bytes(
        {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"0" * (50 * 1024 * 1024)}
    )
    assert "giải nén" in refused(office_a, agency_a, content)


def test_truncated_workbook(office_a, agency_a):
    content = xlsx(None, PEOPLE)
    assert "hỏng" in refused(office_a, agency_a, content[: len(content) // 2])


def test_zip_with_broken_workbook_xml(office_a, agency_a):
    content = zip_bytes(
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook><not closed"}
    )
    assert "Không đọc được" in refused(office_a, agency_a, content)


def test_workbook_without_the_expected_sheets(office_a, agency_a):
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Sheet1"
    buffer = BytesIO()
    workbook.save(buffer)

    job = import_start(upload(buffer.getvalue()), actor=office_a, agency=agency_a)

    assert job.status == ImportJob.Status.INVALID
    assert "Không tìm thấy sheet" in job.errors[0]["message"]


def test_a_user_without_the_office_role_cannot_start(staff_a, agency_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_start(upload(xlsx(None, PEOPLE)), actor=staff_a, agency=agency_a)
