"""Back-office and public pages of dossiers, the ledger and candidates: what each role sees,
404 outside scope, bounded queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from tests.awards.factories import attach_required, award, initiative, make_person, ratings, title
from thidua.admindoc.check import check_docx
from thidua.awards.models import Proposal, ProposalStatus, YearRating
from thidua.awards.reports import achievement_report
from thidua.awards.services import proposals as svc

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(unit_head_a, division_a, nominee_a):
    ratings(nominee_a, y2025="good")
    return svc.proposal_create(
        actor=unit_head_a,
        title=title("CSTDCS"),
        year=2025,
        proposing_agency=division_a,
        person=nominee_a,
        achievements="Hoàn thành tốt nhiệm vụ chuyên môn.",
    )


def test_unit_creates_a_dossier_through_the_form(client_for, unit_head_a, division_a, nominee_a):
    client = client_for(unit_head_a)
    page = client.get(reverse("awards:proposal_create"))
    assert page.status_code == 200
    response = client.post(
        reverse("awards:proposal_create"),
        {
            "title": title("LDTT").pk,
            "year": 2025,
            "proposing_agency": division_a.pk,
            "person": nominee_a.pk,
            "procedure": "normal",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:proposal_detail", args=[proposal.pk])


def test_office_checks_from_the_dossier_page_and_sees_the_failing_rule(
    client_for, dossier, unit_head_a, office_a
):
    attach_required(dossier)
    client = client_for(unit_head_a)
    client.post(reverse("awards:proposal_step", args=[dossier.pk, "submit"]))
    office = client_for(office_a)
    office.post(reverse("awards:proposal_step", args=[dossier.pk, "check"]))
    page = office.get(reverse("awards:proposal_detail", args=[dossier.pk]))
    text = page.content.decode()
    assert "Chưa đủ tiêu chuẩn" in text
    assert "Điều 23 Luật TĐKT 2022" in text
    assert "Trả lại đơn vị" in text
    office.post(
        reverse("awards:proposal_step", args=[dossier.pk, "return"]),
        {"reason": "Bổ sung sáng kiến"},
    )
    dossier.refresh_from_db()
    assert dossier.status == ProposalStatus.RETURNED


def test_agency_b_gets_404_for_a_dossier_of_agency_a(client_for, dossier, office_b):
    client = client_for(office_b)
    for name in ("proposal_detail", "proposal_report"):
        assert client.get(reverse(f"awards:{name}", args=[dossier.pk])).status_code == 404
    assert (
        client.post(reverse("awards:proposal_step", args=[dossier.pk, "check"])).status_code == 404
    )
    listing = client.get(reverse("awards_proposal:index"))
    assert listing.status_code == 200
    assert dossier.nominee_name not in listing.content.decode()


def test_generated_report_is_a_decree_30_docx_that_can_be_uploaded_back(
    client_for, dossier, unit_head_a, nominee_a
):
    award(nominee_a, "LDTT", 2024)
    client = client_for(unit_head_a)
    response = client.get(reverse("awards:proposal_report", args=[dossier.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Huỳnh Văn Phúc" in text
    assert "Lao động tiên tiến" in text
    # The unit edits it and uploads it back as the achievement report
    upload = io.BytesIO(response.content)
    upload.name = "bao-cao.docx"
    client.post(
        reverse("awards:proposal_upload", args=[dossier.pk]),
        {"kind": "bao_cao_thanh_tich", "file": upload},
    )
    assert dossier.documents.filter(kind="bao_cao_thanh_tich").count() == 1
    # A second upload of the same kind replaces the first
    upload.seek(0)
    client.post(
        reverse("awards:proposal_upload", args=[dossier.pk]),
        {"kind": "bao_cao_thanh_tich", "file": upload},
    )
    assert dossier.documents.filter(kind="bao_cao_thanh_tich").count() == 1
    # ...and downloads under the name it was uploaded with, not the storage's renamed copy
    latest = dossier.documents.get(kind="bao_cao_thanh_tich")
    download = client.get(reverse("awards:document_download", args=[dossier.pk, latest.pk]))
    assert 'filename="bao-cao.docx"' in download["Content-Disposition"]


def test_upload_refuses_files_that_are_not_documents(client_for, dossier, unit_head_a):
    client = client_for(unit_head_a)
    fake = io.BytesIO(b"MZ\x90\x00 not a document")
    fake.name = "to-trinh.docx"
    response = client.post(
        reverse("awards:proposal_upload", args=[dossier.pk]),
        {"kind": "to_trinh", "file": fake},
        follow=True,
    )
    assert "Chỉ nhận văn bản Word" in response.content.decode()
    assert not dossier.documents.exists()


def test_public_list_and_comment_form(client, office_a, unit_head_a, division_a, nominee_a):
    award(nominee_a, "CSTDCS", 2023, 2024, 2025)
    initiative(nominee_a, 2025, "province")
    proposal = svc.proposal_create(
        actor=unit_head_a,
        title=title("CSTD_TINH"),
        year=2025,
        proposing_agency=division_a,
        person=nominee_a,
    )
    attach_required(proposal)
    svc.proposal_submit(proposal, actor=unit_head_a)
    svc.proposal_check(proposal, actor=office_a)
    svc.proposal_publicise(proposal, actor=office_a)
    listing = client.get(reverse("awards_public:list"))
    assert "Huỳnh Văn Phúc" in listing.content.decode()
    response = client.post(
        reverse("awards_public:detail", args=[proposal.pk]),
        {"name": "Lê Thị Dân", "body": "Tôi xác nhận sáng kiến có hiệu quả."},
        follow=True,
    )
    assert "Cảm ơn bạn" in response.content.decode()
    assert proposal.comments.get().name == "Lê Thị Dân"


@pytest.mark.parametrize("name", ["list", "decisions"])
def test_public_awards_pages_wear_the_portal_header_and_footer(db, client, name):
    html = client.get(reverse(f"awards_public:{name}")).content.decode()
    assert "Tìm kiếm trên cổng" in html  # the portal's search box in the header
    assert "Xác minh bằng khen, giấy khen" in html  # the portal's footer links
    assert "<script" not in html


def test_a_draft_is_not_public(client, dossier):
    assert client.get(reverse("awards_public:detail", args=[dossier.pk])).status_code == 404


@pytest.mark.parametrize("people", [3, 30])
def test_candidates_page_queries_do_not_grow_with_people(
    people, client_for, office_a, agency_a, division_a, django_assert_max_num_queries
):
    for n in range(people):
        person = make_person(division_a, f"Cán bộ {n}")
        ratings(person, y2025="excellent")
        award(person, "CSTDCS", 2024)
    client = client_for(office_a)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("awards:candidates"), {"agency": agency_a.pk, "year": 2025})
    assert page.status_code == 200
    assert "Cán bộ 0" in page.content.decode()


def test_candidates_are_evaluated_one_page_of_people_at_a_time(
    client_for, office_a, agency_a, division_a
):
    from thidua.awards.queries import CANDIDATES_PER_PAGE

    for n in range(CANDIDATES_PER_PAGE + 5):
        person = make_person(division_a, f"Cán bộ {n:03d}")
        ratings(person, y2025="excellent")
        award(person, "CSTDCS", 2024)
    # The division qualifies as a collective: its rating and members' titles are in the ledger
    YearRating.objects.create(agency=division_a, year=2025, rating="excellent")
    client = client_for(office_a)
    url = reverse("awards:candidates")
    first = client.get(url, {"agency": agency_a.pk, "year": 2025}).content.decode()
    assert "Cán bộ 000" in first and f"Cán bộ {CANDIDATES_PER_PAGE - 1:03d}" in first
    assert f"Cán bộ {CANDIDATES_PER_PAGE:03d}" not in first
    assert "p=2" in first
    second = client.get(url, {"agency": agency_a.pk, "year": 2025, "p": 2}).content.decode()
    assert f"Cán bộ {CANDIDATES_PER_PAGE:03d}" in second and "Cán bộ 000" not in second
    # Collectives (the agency and its units one level down) are evaluated on the first page
    assert reverse("awards:agency_ledger", args=[division_a.pk]) in first
    assert reverse("awards:agency_ledger", args=[division_a.pk]) not in second


@pytest.mark.parametrize("dossiers", [2, 20])
def test_dossier_list_queries_do_not_grow(
    dossiers, client_for, office_a, unit_head_a, division_a, django_assert_max_num_queries
):
    for n in range(dossiers):
        person = make_person(division_a, f"Người {n}")
        svc.proposal_create(
            actor=unit_head_a,
            title=title("LDTT"),
            year=2025,
            proposing_agency=division_a,
            person=person,
        )
    client = client_for(office_a)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("awards_proposal:index"))
    assert page.status_code == 200


def test_person_ledger_page_and_entries_by_the_office(client_for, office_a, staff_a, nominee_a):
    client = client_for(office_a)
    url = reverse("awards:person_ledger", args=[nominee_a.pk])
    client.post(
        reverse("awards:ledger_add", args=["person", nominee_a.pk, "rating"]),
        {"rating-year": 2025, "rating-rating": "excellent"},
    )
    page = client.get(url).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page
    # A staff member reads only their own record
    assert client_for(staff_a).get(url).status_code == 404


def test_collective_ledger_page_for_the_office_only(client_for, office_a, office_b, division_a):
    client = client_for(office_a)
    client.post(
        reverse("awards:ledger_add", args=["agency", division_a.pk, "entry"]),
        {"entry-title": title("TTLDTT").pk, "entry-year": 2024},
    )
    url = reverse("awards:agency_ledger", args=[division_a.pk])
    assert "Tập thể lao động tiên tiến" in client.get(url).content.decode()
    assert client_for(office_b).get(url).status_code == 404


def test_dashboard_panel_lists_dossiers_waiting(client_for, dossier, unit_head_a, office_a):
    attach_required(dossier)
    svc.proposal_submit(dossier, actor=unit_head_a)
    page = client_for(office_a).get(reverse("wagtailadmin_home")).content.decode()
    assert "Hồ sơ khen thưởng chờ bạn xử lý" in page
    assert "Huỳnh Văn Phúc" in page


def test_catalogue_is_searched_without_diacritics(client_for, office_a):
    listing = client_for(office_a).get(reverse("awards_title:index"), {"q": "lao dong tien"})
    html = listing.content.decode()
    assert "Lao động tiên tiến" in html
    assert "Chiến sĩ thi đua cơ sở" not in html


def test_catalogue_is_read_by_all_and_rules_edited_by_the_province(
    client_for, office_a, province_admin
):
    cstd = title("CSTD_TINH")
    assert client_for(office_a).get(reverse("awards_title:index")).status_code == 200
    url = reverse("awards:title_rules", args=[cstd.pk])
    assert "Thêm phiên bản" not in client_for(office_a).get(url).content.decode()
    admin = client_for(province_admin)
    response = admin.post(
        url,
        {
            "rules": '[{"type": "title_streak", "title": "CSTDCS", "count": 4, '
            '"basis": "Điều 22"}]',
            "valid_from": "01/01/2027",
            "note": "Quy định mới của tỉnh",
        },
    )
    assert response.status_code == 302
    assert cstd.rule_versions.count() == 2
    bad = admin.post(url, {"rules": "[{", "valid_from": "01/01/2027", "note": "x"})
    assert "Không đọc được JSON" in bad.content.decode()
    assert dt.date(2027, 1, 1) == cstd.rule_versions.order_by("-number").first().valid_from


def test_generated_report_passes_the_decree_30_check(dossier, nominee_a):
    award(nominee_a, "LDTT", 2023, 2024)
    problems = check_docx(achievement_report(dossier, on=dt.date(2026, 1, 5)))
    assert problems == [], [str(p) for p in problems]


def test_only_the_province_admin_edits_a_title(client_for, office_a, province_admin):
    ldtt = title("LDTT")
    url = reverse("awards_title:edit", args=[ldtt.pk])
    assert client_for(office_a).get(url).status_code in (302, 403)
    page = client_for(province_admin).get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {
        name: (form.initial.get(name) if form.initial.get(name) is not None else "")
        for name in form.fields
    }
    data.update(
        money_coefficient="0.35",
        required_documents='["to_trinh"]',
        required_documents_simplified='["to_trinh"]',
        valid_from="01/01/2024",
        valid_to="",
    )
    data = {k: v for k, v in data.items() if v is not False}
    response = client_for(province_admin).post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    ldtt.refresh_from_db()
    assert str(ldtt.money_coefficient) == "0.35"
