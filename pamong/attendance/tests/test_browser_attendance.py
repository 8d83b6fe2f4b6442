"""In a real browser: the employee checks in with the browser's location (filled by the small static script),
and the sekretaris fills the unit's day sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from pamong.accounts.models import Role
from pamong.attendance.models import Attendance, Status
from pamong.attendance.testing import WIB
from pamong.testing import Padang, make_user, sign_in

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.mark.slow  # a real browser through the whole path: over 3 s
def test_check_in_with_location_then_the_lurah_sees_it(live_server: Any, browser_page: Any, padang: Padang) -> None:
    from playwright.sync_api import expect

    page, errors = browser_page
    base = live_server.url
    make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": -0.9571, "longitude": 100.3532})  # Belakang Pondok, Padang
    with time_machine.travel(dt.datetime(2026, 3, 10, 7, 41, tzinfo=WIB), tick=True):  # Tuesday
        sign_in(page, base, "petugas_bp")
        page.goto(f"{base}/kehadiran/")
        page.get_by_role("button", name="Absen masuk").click()
        expect(page.get_by_text("Absen masuk pukul 07.41 tercatat (terlambat 11 menit).")).to_be_visible()
        expect(page.get_by_role("button", name="Absen pulang")).to_be_visible()
        record = Attendance.objects.get()
        assert record.status == Status.TERLAMBAT
        assert (record.check_in_lat, record.check_in_lon) == (Decimal("-0.957100"), Decimal("100.353200"))

        lurah = page.context.browser.new_page()
        sign_in(lurah, base, "lurah_bp")
        lurah.goto(f"{base}/kehadiran/harian/?tanggal=2026-03-10")
        row = lurah.locator("tr", has_text="Yusnimar")
        expect(row.get_by_text("Terlambat")).to_be_visible()
        lurah.locator(f"#id_e{padang.lurah_bp.pk}_status").select_option(Status.DINAS_LUAR)
        lurah.locator(f"#id_e{padang.lurah_bp.pk}_note").fill("Rapat di kantor camat")
        lurah.get_by_role("button", name="Simpan daftar hadir").click()
        expect(lurah.get_by_text("1 catatan kehadiran disimpan.")).to_be_visible()
        assert Attendance.objects.get(employee=padang.lurah_bp).status == Status.DINAS_LUAR
    assert errors == []
