"""The measured effect: the office before and after the innovation's start, figures worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from pamong.innovation.models import Indicator, Stage, Status
from pamong.innovation.selectors import effect_of
from pamong.innovation.testing import make_innovation
from pamong.kinerja.models import UnitDay
from pamong.kinerja.testing import WIB, make_history
from pamong.servicerequests.models import Status as RequestStatus
from pamong.servicerequests.testing import make_service
from pamong.testing import Padang, seed_calendar

TODAY = dt.datetime(2026, 6, 1, 10, 0, tzinfo=WIB)  # a Monday
TRIAL = dt.date(2026, 4, 2)  # 60 days up to yesterday (31 May): before is 1 Feb – 1 Apr, after 2 Apr – 31 May


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _seed_aggregates(padang: Padang) -> None:
    """Every day has its row. Before: 20 days with 2 requests finished and 1 on time (40, 20 on time: 50,0%), 12
    complaints. After: 20 days with 2 finished, 15 of them with both on time and 5 with one (40, 35: 87,5%), 4
    complaints."""
    unit = padang.kantor_lurah_bp
    rows = []
    for i, day in enumerate(_days(dt.date(2026, 2, 1), dt.date(2026, 4, 1))):
        busy = i < 20
        rows.append(
            UnitDay(
                kabkota_code="13.71",
                unit=unit,
                day=day,
                requests_finished=2 if busy else 0,
                requests_on_time=1 if busy else 0,
                complaints_received=1 if i < 12 else 0,
            )
        )
    for i, day in enumerate(_days(TRIAL, dt.date(2026, 5, 31))):
        busy = i < 20
        rows.append(
            UnitDay(
                kabkota_code="13.71",
                unit=unit,
                day=day,
                requests_finished=2 if busy else 0,
                requests_on_time=(2 if i < 15 else 1) if busy else 0,
                complaints_received=1 if i < 4 else 0,
            )
        )
    UnitDay.objects.bulk_create(rows)


def _finished(padang: Padang, service: object, submitted: dt.date, finished: dt.date) -> None:
    make_history(
        padang.kantor_lurah_bp,
        service,  # type: ignore[arg-type]
        submitted=dt.datetime.combine(submitted, dt.time(9), tzinfo=WIB),
        due=dt.datetime.combine(finished, dt.time(16), tzinfo=WIB),
        steps=[
            (
                RequestStatus.SELESAI,
                dt.datetime.combine(finished, dt.time(11), tzinfo=WIB)
                - dt.datetime.combine(submitted, dt.time(9), tzinfo=WIB),
                None,
            )
        ],
    )


def _seed_requests(padang: Padang) -> None:
    """Working days, both ends counted, in weeks without holidays. Before: submitted Monday 2 February, finished
    after 5, 5, 6, 6, 7, 7, 7, 8, 8, 9, 10 working days: median 7. After: submitted Monday 6 April, finished after
    2, 2, 3, 3, 3, 4, 4, 4, 5, 5 working days: median (3 + 4) / 2 = 3,5."""
    service = make_service()
    monday = dt.date(2026, 2, 2)
    workday = {n: d for n, d in enumerate([monday + dt.timedelta(days=k) for k in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)], 1)}
    for n in (5, 5, 6, 6, 7, 7, 7, 8, 8, 9, 10):
        _finished(padang, service, monday, workday[n])
    april = dt.date(2026, 4, 6)
    for n in (2, 2, 3, 3, 3, 4, 4, 4, 5, 5):
        _finished(padang, service, april, april + dt.timedelta(days=n - 1))


@pytest.fixture
def seeded(padang: Padang) -> Padang:
    seed_calendar(2026)
    _seed_aggregates(padang)
    _seed_requests(padang)
    return padang


@time_machine.travel(TODAY, tick=False)
def test_on_time_share_rose_after_the_trial_started(seeded: Padang) -> None:
    innovation = make_innovation(
        seeded.kantor_lurah_bp,
        stage=Stage.UJI_COBA,
        initiated_on=dt.date(2026, 1, 5),
        trial_on=TRIAL,
        indicators=[],  # none chosen: every figure
    )
    effect = effect_of(innovation)
    assert effect is not None and not effect.too_early
    assert (effect.before.first, effect.before.last) == (dt.date(2026, 2, 1), dt.date(2026, 4, 1))
    assert (effect.after.first, effect.after.last) == (TRIAL, dt.date(2026, 5, 31))
    figures = {m.key: m for m in effect.measures}
    on_time = figures[Indicator.TEPAT_WAKTU]
    assert (on_time.before, on_time.after) == (Decimal("50.0"), Decimal("87.5"))
    assert on_time.change == Decimal("37.5") and on_time.better
    assert on_time.after_basis == "35 dari 40 permohonan selesai"
    median = figures[Indicator.LAMA]
    assert (median.before, median.after) == (Decimal("7.0"), Decimal("3.5"))
    assert median.better  # fewer working days is better
    complaints = figures[Indicator.PENGADUAN]
    assert (complaints.before, complaints.after) == (Decimal(12), Decimal(4))
    ikm = figures[Indicator.IKM]
    assert ikm.before is None and ikm.after is None
    assert ikm.after_missing == "baru 0 responden SKM (perlu minimal 10)"


@time_machine.travel(TODAY, tick=False)
def test_the_public_page_shows_the_figures_and_says_plainly_what_lacks_data(seeded: Padang) -> None:
    innovation = make_innovation(
        seeded.kantor_lurah_bp,
        stage=Stage.UJI_COBA,
        trial_on=TRIAL,
        indicators=[Indicator.TEPAT_WAKTU, Indicator.IKM],
        status=Status.DITERBITKAN,
    )
    html = Client().get(innovation.get_public_url()).content.decode()
    assert "Sebelum" in html and "Sesudah" in html
    assert "50,0" in html and "87,5" in html
    assert "belum cukup data" in html
    assert "1 Feb 2026" in html and "31 Mei 2026" in html
    assert "data:image/svg+xml;base64," in html  # the chart


@time_machine.travel(TODAY, tick=False)
def test_a_trial_started_too_recently_says_there_is_not_enough_data(seeded: Padang) -> None:
    innovation = make_innovation(seeded.kantor_lurah_bp, stage=Stage.UJI_COBA, trial_on=dt.date(2026, 5, 20))
    effect = effect_of(innovation)
    assert effect is not None and not effect.has_figures
    assert effect.too_early == "Belum cukup data: baru 12 hari sejak uji coba dimulai; perlu minimal 30 hari."


def test_an_initiative_has_no_effect_yet(padang: Padang) -> None:
    assert effect_of(make_innovation(padang.kantor_lurah_bp)) is None
