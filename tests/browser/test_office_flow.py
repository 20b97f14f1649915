"""Office staff log in, see the dashboard in Vietnamese, create a person and find them by typing
the name without diacritics. Drives Debian's Chromium through Playwright."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_staff_creates_and_finds_a_person(live_server, office_a, division_a, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot(page, "dang-nhap")
    page.fill("input[name=username]", "vanphong.a")
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()

    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    expect(page.get_by_text("Đơn vị và vai trò của tôi")).to_be_visible()
    screenshot(page, "bang-dieu-khien")

    page.goto(f"{live_server.url}/admin/org/people/new/")
    page.fill("input[name=full_name]", "Nguyễn Thị Ánh Tuyết")
    page.select_option("select[name=gender]", "female")
    page.fill("input[name=date_of_birth]", "05/01/1990")
    page.keyboard.press("Escape")  # close the date picker
    page.fill("input[name=position]", "Chuyên viên chính")
    page.select_option("select[name=agency]", label=division_a.name)
    screenshot(page, "them-can-bo")
    page.get_by_role("button", name="Tạo").click()
    expect(page.get_by_text("Nguyễn Thị Ánh Tuyết").first).to_be_visible()

    page.goto(f"{live_server.url}/admin/org/people/")
    search = page.locator("input[name=q]").first
    search.fill("nguyen thi anh tuyet")
    search.press("Enter")
    results = page.locator("table")
    expect(results.get_by_text("Nguyễn Thị Ánh Tuyết")).to_be_visible()
    screenshot(page, "tim-can-bo")

    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
