"""The ledger: history import from .xlsx (row-by-row report, all or nothing), revocation that
eligibility ignores, a record that follows the person across transfers, overdue reminders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook

from tests.awards.factories import attach_required, award, initiative, make_person, ratings, title
from tests.org.factories import make_agency
from thidua.awards.eligibility.facts import evaluate_proposal
from thidua.awards.ledger_import import HEADERS, ledger_import
from thidua.awards.models import AwardEntry, Proposal
from thidua.awards.services import ledger as ledger_services
from thidua.awards.services import proposals as svc
from thidua.awards.services.public import proposals_remind_overdue
from thidua.notifications import schedule
from thidua.notifications.models import Notification
from thidua.org.services.people import person_transfer

pytestmark = pytest.mark.django_db


def workbook(*rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def run_import(actor, *rows):
    data = workbook(*rows)
    return ledger_import(data, len(data.getvalue()), actor=actor)


@pytest.fixture
def known(division_a):
    return make_person(division_a, "Nguyễn Thị Lan", id_number="079185001234")


def test_import_writes_every_row_when_all_are_valid(office_a, known, division_a):
    report = run_import(
        office_a,
        [
            "079185001234",
            "Nguyễn Thị Lan",
            None,
            "CSTDCS",
            2023,
            "12/QĐ-SKHCN",
            dt.datetime(2023, 12, 20),
            "Sở Khoa học và Công nghệ",
        ],
        ["079185001234", "Nguyen Thi Lan", None, "cstdcs", 2024, "9/QĐ-SKHCN", "18/12/2024", ""],
        [None, None, division_a.code, "TTLDTT", 2024, "", None, ""],
    )
    assert report.ok, report.errors
    assert report.written == 3
    assert sorted(AwardEntry.objects.filter(person=known).values_list("year", flat=True)) == [
        2023,
        2024,
    ]
    assert AwardEntry.objects.get(year=2023).decision_date == dt.date(2023, 12, 20)


def test_import_reports_each_bad_row_and_writes_nothing(office_a, known, nominee_b):
    report = run_import(
        office_a,
        ["079185001234", "Nguyễn Thị Lan", None, "CSTDCS", 2023, "", None, ""],
        ["079185009999", "Không Có", None, "CSTDCS", 2023, "", None, ""],
        ["079185001234", "Người Khác", None, "LDTT", 2023, "", None, ""],
        ["079185001234", "Nguyễn Thị Lan", None, "XYZ", 2023, "", None, ""],
        ["079185001234", "Nguyễn Thị Lan", None, "LDTT", "năm ngoái", "", None, ""],
        ["079185001234", "Nguyễn Thị Lan", None, "CSTDCS", 2023, "", None, ""],
    )
    assert not report.ok
    assert [(row, column) for row, column, _m in report.errors] == [
        (3, "A"),
        (4, "B"),
        (5, "D"),
        (6, "E"),
        (7, "D"),
    ]
    assert "079185009999" in report.errors[0][2]
    assert not AwardEntry.objects.exists()


def test_import_refuses_people_outside_the_offices_agency(office_b, known):
    report = run_import(office_b, ["079185001234", "", None, "LDTT", 2023, "", None, ""])
    assert report.errors[0][:2] == (2, "A")
    assert not AwardEntry.objects.exists()


def test_import_refuses_a_file_that_is_not_xlsx(office_a):
    data = io.BytesIO(b"ho ten,nam\nA,2023\n")
    report = ledger_import(data, 18, actor=office_a)
    assert report.errors and report.errors[0][0] == 0


def test_only_the_office_imports(staff_a):
    with pytest.raises(PermissionDenied):
        ledger_import(workbook(), 10, actor=staff_a)


def test_revocation_keeps_history_and_eligibility_ignores_it(
    office_a, unit_head_a, division_a, nominee_a
):
    # Given three consecutive CSTĐCS and a provincial initiative
    entries = award(nominee_a, "CSTDCS", 2023, 2024, 2025)
    initiative(nominee_a, 2025, "province")
    proposal = svc.proposal_create(
        actor=unit_head_a,
        title=title("CSTD_TINH"),
        year=2025,
        proposing_agency=division_a,
        person=nominee_a,
    )
    _v, before = evaluate_proposal(proposal, dt.date(2026, 1, 5))
    assert before.eligible
    # When the 2024 award is revoked
    ledger_services.award_entry_revoke(entries[1], actor=office_a, reason="Kê khai không đúng")
    # Then it stays in the ledger, marked revoked, and the streak is broken
    revoked = AwardEntry.objects.get(pk=entries[1].pk)
    assert revoked.revoked_at is not None and revoked.revoked_reason == "Kê khai không đúng"
    _v, after = evaluate_proposal(proposal, dt.date(2026, 1, 5))
    assert not after.eligible
    streak = next(r for r in after.results if r.type == "title_streak")
    assert streak.line == "Điều 22 Luật TĐKT 2022: cần 3 lần liên tục CSTĐCS; có 1 (2025)"


def test_the_record_follows_the_person_to_another_agency(
    office_a, province_admin, division_a, agency_a, nominee_a
):
    award(nominee_a, "CSTDCS", 2024, 2025)
    other = make_agency(agency_a, code="SKHCN-KH", name="Phòng Kế hoạch")
    person_transfer(nominee_a, actor=office_a, to=other, on=dt.date(2026, 1, 2))
    proposal = Proposal(title=title("BK_TINH"), year=2025, person=nominee_a, proposing_agency=other)
    _v, evaluation = evaluate_proposal(proposal, dt.date(2026, 1, 10))
    assert evaluation.results[0].children[0].passed is True


def test_overdue_dossiers_are_reminded_once_a_day_by_the_scheduler(
    transactional_db, catalogue, unit_head_a, office_a, division_a, nominee_a
):
    # transactional: the worker closes its database connection after each task
    ratings(nominee_a, y2025="excellent")
    proposal = svc.proposal_create(
        actor=unit_head_a,
        title=title("CSTDCS"),
        year=2025,
        proposing_agency=division_a,
        person=nominee_a,
    )
    attach_required(proposal)
    proposal = svc.proposal_submit(proposal, actor=unit_head_a)
    assert proposal.due_date is not None
    Proposal.objects.filter(pk=proposal.pk).update(due_date=dt.date(2020, 1, 1))
    evening = timezone.localtime().replace(hour=20, minute=0)  # after the 06:45 slot
    schedule.run_due(evening)
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )
    # Run again the same day (a second worker, a retry): no second reminder
    proposals_remind_overdue(timezone.localdate())
    reminders = Notification.objects.filter(recipient=office_a, kind="awards.reminder")
    assert reminders.count() == 1
    assert "quá hạn" in reminders.get().title
