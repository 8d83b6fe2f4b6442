"""Actors and helpers of the attendance tests (the people are defined in the root conftest)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import Padang, make_employee, make_position, make_user
from pamong.accounts.models import Role, User
from pamong.attendance.models import Attendance, Source, Status
from pamong.organization.models import Employee, Position

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


@pytest.fixture
def seklur_belakang_pondok(padang: Padang) -> User:
    position = make_position(padang.kantor_lurah_bp, "Sekretaris Lurah", Position.Kind.SEKRETARIS)
    return make_user("seklur_bp", Role.SEKRETARIS, make_employee(padang.kantor_lurah_bp, "Desmawati", position))


@pytest.fixture
def seklur_alang_laweh(padang: Padang) -> User:
    position = make_position(padang.kantor_lurah_al, "Sekretaris Lurah", Position.Kind.SEKRETARIS)
    return make_user("seklur_al", Role.SEKRETARIS, make_employee(padang.kantor_lurah_al, "Syafrizal", position))
