"""Unit heads and the Office hear about exemplars nurtured too long without progress: once per
stall, through the daily job."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.exemplars.factories import add_log, make_exemplar
from thidua.exemplars.models import Stage
from thidua.exemplars.services.reminders import stale_reminders_send
from thidua.notifications import schedule
from thidua.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _notices(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_stale_exemplar_reminds_its_managers_once_per_stall(
    division_a, field_a, unit_head_a, office_a, office_b, leader_a, settings
):
    settings.THIDUA_EXEMPLAR_STALE_DAYS = 180
    stale = make_exemplar(
        division_a,
        field=field_a,
        name="Lê Hoàng Phúc",
        stage=Stage.NURTURING,
        changed_days_ago=300,
    )
    add_log(stale, days_ago=200)
    fresh = make_exemplar(
        division_a, field=field_a, name="Mới ghi", stage=Stage.NURTURING, changed_days_ago=300
    )
    add_log(fresh, days_ago=3)

    assert stale_reminders_send() == 2
    assert stale_reminders_send() == 2  # already notified: the dedupe key holds
    assert _notices(unit_head_a) == [
        "Điển hình “Lê Hoàng Phúc” đã 200 ngày chưa có nhật ký bồi dưỡng"
    ]
    assert len(_notices(office_a)) == 1
    assert _notices(office_b) == [] and _notices(leader_a) == []

    # A new log entry, then another long silence: a new reminder.
    add_log(stale, days_ago=190)
    stale_reminders_send()
    assert len(_notices(unit_head_a)) == 2


def test_the_daily_job_runs_through_the_worker(
    transactional_db, division_a, field_a, unit_head_a, settings
):
    # The worker closes its connection when done: the test cannot sit inside a transaction.
    make_exemplar(
        division_a, field=field_a, name="Bị quên", stage=Stage.NURTURING, changed_days_ago=400
    )
    now = timezone.localtime().replace(hour=6, minute=45)
    assert "exemplars.stale" in schedule.run_due(now)
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )
    assert _notices(unit_head_a) == ["Điển hình “Bị quên” đã 400 ngày chưa có nhật ký bồi dưỡng"]
