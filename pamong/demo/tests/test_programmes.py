"""The demo data: targets and twelve months of counts for every kelurahan/desa, falling on the whole, and a small
fictitious register with format-valid NIKs in two kelurahan; the same every run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from lokal import is_valid_nik

from pamong.demo import programmes as demo
from pamong.programmes.models import ProgrammeTarget, ProgressReport, VulnerableResident
from pamong.programmes.selectors import programme_figures
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def test_demo_fills_every_place_with_a_year_of_counts_and_a_small_register(padang: Padang) -> None:
    lines: list[str] = []
    made = demo.populate(kabkota=padang.kota, progress=lines.append)
    assert ProgressReport.objects.count() == 3 * 2 * 12  # 3 kelurahan, 2 programmes, 12 months
    assert ProgrammeTarget.objects.filter(year=2026).count() == 3 * 2
    assert made >= ProgressReport.objects.count() + ProgrammeTarget.objects.count()
    residents = list(VulnerableResident.objects.all())
    assert len(residents) == 10 and len({r.place_id for r in residents}) == 2
    assert all(is_valid_nik(r.nik) and r.name.startswith("Contoh Warga") for r in residents)
    months = sorted({r.month for r in ProgressReport.objects.all()})
    assert months[0].isoformat() == "2025-11-01" and months[-1].isoformat() == "2026-10-01"
    before = programme_figures(region_code="13.71", period_start=months[0], period_end=months[0])
    after = programme_figures(region_code="13.71", period_start=months[-1], period_end=months[-1])
    assert sum(f["count_end"] for f in after.values()) < sum(f["count_end"] for f in before.values())
    again = demo.populate(kabkota=padang.kota, progress=lines.append)  # safe to run twice
    assert ProgressReport.objects.count() == 72 and VulnerableResident.objects.count() == 10 and again < made


def test_demo_pages_render_for_the_lurah_and_the_health_worker(padang: Padang) -> None:
    from django.test import Client
    from django.urls import reverse

    from pamong.accounts.models import Role
    from pamong.testing import make_employee, make_user

    demo.populate(kabkota=padang.kota, progress=lambda line: None)
    lurah, nakes = Client(), Client()
    lurah.force_login(make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp))
    nakes.force_login(make_user("nakes_bp", Role.KESEHATAN, make_employee(padang.kantor_lurah_bp, "Nurhayati")))
    place = lurah.get(reverse("programmes:programme", args=["stunting"]) + "?wilayah=13.71.01.1001&tahun=2026")
    assert place.status_code == 200 and "Riwayat pengisian dan koreksi" in place.content.decode()
    resident = VulnerableResident.objects.filter(place_id="13.71.01.1001").first()
    assert resident is not None
    page = nakes.get(reverse("programmes:resident", args=[resident.pk]))
    assert page.status_code == 200 and "Kunjungan rumah" in page.content.decode()
