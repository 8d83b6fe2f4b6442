from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from pamong.workdays.models import Holiday
from pamong.workdays.services import (
    HolidaysMissing,
    add_working_days,
    deadline_after,
    holidays_seed,
    is_working_day,
)
from pamong.workdays.testing import hand_made_calendar, seed_calendar

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def seeded() -> None:
    seed_calendar(2026, 2027)


def test_nyepi_and_idul_fitri_2026_are_skipped(seeded: None) -> None:
    # 18–24 March 2026: cuti bersama Nyepi, Nyepi, cuti bersama, weekend, Idul Fitri cuti bersama.
    assert add_working_days(D(2026, 3, 17), 1) == D(2026, 3, 25)
    assert add_working_days(D(2026, 3, 13), 3) == D(2026, 3, 25)
    for day in range(18, 25):
        assert not is_working_day(D(2026, 3, day))
    assert is_working_day(D(2026, 3, 25))


def test_year_end_christmas_and_new_year(seeded: None) -> None:
    # 24 Dec cuti bersama, 25 Dec Natal, 26–27 weekend.
    assert add_working_days(D(2026, 12, 23), 2) == D(2026, 12, 29)
    # 1 January 2027 is a holiday and 2–3 January a weekend.
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)


def test_weekends_are_skipped_and_the_start_day_does_not_count(seeded: None) -> None:
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday → Monday
    assert add_working_days(D(2026, 11, 28), 1) == D(2026, 11, 30)  # Saturday → Monday
    assert add_working_days(D(2026, 11, 23), 5) == D(2026, 11, 30)
    assert add_working_days(D(2026, 11, 23), 0) == D(2026, 11, 23)


def test_deadline_is_the_end_of_the_day_in_the_unit_time_zone(seeded: None) -> None:
    # Thursday 26 Nov 2026 16:30 UTC is 23:30 Thursday in WIB but 00:30 Friday in WITA.
    arrived = dt.datetime(2026, 11, 26, 16, 30, tzinfo=dt.UTC)
    wib = deadline_after(arrived, 1, "Asia/Jakarta")
    wita = deadline_after(arrived, 1, "Asia/Makassar")
    assert (wib.date(), wib.hour, wib.minute) == (D(2026, 11, 27), 23, 59)
    assert wita.date() == D(2026, 11, 30)
    assert wib.astimezone(dt.UTC) == dt.datetime(2026, 11, 27, 16, 59, 59, tzinfo=dt.UTC)


def test_a_holiday_added_by_decree_moves_deadlines() -> None:
    hand_made_calendar(2026, (D(2026, 12, 25), "Hari Raya Natal"))
    assert add_working_days(D(2026, 12, 1), 1) == D(2026, 12, 2)
    Holiday.objects.create(
        date=D(2026, 12, 2), name="Pilkada serentak", kind=Holiday.Kind.LIBUR_NASIONAL, decree="Keppres X"
    )
    assert add_working_days(D(2026, 12, 1), 1) == D(2026, 12, 3)


def test_seeding_twice_adds_nothing_and_keeps_the_decree() -> None:
    first = holidays_seed(years=[2026])
    second = holidays_seed(years=[2026])
    assert first.created == Holiday.objects.count() == 25
    assert (second.created, second.updated) == (0, 0)
    nyepi = Holiday.objects.get(date=D(2026, 3, 19))
    assert nyepi.kind == Holiday.Kind.LIBUR_NASIONAL
    assert "SKB" in nyepi.decree


def test_years_without_official_data_come_from_python_holidays_with_cuti_bersama() -> None:
    holidays_seed(years=[2025])
    idul_fitri_2025 = Holiday.objects.filter(date__range=(D(2025, 3, 31), D(2025, 4, 7)))
    assert idul_fitri_2025.filter(kind=Holiday.Kind.CUTI_BERSAMA).exists()
    assert idul_fitri_2025.filter(kind=Holiday.Kind.LIBUR_NASIONAL).exists()


def test_the_test_calendar_follows_a_moved_clock_into_years_without_official_data() -> None:
    with time_machine.travel(dt.datetime(2028, 6, 1, 3, tzinfo=dt.UTC), tick=False):
        assert seed_calendar(2026) == [2026, 2027, 2028, 2029]
    years = {day.year for day in Holiday.objects.values_list("date", flat=True)}
    assert years == {2026, 2027, 2028, 2029}
    # Idul Fitri 2028 (Sunday 27 and Monday 28 February, from the holidays package) is skipped as in official years.
    assert add_working_days(D(2028, 2, 25), 1) == D(2028, 2, 29)


def test_a_deadline_in_a_year_without_holidays_is_refused_never_guessed() -> None:
    hand_made_calendar(2026, (D(2026, 12, 25), "Hari Raya Natal"))
    assert add_working_days(D(2026, 12, 1), 3) == D(2026, 12, 4)
    # 2027 has no rows: a deadline running into it is refused, whatever the weekdays say.
    with pytest.raises(HolidaysMissing, match="hari libur tahun 2027 belum diisi") as refused:
        add_working_days(D(2026, 12, 30), 3)
    assert refused.value.year == 2027
    assert refused.value.code == "holidays_missing"
    with pytest.raises(HolidaysMissing):
        deadline_after(dt.datetime(2027, 2, 1, 3, tzinfo=dt.UTC), 5, "Asia/Jakarta")
    # An empty table refuses every deadline.
    Holiday.objects.all().delete()
    with pytest.raises(HolidaysMissing, match="2026"):
        add_working_days(D(2026, 6, 1), 1)
    # seed_holidays fills the year from the packaged data, marked to be checked against the SKB.
    holidays_seed(years=[2026, 2027, 2028])
    assert add_working_days(D(2026, 12, 30), 3) > D(2027, 1, 1)
    assert Holiday.objects.filter(date__year=2028, source__contains="periksa SKB").exists()
