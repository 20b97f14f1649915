import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.org.factories import UserFactory
from thidua.org import services
from thidua.org.models import Person, RoleAssignment
from thidua.org.models.role import Role

pytestmark = pytest.mark.django_db


def test_create_person_with_employment_and_audit(office_a, division_a):
    person = services.person_create(
        actor=office_a,
        agency=division_a,
        full_name="  Nguyễn   Thị  Lan ",
        gender="female",
        date_of_birth=dt.date(1990, 1, 2),
        id_number="089190000123",
        since=dt.date(2020, 1, 1),
    )
    assert person.full_name == "Nguyễn Thị Lan"
    assert person.search_text == "nguyen thi lan 089190000123"
    assert person.employments.get().start_date == dt.date(2020, 1, 1)
    assert (
        ModelLogEntry.objects.filter(object_id=str(person.pk), action="thidua.create").count() == 1
    )


@pytest.mark.parametrize("bad", ["12345", "08919000012A", "0891900001234"])
def test_id_number_must_have_12_digits(office_a, division_a, bad):
    with pytest.raises(ValidationError) as excinfo:
        services.person_create(actor=office_a, agency=division_a, full_name="A", id_number=bad)
    assert "12 chữ số" in str(excinfo.value)
    assert not Person.objects.filter(full_name="A").exists()


def test_future_birth_date_is_refused(office_a, division_a):
    with pytest.raises(ValidationError, match="tương lai"):
        services.person_create(
            actor=office_a,
            agency=division_a,
            full_name="B",
            date_of_birth=dt.date.today() + dt.timedelta(days=1),
        )


def test_update_records_only_changed_fields(office_a, division_a):
    person = services.person_create(
        actor=office_a, agency=division_a, full_name="Lê Văn Tùng", position="Chuyên viên"
    )
    services.person_update(
        person, actor=office_a, position="Phó Trưởng phòng", full_name="Lê Văn Tùng"
    )
    entry = ModelLogEntry.objects.get(object_id=str(person.pk), action="thidua.update")
    assert entry.data["changes"] == {"position": ["Chuyên viên", "Phó Trưởng phòng"]}
    services.person_update(person, actor=office_a, position="Phó Trưởng phòng")
    assert (
        ModelLogEntry.objects.filter(object_id=str(person.pk), action="thidua.update").count() == 1
    )


def test_transfer_closes_and_opens_employment(office_a, division_a, agency_a):
    person = services.person_create(
        actor=office_a, agency=division_a, full_name="Đỗ Minh Quân", since=dt.date(2019, 1, 1)
    )
    services.person_transfer(
        person, actor=office_a, to=agency_a, on=dt.date(2024, 7, 1), position="Chánh Văn phòng"
    )
    periods = list(person.employments.order_by("start_date").values_list("end_date", "position"))
    assert periods == [(dt.date(2024, 6, 30), ""), (None, "Chánh Văn phòng")]


def test_unit_head_cannot_edit_people(unit_head_a, division_a, office_a):
    person = services.person_create(actor=office_a, agency=division_a, full_name="Ngô Thị Hạnh")
    with pytest.raises(PermissionDenied):
        services.person_update(person, actor=unit_head_a, position="X")


def test_role_grant_and_revoke(office_a, division_a, office_b, agency_b):
    user = UserFactory(username="moi")
    assignment = services.role_grant(actor=office_a, user=user, agency=division_a, role=Role.EDITOR)
    with pytest.raises(ValidationError, match="đã có vai trò"):
        services.role_grant(actor=office_a, user=user, agency=division_a, role=Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=office_a, user=user, agency=agency_b, role=Role.STAFF)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=office_a, user=user, agency=division_a, role=Role.PROVINCE_ADMIN)
    with pytest.raises(PermissionDenied):
        services.role_revoke(assignment, actor=office_b)
    services.role_revoke(assignment, actor=office_a)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert ModelLogEntry.objects.filter(action="thidua.role_revoke").count() == 1


@pytest.mark.django_db(transaction=True)
def test_audit_requires_a_transaction(office_a):
    from thidua.core import audit

    with pytest.raises(RuntimeError):
        audit.record(office_a, "thidua.update", actor=office_a)
