"""The attendance demo: last and this month, the same every run; the synthetic month for the benchmark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from pamong.accounts.models import User
from pamong.attendance.models import Attendance, AttendanceChange, Status, WorkSchedule
from pamong.attendance.selectors import monthly_recap
from pamong.attendance.testing import WIB
from pamong.demo.attendance import attendance_build, populate
from pamong.testing import Padang, make_employee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _march_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=WIB), tick=False):
        yield


def test_demo_populates_last_and_this_month_reproducibly(padang: Padang, pimpinan_padang: User) -> None:
    for i in range(20):
        make_employee(padang.kantor_lurah_bp, f"Staf {i}")
    messages: list[str] = []
    made = populate(kabkota=padang.kota, progress=messages.append)
    records = Attendance.objects.count()
    assert made == records + WorkSchedule.objects.count() + AttendanceChange.objects.count()
    assert WorkSchedule.objects.filter(unit=None, kabkota_code="13.71").exists()
    days = {d for d in Attendance.objects.values_list("date", flat=True)}
    assert min(days) >= dt.date(2026, 2, 1) and max(days) <= dt.date(2026, 3, 9)
    assert all(d.weekday() < 5 for d in days)
    recap = monthly_recap(viewer=pimpinan_padang, year=2026, month=2, today=dt.date(2026, 3, 10))
    total = recap.total.counts
    assert 0.75 < total.rate < 1  # type: ignore[operator]
    assert total.n(Status.TERLAMBAT) > 0 and total.late_minutes > 0
    first = sorted(Attendance.objects.values_list("employee_id", "date", "status", "check_in"))
    AttendanceChange.objects.all().delete()
    Attendance.objects.all().delete()
    populate(kabkota=padang.kota, progress=messages.append)
    assert sorted(Attendance.objects.values_list("employee_id", "date", "status", "check_in")) == first
    assert populate(kabkota=padang.kota, progress=messages.append) == 0  # again: nothing new


def test_synthetic_month_fills_only_missing_working_days(padang: Padang) -> None:
    made = attendance_build(kabkota_code="13.71", start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28))
    assert made == Attendance.objects.count() > 0
    assert attendance_build(kabkota_code="13.71", start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28)) == 0
