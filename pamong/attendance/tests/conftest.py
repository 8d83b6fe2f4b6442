"""Actors of the attendance tests (the people are defined in the root conftest)."""

from __future__ import annotations

import pytest

from pamong.accounts.models import Role, User
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position, make_user


@pytest.fixture
def seklur_belakang_pondok(padang: Padang) -> User:
    position = make_position(padang.kantor_lurah_bp, "Sekretaris Lurah", Position.Kind.SEKRETARIS)
    return make_user("seklur_bp", Role.SEKRETARIS, make_employee(padang.kantor_lurah_bp, "Desmawati", position))


@pytest.fixture
def seklur_alang_laweh(padang: Padang) -> User:
    position = make_position(padang.kantor_lurah_al, "Sekretaris Lurah", Position.Kind.SEKRETARIS)
    return make_user("seklur_al", Role.SEKRETARIS, make_employee(padang.kantor_lurah_al, "Syafrizal", position))
