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

import datetime as dt
import hashlib
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.core.cache import caches
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

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


# What a row rendered by ``rendered`` may be made of: values whose repr is their content.
_PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, Decimal)


def rendered(template_name: str, context: Mapping[str, Any], *, ttl: int = 600) -> SafeString:
    """``template_name`` rendered with ``context`` alone (no request), kept in the worker's memory under the
    context itself: content-addressed, so a change of anything it shows is a new key and nothing needs a bump.
    For the rows of a long staff list, where rendering each row's dozen variables cost more than the query. The
    context holds plain values only (text, numbers, dates), so that its repr is its content."""
    for name, value in context.items():
        if not isinstance(value, _PLAIN):
            raise TypeError(f"rendered(): {name!r} is a {type(value).__name__}, not a plain value")
    digest = hashlib.sha256(repr(sorted(context.items())).encode()).hexdigest()[:32]
    cache_key = f"rendered:{template_name}:{digest}"
    found = local.get(cache_key)
    if found is None:
        found = get_template(template_name).render(dict(context))
        local.set(cache_key, str(found), ttl)
    return mark_safe(found)
