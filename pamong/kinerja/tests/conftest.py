"""Fixtures of the kinerja tests."""

from __future__ import annotations

from typing import Any

import pytest

from pamong.catalog.models import ServiceType
from pamong.servicerequests.testing import make_service


@pytest.fixture
def service(padang: Any) -> ServiceType:
    return make_service()
