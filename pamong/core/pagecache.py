"""Whole pages kept in the worker's memory ("local" cache) under a key that names the version of what they
show. The key is built by the caller from version counters in the shared cache, so a page goes stale the moment
its data changes, in every worker at once.

A cached page is the same for everyone who gets it; the one per-visitor part of a page with a form, the CSRF
token, is rendered as a slot and filled in for each visitor. A page that carries a one-time message
(django.contrib.messages) is rendered but not kept."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

CSRF_SLOT = "pamong-csrf-slot-7c1e"
local = caches["local"]


def cached_page(
    request: HttpRequest, key: str, render: Callable[[dict[str, object]], str], ttl: int = 600
) -> HttpResponse:
    """The page under ``key``, rendered by ``render(extra_context)`` when it is not in the cache."""
    if len(messages.get_messages(request)):  # a one-time message to show: build the page, do not keep it
        html = render({"csrf_token": CSRF_SLOT})
    else:
        html = local.get(key)
        if html is None:
            html = render({"csrf_token": CSRF_SLOT})
            local.set(key, html, ttl)
    if CSRF_SLOT in html:
        html = html.replace(CSRF_SLOT, get_token(request))
    return HttpResponse(html)
