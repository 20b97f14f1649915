"""Several processes on one PostgreSQL database and one Redis, as a province runs them: two
granian web servers (DEBUG off), two `db_worker`s and two schedulers.

- periodic jobs: two schedulers racing for the same slots enqueue each job once, two workers
  run it once, and each user gets one digest e-mail (file back end: every message counted);
- outgoing numbers: plans issued at both web servers at once get consecutive, distinct numbers;
- secret ballot: a council member voting at both web servers at once is counted once;
- portal cache: a page cached by both servers (one Redis) is served fresh by both after a
  publish.

The children see what the test committed (``transactional_db``). On SQLite these tests skip
(CI runs them in its PostgreSQL pass); on PostgreSQL without Redis they skip, or fail with CI=1
(tests/scale/processes.py).
"""

from __future__ import annotations

import datetime as dt
import email
import secrets
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from tests.scale import processes
from tests.scale.processes import BIN, ROOT, Fleet, child_env, request


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def fleet(transactional_db, static_root, tmp_path, settings):
    """Two web servers and two workers on the test database; stopped after the test."""
    processes.require_services()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    # dj-email-url drops one slash of file:// URLs: file:////tmp/x is /tmp/x
    env = child_env(STATIC_ROOT=str(static_root), EMAIL_URL=f"file:///{mail_dir}")
    if not (static_root / "staticfiles.json").exists():
        processes.collectstatic(static_root, env)
    fleet = Fleet()
    fleet.env = env  # type: ignore[attr-defined]
    fleet.mail_dir = mail_dir  # type: ignore[attr-defined]
    try:
        processes.start_web(fleet, env, tmp_path)
        processes.start_workers(fleet, env, tmp_path)
        yield fleet
    finally:
        fleet.stop()


def login_cookies(user) -> dict[str, str]:
    """A session signed by the test (the children share SECRET_KEY and the session table) and
    a CSRF secret to echo in forms."""
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": secrets.token_hex(16)}


def post(url: str, cookies: dict[str, str], **data: str) -> int:
    status, _headers, _body = request(
        url, data={**data, "csrfmiddlewaretoken": cookies["csrftoken"]}, cookies=cookies
    )
    return status


# --- Periodic jobs: reminders and digests once --------------------------------------------------


def test_two_schedulers_and_two_workers_send_each_reminder_and_digest_once(
    fleet, import_seed, unit_head_a, office_a, staff_a
):
    from django_tasks_db.models import DBTaskResult

    from thidua.notifications import schedule
    from thidua.notifications.models import Notification, ScheduledRun
    from thidua.notifications.services import notify

    import_seed("002")  # a plan whose first phase is long overdue: the unit head is reminded
    for user in (office_a, staff_a):
        notify([user], kind="test", title="Có hồ sơ mới cần xem", body="", url="/admin/")
    # Every daily job (reminders 06:15–06:45, digest 07:00) is due at 23:00 local time.
    now = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)

    schedulers = [
        subprocess.Popen(
            [str(BIN / "python"), "tests/scale/scheduler_at.py", now.isoformat(), "10"],
            cwd=ROOT,
            env=fleet.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0].decode() for p in schedulers]
    assert all(p.returncode == 0 for p in schedulers), outputs

    jobs = set(ScheduledRun.objects.values_list("job", flat=True))
    assert {"plans.reminders", "notifications.digest"} <= jobs
    assert ScheduledRun.objects.count() == len(jobs)  # one slot claimed per job
    enqueued = "".join(outputs).count("enqueued ")
    assert enqueued == len(jobs)  # by one scheduler or the other, never both

    _wait_for_tasks(fleet, expected=len(jobs))
    for job in jobs:
        runs = DBTaskResult.objects.filter(task_path=schedule.JOBS[job].task_path)
        assert list(runs.values_list("status", flat=True)) == ["SUCCESSFUL"], job

    assert Notification.objects.filter(recipient=unit_head_a, kind="plans.reminder").count() == 1
    recipients = _mailed_recipients(fleet.mail_dir)
    assert sorted(recipients) == sorted(set(recipients))  # nobody gets two digests
    assert {office_a.email, staff_a.email} <= set(recipients)


def _wait_for_tasks(fleet, *, expected: int, timeout: float = 90) -> None:
    import time

    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"]).count()
        pending = DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).count()
        if done >= expected and not pending:
            return
        time.sleep(0.3)
    raise AssertionError(f"tasks did not finish:\n{fleet.tail()}")


def _mailed_recipients(mail_dir: Path) -> list[str]:
    recipients = []
    for path in mail_dir.iterdir():
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip())
                recipients.extend(a.strip() for a in (message["To"] or "").split(","))
    return recipients


# --- Outgoing numbers ----------------------------------------------------------------------------


def test_plans_issued_at_both_servers_at_once_get_distinct_consecutive_numbers(
    fleet, units_a, office_a, agency_a
):
    from thidua.plans.models import Plan

    plans = [
        Plan.objects.create(
            agency=agency_a, title=f"Kế hoạch tuyên truyền số {n}", year_start=2026, year_end=2026
        )
        for n in range(8)
    ]
    cookies = login_cookies(office_a)

    def issue(job: tuple[int, Plan]) -> int:
        n, plan = job
        base = fleet.web[n % 2]
        return post(f"{base}/admin/ke-hoach/{plan.pk}/ban-hanh/", cookies)

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(issue, enumerate(plans)))

    assert all(s in (200, 302) for s in statuses), (statuses, fleet.tail())
    issued = Plan.objects.filter(pk__in=[p.pk for p in plans])
    assert set(issued.values_list("status", flat=True)) == {"issued"}
    numbers = sorted(issued.values_list("outgoing_number__number", flat=True))
    assert numbers == list(range(1, 9))


# --- Secret ballot ------------------------------------------------------------------------------


@pytest.fixture
def open_session(fleet, world):
    from tests.awards.council_helpers import open_session as open_

    return open_(world, [world.p_thao])


def test_a_member_voting_at_both_servers_at_once_is_counted_once(fleet, world, open_session):
    from thidua.awards.models import AgendaItem, Ballot, Participation

    item = AgendaItem.objects.get(session=open_session)
    member = world.members[1]
    cookies = login_cookies(member)
    url = f"/admin/awards/sessions/{open_session.pk}/ballot/"

    def vote(base: str) -> int:
        return post(base + url, cookies, **{f"item-{item.pk}": "approve"})

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(vote, fleet.web * 2))

    assert statuses.count(302) == 1, (statuses, fleet.tail())  # the others see the error page
    assert Participation.objects.filter(item=item).count() == 1
    assert Ballot.objects.filter(item=item).count() == 1


# --- Portal cache ------------------------------------------------------------------------------


def test_a_publish_purges_the_page_cached_by_both_servers(fleet, settings):
    from wagtail.models import Site

    from tests.portal.conftest import add_article, publish
    from thidua.portal.models import HomePage, SectionPage
    from thidua.portal.setup import ensure_portal_setup, ensure_root

    # The test publishes through the same Redis as the servers, so its purge reaches them.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": processes.REDIS_URL,
            "KEY_PREFIX": "thidua",
        }
    }
    root = ensure_root()
    ensure_portal_setup()
    home = HomePage(title="Thi đua – Khen thưởng tỉnh An Giang", slug="trang-chu")
    root.add_child(instance=home)
    publish(home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    section = SectionPage(title="Tin hoạt động", slug="tin-hoat-dong")
    home.add_child(instance=section)
    publish(section)
    article = add_article(section, f"Hội nghị tổng kết năm {dt.date.today().year}")
    path = article.url_path[len(home.url_path) - 1 :]

    first = [request(base + path) for base in fleet.web]
    assert [s for s, _h, _b in first] == [200, 200]
    assert [h.get("x-portal-cache") for _s, h, _b in first] == ["miss", "hit"]  # one Redis
    again = request(fleet.web[0] + path)
    assert again[1].get("x-portal-cache") == "hit"

    article.title = "Hội nghị tổng kết – bản cập nhật"
    publish(article)

    for base in fleet.web:
        status, _headers, body = request(base + path)
        assert status == 200
        assert "bản cập nhật" in body, fleet.tail()
