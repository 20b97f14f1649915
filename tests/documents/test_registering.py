"""Registering a document from its file: pre-filled from admindoc, saved only when confirmed,
files checked by content, full text searchable without diacritics, relations resolved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.documents.conftest import PDF, add_document, seed_docx, upload
from tests.org.factories import make_agency
from thidua.core.storage import private_storage
from thidua.documents.models import Document, DocumentRelation
from thidua.documents.registering import Pending, pending_purge, upload_read

pytestmark = pytest.mark.django_db


def test_a_seed_plan_prefills_number_date_issuer_and_summary(agency_a, province):
    # Given the old Sở Thông tin và Truyền thông (merged into agency A) is in the tree
    make_agency(province, code="STTTT", name="Sở Thông tin và Truyền thông", symbol="STTTT")

    # When the Office uploads the 31/KH-STTTT plan
    pending = upload_read(upload("kh-31.docx", seed_docx("004")), agency=agency_a)

    # Then what the document says is ready to confirm
    prefill = pending.prefill
    assert prefill["number_symbol"] == "31/KH-STTTT"
    assert prefill["doc_type"] == Document.Type.PLAN
    assert prefill["date"] == "2022-04-27"
    assert prefill["issuer"] == "Sở Thông tin và Truyền thông"
    assert prefill["summary"] == "Tuyên truyền về công tác thi đua, khen thưởng năm 2022"
    assert prefill["based_on"] == ["93/KH-UBND"]
    assert prefill["direction"] == Document.Direction.INCOMING
    assert "tuyên truyền" in pending.read_text().lower()
    # and nothing is in the registry yet
    assert Document.objects.count() == 0


def test_own_document_is_prefilled_as_outgoing(agency_a):
    text = (
        "UBND TỈNH AN GIANG\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 07/KH-SKHCN\n"
        "An Giang, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nTuyên truyền thi đua năm 2026\n"
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\n"
        "Kế hoạch này thay thế Kế hoạch số 03/KH-SKHCN ngày 02/01/2026.\n"
        "Kế hoạch có hiệu lực kể từ ngày ký.\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n"
    )
    from docx import Document as Docx

    word = Docx()
    for line in text.splitlines():
        word.add_paragraph(line)
    import io

    buffer = io.BytesIO()
    word.save(buffer)
    pending = upload_read(upload("kh.docx", buffer.getvalue()), agency=agency_a)
    assert pending.prefill["direction"] == Document.Direction.OUTGOING
    assert pending.prefill["issuer"] == "Sở Khoa học và Công nghệ"
    assert pending.prefill["replaces"] == ["03/KH-SKHCN"]
    assert pending.prefill["effective_date"] == pending.prefill["date"] == "2026-01-05"


def test_a_new_file_on_edit_replaces_the_searched_text(office_a, agency_a):
    from thidua.documents.library import document_update

    document = add_document(agency_a, number="70/KH-SKHCN", full_text="Nội dung cũ")
    document_update(document, actor=office_a, file=upload("kh.docx", seed_docx("002")))
    document.refresh_from_db()
    assert "Nội dung cũ" not in document.full_text
    assert "tay ninh" in document.search_text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.pdf", b"MZ\x90\x00 a program renamed", "Chỉ nhận văn bản dạng PDF"),
        ("rong.pdf", b"", "Tệp rỗng"),
        (
            "co-script.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>"
            b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
            "nội dung chạy được",
        ),
    ],
)
def test_uploads_are_checked_by_content(agency_a, name, data, message):
    with pytest.raises(ValidationError) as error:
        upload_read(upload(name, data), agency=agency_a)
    assert message in str(error.value)


def test_oversized_upload_is_refused_with_the_limit(agency_a, settings):
    settings.THIDUA_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as error:
        upload_read(upload("lon.pdf", PDF + b"0" * (1024 * 1024 + 1)), agency=agency_a)
    assert "giới hạn là 1 MB" in str(error.value)


def test_two_step_registration_saves_only_on_confirm(
    client_for, office_a, agency_a, division_a, province, django_capture_on_commit_callbacks
):
    make_agency(province, code="STTTT", name="Sở Thông tin và Truyền thông", symbol="STTTT")
    basis = add_document(agency_a, number="93/KH-UBND", issuer="UBND tỉnh", summary="Kế hoạch tỉnh")
    client = client_for(office_a)

    # Step 1: upload
    response = client.post(
        reverse("documents:register"),
        {"agency": agency_a.pk, "file": upload("kh-31.docx", seed_docx("004"))},
    )
    assert response.status_code == 302
    confirm_url = response["Location"]
    page = client.get(confirm_url).content.decode()
    assert 'value="31/KH-STTTT"' in page and "27/04/2022" in page
    assert Document.objects.count() == 1  # only the basis: nothing saved yet

    # Step 2: the user corrects the summary and saves
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            confirm_url,
            {
                "direction": "incoming",
                "doc_type": "ke_hoach",
                "number_symbol": "31/KH-STTTT",
                "date": "27/04/2022",
                "issuer": "Sở Thông tin và Truyền thông",
                "summary": "Tuyên truyền về công tác thi đua, khen thưởng năm 2022 (đã sửa)",
                "effective_date": "",
                "based_on": "93/KH-UBND; 06/2022/QH15",
                "replaces": "",
                "amends": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get(number_symbol="31/KH-STTTT")
    assert document.summary.endswith("(đã sửa)")
    assert document.file.name.endswith(".docx")
    relations = {(r.reference, r.target_id) for r in document.relations.all()}
    assert relations == {("93/KH-UBND", basis.pk), ("06/2022/QH15", None)}
    # the pending file is gone, and the confirmed session cannot be replayed
    token = confirm_url.rstrip("/").rsplit("/", 1)[-1]
    assert not private_storage().exists(f"pending/{token}/file")
    assert client.get(confirm_url)["Location"] == reverse("documents:register")

    # The full text is searchable without diacritics in the back office
    listing = client.get(reverse("library:index"), {"q": "nang cao nhan thuc cap uy"})
    assert "31/KH-STTTT" in listing.content.decode()
    assert "93/KH-UBND" not in listing.content.decode()
    # and the page shows the basis as a link
    detail = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert reverse("documents:detail", args=[basis.pk]) in detail


def test_abandoned_upload_leaves_nothing(client_for, office_a, agency_a):
    client = client_for(office_a)
    response = client.post(
        reverse("documents:register"),
        {"agency": agency_a.pk, "file": upload("kh.docx", seed_docx("002"))},
    )
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert private_storage().exists(f"pending/{token}/file")
    client.post(reverse("documents:register_abandon", args=[token]))
    assert not private_storage().exists(f"pending/{token}/file")
    assert Document.objects.count() == 0


def test_forgotten_uploads_are_purged_after_a_day(agency_a):
    pending = upload_read(upload("kh.docx", seed_docx("002")), agency=agency_a)
    assert pending_purge() == 0
    assert pending_purge(older_than=dt.timedelta(seconds=-1)) == 1
    assert not pending.exists()


def test_staff_and_other_offices_cannot_register(client_for, staff_a, office_b, agency_a):
    for user in (staff_a, office_b):
        response = client_for(user).post(
            reverse("documents:register"),
            {"agency": agency_a.pk, "file": upload("kh.docx", seed_docx("002"))},
        )
        assert response.status_code in (200, 302, 403)
        assert "dang-ky/" not in response.get("Location", "")
    assert Document.objects.count() == 0


def test_confirm_belongs_to_the_uploader(client_for, office_a, agency_a, office_b):
    response = client_for(office_a).post(
        reverse("documents:register"),
        {"agency": agency_a.pk, "file": upload("kh.docx", seed_docx("002"))},
    )
    # Another user's session does not know the token
    other = client_for(office_b).get(response["Location"])
    assert other.status_code == 302 and other["Location"] == reverse("documents:register")


def test_relation_to_itself_is_refused(office_a, agency_a):
    from thidua.documents.services import document_relations_set

    document = add_document(agency_a, number="40/KH-SKHCN")
    with pytest.raises(ValidationError):
        document_relations_set(document, relations={"amends": ["40/KH-SKHCN"]}, actor=office_a)
    document_relations_set(document, relations={"amends": ["39/KH-SKHCN"]}, actor=office_a)
    assert document.relations.get().kind == DocumentRelation.Kind.AMENDS


def test_pending_round_trips_through_the_session(agency_a):
    pending = upload_read(upload("kh.docx", seed_docx("002")), agency=agency_a)
    assert Pending.from_dict(pending.to_dict()) == pending
