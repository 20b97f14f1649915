"""The document loop in a browser: the Office registers a plan from its Word file (pre-filled,
checked, saved), disseminates it to two units; one unit acknowledges; the Office's dissemination
page shows 1 of 2. Screenshots feed docs/user-guide/documents.md."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.documents.conftest import seed_docx
from tests.org.factories import make_agency, make_member
from thidua.documents import services
from thidua.org.models.role import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-thu-nghiem-2026"


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def test_register_disseminate_and_acknowledge(
    live_server, office_a, unit_head_a, agency_a, division_a, province, tmp_path, browser_page
):
    make_agency(province, code="STTTT", name="Sở Thông tin và Truyền thông", symbol="STTTT")
    division_a2 = make_agency(
        agency_a, code="SKHCN-QLKH", name="Phòng Quản lý khoa học", kind="division"
    )
    make_member("truongphong.a2", division_a2, Role.UNIT_HEAD, "Ngô Thị Lan")
    for i in range(3):
        services.number_reserve(
            agency=agency_a,
            type_abbr="KH",
            date=dt.date(2026, 1, 5 + i),
            summary=f"Kế hoạch tuyên truyền đợt {i + 1}",
            actor=office_a,
        )
    plan = tmp_path / "kh-31-STTTT.docx"
    plan.write_bytes(seed_docx("004"))
    page, base = browser_page, live_server.url

    # The Office uploads the plan; the form comes back pre-filled from the document
    _login(page, base, "vanphong.a")
    page.goto(f"{base}/admin/van-ban/dang-ky/")
    page.set_input_files("input[name=file]", str(plan))
    screenshot(page, "documents-dang-ky")
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()
    expect(page.locator("input[name=number_symbol]")).to_have_value("31/KH-STTTT")
    expect(page.locator("input[name=date]")).to_have_value("27/04/2022")
    expect(page.locator("input[name=issuer]")).to_have_value("Sở Thông tin và Truyền thông")
    screenshot(page, "documents-kiem-tra")
    page.get_by_role("button", name="Lưu vào sổ văn bản").click()
    expect(page.get_by_text("Đã đăng ký văn bản 31/KH-STTTT.")).to_be_visible()

    # ... and disseminates it to two units
    page.get_by_role("link", name="Phổ biến văn bản").click()
    page.get_by_label("Văn phòng Sở Khoa học và Công nghệ").check()
    page.get_by_label("Phòng Quản lý khoa học").check()
    page.fill("textarea[name=message]", "Đề nghị các phòng quán triệt tới công chức.")
    screenshot(page, "documents-pho-bien")
    page.get_by_role("button", name="Gửi văn bản").click()
    expect(page.get_by_text("Đã gửi văn bản tới 2 nơi nhận.")).to_be_visible()
    expect(page.locator("#read-summary")).to_contain_text("0/2 đã đọc")
    dissemination_url = page.url

    # One unit's head sees it in "Văn bản cần đọc" and acknowledges
    _login(page, base, "truongphong.a")
    expect(page.get_by_role("heading", name="Văn bản cần đọc").first).to_be_visible()
    page.goto(f"{base}/admin/van-ban/can-doc/")
    page.get_by_role("radio", name="Đã triển khai").check()
    page.fill("textarea[name=note]", "Đã quán triệt tại giao ban phòng ngày 05/01.")
    screenshot(page, "documents-can-doc")
    page.get_by_role("button", name="Gửi xác nhận").click()
    expect(page.get_by_text("Đã ghi nhận xác nhận của bạn.")).to_be_visible()

    # The Office's page shows 1 of 2, and who has not read
    _login(page, base, "vanphong.a")
    page.goto(dissemination_url)
    expect(page.locator("#read-summary")).to_contain_text("1/2 đã đọc")
    expect(page.locator("#by-unit")).to_contain_text("Phòng Quản lý khoa học")
    expect(page.locator("#recipients")).to_contain_text("Đã quán triệt tại giao ban")
    screenshot(page, "documents-tinh-hinh")

    # The outgoing register
    page.goto(f"{base}/admin/van-ban/so-van-ban-di/")
    expect(page.locator("#register")).to_contain_text("03/KH-SKHCN")
    screenshot(page, "documents-so-van-ban-di")

    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
