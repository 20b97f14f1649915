"""The e-mail that lets a new user set their password (Wagtail's password-reset pages)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _


def set_password_url(user: Any) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uid, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_invitation(user: Any) -> None:
    context = {"user": user, "url": set_password_url(user), "site_name": settings.WAGTAIL_SITE_NAME}
    send_mail(
        subject=_("Tài khoản hệ thống Thi đua – Khen thưởng của bạn"),
        message=render_to_string("org/emails/account_invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
