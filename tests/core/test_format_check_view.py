"""Checking a typed Word document against Decree 30 from the back office."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.admindoc.model import AdminDocument, Section, Signer
from thidua.admindoc.render import render

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(data: bytes, name: str = "ke-hoach.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=DOCX)


def rendered_plan() -> bytes:
    import datetime as dt

    return render(
        AdminDocument(
            parent_body="UBND TỈNH AN GIANG",
            issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            number="12/KH-SKHCN",
            type_abbr="KH",
            type_name="Kế hoạch",
            place="An Giang",
            date=dt.date(2026, 1, 5),
            title="Tuyên truyền công tác thi đua, khen thưởng năm 2026",
            sections=[Section("I", "MỤC ĐÍCH, YÊU CẦU", "Nâng cao nhận thức về thi đua.")],
            recipients=["Ban Thi đua – Khen thưởng tỉnh", "Lưu: VT, VP"],
            signer=Signer("KT.", ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trần Văn Bình"),
        )
    )


def test_a_correct_document_passes(office_a, client_for):
    page = client_for(office_a).post(
        reverse("core:format_check"), {"file": upload(rendered_plan())}
    )
    assert page.status_code == 200
    assert "Đạt: không thấy điểm nào khác" in page.text


def test_a_hand_typed_document_gets_its_problems_in_vietnamese(office_a, client_for):
    document = docx.Document()
    document.add_paragraph("Kế hoạch tuyên truyền gõ tay bằng phông mặc định")
    buffer = io.BytesIO()
    document.save(buffer)
    page = client_for(office_a).post(
        reverse("core:format_check"), {"file": upload(buffer.getvalue())}
    )
    assert "điểm chưa đúng thể thức" in page.text
    assert "Times New Roman" in page.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.text


def test_a_file_that_is_not_a_docx_is_refused_with_a_message(office_a, client_for):
    page = client_for(office_a).post(
        reverse("core:format_check"), {"file": upload(b"%PDF-1.7 fake", "x.docx")}
    )
    assert page.status_code == 200
    assert "không phải" in page.text.lower() or "hỏng" in page.text


def test_oversize_files_are_refused(office_a, client_for, settings):
    settings.THIDUA_MAX_UPLOAD_MB = 0
    page = client_for(office_a).post(
        reverse("core:format_check"), {"file": upload(rendered_plan())}
    )
    assert "lớn hơn giới hạn" in page.text


def test_anonymous_users_are_sent_to_login(client):
    assert client.get(reverse("core:format_check")).status_code == 302
