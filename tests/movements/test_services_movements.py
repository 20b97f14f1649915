"""Launching a movement, the cascade of owed work (send, return with a reason, accept) and
reminders."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.movements.factories import YEAR, launched_movement
from thidua.movements import queries, services
from thidua.movements.models import Duty, Movement
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_launch_creates_owed_work_for_each_participant_and_notifies_their_office(
    office_province, agency_a, agency_b, office_a, office_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        movement = launched_movement(office_province, agency_a.parent, [agency_a, agency_b])

    assert movement.status == Movement.Status.LAUNCHED
    assert movement.phase == Movement.Phase.LAUNCH
    owed = {(d.agency_id, d.kind): d.due_date for d in Duty.objects.filter(movement=movement)}
    for agency in (agency_a, agency_b):
        assert owed[(agency.pk, "registration")] == dt.date(YEAR, 3, 31)
        assert owed[(agency.pk, "interim")] == dt.date(YEAR, 6, 30)
        assert owed[(agency.pk, "final")] == dt.date(YEAR, 11, 30)
    assert Duty.objects.filter(movement=movement, status="not_sent").count() == 6
    for user in (office_a, office_b):
        note = Notification.objects.get(recipient=user)
        assert movement.name in note.title
        assert "Đăng ký thi đua" in note.body


def test_all_under_an_agency_takes_its_current_units(office_a, agency_a, division_a):
    from tests.org.factories import make_agency

    second = make_agency(agency_a, code="SKHCN-KHTC", name="Phòng Kế hoạch – Tài chính")
    gone = make_agency(
        agency_a, code="SKHCN-CU", name="Phòng đã giải thể", valid_to=dt.date(2020, 1, 1)
    )
    movement = services.movement_create(
        actor=office_a,
        launched_by=agency_a,
        name="Thi đua thường xuyên năm " + str(YEAR),
        kind=Movement.Kind.REGULAR,
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        participants_mode=Movement.Participants.ALL_UNDER,
        participants_root=agency_a,
    )
    services.movement_launch(movement, actor=office_a)

    taking_part = set(movement.participations.values_list("agency_id", flat=True))
    assert taking_part == {division_a.pk, second.pk}
    assert gone.pk not in taking_part
    # No interim date: registration and final report only; the final one due at the period end.
    kinds = dict(
        Duty.objects.filter(movement=movement, agency=division_a).values_list("kind", "due_date")
    )
    assert kinds == {"registration": None, "final": dt.date(YEAR, 12, 31)}


def test_launch_is_refused_twice_and_for_other_offices(
    office_province, office_b, agency_a, agency_b
):
    movement = launched_movement(office_province, agency_a.parent, [agency_a])
    with pytest.raises(ValidationError):
        services.movement_launch(movement, actor=office_province)
    draft = services.movement_create(
        actor=office_province,
        launched_by=agency_a.parent,
        name="Dự thảo",
        kind="regular",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        participants=[agency_b],
    )
    with pytest.raises(PermissionDenied):
        services.movement_launch(draft, actor=office_b)


def test_cascade_send_return_with_reason_send_again_accept(
    office_province, office_a, agency_a, agency_b, django_capture_on_commit_callbacks
):
    movement = launched_movement(office_province, agency_a.parent, [agency_a, agency_b])
    duty = Duty.objects.get(movement=movement, agency=agency_a, kind="interim")

    services.duty_submit(duty, actor=office_a, summary="Đã tổ chức 3 hội nghị, 12 bài viết.")
    rows = {r.agency.pk: r for r in queries.cascade(movement)}
    assert rows[agency_a.pk].duties["interim"].status == "waiting"
    assert rows[agency_b.pk].duties["interim"].status == "not_sent"

    with pytest.raises(ValidationError):
        services.duty_return(duty, actor=office_province, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.duty_return(duty, actor=office_province, reason="Thiếu số liệu quý II")
    duty.refresh_from_db()
    assert duty.status == "returned"
    assert duty.return_reason == "Thiếu số liệu quý II"
    assert Notification.objects.filter(
        recipient=office_a, kind="movement_duty_returned", body__contains="Thiếu số liệu quý II"
    ).exists()

    services.duty_submit(duty, actor=office_a, summary="Bổ sung số liệu quý II.")
    services.duty_accept(duty, actor=office_province)
    duty.refresh_from_db()
    assert duty.status == "accepted"
    with pytest.raises(ValidationError):
        services.duty_submit(duty, actor=office_a, summary="Gửi lại")


def test_only_the_participants_office_sends_and_only_the_launcher_reviews(
    office_province, office_a, office_b, unit_head_a, agency_a
):
    movement = launched_movement(office_province, agency_a.parent, [agency_a])
    duty = Duty.objects.get(movement=movement, agency=agency_a, kind="registration")
    for outsider in (office_b, unit_head_a):
        with pytest.raises(PermissionDenied):
            services.duty_submit(duty, actor=outsider)
    services.duty_submit(duty, actor=office_a)
    with pytest.raises(PermissionDenied):
        services.duty_accept(duty, actor=office_a)


def test_reminders_reach_only_those_behind_once_a_day(
    office_province, office_a, office_b, agency_a, agency_b, django_capture_on_commit_callbacks
):
    movement = launched_movement(
        office_province, agency_a.parent, [agency_a, agency_b], interim_due=None
    )
    for duty in Duty.objects.filter(movement=movement, agency=agency_a):
        services.duty_submit(duty, actor=office_a, summary="Đã gửi")

    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.duties_remind(movement, actor=office_province)
    with django_capture_on_commit_callbacks(execute=True):
        services.duties_remind(movement, actor=office_province)

    assert reminded == 1
    assert not Notification.objects.filter(recipient=office_a, kind="movement_reminder").exists()
    # One per duty behind (registration, final), never twice the same day.
    assert Notification.objects.filter(recipient=office_b, kind="movement_reminder").count() == 2


def test_daily_job_reminds_overdue_work(
    office_province, office_b, agency_b, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from thidua.notifications import schedule

    movement = launched_movement(
        office_province,
        agency_b.parent,
        [agency_b],
        start_date=dt.date(YEAR - 1, 1, 1),
        registration_due=dt.date(YEAR - 1, 2, 1),
    )
    # Late evening, local time: every daily job is due whatever the hour the test runs at.
    now = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(23, 0)))
    assert "movements.reminders" in schedule.run_due(now)
    # The worker runs the enqueued task; here it is called directly (same code path).
    from thidua.movements.tasks import remind_overdue_duties

    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue_duties.call()
    titles = list(
        Notification.objects.filter(recipient=office_b, kind="movement_reminder").values_list(
            "title", flat=True
        )
    )
    assert any("đăng ký thi đua" in t and movement.name in t for t in titles)
    # The final report is not due before 30/11: no reminder for it yet.
    assert not any("tổng kết" in t for t in titles) or dt.date.today() > dt.date(YEAR, 11, 30)


def test_participants_fixed_after_launch(office_province, agency_a, agency_b):
    movement = launched_movement(office_province, agency_a.parent, [agency_a])
    with pytest.raises(ValidationError):
        services.movement_update(movement, actor=office_province, participants=[agency_a, agency_b])
    services.movement_update(movement, actor=office_province, slogan="Đoàn kết, sáng tạo")
    movement.refresh_from_db()
    assert movement.slogan == "Đoàn kết, sáng tạo"


def test_visibility_of_drafts_and_launched_movements(
    office_province, office_a, office_b, unit_head_a, staff_a, agency_a, agency_b
):
    draft = services.movement_create(
        actor=office_province,
        launched_by=agency_a.parent,
        name="Dự thảo phong trào",
        kind="thematic",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 6, 30),
        participants=[agency_a],
    )
    launched = launched_movement(office_province, agency_a.parent, [agency_a])

    assert set(queries.movements_visible_to(office_province)) == {draft, launched}
    assert set(queries.movements_visible_to(office_a)) == {launched}
    assert set(queries.movements_visible_to(unit_head_a)) == {launched}
    assert set(queries.movements_visible_to(office_b)) == set()


def test_public_data_shows_results_only_once_published(office_province, agency_a, agency_b):
    movement = launched_movement(
        office_province, agency_a.parent, [agency_a, agency_b], slogan="Kỷ cương – Trách nhiệm"
    )
    services.movement_create(
        actor=office_province,
        launched_by=agency_a.parent,
        name="Chưa phát động",
        kind="thematic",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 6, 30),
        participants=[agency_a],
    )
    [item] = queries.public_movements(text="van hoa cong so")
    assert item.participants == [agency_a.name, agency_b.name]
    assert item.phase_label.startswith("2.")
    assert item.results == ""
    services.movement_publish_results(movement, actor=office_province, results="Khen 5 tập thể.")
    item = queries.public_movement(movement.pk)
    assert item.results == "Khen 5 tập thể."
    assert item.status == "Đã tổng kết"
    assert queries.public_movements(text="chua phat dong") == []
