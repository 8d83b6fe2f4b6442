from __future__ import annotations

from django.utils import translation

from pamong.core.templatetags.pamong import percent


def test_percent_is_rounded_in_indonesian_format() -> None:
    with translation.override("id"):
        assert percent(2, 3) == "66,7%"
        assert percent(1, 3) == "33,3%"
        assert percent(1, 8) == "12,5%"
        assert percent(5, 0) == "—" and percent(None, 4) == "—"
