"""Test builders for the working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pamong.workdays.models import Holiday
from pamong.workdays.services import holidays_seed


def seed_calendar(*years: int) -> list[int]:
    """The holidays of ``years`` and of last, this and next year of the clock, which may have been moved forward
    (``--days-ahead``): a test that builds dates from today finds a calendar for them as for the fixed years.
    Years that lokal-id lacks come from the ``holidays`` package. Returns the years seeded."""
    this = timezone.localdate().year
    seeded = sorted({*years, this - 1, this, this + 1})
    holidays_seed(years=seeded)
    return seeded


def hand_made_calendar(year: int, *holidays: tuple[dt.date, str]) -> None:
    """Exactly these holidays in ``year`` (none: every weekday works), whatever was seeded: for a test whose
    figures are worked out by hand. The year counts as filled in, so deadlines in it are computed, not refused."""
    Holiday.objects.filter(date__year=year).delete()
    for day, name in holidays:
        Holiday.objects.create(date=day, name=name, kind=Holiday.Kind.LIBUR_NASIONAL, decree="uji")
    if not holidays:
        # A year without rows is refused; a row outside every working day keeps the year filled in (1 January is
        # always a holiday anyway; the hand-made figures start after it).
        Holiday.objects.create(date=dt.date(year, 1, 1), name="Tahun Baru Masehi", kind=Holiday.Kind.LIBUR_NASIONAL)
