"""The back office in Vietnamese: dashboard panels, creating a person, history, export and
query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.org.factories import PersonFactory
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


def test_dashboard_shows_my_work_panels_in_vietnamese(office_a, client_for):
    page = client_for(office_a).get(reverse("wagtailadmin_home")).text
    assert "Việc của tôi" in page
    assert "Đơn vị và vai trò của tôi" in page
    assert "Văn phòng (đầu mối thi đua) – Sở Khoa học và Công nghệ" in page
    assert "Chưa có việc nào" in page  # the empty state says what will appear


def test_office_creates_a_person_and_the_history_shows_it(office_a, division_a, client_for):
    client = client_for(office_a)
    response = client.post(
        reverse("people:add"),
        {
            "full_name": "Trương Thị Mỹ Duyên",
            "gender": "female",
            "date_of_birth": "05/01/1990",
            "position": "Chuyên viên",
            "agency": division_a.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    person = Person.objects.get(full_name="Trương Thị Mỹ Duyên")
    assert person.date_of_birth.isoformat() == "1990-01-05"  # typed as dd/mm/yyyy
    client.post(
        reverse("people:edit", args=[person.pk]),
        {
            "full_name": "Trương Thị Mỹ Duyên",
            "gender": "female",
            "date_of_birth": "05/01/1990",
            "position": "Phó Chánh Văn phòng",
            "is_active": "on",
        },
    )
    history = client.get(reverse("people:history", args=[person.pk])).text
    assert "Đã tạo" in history
    assert "Đã cập nhật: chức vụ" in history
    assert "vanphong.a" in history or "Trần Thị Hồng Nhung" in history


def test_service_errors_show_on_the_form(office_a, division_a, client_for):
    response = client_for(office_a).post(
        reverse("people:add"),
        {"full_name": "Lý Văn Bốn", "agency": division_a.pk, "id_number": "123", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "12 chữ số" in response.text
    assert not Person.objects.filter(full_name="Lý Văn Bốn").exists()


def test_people_export_as_spreadsheet(office_a, division_a, client_for):
    PersonFactory(full_name="Hồ Thị Kim Chi", agency=division_a)
    response = client_for(office_a).get(reverse("people:index") + "?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_people_list_query_count_does_not_grow_with_rows(office_a, division_a, client_for):
    client = client_for(office_a)
    PersonFactory.create_batch(3, agency=division_a)
    client.get(reverse("people:index"))  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:index"))
    PersonFactory.create_batch(30, agency=division_a)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("people:index"))
    assert len(many) == len(few)
    assert len(few) <= 25


def test_english_is_selectable(office_a, client_for):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(office_a)
    profile.preferred_language = "en"
    profile.save()
    page = client_for(office_a).get(reverse("wagtailadmin_home")).text
    assert "Dashboard" in page or "Search" in page


def test_recent_activity_shows_only_changes_in_scope(
    office_a, office_b, division_a, division_b, client_for
):
    from thidua.org import services

    services.person_create(actor=office_a, agency=division_a, full_name="Kha Thị Ngọc Hân")
    services.person_create(actor=office_b, agency=division_b, full_name="Quách Văn Lộc")
    client = client_for(office_a)
    client.get(reverse("wagtailadmin_home"))  # warm caches
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("wagtailadmin_home")).text
    assert "Kha Thị Ngọc Hân" in page
    assert "Quách Văn Lộc" not in page
    assert len(queries) <= 30


def test_agency_list_shows_the_tree_and_keeps_queries_flat(
    office_a, agency_a, division_a, client_for
):
    from tests.org.factories import make_agency

    client = client_for(office_a)
    page = client.get(reverse("agencies:index")).text
    assert f"— — {division_a.name}" in page
    client.get(reverse("agencies:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("agencies:index"))
    for n in range(20):
        make_agency(agency_a, code=f"SKHCN-P{n}", name=f"Phòng số {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("agencies:index"))
    assert len(many) == len(few)


def test_role_list_query_count_does_not_grow(office_a, division_a, client_for):
    from tests.org.factories import UserFactory
    from thidua.org.models import RoleAssignment
    from thidua.org.models.role import Role

    client = client_for(office_a)
    client.get(reverse("roles:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("roles:index"))
    for _ in range(15):
        RoleAssignment.objects.create(user=UserFactory(), agency=division_a, role=Role.STAFF)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("roles:index"))
    assert len(many) == len(few)


def test_role_form_lists_only_people_in_scope_in_constant_queries(
    office_a, division_a, division_b, client_for
):
    from tests.org.factories import PersonFactory, UserFactory

    client = client_for(office_a)
    PersonFactory(full_name="Ninh Văn Ngoài", agency=division_b, user=UserFactory(username="ngoai"))
    client.get(reverse("roles:add"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("roles:add"))
    for n in range(10):
        PersonFactory(agency=division_a, user=UserFactory(username=f"trong{n}"))
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("roles:add")).text
    assert len(many) == len(few)
    assert "trong3" in page and "ngoai" not in page


def test_people_are_listed_by_given_name(office_a, division_a, client_for):
    for name in ("Trần Thị Xuân", "Đặng Văn Bảo", "Bùi Thị Yến"):
        PersonFactory(full_name=name, agency=division_a)
    page = client_for(office_a).get(reverse("people:index")).text
    positions = [page.index(name) for name in ("Đặng Văn Bảo", "Trần Thị Xuân", "Bùi Thị Yến")]
    assert positions == sorted(positions)


def test_my_work_lists_the_users_import_jobs_with_progress(office_a, agency_a, client_for):
    from thidua.org.models import ImportJob

    ImportJob.objects.create(
        agency=agency_a,
        original_name="can-bo-2026.xlsx",
        created_by=office_a,
        file="x.xlsx",
        status=ImportJob.Status.VALIDATING,
        total_rows=200,
        processed_rows=50,
    )
    ImportJob.objects.create(
        agency=agency_a,
        original_name="co-quan.xlsx",
        created_by=office_a,
        file="y.xlsx",
        status=ImportJob.Status.DONE,
        total_rows=10,
        processed_rows=10,
    )
    page = client_for(office_a).get(reverse("wagtailadmin_home"))
    assert page.status_code == 200
    assert "can-bo-2026.xlsx</a> – Đang kiểm tra (25%)" in page.text
    assert "co-quan.xlsx</a> – Hoàn tất<" in page.text
