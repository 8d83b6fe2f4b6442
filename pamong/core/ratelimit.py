"""A small fixed-window rate limit on the shared cache (no Redis needed)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from pamong.core.client_ip import client_ip


def too_many(request: HttpRequest, bucket: str, *, limit: int, window: int) -> bool:
    """Count one hit for this client in ``bucket``; True when it is over ``limit`` hits per ``window`` seconds."""
    key = f"ratelimit:{bucket}:{client_ip(request)}"
    try:
        hits = cache.incr(key)  # the usual case, a client that came before: one read and one write
    except ValueError:  # the first hit of a window (or the window ended just now)
        if cache.add(key, 1, window):
            return False
        try:
            hits = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            return False
    return hits > limit


def _miss_key(request: HttpRequest, bucket: str) -> str:
    return f"ratelimit-miss:{bucket}:{client_ip(request)}"


def blocked(request: HttpRequest, bucket: str, *, limit: int) -> bool:
    """Whether this client has missed ``limit`` times in ``bucket`` this window: one cache read, no write."""
    return (cache.get(_miss_key(request, bucket)) or 0) >= limit


def count_miss(request: HttpRequest, bucket: str, *, window: int) -> None:
    """Count a failed lookup (an unknown code). Guessing codes is nearly all misses, so counting only misses
    stops it as surely as counting every hit, while a citizen who reloads their own page costs no write."""
    key = _miss_key(request, bucket)
    try:
        cache.incr(key)
    except ValueError:
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)
