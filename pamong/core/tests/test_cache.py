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
