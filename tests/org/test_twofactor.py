"""Two-factor login: optional for everyone, required for the province admin."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-thu-nghiem-2026"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def login(client, username, token=""):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": PASSWORD, "otp_token": token},
    )


def test_login_page_is_in_vietnamese(client):
    page = client.get(reverse("wagtailadmin_login")).text
    assert "Đăng nhập" in page
    assert "Mã xác thực hai lớp" in page
    assert "Mật khẩu" in page
    for english in ("Sign in", "Password", "Wagtail"):
        assert f">{english}" not in page and f"{english} *" not in page


def test_user_without_device_logs_in_with_password(client, office_a):
    response = login(client, "vanphong.a")
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_user_with_device_must_give_a_code(client, office_a):
    TOTPDevice.objects.create(user=office_a, name="app", confirmed=True)
    assert "Tài khoản này bật xác thực hai lớp" in login(client, "vanphong.a").text
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_user_with_device_is_refused_a_wrong_code(client, office_a):
    device = TOTPDevice.objects.create(user=office_a, name="app", confirmed=True)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    assert "Mã xác thực không đúng" in login(client, "vanphong.a", wrong).text
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_user_with_device_logs_in_with_a_valid_code(client, office_a):
    device = TOTPDevice.objects.create(user=office_a, name="app", confirmed=True)
    response = login(client, "vanphong.a", code_for(device))
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_province_admin_must_set_up_two_factor_before_anything_else(client, province_admin):
    assert login(client, "quantri.tinh").status_code == 302
    response = client.get(reverse("people:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("org:twofactor"))
    setup = client.get(response["Location"])
    assert "Bật xác thực hai lớp" in setup.text and "<svg" in setup.text
    device = TOTPDevice.objects.get(user=province_admin, confirmed=False)
    assert "Mã không đúng" in client.post(reverse("org:twofactor"), {"token": "12"}).text
    device.throttle_reset()
    done = client.post(
        reverse("org:twofactor") + "?next=/admin/org/people/", {"token": code_for(device)}
    )
    assert done.status_code == 302 and done["Location"] == "/admin/org/people/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("people:index")).status_code == 200


def test_open_redirect_is_refused(client, province_admin):
    login(client, "quantri.tinh")
    device = TOTPDevice.objects.create(user=province_admin, name="app", confirmed=False)
    client.get(reverse("org:twofactor"))
    done = client.post(
        reverse("org:twofactor") + "?next=https://evil.example/", {"token": code_for(device)}
    )
    assert done["Location"] == "/admin/"


def test_repeated_failures_lock_the_login(client, office_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("wagtailadmin_login"), {"username": "vanphong.a", "password": "sai-mat-khau"}
        )
    response = login(client, "vanphong.a")
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.text


def test_account_page_offers_two_factor_setup(office_a, client_for):
    page = client_for(office_a).get(reverse("wagtailadmin_account")).text
    assert "Xác thực hai lớp" in page or "Bật xác thực hai lớp" in page
    assert reverse("org:twofactor") in page


def test_two_factor_can_be_required_of_everyone(client, office_a, settings):
    settings.THIDUA_2FA_FOR_ALL = True
    login(client, "vanphong.a")
    response = client.get(reverse("people:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("org:twofactor"))
