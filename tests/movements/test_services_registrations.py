"""Registration: individual, a unit and its members in bulk (one transaction), titles from the
configurable list, the consolidated registration sent upward, the Excel export."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.movements.factories import YEAR, launched_movement
from tests.org.factories import PersonFactory
from thidua.movements import exports, services
from thidua.movements.models import Duty, Registration
from thidua.movements.services.registrations import registration_titles
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(office_province, agency_a, agency_b):
    return launched_movement(office_province, agency_a.parent, [agency_a, agency_b])


def test_titles_come_from_the_awards_catalogue(db):
    """The catalogue's emulation titles (not forms such as Giấy khen), by subject."""
    individual = [t.code for t in registration_titles("individual")]
    collective = [t.code for t in registration_titles("collective")]
    assert {"LDTT", "CSTDCS"} <= set(individual)
    assert {"TTLDTT", "TTLDXS"} <= set(collective)
    assert "TTLDXS" not in individual
    assert "GIAY_KHEN" not in individual + collective


def test_titles_fall_back_to_the_configurable_list(db, settings, monkeypatch):
    from thidua.movements.services import registrations

    monkeypatch.setattr(registrations, "_from_catalogue", lambda: None)
    assert [t.code for t in registration_titles()] == [
        "LDTT",
        "CSTDCS",
        "TTLDTT",
        "TTLDXS",
        "CO_THI_DUA",
    ]
    settings.THIDUA_REGISTRATION_TITLES = [("GK", "Giấy khen", "individual")]
    assert [t.name for t in registration_titles()] == ["Giấy khen"]


def test_staff_member_registers_self_and_nobody_else(movement, staff_a, unit_head_a):
    me = Person.objects.get(user=staff_a)
    reg = services.registration_save(
        actor=staff_a,
        movement=movement,
        year=YEAR,
        person=me,
        title_code="CSTDCS",
        covenant_text="Hoàn thành xuất sắc nhiệm vụ",
        signed_name=me.full_name,
    )
    assert reg.title_name == "Chiến sĩ thi đua cơ sở"
    assert reg.agency == me.agency
    other = Person.objects.get(user=unit_head_a)
    with pytest.raises(PermissionDenied):
        services.registration_save(
            actor=staff_a, movement=movement, year=YEAR, person=other, title_code="LDTT"
        )
    with pytest.raises(ValidationError):
        services.registration_save(
            actor=staff_a, movement=movement, year=YEAR, person=me, title_code="TTLDXS"
        )
    # Registering again changes the title, it does not add a second registration.
    services.registration_save(
        actor=staff_a, movement=movement, year=YEAR, person=me, title_code="LDTT"
    )
    assert Registration.objects.get(person=me).title_code == "LDTT"


def test_unit_head_registers_unit_and_fifty_members_in_one_transaction(
    movement, unit_head_a, division_a, django_assert_max_num_queries
):
    people = [PersonFactory(agency=division_a) for _ in range(50)]
    members = {p.pk: ("CSTDCS" if i % 10 == 0 else "LDTT") for i, p in enumerate(people)}

    with CaptureQueriesContext(connection) as ctx:
        saved = services.registration_bulk(
            actor=unit_head_a,
            movement=movement,
            year=YEAR,
            unit=division_a,
            unit_title_code="TTLDXS",
            members=members,
            covenant_text="Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ năm",
            signed_name="Lê Văn Dũng",
        )
    assert len(saved) == 51
    assert Registration.objects.filter(movement=movement, person__isnull=False).count() == 50
    assert Registration.objects.get(movement=movement, person=None).title_code == "TTLDXS"
    assert Registration.objects.filter(title_code="CSTDCS").count() == 5
    # One transaction: a single outermost BEGIN/SAVEPOINT and a bounded number of statements.
    assert len(ctx.captured_queries) < 30


def test_bulk_registration_is_all_or_nothing(movement, unit_head_a, division_a, division_b):
    mine = [PersonFactory(agency=division_a) for _ in range(3)]
    stranger = PersonFactory(agency=division_b)
    members = {p.pk: "LDTT" for p in mine} | {stranger.pk: "LDTT"}
    with pytest.raises(ValidationError):
        services.registration_bulk(
            actor=unit_head_a,
            movement=movement,
            year=YEAR,
            unit=division_a,
            unit_title_code="TTLDTT",
            members=members,
        )
    with pytest.raises(ValidationError):
        services.registration_bulk(
            actor=unit_head_a,
            movement=movement,
            year=YEAR,
            unit=division_a,
            unit_title_code="TTLDTT",
            members={mine[0].pk: "LDTT", mine[1].pk: "KHONG_CO"},
        )
    assert Registration.objects.count() == 0


def test_unit_head_cannot_register_another_unit(movement, unit_head_a, division_b):
    with pytest.raises(PermissionDenied):
        services.registration_bulk(
            actor=unit_head_a,
            movement=movement,
            year=YEAR,
            unit=division_b,
            unit_title_code="TTLDTT",
            members={},
        )


def test_bulk_again_updates_and_withdraws(movement, unit_head_a, division_a):
    a, b = PersonFactory(agency=division_a), PersonFactory(agency=division_a)
    services.registration_bulk(
        actor=unit_head_a,
        movement=movement,
        year=YEAR,
        unit=division_a,
        unit_title_code=None,
        members={a.pk: "LDTT", b.pk: "LDTT"},
    )
    services.registration_bulk(
        actor=unit_head_a,
        movement=movement,
        year=YEAR,
        unit=division_a,
        unit_title_code=None,
        members={a.pk: "CSTDCS", b.pk: ""},
    )
    assert dict(Registration.objects.values_list("person_id", "title_code")) == {a.pk: "CSTDCS"}


def test_consolidated_registration_goes_upward(
    movement, unit_head_a, office_a, division_a, agency_a
):
    people = [PersonFactory(agency=division_a) for _ in range(3)]
    services.registration_bulk(
        actor=unit_head_a,
        movement=movement,
        year=YEAR,
        unit=division_a,
        unit_title_code="TTLDXS",
        members={p.pk: "LDTT" for p in people},
    )
    duty = Duty.objects.get(movement=movement, agency=agency_a, kind="registration")
    services.duty_submit(duty, actor=office_a)
    duty.refresh_from_db()
    assert duty.status == "waiting"
    assert "Lao động tiên tiến: 3" in duty.summary
    assert "Tập thể lao động xuất sắc: 1" in duty.summary


def test_registration_closed_outside_a_launched_movement(office_province, staff_a, agency_a):
    import datetime as dt

    draft = services.movement_create(
        actor=office_province,
        launched_by=agency_a.parent,
        name="Dự thảo",
        kind="regular",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        participants=[agency_a],
    )
    with pytest.raises(ValidationError):
        services.registration_save(
            actor=staff_a,
            movement=draft,
            year=YEAR,
            person=Person.objects.get(user=staff_a),
            title_code="LDTT",
        )


def test_excel_export_lists_collectives_then_individuals(movement, unit_head_a, division_a):
    person = PersonFactory(agency=division_a, full_name="Trần Văn Bình", position="Chuyên viên")
    services.registration_bulk(
        actor=unit_head_a,
        movement=movement,
        year=YEAR,
        unit=division_a,
        unit_title_code="TTLDTT",
        members={person.pk: "LDTT"},
    )
    rows = list(Registration.objects.select_related("agency", "person"))
    data = exports.registrations_xlsx(movement, division_a, YEAR, rows)
    ws = load_workbook(io.BytesIO(data)).active
    values = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    flat = [" ".join(str(c) for c in row) for row in values]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in flat)
    assert any(f"DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {YEAR}" in line for line in flat)
    i_collective = next(i for i, line in enumerate(flat) if "I. TẬP THỂ" in line)
    i_person = next(i for i, line in enumerate(flat) if "Trần Văn Bình" in line)
    assert i_collective < i_person
    assert "Lao động tiên tiến" in flat[i_person]
