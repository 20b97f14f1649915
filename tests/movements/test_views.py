"""Back-office pages: the cascade and ranking views answer in a bounded number of queries at
two sizes; out-of-scope pages answer 404; registration and exports through the pages."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.movements.factories import YEAR, criteria, launched_movement, make_bloc, simple_table
from tests.org.factories import PersonFactory, make_agency, make_member
from thidua.movements import services
from thidua.movements.models import Duty, Registration
from thidua.org.models.role import Role

pytestmark = pytest.mark.django_db


def _agencies(province, n):
    return [make_agency(province, code=f"S{i:03d}", name=f"Sở thử nghiệm {i}") for i in range(n)]


@pytest.mark.parametrize("size", [3, 15])
def test_cascade_page_queries_do_not_grow_with_participants(
    size, province, office_province, client_for, django_assert_max_num_queries
):
    agencies = _agencies(province, size)
    movement = launched_movement(office_province, province, agencies)
    for agency in agencies[::2]:
        office = make_member(f"vp{agency.code}", agency, Role.OFFICE, "Cán bộ Văn phòng")
        services.duty_submit(
            Duty.objects.get(movement=movement, agency=agency, kind="registration"), actor=office
        )
    client = client_for(office_province)
    url = reverse("movements:cascade", args=[movement.pk])
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-status="waiting"') == len(agencies[::2])
    assert "Chưa gửi" in page


@pytest.mark.parametrize("size", [3, 12])
def test_ranking_page_queries_do_not_grow_with_members(
    size, province, client_for, django_assert_max_num_queries
):
    agencies = _agencies(province, size)
    offices = [make_member(f"vp{a.code}", a, Role.OFFICE, "Cán bộ Văn phòng") for a in agencies]
    bloc = make_bloc(agencies, leader=agencies[0])
    table = simple_table(offices[0], bloc)
    ids = criteria(table)
    for office, agency in zip(offices, agencies, strict=True):
        sheet = services.score_sheet_save(
            table,
            actor=office,
            subject=agency,
            scorer=agency,
            points={ids["1"]: 0, ids["2"]: 10, ids["3"]: 20},
        )
        services.score_sheet_submit(sheet, actor=office)
    client = client_for(offices[0])
    with django_assert_max_num_queries(35):
        response = client.get(reverse("movements:table", args=[table.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("đồng hạng") >= size


def test_out_of_scope_movement_and_table_answer_404(
    office_province, office_b, agency_a, agency_b, client_for, office_a
):
    draft = services.movement_create(
        actor=office_province,
        launched_by=agency_a.parent,
        name="Dự thảo",
        kind="regular",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        participants=[agency_a],
    )
    launched = launched_movement(office_province, agency_a.parent, [agency_a])
    client = client_for(office_b)
    for movement in (draft, launched):
        assert client.get(reverse("movements:cascade", args=[movement.pk])).status_code == 404
        assert client.get(reverse("movements:register", args=[movement.pk])).status_code == 404
    bloc = make_bloc([agency_a], leader=agency_a)
    table = simple_table(office_a, bloc)
    assert client.get(reverse("movements:table", args=[table.pk])).status_code == 404
    # A participant's Office follows the movement but may not review or launch.
    response = client_for(office_a).post(reverse("movements:launch", args=[launched.pk]))
    assert response.status_code == 403


def test_office_launches_from_the_page_and_participants_see_their_duties(
    office_province, office_a, agency_a, agency_b, client_for
):
    movement = services.movement_create(
        actor=office_province,
        launched_by=agency_a.parent,
        name="Cả nước chung tay vì người nghèo",
        kind="thematic",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        registration_due=dt.date(YEAR, 3, 1),
        participants=[agency_a, agency_b],
    )
    client = client_for(office_province)
    response = client.post(reverse("movements:launch", args=[movement.pk]), follow=True)
    assert "Đã phát động phong trào" in response.content.decode()
    page = client_for(office_a).get(reverse("movements:my_duties")).content.decode()
    assert "Cả nước chung tay vì người nghèo" in page
    assert f"01/03/{YEAR}" in page


def test_my_duties_lists_unfinished_work_by_default_and_the_rest_on_request(
    office_province, office_a, agency_a, client_for
):
    done = launched_movement(office_province, agency_a.parent, [agency_a], name="Đã xong hết")
    Duty.objects.filter(movement=done).update(status=Duty.Status.ACCEPTED)
    launched_movement(office_province, agency_a.parent, [agency_a], name="Còn phải gửi")
    client = client_for(office_a)
    url = reverse("movements:my_duties")
    page = client.get(url).content.decode()
    assert "Còn phải gửi" in page and "Đã xong hết" not in page
    accepted = client.get(url, {"trang_thai": "da-chap-nhan"}).content.decode()
    assert "Đã xong hết" in accepted and "Còn phải gửi" not in accepted
    everything = client.get(url, {"trang_thai": "tat-ca"}).content.decode()
    assert "Đã xong hết" in everything and "Còn phải gửi" in everything


def test_my_duties_pages_without_counting(
    office_province, office_a, agency_a, client_for, monkeypatch
):
    monkeypatch.setattr("thidua.movements.views.duties.DUTIES_PER_PAGE", 2)
    for n in range(2):
        launched_movement(office_province, agency_a.parent, [agency_a], name=f"Phong trào {n}")
    client = client_for(office_a)
    url = reverse("movements:my_duties")
    first = client.get(url).content.decode()
    assert first.count('data-status="') == 2 and "p=2" in first
    second = client.get(url, {"p": 2}).content.decode()
    assert second.count('data-status="') >= 1 and "p=1" in second


def test_return_with_reason_from_the_cascade_page(office_province, office_a, agency_a, client_for):
    movement = launched_movement(office_province, agency_a.parent, [agency_a])
    duty = Duty.objects.get(movement=movement, agency=agency_a, kind="registration")
    client_for(office_a).post(reverse("movements:submit", args=[duty.pk]))
    client = client_for(office_province)
    client.post(
        reverse("movements:review", args=[movement.pk, duty.pk]),
        {"action": "return", "reason": "Thiếu danh sách cá nhân"},
    )
    page = client.get(reverse("movements:cascade", args=[movement.pk])).content.decode()
    assert "Trả lại" in page and "Thiếu danh sách cá nhân" in page


def test_unit_head_registers_unit_and_members_through_the_page(
    office_province, unit_head_a, division_a, agency_a, client_for
):
    movement = launched_movement(office_province, agency_a.parent, [agency_a])
    people = [PersonFactory(agency=division_a) for _ in range(3)]
    client = client_for(unit_head_a)
    url = reverse("movements:register", args=[movement.pk])
    page = client.get(url).content.decode()
    assert people[0].full_name in page
    data = {
        "form": "unit",
        "year": YEAR,
        "unit": division_a.pk,
        "unit_title_code": "TTLDXS",
        "covenant_text": "Cam kết",
        "signed_name": "Lê Văn Dũng",
    }
    data |= {f"member-{p.pk}": "LDTT" for p in people}
    response = client.post(url, data, follow=True)
    assert "Đã ghi nhận đăng ký thi đua" in response.content.decode()
    assert Registration.objects.filter(movement=movement).count() == 4

    export = client.get(
        reverse("movements:export_registrations", args=[movement.pk]),
        {"agency": division_a.pk, "year": YEAR},
    )
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(export.content)).active
    names = {c for row in ws.iter_rows(values_only=True) for c in row if c}
    assert people[0].full_name in names


def test_ranking_exports_xlsx_and_decree_30_docx(
    province, agency_a, agency_b, office_a, office_b, client_for
):
    from docx import Document

    bloc = make_bloc([agency_a, agency_b], leader=agency_a)
    table = simple_table(office_a, bloc)
    ids = criteria(table)
    for office, agency in ((office_a, agency_a), (office_b, agency_b)):
        sheet = services.score_sheet_save(
            table,
            actor=office,
            subject=agency,
            scorer=agency,
            points={ids["1"]: 0, ids["2"]: 15, ids["3"]: 30},
        )
        services.score_sheet_submit(sheet, actor=office)
    # Before publication only the bloc leader sees the ranking.
    assert (
        client_for(office_b)
        .get(reverse("movements:ranking_export", args=[table.pk, "xlsx"]))
        .status_code
        == 403
    )
    client = client_for(office_a)
    xlsx = client.get(reverse("movements:ranking_export", args=[table.pk, "xlsx"]))
    assert xlsx.status_code == 200
    docx = client.get(reverse("movements:ranking_export", args=[table.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "BÁO CÁO" in text
    assert "Sở Nội vụ: 45 điểm" in text
    assert "đồng hạng" in text
    sheet_xlsx = client.get(reverse("movements:sheet_export", args=[table.pk, 0]))
    assert sheet_xlsx.status_code == 200


def test_evidence_is_served_only_to_those_who_see_the_sheet(
    agency_a, agency_b, office_a, office_b, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.movements.models import Criterion

    bloc = make_bloc([agency_a, agency_b], leader=agency_a)
    table = simple_table(office_a, bloc)
    ids = criteria(table)
    sheet = services.score_sheet_save(
        table,
        actor=office_a,
        subject=agency_a,
        scorer=agency_a,
        points={ids["1"]: 30, ids["2"]: 15, ids["3"]: 30},
    )
    evidence = services.evidence_upload(
        sheet,
        actor=office_a,
        criterion=Criterion.objects.get(pk=ids["1"]),
        upload=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 minh chung"),
    )
    url = reverse("movements:evidence", args=[evidence.pk])
    assert client_for(office_b).get(url).status_code == 404
    response = client_for(office_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    services.score_sheet_submit(sheet, actor=office_a)
    assert client_for(office_b).get(url).status_code == 200


def test_bloc_leader_issues_a_table_written_as_text_and_a_covenant(
    agency_a, agency_b, office_a, office_b, client_for
):
    from thidua.movements.models import Covenant, Criterion, ScoringTable

    bloc = make_bloc([agency_a, agency_b], leader=agency_a)
    text = (
        "I. Nhiệm vụ chuyên môn\n"
        "1. Hoàn thành chỉ tiêu | 60 | minh chứng\n"
        "2. Cải cách hành chính | 40\n"
        "II. Điểm thưởng, điểm trừ\n"
        "3. Cờ thi đua của tỉnh | 10 | thưởng\n"
        "4. Chậm báo cáo | 2,5 | trừ\n"
    )
    url = reverse("movements:table_new", args=[bloc.pk]) + f"?year={YEAR}"
    assert client_for(office_b).get(url).status_code == 403
    client = client_for(office_a)
    assert "Khối trưởng năm" in client.get(reverse("movements:blocs")).content.decode()
    bad = client.post(url, {"title": "Bảng điểm", "text": "1. Không có mục | 10"})
    assert "phải nằm dưới một mục" in bad.content.decode()
    client.post(url, {"title": "Bảng điểm", "text": text})
    table = ScoringTable.objects.get(bloc=bloc, year=YEAR)
    kinds = dict(Criterion.objects.filter(section__table=table).values_list("code", "kind"))
    assert kinds == {"1": "score", "2": "score", "3": "bonus", "4": "penalty"}
    assert Criterion.objects.get(section__table=table, code="1").evidence_required
    # The form for the next version starts from the current table.
    assert "4. Chậm báo cáo | 2,5 | trừ" in client.get(url).content.decode()

    cov_url = reverse("movements:covenant_edit", args=[bloc.pk]) + f"?year={YEAR}"
    client.post(cov_url, {"title": "Giao ước thi đua", "text": "Các bên cam kết.", "place": ""})
    covenant = Covenant.objects.get(bloc=bloc, year=YEAR)
    client_for(office_b).post(
        reverse("movements:covenant", args=[covenant.pk]),
        {"agency": agency_b.pk, "signer_name": "Đặng Quốc Bảo", "signer_position": "Giám đốc"},
    )
    assert covenant.signatories.get().agency == agency_b


def test_home_panel_lists_work_owed_and_work_to_review(
    office_province, office_a, agency_a, client_for
):
    movement = launched_movement(office_province, agency_a.parent, [agency_a])
    page = client_for(office_a).get(reverse("wagtailadmin_home")).content.decode()
    assert "Việc phải gửi cấp phát động" in page and movement.name in page
    duty = Duty.objects.get(movement=movement, agency=agency_a, kind="registration")
    services.duty_submit(duty, actor=office_a)
    page = client_for(office_province).get(reverse("wagtailadmin_home")).content.decode()
    assert "1 việc chờ duyệt" in page


def test_back_office_search_finds_movements_without_diacritics(
    office_province, office_a, office_b, agency_a, client_for
):
    movement = launched_movement(office_province, agency_a.parent, [agency_a])
    url = reverse("org:search") + "?q=van+hoa+cong+so"
    assert movement.name in client_for(office_a).get(url).content.decode()
    assert movement.name not in client_for(office_b).get(url).content.decode()


def test_self_scoring_through_the_page_with_evidence_then_send(
    agency_a, agency_b, office_a, office_b, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.movements.models import ScoreSheet

    bloc = make_bloc([agency_a, agency_b], leader=agency_a)
    table = simple_table(office_a, bloc)
    ids = criteria(table)
    url = reverse("movements:sheet", args=[table.pk, agency_a.pk])
    client = client_for(office_a)
    points = {f"points-{ids['1']}": "35", f"points-{ids['2']}": "18,5", f"points-{ids['3']}": "30"}
    response = client.post(url, {**points, "action": "submit"})
    assert "cần minh chứng" in response.content.decode()  # refused: evidence missing
    client.post(
        url,
        {
            "action": "evidence",
            "criterion": ids["1"],
            "file": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 bao cao"),
        },
    )
    page = client.post(url, {**points, "action": "submit"}, follow=True).content.decode()
    assert "Đã gửi phiếu chấm cho khối" in page
    sheet = ScoreSheet.objects.get(table=table, subject=agency_a)
    assert sheet.total == 83.5 and sheet.submitted_at is not None
    # Agency B now sees A's sheet on the table page, but not the ranking before publication.
    page_b = client_for(office_b).get(reverse("movements:table", args=[table.pk])).content.decode()
    assert 'id="sheets"' in page_b
    assert any(total in page_b for total in ("83,5", "83.5"))
    assert 'id="ranking"' not in page_b


@pytest.mark.parametrize("size", [2, 8])
def test_work_owed_page_queries_do_not_grow_with_movements(
    size,
    office_province,
    office_a,
    unit_head_a,
    agency_a,
    division_a,
    client_for,
    django_assert_max_num_queries,
):
    """Given an agency taking part in several movements, each with a registration from one of its
    units, the Office's page of work owed shows each movement's consolidated registration and
    its query count does not grow with the number of movements."""
    people = [PersonFactory(agency=division_a) for _ in range(2)]
    for i in range(size):
        movement = launched_movement(
            office_province, agency_a.parent, [agency_a], name=f"Phong trào thử {i}"
        )
        services.registration_bulk(
            actor=unit_head_a,
            movement=movement,
            year=YEAR,
            unit=division_a,
            unit_title_code="TTLDXS",
            members={p.pk: "LDTT" for p in people},
        )
    client = client_for(office_a)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("movements:my_duties"))
    page = response.content.decode()
    assert page.count("Tổng hợp đăng ký thi đua") == size
    assert page.count("Lao động tiên tiến: 2") == size
