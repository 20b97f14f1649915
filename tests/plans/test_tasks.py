"""Task generation and regeneration, edits, splits and cancellations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tests.plans.conftest import draft_of
from thidua.plans import services
from thidua.plans.models import Plan, PlanChannel, Task
from thidua.plans.views.editor import draft_from_plan


@pytest.fixture
def plan_002(import_seed):
    return import_seed("002")


def test_issue_gives_one_task_per_assignment_and_phase_and_a_number(plan_002, units_a):
    tasks = plan_002.tasks.filter(kind=Task.Kind.ASSIGNMENT)

    # The Office (lead) × 2 phases; "Các phòng, đơn vị" is named twice (assigned, support):
    # every other unit gets one task per assignment and phase.
    assert tasks.filter(agency=units_a["office"]).count() == 2
    assert tasks.filter(agency=units_a["qlcn"]).count() == 4
    assert tasks.filter(agency=units_a["qlkh"]).count() == 4
    assert set(tasks.values_list("due_date", flat=True)) == {
        dt.date(2020, 6, 30),
        dt.date(2020, 12, 31),
    }
    assert plan_002.number_symbol == "01/KH-SKHCN"
    assert plan_002.status == Plan.Status.ISSUED


def test_monthly_briefing_gives_a_task_per_month_of_each_phase(units_a, office_a):
    draft = draft_of("002", units_a["office"].parent)
    draft["channels"] = [c for c in draft["channels"] if c["channel"] != "monthly_briefing"]
    draft["channels"].append({"channel": "monthly_briefing", "cadence": "monthly", "note": ""})
    plan = services.plan_create(draft=draft, agency=units_a["office"].parent, actor=office_a)
    services.plan_issue(plan, actor=office_a)

    monthly = plan.tasks.filter(kind=Task.Kind.RECURRING, channel="monthly_briefing")

    # Đợt 1: 20/03–30/06 (4 months), Đợt 2: 07–12 (6 months)
    assert monthly.count() == 10
    assert monthly.order_by("due_date").first().due_date == dt.date(2020, 3, 31)
    assert all(t.agency == units_a["office"] for t in monthly)


def test_periodic_reports_follow_the_plans_cadence(import_seed):
    plan = import_seed("000")  # "định kỳ tổng hợp báo cáo", 2022–2025, quarterly

    reports = plan.tasks.filter(kind=Task.Kind.REPORT)

    assert reports.count() == 16
    assert plan.tasks.filter(kind=Task.Kind.YEARLY_REVIEW).count() == 4


def test_regeneration_after_an_edit_neither_duplicates_nor_drops_work_done(
    plan_002, office_a, unit_head_a, units_a
):
    phase_1 = plan_002.phases.get(name="Đợt 1")
    worked = plan_002.tasks.get(agency=units_a["office"], phase=phase_1, kind="assignment")
    services.progress_report_submit(worked, actor=unit_head_a, text="Đã đăng 2 tin", percent=40)
    untouched = plan_002.tasks.filter(agency=units_a["qlkh"], phase=phase_1, kind="assignment")[0]
    kept = set(plan_002.tasks.exclude(phase=phase_1).values_list("pk", flat=True))

    # the Office drops phase 1, adds a phase 3, and regenerates (twice: nothing more happens)
    draft = draft_from_plan(plan_002)
    draft["phases"] = [p for p in draft["phases"] if p["name"] != "Đợt 1"]
    draft["phases"].append({"name": "Đợt 3", "start": "2021-01-01", "end": "2021-03-31"})
    services.plan_update(plan_002, draft=draft, actor=office_a)
    first = services.plan_tasks_regenerate(plan_002, actor=office_a)
    second = services.plan_tasks_regenerate(plan_002, actor=office_a)

    worked.refresh_from_db()
    untouched.refresh_from_db()
    keys = list(plan_002.tasks.values_list("generation_key", flat=True))
    assert len(keys) == len(set(keys)), "no duplicates"
    assert worked.status == Task.Status.IN_PROGRESS and worked.orphaned, "work done is kept"
    assert worked.reports.count() == 1
    assert untouched.status == Task.Status.CANCELLED, "nothing done: retired"
    assert kept <= set(plan_002.tasks.exclude(status="cancelled").values_list("pk", flat=True))
    assert plan_002.tasks.filter(title__startswith="Đợt 3").count() == 5  # office + 2 × 2 units
    assert first["created"] >= 3
    assert second == {"created": 0, "updated": 0, "cancelled": 0, "orphaned": 0}


def test_user_edits_survive_regeneration_and_cancelled_tasks_stay_cancelled(plan_002, office_a):
    task, other = plan_002.tasks.order_by("pk")[:2]
    services.task_update(task, actor=office_a, due_date=dt.date(2020, 6, 15))
    services.task_cancel(other, actor=office_a, reason="Đơn vị đã giải thể")

    services.plan_tasks_regenerate(plan_002, actor=office_a)

    task.refresh_from_db()
    other.refresh_from_db()
    assert task.due_date == dt.date(2020, 6, 15)
    assert other.status == Task.Status.CANCELLED


def test_split_keeps_the_reports_on_the_first_part(plan_002, office_a, unit_head_a, units_a):
    task = plan_002.tasks.filter(agency=units_a["office"]).first()
    services.progress_report_submit(task, actor=unit_head_a, text="Bắt đầu", percent=10)

    parts = services.task_split(
        task,
        actor=office_a,
        parts=[("Bài viết trên cổng", dt.date(2020, 5, 1)), ("Hội nghị", dt.date(2020, 6, 30))],
    )

    assert [p.title for p in parts] == ["Bài viết trên cổng", "Hội nghị"]
    assert parts[1].split_from == task
    assert task.reports.count() == 1


def test_only_the_office_edits_tasks(plan_002, unit_head_a):
    task = plan_002.tasks.first()
    with pytest.raises(PermissionDenied):
        services.task_cancel(task, actor=unit_head_a, reason="x")


def test_due_soon_and_overdue_are_computed(plan_002, settings):
    settings.THIDUA_PLANS_DUE_SOON_DAYS = 7
    task = plan_002.tasks.first()
    task.due_date = dt.date(2026, 3, 10)

    assert task.urgency(dt.date(2026, 3, 5)) == "due_soon"
    assert task.urgency(dt.date(2026, 3, 11)) == "overdue"
    assert task.urgency(dt.date(2026, 2, 1)) == ""
    task.status = Task.Status.DONE
    assert task.urgency(dt.date(2026, 3, 11)) == ""


def test_channels_are_read_from_the_forms_section(import_seed):
    plan = import_seed("004")

    channels = set(PlanChannel.objects.filter(plan=plan).values_list("channel", flat=True))

    assert {"portal", "work_records", "conference", "exemplar_meeting"} <= channels
