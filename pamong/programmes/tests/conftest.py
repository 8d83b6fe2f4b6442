from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from pamong.accounts.models import Role, User
from pamong.organization.models import Position
from pamong.programmes.models import Programme
from pamong.testing import Padang, make_employee, make_position, make_user


@pytest.fixture(autouse=True)
def _november_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def kemiskinan(db: Any) -> Programme:
    return Programme.objects.get(code="kemiskinan-ekstrem")  # seeded by the migration


@pytest.fixture
def stunting(db: Any) -> Programme:
    return Programme.objects.get(code="stunting")


@pytest.fixture
def kesehatan_belakang_pondok(padang: Padang) -> User:
    pos = make_position(padang.kantor_lurah_bp, "Petugas Kesehatan Kelurahan", Position.Kind.STAF)
    return make_user("nakes_bp", Role.KESEHATAN, make_employee(padang.kantor_lurah_bp, "Nurhayati", pos, gender="P"))


@pytest.fixture
def kesehatan_alang_laweh(padang: Padang) -> User:
    return make_user("nakes_al", Role.KESEHATAN, make_employee(padang.kantor_lurah_al, "Desi", gender="P"))


@pytest.fixture
def sekretaris_belakang_pondok(padang: Padang) -> User:
    return make_user("seklur_bp", Role.SEKRETARIS, make_employee(padang.kantor_lurah_bp, "Syafril"))
