"""Background work for attendance: the monthly discipline notice to each unit's head."""

from __future__ import annotations

from django_tasks import task


@task()
def monthly_flags_notify(*, year: int, month: int) -> int:
    """Tell each kepala unit which of their employees the recap of ``year``-``month`` flags (tanpa keterangan,
    often late, days without a record). Idempotent per month and unit. Returns how many notices were queued."""
    from pamong.attendance.notify import flags_notify

    return flags_notify(year=year, month=month)
