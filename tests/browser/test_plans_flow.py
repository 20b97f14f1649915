"""The plan loop in a browser: the Office uploads a plan .docx, corrects one field in the review,
confirms and issues it, sees the tasks; the unit head reports progress with a file; the Office
accepts and the dashboard shows it. Screenshots feed docs/user-guide/plans.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.org.factories import make_agency
from thidua.admindoc.extract import extract
from thidua.admindoc.parse import parse
from thidua.admindoc.render import render

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2] / "thidua/demo/fixtures/seeds"
PASSWORD = "Mat-khau-thu-nghiem-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan_docx(tmp_path) -> Path:
    text = next(SEED.glob("002_*.txt")).read_text(encoding="utf-8")
    path = tmp_path / "ke-hoach-tuyen-truyen-2020.docx"
    path.write_bytes(render(parse(extract(text.encode("utf-8")).text)))
    return path


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def test_plan_from_upload_to_progress_on_the_dashboard(
    live_server, office_a, unit_head_a, agency_a, division_a, plan_docx, tmp_path, browser_page
):
    make_agency(agency_a, code="SKHCN-QLKH", name="Phòng Quản lý khoa học", kind="division")
    evidence = tmp_path / "anh-hoi-nghi.pdf"
    evidence.write_bytes(PDF)
    page, base = browser_page, live_server.url

    # The Office uploads the plan and corrects the title in the review
    _login(page, base, "vanphong.a")
    page.goto(f"{base}/admin/ke-hoach/nhap/")
    page.set_input_files("input[name=file]", str(plan_docx))
    screenshot(page, "plans-tai-len")
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()
    expect(page.get_by_role("heading", name="Văn bản gốc")).to_be_visible()
    title = page.locator("textarea[name=plan-title]")
    title.fill("Tuyên truyền các phong trào thi đua yêu nước năm 2020 (đã sửa)")
    screenshot(page, "plans-xem-lai")
    page.get_by_role("button", name="Xác nhận tạo kế hoạch").click()
    expect(page.get_by_text("(đã sửa)").first).to_be_visible()

    # ... issues it and sees the tasks
    page.get_by_role("button", name="Ban hành và giao nhiệm vụ").click()
    expect(page.get_by_text(re.compile(r"Đã ban hành kế hoạch số 01/KH-SKHCN"))).to_be_visible()
    tasks = page.locator("#plan-tasks")
    expect(tasks.get_by_text("Văn phòng Sở Khoa học và Công nghệ").first).to_be_visible()
    expect(tasks.get_by_text("Phòng Quản lý khoa học").first).to_be_visible()
    screenshot(page, "plans-nhiem-vu")
    plan_url = page.url

    # The unit head reports progress with a file
    _login(page, base, "truongphong.a")
    page.goto(f"{base}/admin/ke-hoach/nhiem-vu/?state=all")
    page.get_by_role("link", name=re.compile("^Đợt 1")).first.click()
    page.fill("textarea[name=text]", "Đã phổ biến kế hoạch tại hội nghị cơ quan, 45 người dự")
    page.fill("input[name=percent]", "100")
    page.set_input_files("input[name=files]", str(evidence))
    screenshot(page, "plans-bao-cao")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo tiến độ")).to_be_visible()
    task_url = page.url

    # The Office accepts it; the dashboard shows the work done
    _login(page, base, "vanphong.a")
    page.goto(task_url)
    expect(page.get_by_role("link", name="anh-hoi-nghi.pdf")).to_be_visible()
    page.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator("#task-status")).to_contain_text("Hoàn thành, 100%")
    page.goto(plan_url.rstrip("/") + "/tong-quan/")
    expect(page.locator("#by-unit")).to_contain_text("1/")
    expect(page.locator("#plan-totals")).to_contain_text("1/")
    screenshot(page, "plans-tong-quan")

    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
