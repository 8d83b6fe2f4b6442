"""Extra actors of the training tests (the people are in the root conftest)."""

from __future__ import annotations

import pytest

from pamong.accounts.models import Role, User
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position, make_user


@pytest.fixture
def sekretaris_padang_selatan(padang: Padang) -> User:
    sekcam = make_employee(
        padang.kantor_camat_ps,
        "Rahmat",
        make_position(padang.kantor_camat_ps, "Sekretaris Camat", Position.Kind.SEKRETARIS),
    )
    return make_user("sekcam_ps", Role.SEKRETARIS, sekcam)


@pytest.fixture
def lurah_belakang_tangsi(padang: Padang) -> User:
    lurah = make_employee(
        padang.kantor_lurah_bt, "Syafrizal", make_position(padang.kantor_lurah_bt, "Lurah", Position.Kind.KEPALA)
    )
    return make_user("lurah_bt", Role.KEPALA_UNIT, lurah)
