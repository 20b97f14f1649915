"""Two-factor login (TOTP): optional for everyone, required for province admins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp import user_has_device

from thidua.org.queries import user_scope


def two_factor_required(user: Any) -> bool:
    return settings.THIDUA_2FA_FOR_ALL or user_scope(user).is_province_admin


def has_confirmed_device(user: Any) -> bool:
    return user_has_device(user, confirmed=True)
