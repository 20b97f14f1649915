"""Office staff of the province launch a movement for two departments; a unit head registers
the unit and its members; the department's Office sends the consolidated registration; the
launching level sees the statuses change. Screenshots for docs/user-guide/movements.md."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.org.factories import PersonFactory, make_member
from thidua.org.models.role import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-thu-nghiem-2026"


def login(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def test_launch_register_and_follow_the_cascade(
    live_server, province, agency_a, agency_b, division_a, office_a, unit_head_a, browser_page
):
    make_member("vanphong.tinh", province, Role.OFFICE, "Nguyễn Thị Kim Loan")
    people = [
        PersonFactory(agency=division_a, full_name=n) for n in ("Trần Văn Bình", "Lê Thị Cúc")
    ]
    year = dt.date.today().year
    page = browser_page

    # The province's Office creates the movement for two departments and launches it.
    login(page, live_server, "vanphong.tinh")
    page.goto(f"{live_server.url}/admin/phong-trao/new/")
    page.fill("input[name=name]", "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở")
    page.fill("input[name=slogan]", "Kỷ cương – Trách nhiệm – Hiệu quả")
    page.select_option("select[name=kind]", "thematic")
    page.select_option("select[name=scope]", "province")
    page.select_option("select[name=launched_by]", label=province.name)
    for name, value in (
        ("start_date", f"01/01/{year}"),
        ("end_date", f"31/12/{year}"),
        ("registration_due", f"31/03/{year}"),
        ("final_due", f"30/11/{year}"),
    ):
        page.fill(f"input[name={name}]", value)
        page.keyboard.press("Escape")
    page.get_by_label(agency_a.name, exact=True).check()
    page.get_by_label(agency_b.name, exact=True).check()
    screenshot(page, "movements-tao-phong-trao")
    page.get_by_role("button", name="Tạo").click()
    expect(page.get_by_role("button", name="Phát động phong trào")).to_be_visible()
    page.get_by_role("button", name="Phát động phong trào").click()
    expect(page.get_by_text("Đã phát động phong trào")).to_be_visible()
    cascade_url = page.url
    expect(page.locator("#cascade td[data-status=not_sent]")).to_have_count(4)
    screenshot(page, "movements-theo-doi-phat-dong")

    # The unit head registers the division and its members in one go.
    login(page, live_server, "truongphong.a")
    page.goto(cascade_url.replace("theo-doi", "dang-ky"))
    page.select_option("select[name=unit_title_code]", label="Tập thể lao động xuất sắc")
    page.get_by_label(people[0].full_name).select_option(label="Chiến sĩ thi đua cơ sở")
    page.get_by_label(people[1].full_name).select_option(label="Lao động tiên tiến")
    page.fill("#id_unit_covenant", "Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ năm.")
    page.fill("#id_unit_signed", "Lê Văn Dũng")
    screenshot(page, "movements-dang-ky-don-vi")
    page.get_by_role("button", name="Lưu đăng ký của đơn vị").click()
    expect(page.get_by_text("Đã ghi nhận đăng ký thi đua")).to_be_visible()

    # The department's Office sends the consolidated registration upward.
    login(page, live_server, "vanphong.a")
    page.goto(f"{live_server.url}/admin/phong-trao/viec-phai-gui/")
    expect(page.get_by_text("Chiến sĩ thi đua cơ sở: 1")).to_be_visible()
    screenshot(page, "movements-viec-phai-gui")
    page.get_by_role("button", name="Gửi bản tổng hợp đăng ký").click()
    expect(page.get_by_text("Đã gửi đăng ký thi đua")).to_be_visible()

    # The launching level sees the status change and the number registered.
    login(page, live_server, "vanphong.tinh")
    page.goto(cascade_url)
    row = page.locator("#cascade tr", has_text=agency_a.name)
    expect(row.locator("td[data-status=waiting]")).to_have_count(1)
    expect(row.locator("td").last).to_contain_text("3")
    screenshot(page, "movements-theo-doi-cho-duyet")
    row.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator("#cascade td[data-status=accepted]")).to_have_count(1)

    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
