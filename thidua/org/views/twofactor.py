"""Setting up and confirming the authenticator app (TOTP)."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.org.forms import TokenForm
from thidua.org.services.twofactor import totp_device_confirm, totp_device_pending
from thidua.org.twofactor import has_confirmed_device


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/admin/"


@login_required
def twofactor(request: HttpRequest) -> HttpResponse:
    """Verify with an existing authenticator, or set one up and confirm it with a first code."""
    user = request.user
    form = TokenForm(request.POST or None)
    if has_confirmed_device(user):
        if request.method == "POST" and form.is_valid():
            device = match_token(user, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                return redirect(_next_url(request))
            form.add_error(
                "token", _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng.")
            )
        return render(
            request, "org/twofactor_verify.html", {"form": form, "next": _next_url(request)}
        )

    device = totp_device_pending(actor=user)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device, actor=user, token=form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai lớp cho tài khoản của bạn."))
            return redirect(_next_url(request))
        form.add_error("token", _("Mã không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("Mã QR"))
    return render(
        request,
        "org/twofactor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": _base32(device), "next": _next_url(request)},
    )


def _base32(device: TOTPDevice) -> str:
    """The key as authenticator apps accept it when typed: base32 in groups of four."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
