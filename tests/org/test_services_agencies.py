import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.org.factories import PersonFactory, make_agency, make_member
from thidua.org import services
from thidua.org.models import Agency, Employment, Person, RoleAssignment
from thidua.org.models.role import Role

pytestmark = pytest.mark.django_db


def test_office_creates_a_division_with_its_path_and_an_audit_entry(office_a, agency_a):
    division = services.agency_create(
        actor=office_a, parent=agency_a, code="SKHCN-TTR", name="Thanh tra Sở"
    )
    assert division.path == f"{agency_a.path}{division.pk}/"
    assert division.depth == agency_a.depth + 1
    entry = ModelLogEntry.objects.get(object_id=str(division.pk), action="thidua.create")
    assert entry.user == office_a


def test_office_cannot_create_under_another_agency(office_a, agency_b):
    with pytest.raises(PermissionDenied):
        services.agency_create(actor=office_a, parent=agency_b, code="X", name="X")


def test_update_records_changed_fields(office_a, division_a):
    services.agency_update(division_a, actor=office_a, short_name="VP")
    entry = ModelLogEntry.objects.get(object_id=str(division_a.pk), action="thidua.update")
    assert entry.data["changes"]["short_name"] == ["", "VP"]


def test_moving_an_agency_rewrites_the_subtree(province_admin, agency_a, agency_b, division_a):
    child = make_agency(division_a, code="C1", name="Tổ 1", kind=Agency.Kind.UNIT)
    services.agency_update(division_a, actor=province_admin, parent=agency_b)
    division_a.refresh_from_db()
    child.refresh_from_db()
    assert division_a.path == f"{agency_b.path}{division_a.pk}/"
    assert child.path == f"{division_a.path}{child.pk}/"
    assert child.depth == division_a.depth + 1


def test_cannot_move_an_agency_under_itself(province_admin, agency_a, division_a):
    with pytest.raises(ValidationError):
        services.agency_update(agency_a, actor=province_admin, parent=division_a)


@pytest.fixture
def sttt(province):
    """The former Sở Thông tin và Truyền thông with one division, people and an Office."""
    sttt = make_agency(province, code="STTTT", name="Sở Thông tin và Truyền thông", symbol="STTTT")
    press = make_agency(
        sttt,
        code="STTTT-BC",
        name="Phòng Thông tin – Báo chí – Xuất bản",
        kind=Agency.Kind.DIVISION,
    )
    office = make_member("vanphong.tttt", sttt, Role.OFFICE, "Võ Thanh Tâm")
    PersonFactory(full_name="Hồ Ngọc Yến", agency=sttt)
    Employment.objects.create(
        person=Person.objects.get(user=office), agency=sttt, start_date=dt.date(2015, 3, 1)
    )
    return {"agency": sttt, "press": press, "office": office}


def test_merge_moves_members_roles_units_and_keeps_history(province_admin, agency_a, sttt):
    merged_on = dt.date(2025, 3, 1)
    services.agency_merge(sttt["agency"], into=agency_a, on=merged_on, actor=province_admin)

    old = Agency.objects.get(pk=sttt["agency"].pk)
    assert old.name == "Sở Thông tin và Truyền thông"  # keeps its name on what it issued
    assert old.successor == agency_a
    assert old.valid_to == dt.date(2025, 2, 28)
    assert old.is_read_only
    assert not Person.objects.filter(agency=old).exists()
    moved = Person.objects.get(user=sttt["office"])
    assert moved.agency == agency_a
    periods = list(
        moved.employments.order_by("start_date").values_list("agency_id", "end_date", "start_date")
    )
    assert periods[0] == (old.pk, dt.date(2025, 2, 28), dt.date(2015, 3, 1))
    assert periods[-1] == (agency_a.pk, None, merged_on)
    assert RoleAssignment.objects.get(user=sttt["office"]).agency == agency_a
    press = Agency.objects.get(pk=sttt["press"].pk)
    assert press.parent == agency_a and press.path.startswith(agency_a.path)
    assert ModelLogEntry.objects.filter(object_id=str(old.pk), action="thidua.merge").exists()


def test_merged_agency_is_read_only(province_admin, agency_a, sttt):
    services.agency_merge(
        sttt["agency"], into=agency_a, on=dt.date(2025, 3, 1), actor=province_admin
    )
    with pytest.raises(ValidationError, match=r"đã sáp nhập vào .* từ ngày 01/03/2025"):
        services.agency_update(sttt["agency"], actor=province_admin, short_name="X")
    with pytest.raises(ValidationError):
        services.person_create(actor=province_admin, agency=sttt["agency"], full_name="Người Mới")
    with pytest.raises(ValidationError):
        services.agency_merge(
            sttt["agency"], into=agency_a, on=dt.date(2025, 3, 1), actor=province_admin
        )


def test_merge_runs_registered_handlers_in_the_same_transaction(province_admin, agency_a, sttt):
    from thidua.org import merge_registry

    calls = []

    def handler(*, source, into, on, actor):
        calls.append((source.code, into.code))
        return {"plans": 2}

    merge_registry.register(handler)
    try:
        services.agency_merge(
            sttt["agency"], into=agency_a, on=dt.date(2025, 3, 1), actor=province_admin
        )
    finally:
        merge_registry._handlers.remove(handler)
    assert calls == [("STTTT", "SKHCN")]
    entry = ModelLogEntry.objects.get(object_id=str(sttt["agency"].pk), action="thidua.merge")
    assert entry.data["moved"]["plans"] == 2


def test_only_province_admin_merges(office_a, agency_a, sttt):
    with pytest.raises(PermissionDenied):
        services.agency_merge(sttt["agency"], into=agency_a, on=dt.date(2025, 3, 1), actor=office_a)


def test_cannot_merge_into_own_division(province_admin, agency_a, division_a):
    with pytest.raises(ValidationError):
        services.agency_merge(
            agency_a, into=division_a, on=dt.date(2025, 3, 1), actor=province_admin
        )


def test_history_records_edited_fields_not_derived_columns(
    province_admin, agency_a, agency_b, division_a
):
    services.agency_update(
        division_a, actor=province_admin, name="Văn phòng Sở (mới)", parent=agency_b
    )
    entry = ModelLogEntry.objects.get(object_id=str(division_a.pk), action="thidua.update")
    assert set(entry.data["changes"]) == {"name", "parent_id"}
