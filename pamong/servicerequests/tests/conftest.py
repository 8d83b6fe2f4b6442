"""Short names for the actors of the service-request tests (the people are defined in the root conftest)."""

from __future__ import annotations

import pytest

from pamong.accounts.models import User


@pytest.fixture
def lurah(lurah_belakang_pondok: User) -> User:
    return lurah_belakang_pondok


@pytest.fixture
def petugas(petugas_belakang_pondok: User) -> User:
    return petugas_belakang_pondok
