"""The demo's weak link names someone: the bulk request histories carry the post of the officer who took each step,
so the kinerja aggregates built from them put the signature stage's late time at the head's post; in a busy
kelurahan beside the demo lurah's own the lurah signs twice a week only, and the weak-link view says so. The demo
lurah's dashboard sets the kelurahan beside the other kelurahan of the kecamatan instead of ranking one row, the
slow one among them."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import Role
from pamong.catalog.services import service_types_load
from pamong.catalog.standards import standard_services
from pamong.demo.requests import requests_populate, weak_link_office
from pamong.demo.services import demo_heads, staff_populate
from pamong.demo.testing import assert_bulk_histories_name_their_posts
from pamong.kinerja.services import indicators_backfill
from pamong.kinerja.weaklinks import weak_links
from pamong.organization.models import Employee, Position, Unit
from pamong.organization.services import units_scaffold
from pamong.servicerequests.models import Status
from pamong.testing import make_region, make_user
from pamong.workdays.testing import seed_calendar

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 3, 20, 10, tzinfo=WIB)
FEBRUARY = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
KELURAHAN = ("Belakang Pondok", "Alang Laweh", "Ranah Parak Rumbio", "Pasa Gadang")


@pytest.fixture
def kota() -> dict[str, Any]:
    """A small Kota Padang built by the demo's own builders: two kecamatan (four kelurahan and two), their offices
    and staff, the standard catalogue, 700 requests over 60 days and the indicators built from them."""
    seed_calendar(2026)
    make_region("13", "Sumatera Barat")
    kota = make_region("13.71", "Kota Padang")
    make_region("13.71.01", "Padang Selatan")
    for i, name in enumerate(KELURAHAN, start=1):
        make_region(f"13.71.01.100{i}", name)
    make_region("13.71.03", "Padang Barat")
    make_region("13.71.03.1001", "Belakang Tangsi")
    make_region("13.71.03.1002", "Olo")
    units_scaffold(kabkota=kota)
    staff_populate(kabkota=kota, today=NOW.date())
    service_types_load(kabkota_code="13.71", data=standard_services(kota))
    requests_populate(kabkota=kota, count=700, days=60, now=NOW)
    indicators_backfill(first=dt.date(2026, 1, 15), last=dt.date(2026, 3, 19), kabkota_code="13.71")
    heads = demo_heads(kabkota=kota)
    slow = weak_link_office(kota)
    assert heads is not None and slow is not None and slow.region.parent_id == heads[2].unit.region.parent_id
    slow_lurah = Employee.objects.get(unit=slow, position__kind=Position.Kind.KEPALA, active=True)
    return {"kota": kota, "lurah": heads[2], "slow_lurah": slow_lurah}


def test_the_demo_histories_name_the_post_of_every_staff_step(kota: dict[str, Any]) -> None:
    assert_bulk_histories_name_their_posts(kabkota_code="13.71")


def test_the_weak_link_of_the_demo_kelurahan_is_the_lurah_who_signs_twice_a_week(
    kota: dict[str, Any], client: Client
) -> None:
    lurah: Employee = kota["slow_lurah"]
    office = lurah.unit
    findings = weak_links(unit=office, first=FEBRUARY[0], last=FEBRUARY[1])
    top = findings[0]
    assert (top.status, top.position_id, top.position_title, top.flagged) == (
        Status.MENUNGGU_TTD,
        lurah.position_id,
        "Lurah",
        True,
    )
    assert top.late_share > 0.5 and top.peers >= 4
    assert top.peers_median is not None and top.hours_per_stay > 3 * top.peers_median
    # Nothing the staff held is left to "the applicant or the system".
    assert not [f for f in findings if f.position_id is None]

    client.force_login(make_user("lurah", Role.KEPALA_UNIT, lurah))
    page = client.get(reverse("kinerja:unit", args=[office.pk]) + "?bulan=2026-02").content.decode()
    assert "Lurah — mata rantai lemah" in page and "Pemohon/sistem" not in page
    assert "Bandingkan dengan kelurahan/desa se-kecamatan" in page


def test_the_lurah_compares_the_kelurahan_with_every_kelurahan_of_the_kecamatan(
    kota: dict[str, Any], client: Client
) -> None:
    lurah: Employee = kota["lurah"]
    client.force_login(make_user("lurah", Role.KEPALA_UNIT, lurah))
    page = client.get(reverse("kinerja:dashboard") + "?bulan=2026-02").content.decode()
    table = page[page.index('id="pembanding"') : page.index("</table>", page.index('id="pembanding"'))]
    assert "Dibanding kelurahan/desa se-Kecamatan Padang Selatan" in page
    assert all(name in table for name in KELURAHAN)
    assert "Belakang Tangsi" not in table and "Olo" not in table  # another kecamatan
    assert table.count('aria-current="true"') == 1 and "kantor Anda" in table
    # The lurah's own office links to its weak links; the peers are figures only: no link, no staff named.
    peers = Unit.objects.filter(region__parent_id="13.71.01").exclude(pk=lurah.unit_id)
    assert reverse("kinerja:unit", args=[lurah.unit_id]) in table
    assert not any(reverse("kinerja:unit", args=[u.pk]) in table for u in peers)
    for employee in Employee.objects.filter(unit__in=peers):
        assert employee.name not in page
    # The slow kelurahan's row says where its late time is: at its Lurah's post.
    slow = kota["slow_lurah"].unit.region.name
    row = table[table.index(slow) :]
    row = row[: row.index("</tr>")]
    assert '<td class="d-none d-md-table-cell">Lurah <span' in row and "terlambat terbanyak: Lurah (" in row
    # The table leaders read is exported beside it: one row per kelurahan of the kecamatan.
    response = client.get(reverse("kinerja:dashboard") + "?bulan=2026-02&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    names = [str(row[1]) for row in sheet.iter_rows(values_only=True) if row and isinstance(row[0], int)]
    assert sorted(n.removesuffix(" (kantor Anda)") for n in names) == sorted(KELURAHAN)
