from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import override_settings

from pamong.ops.testing import GatewayStub


@pytest.fixture
def gateway() -> Iterator[GatewayStub]:
    stub = GatewayStub().start()
    yield stub
    stub.stop()


@pytest.fixture
def database_queue() -> Iterator[None]:
    """The production task backend (django-tasks-db) instead of the test suite's immediate one."""
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
    ):
        yield
