"""Parts of pages that are the same for every visitor (figures, tables, charts), kept in the worker's memory
("local" cache) under the current versions of the data they show (``pamong.core.versions``).

``fragments.cached("portal.complaints", depends_on=["complaints"], key=(code,), build=...)`` returns the value kept
under that name, those inputs and the current version of every counter named, or ``build()`` kept for the next
caller. A write bumps the counters after it commits, so the next caller builds the fragment again: never a stale
copy, whatever the whole-page cache does (``PAMONG_PAGE_CACHE=0`` does not turn fragments off).

What goes in ``key`` must name everything else the value depends on (the region, the month, the unit ids of a
scope): a fragment is shared by whoever asks with the same key, so nothing that only one user may see is ever put
in a fragment whose key does not hold exactly what selects it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from django.core.cache import caches
from django.utils import timezone

from pamong.core import versions

T = TypeVar("T")
local = caches["local"]
_MISSING = object()


def key_of(name: str, depends_on: Sequence[str], key: tuple[Hashable, ...] = (), *, daily: bool = False) -> str:
    names = list(depends_on)
    parts = [name, repr(key), *(f"{n}={v}" for n, v in zip(names, versions.current_many(names), strict=True))]
    if daily:
        parts.append(timezone.localdate().isoformat())
    return f"fragment:{name}:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def cached(
    name: str,
    *,
    depends_on: Sequence[str],
    build: Callable[[], T],
    key: tuple[Hashable, ...] = (),
    daily: bool = False,
    ttl: int = 600,
) -> T:
    """The fragment ``name`` for ``key`` under the current versions of ``depends_on`` (and today's date when
    ``daily``), built once and kept ``ttl`` seconds."""
    cache_key = key_of(name, depends_on, key, daily=daily)
    found = local.get(cache_key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    value = build()
    local.set(cache_key, value, ttl)
    return value
