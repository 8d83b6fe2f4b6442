"""Actors of the SKP tests: the chain in Kantor Camat Padang Selatan (camat → sekcam → kasi → staf) on top of
the root conftest's Padang (camat → lurah Belakang Pondok → staf)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from pamong.accounts.models import Role, User
from pamong.skp.testing import Kecamatan, make_kecamatan
from pamong.testing import Padang, make_user


@pytest.fixture(autouse=True)
def _november_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def kecamatan(padang: Padang) -> Kecamatan:
    return make_kecamatan(padang)


@pytest.fixture
def sekcam_padang_selatan(kecamatan: Kecamatan) -> User:
    return make_user("sekcam_ps", Role.SEKRETARIS, kecamatan.sekcam)


@pytest.fixture
def kasi_pemerintahan(kecamatan: Kecamatan) -> User:
    return make_user("kasi_pem_ps", Role.PETUGAS, kecamatan.kasi)


@pytest.fixture
def staf_kecamatan(kecamatan: Kecamatan) -> User:
    return make_user("staf_pem_ps", Role.PETUGAS, kecamatan.staf)
