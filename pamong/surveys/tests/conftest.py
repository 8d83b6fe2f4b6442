"""Actors and data of the SKM tests (the people are defined in the root conftest)."""

from __future__ import annotations

import pytest

from pamong.accounts.models import User
from pamong.catalog.models import ServiceType
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.testing import finish, make_request, make_service
from pamong.surveys.models import Survey
from pamong.surveys.testing import make_survey


@pytest.fixture
def domisili(padang) -> ServiceType:  # type: ignore[no-untyped-def]
    return make_service()


@pytest.fixture
def survey_bp(padang) -> Survey:  # type: ignore[no-untyped-def]
    return make_survey(padang.kantor_lurah_bp)


@pytest.fixture
def finished_request(
    padang, domisili: ServiceType, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> ServiceRequest:  # type: ignore[no-untyped-def]
    return finish(make_request(padang.kantor_lurah_bp, domisili), petugas_belakang_pondok, lurah_belakang_pondok)
