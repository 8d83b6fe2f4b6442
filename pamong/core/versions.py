"""Version counters of cached data: a page or fragment is cached under the current versions of what it shows,
and every write that changes it bumps them, so the next visitor gets a fresh copy at once.

A "bump" does not add one: it sets the counter to a value never used before (the clock in microseconds and a
random suffix). A plain ``set`` is atomic on every cache backend, so two bumps at once can never leave a counter
at a value a stale copy was stored under; a counter lost from the shared cache (cleared, culled) also starts from
a new value. Bumps run only after the surrounding transaction commits (at once outside a transaction): a
visitor who reads the new version also reads the committed data.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django.db import transaction

from pamong.core import requestmemo


def _fresh() -> str:
    return f"{time.time_ns() // 1000:x}{secrets.token_hex(2)}"


def _key(name: str) -> str:
    return f"{name}:version"


def current_many(names: Sequence[str]) -> list[str]:
    """The current version of each counter, in order; one round trip to the shared cache when all are known.
    Inside a request each counter is read once (``pamong.core.requestmemo``)."""
    keys = [_key(n) for n in names]
    memo = requestmemo.current()
    if memo is None:
        return _read(keys)
    unread = [k for k in dict.fromkeys(keys) if k not in memo]
    if unread:
        memo.update(zip(unread, _read(unread), strict=True))
    return [memo[k] for k in keys]


def _read(keys: list[str]) -> list[str]:
    found = cache.get_many(keys)
    missing = [k for k in keys if k not in found]
    if missing:
        for k in missing:
            cache.add(k, _fresh(), None)  # only if still absent: another worker may have set it meanwhile
        found.update(cache.get_many(missing))
    return [str(found.get(k, "")) or _fresh() for k in keys]


def current(name: str) -> str:
    return current_many([name])[0]


def bump(*names: str) -> None:
    """Give these counters new values once the current transaction commits (at once outside a transaction)."""
    if not names:
        return
    wanted: Iterable[str] = tuple(names)

    def run() -> None:
        fresh = {_key(n): _fresh() for n in wanted}
        cache.set_many(fresh, None)
        memo = requestmemo.current()
        if memo is not None:  # this request's own write: what it renders next shows it
            memo.update(fresh)

    transaction.on_commit(run, robust=True)


def watch(model: type, *names: str) -> None:
    """Bump ``names`` after any save or delete of ``model`` (the admin, a shell, a service): cache invalidation
    for writes that do not go through a service, not a business rule. Bulk ``update()`` fires no signal: the
    services that use it bump themselves."""
    from django.db.models.signals import post_delete, post_save

    def changed(sender: Any, **kwargs: Any) -> None:
        bump(*names)

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"pamong-watch-{model.__name__}-{names}")
