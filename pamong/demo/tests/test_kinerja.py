"""The kinerja demo: the indicators of the last 90 days for every unit."""

from __future__ import annotations

import pytest

from pamong.demo import kinerja as demo
from pamong.kinerja.models import UnitDay
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_the_demo_builds_ninety_days_of_indicators_for_every_unit(padang: Padang) -> None:
    lines: list[str] = []
    assert demo.populate(kabkota=padang.kota, progress=lines.append) >= 90 * 6
    assert len(lines) == 90
    assert UnitDay.objects.values("day").distinct().count() == 90
