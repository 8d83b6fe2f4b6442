from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import Padang, make_employee, make_position, make_user
from pamong.accounts.models import Role, User
from pamong.organization.models import Position
from pamong.reports.models import PeriodicReport
from pamong.reports.services import report_open, report_update

OCTOBER = dt.date(2026, 10, 15)
NARRATIVE = {"pelayanan": "Pelayanan berjalan baik; antrean berkurang.", "permasalahan": "Jaringan internet lambat."}


@pytest.fixture
def camat_padang_barat(padang: Padang) -> User:
    pos = make_position(padang.kantor_camat_pb, "Camat", Position.Kind.KEPALA)
    return make_user("camat_pb", Role.KEPALA_UNIT, make_employee(padang.kantor_camat_pb, "Syahrial", pos))


@pytest.fixture
def sekcam_padang_selatan(padang: Padang) -> User:
    pos = make_position(padang.kantor_camat_ps, "Sekretaris Camat", Position.Kind.SEKRETARIS)
    return make_user("sekcam_ps", Role.SEKRETARIS, make_employee(padang.kantor_camat_ps, "Nurhayati", pos))


def october_report(padang: Padang, camat: Any) -> PeriodicReport:
    report = report_open(unit=padang.kantor_camat_ps, day=OCTOBER)
    return report_update(report=report, actor=camat, narratives=NARRATIVE)
