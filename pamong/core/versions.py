"""Version counters for cached public pages: a page caches under the current version of what it shows, and
every write that changes it bumps the version, so the next visitor gets a fresh page at once."""

from __future__ import annotations

from django.core.cache import cache


def current(name: str) -> int:
    return cache.get_or_set(f"{name}:version", 1, None) or 1


def bump(name: str) -> None:
    try:
        cache.incr(f"{name}:version")
    except ValueError:  # never read yet, or evicted
        cache.set(f"{name}:version", 2, None)
