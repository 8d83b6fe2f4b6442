"""Which office hours apply to a unit, and what check-in/out times mean against them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pamong.attendance.models import AT_OFFICE, Status, WorkSchedule
from pamong.organization.models import Unit

# The common ASN pattern for a five-day week when neither the unit nor the kabupaten/kota set their own hours.
BUILT_IN = WorkSchedule(
    weekday_start=dt.time(7, 30),
    weekday_end=dt.time(16, 0),
    friday_start=dt.time(7, 30),
    friday_end=dt.time(16, 30),
    tolerance_minutes=0,
)


# Bumped when office hours change: the public pages that show them are built again.
WORK_SCHEDULE_VERSION = "work-schedule"


def schedules_for(units: list[Unit]) -> dict[int, WorkSchedule]:
    """The hours of each unit: its own schedule, else its kabupaten/kota default, else the built-in one.
    One query for any number of units."""
    if not units:
        return {}
    codes = {u.kabkota_code for u in units}
    rows = list(
        WorkSchedule.objects.filter(kabkota_code__in=codes, unit__isnull=True)
        | WorkSchedule.objects.filter(unit__in=[u.pk for u in units])
    )
    own = {r.unit_id: r for r in rows if r.unit_id is not None}
    default = {r.kabkota_code: r for r in rows if r.unit_id is None}
    return {u.pk: own.get(u.pk) or default.get(u.kabkota_code) or BUILT_IN for u in units}


def schedule_for(unit: Unit) -> WorkSchedule:
    return schedules_for([unit])[unit.pk]


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class Outcome:
    status: str
    late_minutes: int = 0
    early_minutes: int = 0


def evaluate(
    *,
    status: str,
    day: dt.date,
    check_in: dt.time | None,
    check_out: dt.time | None,
    schedule: WorkSchedule,
    working_day: bool = True,
) -> Outcome:
    """For an employee at the office, the times decide: later than the start plus the tolerance is *terlambat*
    (late minutes counted from the start), leaving before the end is *pulang cepat* (late wins when both).
    Other statuses carry no minutes. On a day off (piket) no office hours apply."""
    if status not in AT_OFFICE:
        return Outcome(status)
    if not working_day:
        return Outcome(Status.HADIR)
    start, end = schedule.hours_on(day)
    late = early = 0
    if check_in is not None and _minutes(check_in) - _minutes(start) > schedule.tolerance_minutes:
        late = _minutes(check_in) - _minutes(start)
    if check_out is not None and _minutes(check_out) < _minutes(end):
        early = _minutes(end) - _minutes(check_out)
    if late:
        return Outcome(Status.TERLAMBAT, late, early)
    if early:
        return Outcome(Status.PULANG_CEPAT, 0, early)
    return Outcome(Status.HADIR)
