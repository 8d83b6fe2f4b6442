from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp import user_has_device

from pamong.accounts.forms import SignInForm, TokenForm
from pamong.accounts.services import totp_device_confirm, totp_device_pending, totp_device_verify
from pamong.core.errors import DomainError


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/beranda/"


@login_required
def otp(request: HttpRequest) -> HttpResponse:
    """Second factor: verify a TOTP code, or set up the authenticator app on first use."""
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('accounts:otp_setup')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = totp_device_verify(user=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except DomainError as exc:
            exc.attach_to(form)
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(request, "accounts/otp.html", {"form": form, "next": _next_url(request)})


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():  # type: ignore[union-attr]
        # Replacing a device needs the current one first.
        return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': _next_url(request)})}")
    device = totp_device_pending(user=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = totp_device_confirm(user=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except DomainError as exc:
            exc.attach_to(form)
        else:
            otp_login(request, confirmed)
            messages.success(request, "Aplikasi autentikator terdaftar. Kode akan diminta setiap kali masuk.")
            return redirect(_next_url(request))
    qr_svg = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": secret, "next": _next_url(request)},
    )
