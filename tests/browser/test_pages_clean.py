"""Every back-office page of ours loads in Chromium without a console error: no script blocked
by the Content Security Policy, no failed request, and the page rendered once."""

import re

import pytest

from tests.org.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    page.wait_for_load_state("networkidle")


def visit_all(page, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for path in paths:
        page.console_errors.clear()
        response = page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        found = list(page.console_errors)
        if response is None or response.status != 200:
            found.append(f"HTTP {response.status if response else 'no response'}")
        if page.evaluate("() => document.querySelectorAll('.wrapper').length") != 1:
            found.append("page content rendered more than once")
        if found:
            problems[path] = found
    return problems


def test_office_pages_are_clean(live_server, office_a, division_a, browser_page):
    person = PersonFactory(full_name="Đinh Thị Hoa", agency=division_a, email="hoa@angiang.gov.vn")
    login(browser_page, live_server.url, "vanphong.a")
    paths = [
        "/admin/",
        "/admin/org/agencies/",
        "/admin/org/people/",
        "/admin/org/people/new/",
        f"/admin/org/people/edit/{person.pk}/",
        f"/admin/org/people/inspect/{person.pk}/",
        f"/admin/org/people/history/{person.pk}/",
        f"/admin/org/people/{person.pk}/transfer/",
        f"/admin/org/people/{person.pk}/account/",
        "/admin/org/roles/",
        "/admin/org/roles/new/",
        "/admin/org/blocs/",
        "/admin/org/import/",
        "/admin/2fa/",
        "/admin/tim-kiem/?q=dinh+thi+hoa",
        "/admin/kiem-tra-the-thuc/",
        "/admin/account/",
        "/admin/thong-bao/",
    ]
    assert visit_all(browser_page, live_server.url, paths) == {}


def test_wagtail_date_pickers_work_under_the_csp(live_server, office_a, division_a, browser_page):
    """Wagtail initialises its date pickers with inline scripts; csp-init.js does it instead."""
    person = PersonFactory(full_name="Mạc Văn Khoa", agency=division_a)
    login(browser_page, live_server.url, "vanphong.a")
    browser_page.goto(f"{live_server.url}/admin/org/people/history/{person.pk}/")
    browser_page.wait_for_load_state("networkidle")
    markers = browser_page.locator("[data-thidua-init=date]")
    assert markers.count() == 2
    assert browser_page.locator("[data-thidua-init=date][data-thidua-done='1']").count() == 2
    # the jQuery date picker builds one container per initialised input
    assert browser_page.locator(".xdsoft_datetimepicker").count() >= 2


def test_province_admin_pages_are_clean(live_server, province_admin, agency_a, browser_page):
    """The admin has an authenticator and logs in with the password and its current code."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=province_admin, name="app", confirmed=True)
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "quantri.tinh")
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.fill("input[name=otp_token]", f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    page.wait_for_load_state("networkidle")
    paths = [
        "/admin/",
        f"/admin/org/agencies/{agency_a.pk}/merge/",
        "/admin/org/blocs/new/",
        "/admin/users/",
    ]
    assert visit_all(page, live_server.url, paths) == {}
