"""Certificates: one per awardee whose title has one (none for LĐTT), a verification code and a
QR code of the public page, which shows the awardee, title, decision and whether revoked."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.test import Client

from tests.awards import council_helpers
from tests.awards.council_helpers import open_session, proposal_at_council, vote
from tests.tools import require_tool
from thidua.admindoc.check import check_docx
from thidua.admindoc.extract import extract
from thidua.awards.models import Certificate
from thidua.awards.services import decisions as svc
from thidua.awards.services import voting
from thidua.awards.services.certificates import docx_to_pdf, new_code

world = council_helpers.world
ISSUED_ON = dt.date(2026, 1, 5)


@pytest.fixture
def issued(world, leader_a):
    p_ldtt = proposal_at_council("LDTT", person=world.nam, unit=world.unit)
    session = open_session(world, [world.p_thao, world.p_nam, p_ldtt])
    for user in world.members:
        vote(session, user, "approve", "approve", "approve")
    voting.session_close(session, actor=world.chair)
    draft = svc.decision_draft_from_session(session, actor=world.office)
    return svc.decision_issue(draft, date=ISSUED_ON, actor=leader_a)


def test_each_awardee_gets_the_certificate_of_their_title_and_ldtt_none(issued):
    kinds = {
        (c.awardee.name, c.awardee.title.code): c.kind
        for c in Certificate.objects.select_related("awardee__title")
    }
    assert kinds == {
        ("Phạm Thị Thảo", "CSTDCS"): "bang_chung_nhan",
        ("Đoàn Văn Nam", "GIAY_KHEN"): "giay_khen",
    }
    assert issued.awardees.filter(title__code="LDTT").count() == 1  # in the decision only


def test_a_certificate_carries_its_code_qr_and_the_decision(issued):
    certificate = Certificate.objects.get(kind="giay_khen")
    with certificate.file.open("rb") as handle:
        data = handle.read()
    text = extract(data, filename="gk.docx").text
    assert "GIẤY KHEN" in text and "Ông Đoàn Văn Nam" in text
    assert f"Số: {issued.symbol}" in text and certificate.code in text
    assert "ngày 05 tháng 01 năm 2026" in text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())  # the QR
    # Decree 30 layout: everything that applies to a certificate passes
    assert check_docx(data) == []


def test_the_public_page_verifies_a_certificate_and_shows_a_revocation(issued, leader_a):
    certificate = Certificate.objects.get(kind="bang_chung_nhan")
    page = Client().get(f"/xac-minh/{certificate.code}/")
    body = page.content.decode()
    assert page.status_code == 200
    for expected in ("Phạm Thị Thảo", "Chiến sĩ thi đua cơ sở", issued.symbol, "05/01/2026"):
        assert expected in body
    assert "CÒN HIỆU LỰC" in body
    svc.decision_revoke(
        issued, reason="Kê khai không trung thực", awardees=[certificate.awardee], actor=leader_a
    )
    body = Client().get(f"/xac-minh/{certificate.code.lower()}/").content.decode()
    assert "ĐÃ BỊ THU HỒI" in body and "Kê khai không trung thực" in body


@pytest.mark.django_db
def test_an_unknown_code_says_so():
    page = Client().get(f"/xac-minh/{new_code()}/")
    assert page.status_code == 404
    assert "Không tìm thấy" in page.content.decode()


def test_codes_are_not_guessable():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 14 and c.count("-") == 2 for c in codes)


def test_certificate_downloads_are_for_the_agency_only(issued, client_for, office_b, office_a):
    certificate = Certificate.objects.get(kind="giay_khen")
    url = f"/admin/awards/certificates/{certificate.pk}/docx/"
    assert client_for(office_b).get(url).status_code == 404
    response = client_for(office_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_certificate_as_pdf(issued):
    require_tool("libreoffice")
    certificate = Certificate.objects.get(kind="giay_khen")
    with certificate.file.open("rb") as handle:
        pdf = docx_to_pdf(handle.read())
    assert pdf is not None and pdf.startswith(b"%PDF")


def test_issued_decisions_are_listed_publicly_and_revoked_ones_marked(
    issued, world, django_assert_max_num_queries
):
    client = Client()
    # The first visit in a portal generation also learns that no article is stored at the
    # address (portal/rendering.py); later visits read only the list.
    client.get("/khen-thuong/quyet-dinh/")
    with django_assert_max_num_queries(6):
        page = client.get("/khen-thuong/quyet-dinh/")
    html = page.content.decode()
    assert page.status_code == 200
    assert issued.symbol in html and "05/01/2026" in html

    svc.decision_revoke(issued, reason="Phát hiện kê khai sai thành tích", actor=world.office)
    html = client.get("/khen-thuong/quyet-dinh/?nam=2026").content.decode()
    assert issued.symbol in html and "đã thu hồi" in html
    assert "Chưa có quyết định" in client.get("/khen-thuong/quyet-dinh/?nam=2020").content.decode()


def test_public_decision_list_is_empty_before_any_decision(db):
    html = Client().get("/khen-thuong/quyet-dinh/").content.decode()
    assert "Chưa có quyết định khen thưởng nào được ban hành" in html
