"""The province admin must enrol an authenticator at first login, then needs its code."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from_secret(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key printed on the setup page (``steps_ahead``
    30-second steps later: a code is accepted once, so the next login needs the next one)."""
    raw = secret.replace(" ", "")
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


def test_province_admin_enrols_then_logs_in_with_a_code(live_server, province_admin, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "quantri.tinh")
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()

    expect(page.get_by_role("heading", name="Bật xác thực hai lớp")).to_be_visible()
    expect(page.locator("[data-qr-code] svg")).to_be_visible()
    screenshot(page, "bat-xac-thuc-hai-lop")
    secret = page.locator("code").inner_text()
    page.fill("input[name=token]", code_from_secret(secret))
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()

    # Next login: the password alone is refused, the code lets the admin in.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "quantri.tinh")
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_text("Tài khoản này bật xác thực hai lớp")).to_be_visible()
    page.fill("input[name=password]", "Mat-khau-thu-nghiem-2026")
    page.fill("input[name=otp_token]", code_from_secret(secret, steps_ahead=1))
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
