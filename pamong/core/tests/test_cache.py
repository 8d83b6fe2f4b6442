"""The shared file cache counts correctly when several processes count at once (rate limits, lockouts)."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from pamong.core.cache import LockingFileCache

PROCESSES, HITS = 4, 150


def _count(location: str) -> None:
    cache = LockingFileCache(location, {})
    for _ in range(HITS):
        try:
            cache.incr("hits")
        except ValueError:
            if not cache.add("hits", 1, 300):
                cache.incr("hits")


def test_four_processes_counting_at_once_lose_no_hit(tmp_path: Path) -> None:
    workers = [multiprocessing.get_context("fork").Process(target=_count, args=(str(tmp_path),)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert LockingFileCache(str(tmp_path), {}).get("hits") == PROCESSES * HITS


def test_a_count_keeps_its_window(tmp_path: Path) -> None:
    cache = LockingFileCache(str(tmp_path), {})
    assert cache.add("window", 1, 1)
    assert not cache.add("window", 1, 1)
    assert cache.incr("window") == 2  # the window is not restarted by a hit
    time.sleep(1.1)
    assert cache.get("window") is None
    try:
        cache.incr("window")
    except ValueError:
        pass
    else:
        raise AssertionError("an expired count must not be incremented")


def test_the_local_cache_keeps_lazy_text_as_plain_text() -> None:
    """A lazy label in a cached fragment comes back as its text, not as a proxy built anew on every read."""
    import pickle

    from django.core.cache import caches
    from django.utils.translation import gettext_lazy

    from pamong.core.cache import plain_dumps
    from pamong.servicerequests.models import Status

    rows = [{"label": Status.DIAJUKAN.label, "n": 3}, (gettext_lazy("Semua"), [Status.SELESAI.label])]
    assert b"_lazy_proxy_unpickle" in pickle.dumps(rows)
    assert b"_lazy_proxy_unpickle" not in plain_dumps(rows)
    local = caches["local"]
    local.set("uji-label", rows)
    back = local.get("uji-label")
    assert back == [{"label": str(Status.DIAJUKAN.label), "n": 3}, ("Semua", [str(Status.SELESAI.label)])]
    assert type(back[0]["label"]) is str and type(back[1][1][0]) is str
    local.add("uji-label-2", Status.DIAJUKAN.label)
    assert type(local.get("uji-label-2")) is str
