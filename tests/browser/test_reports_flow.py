"""Reports in a browser: the Office opens the dashboards (no console error under the strict
CSP), asks for the annual interim review of a demo-like plan, the worker compiles it while the
page polls, and the Office downloads a .docx that passes the Decree 30 check. Screenshots feed
docs/user-guide/reports.md (a dashboard, the report's page, and the report's first page rendered
by LibreOffice and pdftoppm)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.org.factories import make_agency
from tests.plans.conftest import draft_of
from tests.portal.conftest import run_worker
from tests.tools import require_tool
from thidua.admindoc.check import check_docx
from thidua.plans import services as plan_services
from thidua.plans.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-thu-nghiem-2026"


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def _demo_like_plan(agency, office, units):
    """Seed 002 (2020, two phases) imported and issued as the demo does, with work recorded."""
    draft = draft_of("002", agency)
    for row in draft["assignments"]:
        if not (row["agency_id"] or row["all_units"]):
            row["all_units"] = True
    plan = plan_services.plan_issue(
        plan_services.plan_create(draft=draft, agency=agency, actor=office), actor=office
    )
    items = list(plan.content_items.all())
    channels = ["portal", "e_office", "conference", "legal_day"]
    for i in range(12):
        plan_services.activity_record(
            actor=office,
            agency=units[i % len(units)],
            plan=plan,
            channel=channels[i % len(channels)],
            date=dt.date(2020, 1 + i, 10),
            title=f"Tuyên truyền phong trào thi đua tháng {i + 1}",
            topics=items[: 1 + i % max(len(items), 1)],
            audience=20 + 5 * i,
        )
    for i in range(4):
        plan_services.meeting_record(
            actor=office,
            agency=units[i % len(units)],
            plan=plan,
            kind=Meeting.Kind.QUARTERLY_BRIEFING,
            date=dt.date(2020, 3 * i + 3, 25),
            title=f"Giao ban quý {i + 1}",
            topics=items[:1],
            attendees=30,
        )
    return plan


def _first_page_png(docx_path: Path, target: Path, workdir: Path) -> None:
    soffice = require_tool("libreoffice")
    pdftoppm = require_tool("pdftoppm")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = workdir / (docx_path.stem + ".pdf")
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(workdir / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    pages = sorted(workdir.glob("page*.png"))
    shutil.copy(pages[0], target.with_name(target.stem + "-trang-1.png"))
    if len(pages) > 1:
        shutil.copy(pages[1], target.with_name(target.stem + "-trang-2.png"))


def test_annual_report_of_a_plan_is_compiled_and_downloaded(
    live_server, agency_a, division_a, office_a, leader_a, browser_page, tmp_path
):
    qlkh = make_agency(agency_a, code="SKHCN-QLKH", name="Phòng Quản lý khoa học", kind="division")
    plan = _demo_like_plan(agency_a, office_a, [division_a, qlkh])
    page, base = browser_page, live_server.url
    _login(page, base, "vanphong.a")

    # The dashboards load without a console error and show the year's figures
    for path in ("", "ke-hoach/", "phong-trao/", "dien-hinh/", "khen-thuong/"):
        page.console_errors.clear()
        page.goto(f"{base}/admin/tong-quan/{path}?tu=01/01/2020&den=31/12/2020")
        page.wait_for_load_state("networkidle")
        assert page.console_errors == [], path
    page.goto(f"{base}/admin/tong-quan/?tu=01/01/2020&den=31/12/2020")
    expect(page.locator("svg.rp-chart").first).to_be_visible()
    expect(page.locator("#table-channel")).to_contain_text("Chuyên mục trên cổng")
    screenshot(page, "reports-tong-quan")

    # The Office asks for the interim review of 2020
    page.goto(f"{base}/admin/bao-cao/moi/?kind=interim&year=2020&plan={plan.pk}")
    page.select_option("select[name=agency]", str(agency_a.pk))
    page.fill("textarea[name=limitations]", "Một số đơn vị gửi báo cáo chậm so với thời hạn.")
    page.fill("textarea[name=next_tasks]", "Tiếp tục tuyên truyền các phong trào thi đua năm 2021.")
    page.get_by_label(re.compile("Nguyễn Hữu Phước")).check()
    page.fill("input[name=signer_name]", "Nguyễn Hữu Phước")
    page.get_by_role("button", name="Tổng hợp").click()
    expect(page.locator("#report-progress")).to_be_visible()
    assert page.locator("meta[http-equiv=refresh]").count() == 1

    # The worker compiles it; the page refreshes itself to the result
    run_worker()
    page.wait_for_timeout(3500)
    expect(page.locator("#downloads")).to_be_visible(timeout=10_000)
    expect(page.locator("#report-status")).to_contain_text("Đã tổng hợp")
    screenshot(page, "reports-bao-cao")
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"Tải báo cáo \(\.docx\)")).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".docx"
    assert check_docx(path.read_bytes()) == []

    # Issuing gives it a number from the outgoing register
    page.get_by_role("button", name=re.compile("Ban hành")).click()
    expect(page.locator("#report-status")).to_contain_text("01/BC-SKHCN")
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"Tải báo cáo \(\.docx\)")).click()
    issued = tmp_path / ("issued-" + info.value.suggested_filename)
    info.value.save_as(issued)
    assert check_docx(issued.read_bytes()) == []

    folder = os.environ.get("THIDUA_SCREENSHOTS")
    if folder:
        _first_page_png(issued, Path(folder) / "reports-van-ban.png", tmp_path)
