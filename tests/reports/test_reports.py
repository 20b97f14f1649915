"""Periodic reports: asked for by the Office, compiled by the worker into a Decree 30 .docx and
an .xlsx whose figures equal the data, delivered to the named recipients, scoped, issued with a
number from the outgoing register."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reports.conftest import YEAR
from thidua.admindoc.check import check_docx
from thidua.notifications.models import Notification
from thidua.plans.models import Activity, Meeting, Task
from thidua.reports import services
from thidua.reports.models import Report

pytestmark = pytest.mark.django_db

START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)


def run_worker() -> None:
    """What `manage.py db_worker --batch` does; the test's connection stays open."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )


def ask(actor, agency, capture, **kw) -> Report:
    fields = {
        "kind": Report.Kind.INTERIM,
        "period_start": START,
        "period_end": END,
        "limitations": "Một số đơn vị báo cáo chậm.\nChưa có nhiều bài viết về điển hình.",
        "next_tasks": "Tiếp tục tuyên truyền trên cổng thông tin.",
        "recipients_text": "Ban Thi đua – Khen thưởng tỉnh\nLưu: VT, VP",
        "signer_authority": "KT.",
        "signer_positions": "GIÁM ĐỐC/PHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Hữu Phước",
        **kw,
    }
    with capture(execute=True):
        report = services.report_request(actor=actor, agency=agency, **fields)
    with capture(execute=True):  # the worker's notifications are sent after its commit
        run_worker()
    report.refresh_from_db()
    return report


def docx_text(report: Report) -> str:
    with report.docx.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_annual_report_is_compiled_in_the_background_and_equals_the_data(
    build_world, agency_a, office_a, leader_a, client_for, django_capture_on_commit_callbacks
):
    build_world(3)
    report = ask(office_a, agency_a, django_capture_on_commit_callbacks, recipients=[leader_a])

    assert report.status == Report.Status.DONE, report.error
    assert report.progress == 100
    activities = Activity.objects.filter(
        agency__path__startswith=agency_a.path, date__gte=START, date__lte=END
    )
    meetings = Meeting.objects.filter(
        agency__path__startswith=agency_a.path, date__gte=START, date__lte=END
    )
    part = report.figures["propaganda"]
    assert part["totals"] == [activities.count(), meetings.count(), 0]  # no dissemination
    tasks = Task.objects.filter(
        agency__path__startswith=agency_a.path, due_date__gte=START, due_date__lte=END
    )
    assert report.figures["plans"]["total"] == tasks.count()
    assert report.figures["plans"]["done"] == tasks.filter(status="done").count()

    with report.docx.open("rb") as handle:
        data = handle.read()
    assert check_docx(data) == []
    text = docx_text(report)
    assert "BÁO CÁO" in text
    assert f"Sơ kết năm {YEAR}" in text
    assert "HẠN CHẾ, NGUYÊN NHÂN" in text and "Một số đơn vị báo cáo chậm." in text
    assert "NHIỆM VỤ KỲ TỚI" in text
    assert "Kết quả theo hình thức tuyên truyền" in text
    assert str(activities.count() + meetings.count()) in text

    with report.xlsx.open("rb") as handle:
        workbook = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert workbook["Hoạt động tuyên truyền"].max_row - 1 == activities.count()
    assert workbook["Cuộc họp"].max_row - 1 == meetings.count()
    assert workbook["Nhiệm vụ"].max_row - 1 == tasks.exclude(status="cancelled").count()
    link = workbook["Hoạt động tuyên truyền"].cell(row=2, column=7).value
    assert link and "/admin/" in link

    notified = set(
        Notification.objects.filter(kind="reports.ready").values_list("recipient", flat=True)
    )
    assert notified == {office_a.pk, leader_a.pk}
    response = client_for(leader_a).get(reverse("reports:download", args=[report.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_plan_report_counts_only_that_plan(
    build_world, agency_a, office_a, django_capture_on_commit_callbacks
):
    world = build_world(2)
    plan = world.plans["a"]
    report = ask(office_a, agency_a, django_capture_on_commit_callbacks, plan=plan, kind="final")
    assert report.title.startswith("Tổng kết thực hiện Kế hoạch số")
    expected = Activity.objects.filter(plan=plan, date__gte=START, date__lte=END).count()
    assert report.figures["propaganda"]["totals"][0] == expected
    assert "Thực hiện Kế hoạch số" in docx_text(report)


def test_report_sections_appear_only_when_their_app_has_data(
    agency_a, division_a, office_a, django_capture_on_commit_callbacks
):
    report = ask(
        office_a,
        agency_a,
        django_capture_on_commit_callbacks,
        kind="monthly",
        period_start=dt.date(YEAR, 3, 1),
        period_end=dt.date(YEAR, 3, 31),
    )
    assert report.status == Report.Status.DONE
    for part in ("propaganda", "plans", "movements", "exemplars", "awards"):
        assert report.figures[part] is None
    text = docx_text(report)
    assert "chưa có số liệu" in text
    assert "Công tác khen thưởng" not in text
    with report.docx.open("rb") as handle:
        assert check_docx(handle.read()) == []


def test_issuing_takes_a_bc_number_from_the_register(
    build_world, agency_a, office_a, django_capture_on_commit_callbacks
):
    build_world(1)
    report = ask(office_a, agency_a, django_capture_on_commit_callbacks)
    figures = report.figures
    report = services.report_issue(report, actor=office_a, date=dt.date(YEAR, 12, 31))
    assert report.number_symbol == "01/BC-SKHCN"
    assert report.figures == figures
    text = docx_text(report)
    assert "Số: 01/BC-SKHCN" in text
    with report.docx.open("rb") as handle:
        assert check_docx(handle.read()) == []
    with pytest.raises(ValidationError):
        services.report_issue(report, actor=office_a, date=dt.date(YEAR, 12, 31))


def test_reports_are_scoped(
    build_world,
    agency_a,
    agency_b,
    office_a,
    office_b,
    unit_head_a,
    leader_a,
    client_for,
    django_capture_on_commit_callbacks,
):
    build_world(1)
    report = ask(office_a, agency_a, django_capture_on_commit_callbacks)
    for user in (office_b, unit_head_a):
        client = client_for(user)
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
        assert client.get(reverse("reports:download", args=[report.pk, "xlsx"])).status_code == 404
        assert report.title not in client.get(reverse("reports:index")).content.decode()
    assert client_for(leader_a).get(reverse("reports:detail", args=[report.pk])).status_code == 200
    with pytest.raises(PermissionDenied):
        services.report_request(
            actor=office_b, agency=agency_a, kind="interim", period_start=START, period_end=END
        )
    with pytest.raises(PermissionDenied):
        services.report_request(
            actor=unit_head_a, agency=agency_a, kind="interim", period_start=START, period_end=END
        )
    with pytest.raises(ValidationError):
        services.report_request(
            actor=office_a,
            agency=agency_a,
            kind="interim",
            period_start=START,
            period_end=END,
            recipients=[office_b],
        )
    # B's report counts none of A's records.
    report_b = ask(office_b, agency_b, django_capture_on_commit_callbacks)
    assert "(a)" not in docx_text(report_b)
    b_activities = Activity.objects.filter(
        agency__path__startswith=agency_b.path, date__gte=START, date__lte=END
    ).count()
    assert report_b.figures["propaganda"]["totals"][0] == b_activities


def test_the_request_form_queues_the_report_and_the_page_polls(
    agency_a, office_a, leader_a, client_for, django_capture_on_commit_callbacks
):
    client = client_for(office_a)
    assert client.get(reverse("reports:new")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:new"),
            {
                "kind": "quarterly",
                "agency": agency_a.pk,
                "year": YEAR,
                "quarter": 2,
                "limitations": "Chưa đều.",
                "next_tasks": "Đẩy mạnh.",
                "recipients": [leader_a.pk],
                "recipients_text": "Lưu: VT",
                "signer_positions": "GIÁM ĐỐC",
            },
        )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{report.pk}/")
    assert (report.period_start, report.period_end) == (dt.date(YEAR, 4, 1), dt.date(YEAR, 6, 30))
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page
    run_worker()
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("reports:download", args=[report.pk, "docx"]) in page
    assert client_for(leader_a).get(reverse("reports:index")).status_code == 200


def test_unit_head_cannot_open_the_request_form(unit_head_a, client_for):
    # Wagtail answers a refused admin page by sending the user back to the dashboard.
    response = client_for(unit_head_a).get(reverse("reports:new"))
    assert response.status_code in (302, 403) and "<form" not in response.content.decode()


def test_report_generation_reads_a_bounded_number_of_queries(
    build_world, agency_a, office_a, django_capture_on_commit_callbacks
):
    """Compiling, the .docx and the .xlsx read the same number of statements whatever the
    number of records (bench/bench_report.py times a province's year)."""

    def statements() -> tuple[int, Report]:
        with django_capture_on_commit_callbacks(execute=False):  # no task: generated below
            report = services.report_request(
                actor=office_a,
                agency=agency_a,
                kind=Report.Kind.FINAL,
                period_start=START,
                period_end=END,
            )
        with CaptureQueriesContext(connection) as ctx:
            done = services.report_generate(report)
        assert done.status == Report.Status.DONE, done.error
        return len(ctx.captured_queries), done

    build_world(1, seed=1)
    statements()  # warm-up: content types and other per-process caches
    few, small = statements()
    build_world(4, seed=2)
    many, large = statements()

    assert large.figures["plans"]["total"] > small.figures["plans"]["total"]
    with large.xlsx.open("rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read()))["Nhiệm vụ"]
    assert sheet.max_row - 1 == large.figures["plans"]["total"]
    # Each row keeps its styles and its link (the cells are appended pre-styled).
    link = sheet.cell(row=2, column=7)
    assert link.hyperlink is not None and link.hyperlink.target == link.value
    assert link.font.underline == "single" and sheet.cell(row=2, column=2).alignment.wrap_text
    assert many == few
