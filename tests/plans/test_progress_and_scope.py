"""Progress reports with evidence, the Office's review, activities and meetings; scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from thidua.notifications.models import Notification
from thidua.plans import queries, services
from thidua.plans.models import Plan, ProgressReport, Task

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(import_seed):
    return import_seed("002")


@pytest.fixture
def office_task(plan, units_a):
    return plan.tasks.filter(agency=units_a["office"], kind="assignment").first()


def test_unit_head_reports_with_a_file_and_the_office_accepts(
    client_for, plan, office_task, unit_head_a, office_a, django_capture_on_commit_callbacks
):
    client = client_for(unit_head_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:task_report", args=[office_task.pk]),
            {
                "text": "Đã đăng 3 tin bài trên cổng thông tin",
                "percent": 100,
                "problems": "Thiếu ảnh tư liệu",
                "links": "https://skhcn.angiang.gov.vn/tin-1",
                "files": SimpleUploadedFile("minh-chung.pdf", PDF),
            },
        )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.files.get().original_name == "minh-chung.pdf"
    assert Notification.objects.filter(recipient=office_a, kind="plans.report").exists()
    office_task.refresh_from_db()
    assert office_task.status == Task.Status.IN_PROGRESS
    plan.refresh_from_db()
    assert plan.status == Plan.Status.IN_PROGRESS

    client_for(office_a).post(reverse("plans:report_accept", args=[report.pk]))

    office_task.refresh_from_db()
    assert (office_task.status, office_task.percent) == (Task.Status.DONE, 100)
    page = client.get(reverse("plans:task_detail", args=[office_task.pk])).content.decode()
    assert "Đã chấp nhận" in page and "Thiếu ảnh tư liệu" in page
    assert "Chấp nhận báo cáo tiến độ: 100%" in page, "every step is visible on the task"
    download = client.get(reverse("plans:evidence", args=[report.files.get().pk]))
    assert b"".join(download.streaming_content) == PDF
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(office_task.pk)).values_list("action", flat=True)
    )
    assert {"thidua.progress_report", "thidua.progress_accept"} <= actions


def test_the_office_returns_a_report_with_a_reason(office_task, unit_head_a, office_a):
    report = services.progress_report_submit(office_task, actor=unit_head_a, text="x", percent=20)

    with pytest.raises(ValidationError):
        services.progress_report_return(report, actor=office_a, reason=" ")
    services.progress_report_return(report, actor=office_a, reason="Thiếu minh chứng")

    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RETURNED
    assert report.review_reason == "Thiếu minh chứng"
    with pytest.raises(PermissionDenied):
        services.progress_report_accept(
            services.progress_report_submit(office_task, actor=unit_head_a, text="y", percent=30),
            actor=unit_head_a,
        )


def test_a_file_that_is_not_evidence_is_refused(office_task, unit_head_a):
    with pytest.raises(ValidationError) as error:
        services.progress_report_submit(
            office_task,
            actor=unit_head_a,
            text="x",
            percent=5,
            files=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")],
        )
    assert "không phải PDF" in str(error.value)
    assert ProgressReport.objects.count() == 0


def test_unit_head_of_b_cannot_see_or_report_on_a_tasks(
    client_for, plan, office_task, unit_head_b, division_b
):
    client = client_for(unit_head_b)

    assert not queries.tasks_visible_to(unit_head_b).exists()
    assert not queries.plans_visible_to(unit_head_b).exists()
    assert client.get(reverse("plans:task_detail", args=[office_task.pk])).status_code == 404
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    posted = client.post(
        reverse("plans:task_report", args=[office_task.pk]), {"text": "x", "percent": 50}
    )
    assert posted.status_code == 404
    with pytest.raises(PermissionDenied):
        services.progress_report_submit(office_task, actor=unit_head_b, text="x", percent=1)


def test_a_unit_sees_its_own_tasks_and_the_office_sees_all(plan, unit_head_a, office_a, units_a):
    mine = queries.tasks_to_report(unit_head_a)

    assert set(mine.values_list("agency", flat=True)) == {units_a["office"].pk}
    assert queries.tasks_visible_to(office_a).count() == plan.tasks.count()


def test_activity_and_meeting_fulfil_a_task_and_fill_the_coverage_grid(
    plan, office_task, unit_head_a, units_a
):
    from thidua.plans.stats import coverage_grid

    items = list(plan.content_items.all())
    services.activity_record(
        actor=unit_head_a,
        agency=units_a["office"],
        plan=plan,
        channel="portal",
        date=dt.date(2020, 4, 2),
        title="Tin: phát động thi đua",
        audience=120,
        topics=items[:1],
        fulfils=office_task,
    )
    services.activity_record(
        actor=unit_head_a,
        agency=units_a["office"],
        plan=plan,
        channel="portal",
        date=dt.date(2020, 4, 9),
        title="Tin thứ hai",
        topics=items[:1],
    )
    services.meeting_record(
        actor=unit_head_a,
        agency=units_a["office"],
        plan=plan,
        kind="monthly_briefing",
        date=dt.date(2020, 4, 30),
        title="Giao ban tháng 4",
        attendees=35,
        topics=items,
        fulfils=office_task,
        minutes=[SimpleUploadedFile("bien-ban.pdf", PDF)],
    )

    grid = coverage_grid(plan)
    columns = [code for code, _label in grid.channels]
    rows = {item.pk: cells for item, cells in grid.rows}
    assert rows[items[0].pk][columns.index("portal")] == 2
    assert rows[items[0].pk][columns.index("monthly_briefing")] == 1
    assert rows[items[1].pk][columns.index("portal")] == 0
    assert grid.uncovered == 0
    assert office_task.activities.count() == 1 and office_task.meetings.count() == 1
    assert list(queries.activities_featuring(unit_head_a, content_item=items[0])) != []


def test_search_and_home_panel_show_plans_and_tasks_in_scope(
    client_for, plan, unit_head_a, unit_head_b
):
    mine = client_for(unit_head_a)

    found = mine.get(reverse("org:search"), {"q": "tuyen truyen phong trao"}).content.decode()
    home = mine.get("/admin/").content.decode()

    assert plan.title in found
    assert "Nhiệm vụ kế hoạch tuyên truyền" in home and "Đợt 1" in home
    other = client_for(unit_head_b).get(reverse("org:search"), {"q": "tuyen truyen"})
    assert plan.title not in other.content.decode()
