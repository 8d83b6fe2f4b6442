"""Background work for attendance: the monthly discipline notice to each unit's head."""

from __future__ import annotations

from django_tasks import task


@task()
def monthly_flags_notify(year: int | None = None, month: int | None = None) -> int:
    """Tell each kepala unit which of their employees the recap of the month (by default the month that just
    ended) flags: tanpa keterangan, often late, days without a record. Once per unit and month however often
    it runs. Returns how many notices were queued."""
    from pamong.attendance.notify import flags_notify, previous_month

    if year is None or month is None:
        year, month = previous_month()
    return flags_notify(year=year, month=month)
