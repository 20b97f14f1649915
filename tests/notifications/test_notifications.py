import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.concurrency import require_postgresql, run_in_processes
from thidua.notifications import schedule
from thidua.notifications.models import Notification, ScheduledRun
from thidua.notifications.services import digest_send_all, notify

TZ = timezone.get_default_timezone()


def run_worker() -> None:
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def test_notify_puts_one_row_per_user_and_a_dedupe_key_never_duplicates(office_a, unit_head_a):
    notify([office_a, unit_head_a, office_a], kind="test", title="Việc sắp đến hạn")
    notify([office_a], kind="test", title="Nhắc hạn", dedupe_key="k:2026-11-22")
    notify([office_a], kind="test", title="Nhắc hạn", dedupe_key="k:2026-11-22")

    assert Notification.objects.filter(recipient=office_a).count() == 2
    assert Notification.objects.filter(recipient=unit_head_a).count() == 1


def test_digest_sends_one_mail_per_user_and_only_once(office_a, unit_head_a):
    office_a.email = "vanphong.a@example.vn"
    office_a.save()
    notify([office_a], kind="a", title="Kế hoạch 12/KH-SKHCN: 3 việc sắp đến hạn", url="/admin/")
    notify(
        [office_a],
        kind="b",
        title="Hồ sơ khen thưởng cần kiểm tra",
        body="Tờ trình & danh sách\nhạn 30/11/2026",
    )
    unit_head_a.email = ""
    unit_head_a.save()
    notify([unit_head_a], kind="b", title="Không có thư điện tử")  # no address: inbox only

    assert digest_send_all() == 1
    assert digest_send_all() == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vanphong.a@example.vn"]
    assert "Kế hoạch 12/KH-SKHCN" in message.body and "Hồ sơ khen thưởng" in message.body
    # plain text: nothing HTML-escaped, the body's lines kept
    assert "Tờ trình & danh sách\n" in message.body and "hạn 30/11/2026" in message.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_daily_job_is_due_from_its_hour_and_claimed_once_per_day(transactional_db, office_a):
    # transactional: the worker closes its database connection after each task
    office_a.email = "vanphong.a@example.vn"
    office_a.save()
    notify([office_a], kind="a", title="Việc quá hạn")
    before = dt.datetime(2026, 11, 22, 6, 59, tzinfo=TZ)
    at_seven = dt.datetime(2026, 11, 22, 7, 0, tzinfo=TZ)
    later = dt.datetime(2026, 11, 22, 15, 0, tzinfo=TZ)

    assert "notifications.digest" not in schedule.run_due(before)
    assert "notifications.digest" in schedule.run_due(at_seven)
    assert "notifications.digest" not in schedule.run_due(later)
    run_worker()

    assert len(mail.outbox) == 1
    assert ScheduledRun.objects.filter(job="notifications.digest").count() == 1


def test_interval_job_slots(db):
    job = schedule.PeriodicJob("x", "y", every=dt.timedelta(minutes=5))
    t = dt.datetime(2026, 11, 22, 8, 1, tzinfo=TZ)
    assert job.slot(t) == job.slot(t + dt.timedelta(minutes=3))
    assert job.slot(t) != job.slot(t + dt.timedelta(minutes=5))


def _notify_and_digest(user_id: int) -> int:
    notify([user_id], kind="a", title="Nhắc hạn", dedupe_key="reminder:2026-11-22")
    return digest_send_all()


def test_two_workers_at_once_send_one_digest(transactional_db, office_a):
    require_postgresql()
    office_a.email = "vanphong.a@example.vn"
    office_a.save()

    sent = run_in_processes(_notify_and_digest, (office_a.pk,), (office_a.pk,))

    assert sorted(sent) == [0, 1]
    assert Notification.objects.filter(recipient=office_a).count() == 1


def test_inbox_lists_own_notifications_only_and_marks_read(client_for, office_a, office_b):
    notify([office_a], kind="a", title="Của văn phòng A", url="/admin/")
    notify([office_b], kind="a", title="Của văn phòng B")
    client = client_for(office_a)

    page = client.get(reverse("notifications:inbox"))
    assert (
        "Của văn phòng A" in page.content.decode()
        and "Của văn phòng B" not in page.content.decode()
    )

    own = Notification.objects.get(recipient=office_a)
    other = Notification.objects.get(recipient=office_b)
    assert client.get(reverse("notifications:open", args=[other.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[own.pk])).url == "/admin/"
    own.refresh_from_db()
    assert own.read_at is not None


def test_open_never_redirects_off_site(client_for, office_a):
    notify([office_a], kind="a", title="Lừa", url="https://evil.example/")
    item = Notification.objects.get(recipient=office_a)
    response = client_for(office_a).get(reverse("notifications:open", args=[item.pk]))
    assert response.url == reverse("notifications:inbox")


def test_mark_all_read_needs_post(client_for, office_a):
    notify([office_a], kind="a", title="Một")
    client = client_for(office_a)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_empty_inbox_says_what_will_appear(client_for, staff_a):
    page = client_for(staff_a).get(reverse("notifications:inbox")).content.decode()
    assert "Chưa có thông báo nào" in page
