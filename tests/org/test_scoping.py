"""Office staff of agency A never sees agency B's people or roles: by list, detail URL or search."""

import pytest
from django.urls import reverse

from tests.org.factories import PersonFactory
from thidua.org import queries
from thidua.org.models import Person, RoleAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(
    office_a, office_b, unit_head_a, staff_a, province_admin, division_a, division_b, agency_b
):
    return {
        "a_person": PersonFactory(full_name="Nguyễn Văn An", agency=division_a),
        "b_person": PersonFactory(full_name="Nguyễn Văn Bình", agency=division_b),
        "b_role": RoleAssignment.objects.get(user=office_b),
    }


def test_queries_scope_people_to_the_users_agencies(
    world, office_a, office_b, unit_head_a, staff_a, province_admin
):
    visible_to_a = set(queries.people_visible_to(office_a))
    assert world["a_person"] in visible_to_a
    assert world["b_person"] not in visible_to_a
    assert world["a_person"] not in set(queries.people_visible_to(office_b))
    # a unit head sees their division only; staff see only themselves
    assert world["a_person"] in set(queries.people_visible_to(unit_head_a))
    assert list(queries.people_visible_to(staff_a)) == [Person.objects.get(user=staff_a)]
    assert set(queries.people_visible_to(province_admin)) == set(Person.objects.all())


def test_queries_scope_roles(world, office_a):
    roles = set(queries.roles_visible_to(office_a))
    assert world["b_role"] not in roles
    assert RoleAssignment.objects.get(user=office_a) in roles


def test_admin_people_list_hides_other_agencies(world, office_a, client_for):
    response = client_for(office_a).get(reverse("people:index"))
    assert response.status_code == 200
    assert "Nguyễn Văn An" in response.text
    assert "Nguyễn Văn Bình" not in response.text


def test_admin_search_without_diacritics_stays_in_scope(world, office_a, client_for):
    response = client_for(office_a).get(reverse("people:index"), {"q": "nguyen van"})
    assert "Nguyễn Văn An" in response.text
    assert "Nguyễn Văn Bình" not in response.text


@pytest.mark.parametrize("view", ["edit", "inspect", "history"])
def test_detail_urls_of_other_agencies_are_not_found(world, office_a, client_for, view):
    client = client_for(office_a)
    url = reverse(f"people:{view}", args=[world["b_person"].pk])
    assert client.get(url).status_code == 404
    own = reverse(f"people:{view}", args=[world["a_person"].pk])
    assert client.get(own).status_code == 200


def test_role_pages_of_other_agencies_are_not_found(world, office_a, client_for):
    client = client_for(office_a)
    assert client.get(reverse("roles:inspect", args=[world["b_role"].pk])).status_code == 404
    assert client.post(reverse("roles:delete", args=[world["b_role"].pk])).status_code == 404
    assert RoleAssignment.objects.filter(pk=world["b_role"].pk).exists()
    listing = client.get(reverse("roles:index")).text
    assert "vanphong.b" not in listing


def test_filter_choices_do_not_leak_other_agencies(world, office_a, client_for):
    page = client_for(office_a).get(reverse("people:index")).text
    assert "Sở Nội vụ" not in page
    assert "Ban Thi đua – Khen thưởng" not in page


def test_export_is_scoped(world, office_a, client_for):
    response = client_for(office_a).get(reverse("people:index") + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.text
    assert "Nguyễn Văn An" in body
    assert "Nguyễn Văn Bình" not in body


def test_staff_cannot_list_people(world, staff_a, client_for):
    response = client_for(staff_a).get(reverse("people:index"))
    assert response.status_code in {302, 403}


def test_anonymous_is_sent_to_login(world, client):
    response = client.get(reverse("people:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_office_cannot_create_person_in_other_agency_via_form(
    world, office_a, division_b, client_for
):
    response = client_for(office_a).post(
        reverse("people:add"),
        {"full_name": "Kẻ Xâm Nhập", "agency": division_b.pk, "is_active": "on"},
    )
    assert response.status_code == 200  # the form re-renders with an error
    assert not Person.objects.filter(full_name="Kẻ Xâm Nhập").exists()


def test_wagtail_site_history_does_not_leak_other_agencies(
    world, office_a, office_b, division_b, client_for
):
    """Wagtail's site history lists log entries of content types the user holds Django
    permissions on; our role backend grants none on org models, so B's changes stay hidden."""
    from thidua.org import services

    services.person_create(actor=office_b, agency=division_b, full_name="Quách Văn Bí Mật")
    page = client_for(office_a).get("/admin/reports/site-history/")
    assert page.status_code == 200
    assert "Bí Mật" not in page.text


@pytest.mark.parametrize(
    "url", ["/admin/users/", "/admin/groups/", "/admin/pages/", "/admin/documents/"]
)
def test_office_staff_cannot_open_wagtail_system_screens(world, office_a, client_for, url):
    response = client_for(office_a).get(url)
    assert response.status_code in {302, 403}


def test_expired_agencies_are_not_managed(office_a, agency_a, division_a):
    import datetime as dt

    division_a.valid_to = dt.date.today() - dt.timedelta(days=1)
    division_a.save()
    assert division_a not in set(queries.agencies_managed_by(office_a))
    assert agency_a in set(queries.agencies_managed_by(office_a))


def test_policies_answer_instance_questions_in_the_database(world, office_a, province_admin):
    """What Wagtail asks of a permission policy ("which objects may this user change?") matches
    the per-object predicates, without loading rows into Python."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.permission_policies.base import BasePermissionPolicy
    from wagtail.permissions import policy_registry

    from thidua.org.models import Agency

    for model in (Person, Agency, RoleAssignment):
        policy: BasePermissionPolicy = policy_registry.get_by_type(model)
        for user in (office_a, province_admin):
            for action in ("view", "change", "delete"):
                with CaptureQueriesContext(connection) as captured:
                    allowed = policy.instances_user_has_permission_for(user, action)
                assert len(captured) <= 2  # a lazy queryset: at most the scope lookup
                expected = {
                    obj.pk
                    for obj in model.objects.all()
                    if policy.user_has_permission_for_instance(user, action, obj)
                }
                assert set(allowed.values_list("pk", flat=True)) == expected, (model, user, action)
