"""Reads for the working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min

from pamong.workdays.models import Holiday


def holiday_dates(start: dt.date, end: dt.date) -> frozenset[dt.date]:
    """Dates off (libur nasional and cuti bersama) between ``start`` and ``end`` inclusive, in one query."""
    return frozenset(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True).distinct())


def known_years() -> tuple[int, int] | None:
    """The first and last year that have holiday rows, or None when the table is empty."""
    bounds = Holiday.objects.aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return None
    return bounds["first"].year, bounds["last"].year


def years_with_holidays(first: int, last: int) -> frozenset[int]:
    """The years from ``first`` to ``last`` that have at least one holiday row, in one query."""
    rows = Holiday.objects.filter(date__year__gte=first, date__year__lte=last).dates("date", "year")
    return frozenset(day.year for day in rows)
