"""Version counters for cached pages: a page is cached under the current version of what it shows, and every
write that changes it bumps the version, so the next visitor gets a fresh page at once.

A counter lost from the shared cache (cleared, or culled when the cache is full) starts again from the clock,
never from a value used before, so a page cached under an old version can never be served again."""

from __future__ import annotations

import time

from django.core.cache import cache


def _fresh() -> int:
    return time.time_ns() // 1000


def current(name: str) -> int:
    return int(cache.get_or_set(f"{name}:version", _fresh, None) or _fresh())


def bump(name: str) -> None:
    try:
        cache.incr(f"{name}:version")
    except ValueError:  # never read yet, or lost
        cache.set(f"{name}:version", _fresh(), None)
