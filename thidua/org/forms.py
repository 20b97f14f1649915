from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from wagtail.admin.forms.auth import LoginForm

from thidua.org.twofactor import has_confirmed_device


class TwoFactorLoginForm(LoginForm):
    """Wagtail's login form with a one-time code for users who have an authenticator."""

    otp_token = forms.CharField(
        label=_("Mã xác thực hai lớp"),
        required=False,
        max_length=8,
        help_text=_("Chỉ nhập nếu tài khoản đã bật xác thực hai lớp: 6 chữ số trong ứng dụng."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **LoginForm.error_messages,
        "otp_required": _(
            "Tài khoản này bật xác thực hai lớp: hãy nhập mã 6 chữ số trong ứng dụng."
        ),
        "otp_invalid": _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Wagtail's form declares the field without a label, which would show "Password".
        self.fields["password"].label = _("Mật khẩu")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and has_confirmed_device(user):
            token = (cleaned.get("otp_token") or "").strip()
            if not token:
                raise forms.ValidationError(
                    self.error_messages["otp_required"], code="otp_required"
                )
            device = match_token(user, token)
            if device is None:
                raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
            # django_otp marks the session verified on login when the user carries its device.
            user.otp_device = device
        return cleaned


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã 6 chữ số"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
