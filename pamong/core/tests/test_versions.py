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


def _serve(view: Any) -> Any:
    """``view()`` inside the request memo, as a request runs it (the middleware is first in the chain)."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from pamong.core.requestmemo import RequestMemoMiddleware

    out: list[Any] = []

    def respond(request: Any) -> HttpResponse:
        out.append(view())
        return HttpResponse("ok")

    RequestMemoMiddleware(respond)(RequestFactory().get("/"))
    return out[0]


def test_a_request_reads_each_counter_once_and_sees_its_own_bump(transactional_db: Any, monkeypatch: Any) -> None:
    versions.bump("staff", "catalogue", "portal")  # counters that exist (a missing one is created, then read)
    reads: list[list[str]] = []
    real = cache.get_many

    def counted(keys: Any) -> Any:
        reads.append(list(keys))
        return real(keys)

    monkeypatch.setattr(cache, "get_many", counted)

    def view() -> tuple[list[str], list[str], list[str]]:
        first = versions.current_many(["staff", "catalogue"])
        again = versions.current_many(["catalogue", "staff", "portal"])
        versions.bump("staff")  # outside a transaction: at once, as after this request's own commit
        after = versions.current_many(["staff"])
        return first, again, after

    first, again, after = _serve(view)
    assert reads == [["staff:version", "catalogue:version"], ["portal:version"]]
    assert again[:2] == first[::-1] and after[0] != first[0]
    assert versions.current("staff") == after[0]  # the shared counter moved too
    reads.clear()
    versions.current_many(["staff"])
    versions.current_many(["staff"])
    assert len(reads) == 2  # outside a request nothing is kept


def test_another_workers_bump_is_seen_by_the_next_request(transactional_db: Any) -> None:
    seen = _serve(lambda: versions.current("portal"))
    cache.set("portal:version", "elsewhere", None)  # another worker bumped after that request
    assert _serve(lambda: versions.current("portal")) == "elsewhere" != seen
