"""Actors of the meetings tests (the people are the named actors of the root conftest)."""

from __future__ import annotations

import pytest

from pamong.accounts.models import Role, User
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position, make_user


@pytest.fixture
def lurah_alang_laweh(padang: Padang) -> User:
    head = make_position(padang.kantor_lurah_al, "Lurah", Position.Kind.KEPALA)
    return make_user("lurah_al", Role.KEPALA_UNIT, make_employee(padang.kantor_lurah_al, "Darmawan", head))


@pytest.fixture
def petugas_belakang_tangsi(padang: Padang) -> User:
    return make_user("petugas_bt", Role.PETUGAS, padang.staf_bt)
