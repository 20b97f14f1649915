from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from thidua.org.twofactor import two_factor_required

# Paths a user who still owes a second factor may reach.
_OPEN_PREFIXES = (
    "/static/",
    "/media/",
    "/admin/login/",
    "/admin/logout/",
    "/admin/2fa/",
    "/admin/jsi18n/",
    "/admin/sprite/",  # the icon sprite, fetched and inlined by the admin's JavaScript
)


class RequireTwoFactorMiddleware:
    """Users who must use two factors (province admins) reach nothing else until verified.

    A user with an authenticator is verified at login by TwoFactorLoginForm; one without is
    sent to set one up first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not user.is_verified()
            and two_factor_required(user)
        ):
            return redirect(f"{reverse('org:twofactor')}?next={request.path}")
        return self.get_response(request)
