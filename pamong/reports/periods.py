"""Report periods: calendar months or quarters, and their deadline in working days."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from pamong.core.formats import MONTHS
from pamong.workdays.services import deadline_after

QUARTERS = ("I", "II", "III", "IV")


def period_of(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The period (first and last day) that contains ``day``."""
    if frequency == "triwulan":
        first_month = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first_month, 1)
        months = 3
    else:
        start = day.replace(day=1)
        months = 1
    year, month = divmod(start.month - 1 + months, 12)
    end = dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)
    return start, end


def previous_period(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    start, _end = period_of(frequency, day)
    return period_of(frequency, start - dt.timedelta(days=1))


def label_of(frequency: str, start: dt.date) -> str:
    if frequency == "triwulan":
        return f"Triwulan {QUARTERS[(start.month - 1) // 3]} {start.year}"
    return f"{MONTHS[start.month - 1]} {start.year}"


def due_at(*, period_end: dt.date, due_days: int, tz: str) -> dt.datetime:
    """The end of the ``due_days``-th working day after the period ends, in the kabupaten/kota's time zone."""
    zone = zoneinfo.ZoneInfo(tz)
    last_moment = dt.datetime.combine(period_end, dt.time(12), tzinfo=zone)
    return deadline_after(last_moment, due_days, zone)
