"""The client's address as the sign-in lockout sees it.

Behind N trusted reverse proxies, the client is the N-th address from the right of X-Forwarded-For
(the proxies append; anything further left was written by the client and cannot be trusted).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies = getattr(settings, "PAMONG_TRUSTED_PROXIES", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
