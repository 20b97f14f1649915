"""Office staff record an exemplar, nurture it, record its recognition and see it on the
dashboard among the recognised exemplars not yet publicised. Screenshots for
docs/user-guide/exemplars.md (THIDUA_SCREENSHOTS)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.exemplars.factories import make_field

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def field_a(agency_a):
    return make_field(agency_a, "Ứng dụng khoa học và công nghệ")


def test_office_moves_an_exemplar_to_recognised(
    live_server, office_a, division_a, field_a, browser_page
):
    page = browser_page
    base = live_server.url
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "vanphong.a")
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Điển hình tiên tiến")).to_be_visible()

    # Record a newly discovered exemplar.
    page.goto(f"{base}/admin/exemplars/new/")
    page.select_option("select[name=subject_kind]", "person")
    page.fill("input[name=name]", "Nguyễn Thị Mỹ Tiên")
    page.select_option("select[name=kind]", "advanced")
    page.select_option("select[name=field]", label="Ứng dụng khoa học và công nghệ")
    page.select_option("select[name=unit]", label=division_a.name)
    page.fill("input[name=summary]", "Chủ trì 2 đề tài cấp tỉnh nghiệm thu xuất sắc.")
    page.fill(
        "textarea[name=achievements]",
        "Sáng kiến quản lý đề tài trực tuyến, rút ngắn thời gian thẩm định từ 20 xuống 7 ngày.",
    )
    page.fill("input[name=discovered_on]", "03/02/2025")
    page.keyboard.press("Escape")
    screenshot(page, "exemplars-ghi-nhan")
    page.get_by_role("button", name="Tạo").click()
    expect(page.get_by_text("Phát hiện", exact=True)).to_be_visible()

    # Nurture it: mentor, goals, support.
    page.get_by_role("link", name="Đưa vào bồi dưỡng").click()
    page.select_option("select[name=mentor]", label="Trần Thị Hồng Nhung")
    page.fill("textarea[name=goals]", "Đủ điều kiện đề nghị Chiến sĩ thi đua cấp tỉnh năm 2025.")
    page.fill("textarea[name=support]", "Hướng dẫn hồ sơ, bố trí thời gian viết báo cáo.")
    page.fill("input[name=started_on]", "01/03/2025")
    screenshot(page, "exemplars-boi-duong")
    page.get_by_role("button", name="Bắt đầu bồi dưỡng").click()
    expect(page.get_by_text("Đang bồi dưỡng", exact=True)).to_be_visible()

    page.get_by_role("link", name="Ghi nhật ký bồi dưỡng").click()
    page.fill("input[name=date]", "15/04/2025")
    page.fill("textarea[name=content]", "Góp ý báo cáo thành tích, hoàn thiện minh chứng.")
    page.get_by_role("button", name="Ghi").click()
    expect(page.get_by_text("Góp ý báo cáo thành tích")).to_be_visible()

    # Record the recognition decision; a missing number is explained on the form.
    page.get_by_role("link", name="Ghi nhận công nhận").click()
    page.select_option("select[name=level]", "province")
    page.fill("input[name=title]", "Chiến sĩ thi đua cấp tỉnh")
    page.fill("input[name=decision_date]", "20/05/2025")
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.get_by_text("Nhập số, ký hiệu quyết định công nhận")).to_be_visible()
    page.fill("input[name=decision_number]", "1187/QĐ-UBND")
    screenshot(page, "exemplars-cong-nhan")
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.get_by_text("Đã công nhận", exact=True)).to_be_visible()
    expect(page.get_by_text("Quyết định số 1187/QĐ-UBND ngày 20/05/2025")).to_be_visible()
    screenshot(page, "exemplars-chi-tiet")
    page.get_by_role("heading", name="Diễn biến").scroll_into_view_if_needed()
    expect(page.locator("table.exemplar-timeline").get_by_text("Góp ý báo cáo")).to_be_visible()
    screenshot(page, "exemplars-dien-bien")

    # The dashboard lists it among the recognised exemplars nobody has written about yet.
    page.goto(f"{base}/admin/exemplars/dashboard/")
    uncovered = page.locator("ul.exemplar-uncovered")
    expect(uncovered.get_by_text("Nguyễn Thị Mỹ Tiên")).to_be_visible()
    screenshot(page, "exemplars-bang-theo-doi")

    # And the list finds it typed without diacritics.
    page.goto(f"{base}/admin/exemplars/?q=my+tien")
    expect(page.locator("table").get_by_text("Nguyễn Thị Mỹ Tiên")).to_be_visible()
    screenshot(page, "exemplars-danh-sach")

    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors


def test_exemplar_pages_are_clean(live_server, office_a, division_a, field_a, browser_page):
    """Every exemplar page loads without a console error (CSP, failed requests)."""
    from tests.browser.test_pages_clean import login, visit_all
    from tests.exemplars.factories import make_exemplar
    from thidua.exemplars.models import Stage

    nurtured = make_exemplar(
        division_a, field=field_a, name="Đang bồi dưỡng", stage=Stage.NURTURING
    )
    recognised = make_exemplar(
        division_a, field=field_a, name="Đã công nhận", stage=Stage.RECOGNISED
    )
    login(browser_page, live_server.url, "vanphong.a")
    n, r = nurtured.pk, recognised.pk
    paths = [
        "/admin/exemplars/",
        "/admin/exemplars/?stage=nurturing&q=boi+duong",
        "/admin/exemplars/new/",
        f"/admin/exemplars/edit/{n}/",
        f"/admin/exemplars/inspect/{n}/",
        f"/admin/exemplars/history/{n}/",
        f"/admin/exemplars/{n}/recognise/",
        f"/admin/exemplars/{n}/log/",
        f"/admin/exemplars/{n}/evidence/",
        f"/admin/exemplars/{n}/drop/",
        f"/admin/exemplars/{r}/replication/",
        f"/admin/exemplars/{r}/coverage/",
        f"/admin/exemplars/{r}/publication/",
        "/admin/exemplars/dashboard/",
        "/admin/exemplars/fields/",
        "/admin/exemplars/fields/new/",
        f"/admin/exemplars/fields/edit/{field_a.pk}/",
        "/admin/tim-kiem/?q=dang+boi+duong",
    ]
    assert visit_all(browser_page, live_server.url, paths) == {}
