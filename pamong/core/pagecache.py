"""Whole pages kept in the worker's memory ("local" cache), correct by construction.

Every cached page is declared once with ``page(name, depends_on=...)``: the version counters of the data it shows
(see ``pamong.core.versions``), as a function of the request and the page's inputs. The key is derived from that
declaration and nothing else can be put in it, so no call site writes a key:

- the page name, the path, the query string and whether htmx asked for a fragment;
- the current value of every declared counter;
- the local date, for pages declared ``daily`` (a window of days or a link that expires);
- for a signed-in visitor: the user and the versions of their account and of staff records (their name, post
  and menu are on every page). A signed-in page is never shared with another user; anonymous pages are shared.

The one per-visitor part of a page with a form, the CSRF token, is rendered as a slot and filled in for each
visitor. A page that carries a one-time message (django.contrib.messages) is rendered but not kept; so is any
response that is not a 200 HTML page. ``PAMONG_PAGE_CACHE = False`` turns whole-page caching off (benchmarks
measure both ways); fragment caches are not affected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from pamong.core import versions

CSRF_SLOT = "pamong-csrf-slot-7c1e"
local = caches["local"]
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


@dataclass(frozen=True)
class CachedPage:
    name: str
    depends_on: Callable[..., Iterable[str]]  # (request, **inputs) -> version counter names
    daily: bool = False
    ttl: int = 600

    def key(self, request: HttpRequest, inputs: dict[str, Any]) -> str:
        names = list(self.depends_on(request, **inputs))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            names += [f"user:{user.pk}", "staff"]
            who = f"u{user.pk}"
        else:
            who = "anon"
        parts = [
            self.name,
            who,
            request.path,
            request.GET.urlencode(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            *(f"{n}={v}" for n, v in zip(names, versions.current_many(names), strict=True)),
        ]
        if self.daily:
            parts.append(timezone.localdate().isoformat())
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
        return f"page:{self.name}:{who}:{digest}"

    def serve(self, request: HttpRequest, build: Callable[[], HttpResponse], **inputs: Any) -> HttpResponse:
        """The page from memory, or ``build()`` (rendered with a CSRF slot) kept for the next visitor."""
        if not settings.PAMONG_PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return build()
        keep = not len(messages.get_messages(request))
        key = self.key(request, inputs)
        if keep:
            found = local.get(key)
            if found is not None:
                return _filled(request, *found)
        request.pamong_csrf_slot = True  # type: ignore[attr-defined]
        try:
            response = build()
        finally:
            request.pamong_csrf_slot = False  # type: ignore[attr-defined]
        if getattr(response, "streaming", False):
            return response
        headers = {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)}
        html = response.content.decode(response.charset or "utf-8")
        if keep and response.status_code == 200 and headers.get("Content-Type", "").startswith("text/html"):
            local.set(key, (html, headers), self.ttl)
        if CSRF_SLOT not in html:
            return response
        filled = _filled(request, html, headers)
        filled.status_code = response.status_code
        return filled

    def __call__(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        """As a decorator: the view's URL arguments are the page's inputs."""

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return self.serve(request, lambda: view(request, *args, **kwargs), **kwargs)

        return wrapper


REGISTRY: dict[str, CachedPage] = {}


def page(name: str, *, depends_on: Callable[..., Iterable[str]], daily: bool = False, ttl: int = 600) -> CachedPage:
    """Declare a cached page; its name is unique."""
    if name in REGISTRY:
        raise ValueError(f"cached page {name!r} is declared twice")
    declared = CachedPage(name=name, depends_on=depends_on, daily=daily, ttl=ttl)
    REGISTRY[name] = declared
    return declared


def _filled(request: HttpRequest, html: str, headers: dict[str, str]) -> HttpResponse:
    if CSRF_SLOT in html:
        html = html.replace(CSRF_SLOT, get_token(request))
    response = HttpResponse(html)
    for name, value in headers.items():
        response[name] = value
    return response


def csrf_slot(request: HttpRequest) -> dict[str, Any]:
    """Context processor (after Django's own): while a page is built for the cache, its CSRF token is a slot."""
    return {"csrf_token": CSRF_SLOT} if getattr(request, "pamong_csrf_slot", False) else {}
