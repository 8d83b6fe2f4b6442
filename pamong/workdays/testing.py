"""Test builders for the working-day calendar."""

from __future__ import annotations

from django.utils import timezone

from pamong.workdays.services import holidays_seed


def seed_calendar(*years: int) -> list[int]:
    """The holidays of ``years`` and of last, this and next year of the clock, which may have been moved forward
    (``--days-ahead``): a test that builds dates from today finds a calendar for them as for the fixed years.
    Years that lokal-id lacks come from the ``holidays`` package. Returns the years seeded."""
    this = timezone.localdate().year
    seeded = sorted({*years, this - 1, this, this + 1})
    holidays_seed(years=seeded)
    return seeded
