"""Actors of the SKP tests: the chain in Kantor Camat Padang Selatan (camat → sekcam → kasi → staf) on top of
the root conftest's Padang (camat → lurah Belakang Pondok → staf)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine

from conftest import Padang, make_employee, make_position, make_user
from pamong.accounts.models import Role, User
from pamong.organization.models import Employee, Position


@pytest.fixture(autouse=True)
def _november_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


@dataclass
class Kecamatan:
    sekcam_pos: Position
    kasi_pos: Position
    staf_pos: Position
    sekcam: Employee
    kasi: Employee
    staf: Employee


@pytest.fixture
def kecamatan(padang: Padang) -> Kecamatan:
    camat_pos = padang.camat_ps.position
    assert camat_pos is not None
    unit = padang.kantor_camat_ps
    sekcam_pos = make_position(unit, "Sekretaris Camat", Position.Kind.SEKRETARIS, reports_to=camat_pos)
    kasi_pos = make_position(unit, "Kepala Seksi Pemerintahan", Position.Kind.KEPALA_SEKSI, reports_to=sekcam_pos)
    staf_pos = make_position(unit, "Pengelola Data Pemerintahan", reports_to=kasi_pos)
    return Kecamatan(
        sekcam_pos=sekcam_pos,
        kasi_pos=kasi_pos,
        staf_pos=staf_pos,
        sekcam=make_employee(unit, "Rahmat", sekcam_pos),
        kasi=make_employee(unit, "Desi", kasi_pos, gender="P"),
        staf=make_employee(unit, "Andi", staf_pos),
    )


@pytest.fixture
def sekcam_padang_selatan(kecamatan: Kecamatan) -> User:
    return make_user("sekcam_ps", Role.SEKRETARIS, kecamatan.sekcam)


@pytest.fixture
def kasi_pemerintahan(kecamatan: Kecamatan) -> User:
    return make_user("kasi_pem_ps", Role.PETUGAS, kecamatan.kasi)


@pytest.fixture
def staf_kecamatan(kecamatan: Kecamatan) -> User:
    return make_user("staf_pem_ps", Role.PETUGAS, kecamatan.staf)
