"""Two-factor login (TOTP): optional for everyone, required for province admins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.org.queries import user_scope


def two_factor_required(user: Any) -> bool:
    return user_scope(user).is_province_admin or bool(
        getattr(settings, "THIDUA_2FA_FOR_ALL", False)
    )


def has_confirmed_device(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def pending_totp_device(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator being set up, created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)
    return device


def confirm_totp_device(device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Only one authenticator per user: drop any older ones.
    for other in devices_for_user(device.user, confirmed=None):
        if isinstance(other, TOTPDevice) and other.pk != device.pk:
            other.delete()
    return True
