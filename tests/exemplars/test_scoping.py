"""Who sees which exemplars: unit heads their units, the Office its agency, the province all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.exemplars.factories import make_exemplar, make_field
from thidua.exemplars import queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(agency_a, division_a, division_b, field_a, field_shared):
    from tests.org.factories import make_agency

    other_division_a = make_agency(agency_a, code="SKHCN-QLKH", name="Phòng Quản lý khoa học")
    return {
        "a_division": make_exemplar(division_a, field=field_a, name="Điển hình Văn phòng Sở"),
        "a_other": make_exemplar(other_division_a, field=field_a, name="Điển hình Phòng QLKH"),
        "a_agency": make_exemplar(agency_a, field=field_shared, name="Tập thể Sở KHCN"),
        "b": make_exemplar(
            division_b, field=make_field(None, "Nội vụ"), name="Điển hình Sở Nội vụ"
        ),
    }


def _names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


def test_each_role_sees_its_scope(
    world, office_a, unit_head_a, leader_a, editor_a, staff_a, office_b, province_admin
):
    everything_a = {"Điển hình Văn phòng Sở", "Điển hình Phòng QLKH", "Tập thể Sở KHCN"}
    assert _names(queries.exemplars_visible_to(office_a)) == everything_a
    assert _names(queries.exemplars_visible_to(leader_a)) == everything_a
    assert _names(queries.exemplars_visible_to(editor_a)) == everything_a
    assert _names(queries.exemplars_visible_to(unit_head_a)) == {"Điển hình Văn phòng Sở"}
    assert _names(queries.exemplars_visible_to(staff_a)) == set()
    assert _names(queries.exemplars_visible_to(office_b)) == {"Điển hình Sở Nội vụ"}
    assert len(_names(queries.exemplars_visible_to(province_admin))) == 4


def test_unit_head_edits_only_own_unit(world, unit_head_a, leader_a):
    assert _names(queries.exemplars_managed_by(unit_head_a)) == {"Điển hình Văn phòng Sở"}
    assert _names(queries.exemplars_managed_by(leader_a)) == set()


def test_list_page_is_scoped_and_filters_by_stage(world, unit_head_a, office_a, client_for):
    page = client_for(unit_head_a).get(reverse("exemplars:index")).text
    assert "Điển hình Văn phòng Sở" in page
    assert "Điển hình Phòng QLKH" not in page
    assert "Điển hình Sở Nội vụ" not in page
    client = client_for(office_a)
    assert "Tập thể Sở KHCN" in client.get(reverse("exemplars:index")).text
    nurturing = client.get(reverse("exemplars:index"), {"stage": "nurturing"}).text
    assert "Tập thể Sở KHCN" not in nurturing


def test_list_search_ignores_diacritics(world, office_a, client_for):
    page = client_for(office_a).get(reverse("exemplars:index"), {"q": "tap the so khcn"}).text
    assert "Tập thể Sở KHCN" in page
    assert "Điển hình Văn phòng Sở" not in page


def test_out_of_scope_detail_and_operations_answer_404(world, office_b, client_for):
    client = client_for(office_b)
    pk = world["a_division"].pk
    for url in (
        reverse("exemplars:inspect", args=[pk]),
        reverse("exemplars:edit", args=[pk]),
        reverse("exemplars:history", args=[pk]),
        reverse("exemplars_ops:nurture", args=[pk]),
        reverse("exemplars_ops:drop", args=[pk]),
        reverse("exemplars_ops:coverage", args=[pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_leader_sees_but_cannot_nurture(world, leader_a, client_for):
    client = client_for(leader_a)
    pk = world["a_division"].pk
    page = client.get(reverse("exemplars:inspect", args=[pk])).text
    assert "Cho phép công bố trên cổng" in page
    assert "Đưa vào bồi dưỡng" not in page
    response = client.post(
        reverse("exemplars_ops:nurture", args=[pk]),
        {"goals": "Mục tiêu", "started_on": "01/03/2025"},
    )
    assert response.status_code in (302, 403)  # Wagtail turns the refusal into a redirect
    assert response.headers.get("Location", "") != reverse("exemplars:inspect", args=[pk])
    world["a_division"].refresh_from_db()
    assert world["a_division"].stage == "discovered"


def test_fields_of_other_agencies_are_not_offered(world, office_a, office_b):
    assert set(queries.fields_visible_to(office_a).values_list("name", flat=True)) == {
        "Khoa học và công nghệ",
        "Cải cách hành chính",
        "Nội vụ",
    }
    assert "Khoa học và công nghệ" not in set(
        queries.fields_visible_to(office_b).values_list("name", flat=True)
    )


def test_back_office_search_finds_exemplars_in_scope(world, office_b, client_for):
    page = client_for(office_b).get(reverse("org:search"), {"q": "dien hinh"}).text
    assert "Điển hình Sở Nội vụ" in page
    assert "Điển hình Văn phòng Sở" not in page


def test_staff_without_a_reading_role_cannot_open_the_list(world, staff_a, client_for):
    response = client_for(staff_a).get(reverse("exemplars:index"))
    assert response.status_code in (302, 403)
