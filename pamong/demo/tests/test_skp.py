"""The demo data: raters follow the app's rule, every final one has the predikat of the matrix, and a second run
adds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from pamong.demo.skp import populate
from pamong.skp.matrix import predikat_for
from pamong.skp.models import SkpAssessment, SkpChange, Status
from pamong.skp.services import rater_for
from pamong.skp.testing import Kecamatan, make_kecamatan
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def kecamatan(padang: Padang) -> Kecamatan:
    """The chain camat → sekcam → kasi → staf in Kantor Camat Padang Selatan."""
    return make_kecamatan(padang)


def test_demo_assessments_follow_the_rules(padang: Padang, kecamatan: Kecamatan) -> None:
    kecamatan.kasi.active = False  # a vacant kasi: the sekcam rates as Plt.
    kecamatan.kasi.save()
    lines: list[str] = []
    made = populate(kabkota=padang.kota, progress=lines.append)
    rows = list(SkpAssessment.objects.select_related("employee__position"))
    assert made == len(rows) + SkpChange.objects.count() + sum(a.items.count() for a in rows)
    assert rows and lines
    periods = {(a.year, a.quarter) for a in rows}
    assert (2025, 0) in periods and (2026, 3) in periods and (2027, 0) not in periods  # frozen in November 2026
    for a in rows:
        rater = rater_for(a.employee)
        assert (a.rater, a.rater_acting) == (rater.holder, rater.acting)
        assert a.predikat == predikat_for(a.hasil_rating, a.perilaku_rating)
        assert a.status == Status.FINAL or (a.year, a.quarter) == (2026, 4)
    staf = [a for a in rows if a.employee == kecamatan.staf]
    assert staf and all(
        a.rater == kecamatan.sekcam and a.vacant_position_title == "Kepala Seksi Pemerintahan" for a in staf
    )
    assert not SkpAssessment.objects.filter(employee=padang.camat_ps).exists()  # rated outside Pamong
    assert populate(kabkota=padang.kota, progress=lines.append) == 0
