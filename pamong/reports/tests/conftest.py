from __future__ import annotations

import pytest

from pamong.accounts.models import Role, User
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position, make_user
from pamong.workdays.testing import seed_calendar


@pytest.fixture(autouse=True)
def _calendar_2026(request: pytest.FixtureRequest) -> None:
    """The camat reports' tests live in October-November 2026: their deadlines need that year's holidays, also
    when the suite's clock is moved ahead."""
    if "padang" in request.fixturenames:
        request.getfixturevalue("padang")
        seed_calendar(2026)


@pytest.fixture
def camat_padang_barat(padang: Padang) -> User:
    pos = make_position(padang.kantor_camat_pb, "Camat", Position.Kind.KEPALA)
    return make_user("camat_pb", Role.KEPALA_UNIT, make_employee(padang.kantor_camat_pb, "Syahrial", pos))


@pytest.fixture
def sekcam_padang_selatan(padang: Padang) -> User:
    pos = make_position(padang.kantor_camat_ps, "Sekretaris Camat", Position.Kind.SEKRETARIS)
    return make_user("sekcam_ps", Role.SEKRETARIS, make_employee(padang.kantor_camat_ps, "Nurhayati", pos))
