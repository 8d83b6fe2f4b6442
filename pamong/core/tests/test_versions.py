from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction

from pamong.core import versions


def test_a_bump_gives_a_new_version_and_a_lost_counter_never_comes_back_to_an_old_value(transactional_db: Any) -> None:
    first = versions.current("pagina")
    versions.bump("pagina")  # outside a transaction: at once
    second = versions.current("pagina")
    assert second != first
    cache.delete("pagina:version")  # culled from a full cache, or the cache was cleared
    assert versions.current("pagina") not in (first, second)
    cache.delete("pagina:version")
    versions.bump("pagina")  # a bump of a lost counter starts it afresh too
    assert versions.current("pagina") not in (first, second)


def test_a_bump_inside_a_transaction_waits_for_the_commit_and_is_dropped_on_rollback(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    before = versions.current("halaman")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        versions.bump("halaman")
        assert versions.current("halaman") == before  # a reader now still reads the old data: old version
    after = versions.current("halaman")
    assert after != before
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            versions.bump("halaman")
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert versions.current("halaman") == after


def test_many_counters_are_read_in_order(transactional_db: Any) -> None:
    versions.bump("a", "b")
    a, b, c = versions.current_many(["a", "b", "c"])
    assert len({a, b, c}) == 3 and versions.current_many(["c", "a"]) == [c, a]
