"""Test builders for attendance: one day's record of an employee."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pamong.attendance.models import Attendance, Source, Status
from pamong.organization.models import Employee

WIB = dt.timezone(dt.timedelta(hours=7))


def make_attendance(employee: Employee, day: dt.date, status: str = Status.HADIR, **kw: Any) -> Attendance:
    return Attendance.objects.create(
        kabkota_code=employee.kabkota_code,
        unit_id=employee.unit_id,
        employee=employee,
        date=day,
        status=status,
        source=kw.pop("source", Source.PETUGAS),
        **kw,
    )
