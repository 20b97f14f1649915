"""Daily reminders: one digest per user per day, exactly once even with two workers."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from tests.concurrency import require_postgresql, run_in_processes
from thidua.notifications import schedule
from thidua.notifications.models import Notification
from thidua.plans.services import reminders_send


def _due_dates(plan):
    return sorted(set(plan.tasks.values_list("due_date", flat=True)))


def test_unit_head_gets_one_digest_and_the_office_hears_of_overdue_work_by_unit(
    import_seed, unit_head_a, office_a
):
    plan = import_seed("002")
    today = dt.date(2020, 7, 2)  # phase 1 (ends 30/06) is overdue; nothing due within 7 days

    reminders_send(today)
    reminders_send(today)  # a second run the same day adds nothing

    head = Notification.objects.get(recipient=unit_head_a)
    assert "Quá hạn" in head.body and "Đợt 1" in head.body
    assert "quá hạn" in head.title
    office = Notification.objects.get(recipient=office_a)
    assert "theo đơn vị" in office.body
    assert Notification.objects.filter(kind="plans.reminder").count() == 2
    assert plan.pk


def test_the_scheduled_job_runs_through_the_worker(transactional_db, import_seed, unit_head_a):
    # transactional: the worker closes its database connection after each task
    import_seed("002")
    now = timezone.make_aware(dt.datetime(2030, 1, 2, 7, 0))

    assert "plans.reminders" in schedule.run_due(now)
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )

    assert Notification.objects.filter(recipient=unit_head_a, kind="plans.reminder").count() == 1


def _remind(day: str) -> None:
    reminders_send(dt.date.fromisoformat(day))


def test_reminders_are_sent_exactly_once_with_two_workers_on_postgresql(
    transactional_db, import_seed, unit_head_a, office_a
):
    require_postgresql()
    import_seed("002")

    run_in_processes(_remind, ("2020-07-02",), ("2020-07-02",))

    assert Notification.objects.filter(recipient=unit_head_a, kind="plans.reminder").count() == 1
    assert Notification.objects.filter(recipient=office_a, kind="plans.reminder").count() == 1
