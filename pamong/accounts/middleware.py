from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Paths a signed-in user may reach before the second factor: the OTP pages themselves, sign-out and assets.
_OPEN_PREFIXES = ("/masuk/", "/keluar/", "/static/", "/healthz")


class RequireOTPMiddleware:
    """Admin and pimpinan daerah must confirm a TOTP code before any staff page (production settings)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.PAMONG_REQUIRE_OTP
            and user is not None
            and user.is_authenticated
            and user.requires_otp
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
