from __future__ import annotations

from django.utils import translation

from pamong.core.templatetags.pamong import percent


def test_percent_is_rounded_in_indonesian_format() -> None:
    with translation.override("id"):
        assert percent(2, 3) == "66,7%"
        assert percent(1, 3) == "33,3%"
        assert percent(1, 8) == "12,5%"
        assert percent(5, 0) == "—" and percent(None, 4) == "—"


def test_numbers_round_half_up_as_the_charts_do() -> None:
    from pamong.core.templatetags.pamong import angka, tahun

    with translation.override("id"):
        assert angka(100 / 29, 2) == "3,45"  # NRR 3,448…: the chart beside it says 3,45 too
        assert angka(2.675, 2) == "2,68" and angka(2.5) == "3" and angka(1234567) == "1.234.567"
        assert angka(None) == "—"
        assert tahun(2026) == "2026"
