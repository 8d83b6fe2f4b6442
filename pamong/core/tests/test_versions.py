from __future__ import annotations

from django.core.cache import cache

from pamong.core import versions


def test_a_bump_gives_a_new_version_and_a_lost_counter_never_comes_back_to_an_old_value() -> None:
    first = versions.current("pagina")
    versions.bump("pagina")
    second = versions.current("pagina")
    assert second == first + 1
    cache.delete("pagina:version")  # culled from a full cache, or the cache was cleared
    assert versions.current("pagina") not in (first, second)
    cache.delete("pagina:version")
    versions.bump("pagina")  # a bump of a lost counter starts it afresh too
    assert versions.current("pagina") not in (first, second)
