"""The province admin must enrol an authenticator at first login, then needs its code."""

import base64
import re

import pytest
from django_otp.oath import hotp, totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def key_from_secret(secret: str) -> bytes:
    raw = secret.replace(" ", "")
    return base64.b32decode(raw + "=" * (-len(raw) % 8))


def code_from_secret(secret: str) -> str:
    """What an authenticator app shows now for the key printed on the setup page."""
    return f"{totp(key_from_secret(secret)):06d}"


def next_code_after_last_use(secret: str, username: str) -> str:
    """The code of the 30-second step after the one last accepted.

    A code is accepted once, and the device remembers the clock drift it saw at enrolment: if
    enrolment crossed a step boundary, "now + 1" may fall outside the window the server allows,
    while "last accepted + 1" is inside it for the next minute.
    """
    device = TOTPDevice.objects.get(user__username=username)
    return f"{hotp(key_from_secret(secret), device.last_t + 1):06d}"


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
    page.fill("input[name=otp_token]", next_code_after_last_use(secret, "quantri.tinh"))
    page.get_by_role("button", name=re.compile("Đăng nhập")).click()
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
