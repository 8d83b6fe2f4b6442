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


def test_numbers_written_in_python_match_djangos_indonesian_number_format() -> None:
    """``angka`` writes the number itself (a portal page formats a hundred); it must say what Django's
    ``number_format`` in the Indonesian locale says, for every kind of value the pages pass."""
    import random
    from decimal import Decimal

    from django.utils.formats import number_format

    from pamong.core.formats import angka, rounded

    rng = random.Random(7)
    values: list[object] = [0, 1, -1, 999, 1000, -1234567, 10**12, 2.675, -0.04, Decimal("-0.0"), "1234.5", 1e-9]
    values += [rng.randint(-(10**9), 10**9) for _ in range(300)] + [rng.uniform(-1e6, 1e6) for _ in range(300)]
    with translation.override("id"):
        for value in values:
            for digits in (0, 1, 2):
                expected = number_format(rounded(value, digits), decimal_pos=digits, use_l10n=True, force_grouping=True)
                assert angka(value, digits) == expected, (value, digits)
    assert angka(-0.04, 1) == "0,0" and angka(1234567.891, 2) == "1.234.567,89"


def test_dates_written_in_python_match_the_date_filter_in_local_time() -> None:
    import datetime as dt

    from django.template import Context, Template
    from django.utils import timezone

    from pamong.core.formats import tanggal

    late_evening_utc = dt.datetime(2026, 12, 31, 18, 30, tzinfo=dt.UTC)  # 1 January 2027 in Jakarta and Jayapura
    with translation.override("id"):
        for zone in ("Asia/Jakarta", "Asia/Jayapura", "UTC"):
            with timezone.override(zone):
                rendered = Template('{{ v|date:"j M Y" }}|{{ v|date:"j F Y" }}').render(
                    Context({"v": late_evening_utc})
                )
                assert f"{tanggal(late_evening_utc, short=True)}|{tanggal(late_evening_utc)}" == rendered
        assert tanggal(dt.date(2026, 8, 17), short=True) == "17 Agu 2026" and tanggal(None) == ""


def test_page_links_past_the_thousandth_page_carry_the_plain_number() -> None:
    """The board of a large kota has more than a thousand pages; "hal=1.001" opened page 1 again."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page = Paginator(range(30_000), 20).page(1000)
    with translation.override("id"):
        html = render_to_string("includes/pagination.html", {"page": page, "query": "status=selesai"})
    assert "hal=1001" in html and "hal=999" in html and "hal=1.001" not in html
