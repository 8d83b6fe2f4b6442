"""The monthly recap on a hand-made month: working days, counts per status, late minutes, rate, days without a
record, discipline flags, the spreadsheet, the employee page's section, and constant query counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import User
from pamong.attendance.models import Attendance, Source, Status
from pamong.attendance.selectors import employee_section, monthly_recap
from pamong.attendance.testing import WIB
from pamong.organization.models import Employee
from pamong.testing import Padang, make_employee
from pamong.workdays.testing import hand_made_calendar

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _march_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=WIB), tick=False):
        yield


def _february_weekdays() -> list[dt.date]:
    days = [dt.date(2026, 2, d) for d in range(1, 29)]
    return [d for d in days if d.weekday() < 5 and d != dt.date(2026, 2, 17)]


def _record(employee: Employee, day: dt.date, status: str, **kw: object) -> Attendance:
    return Attendance(
        kabkota_code="13.71",
        unit_id=employee.unit_id,
        employee=employee,
        date=day,
        status=status,
        source=Source.PETUGAS,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def february(padang: Padang) -> None:
    """February 2026 (20 weekdays, Imlek on the 17th: 19 working days) in Kantor Lurah Belakang Pondok.

    Yusnimar: 10 hadir, 5 terlambat (10 minutes each), 1 pulang cepat, 1 dinas luar, 1 sakit, one working day
    without a record, and a Saturday on piket. Mulyadi: 16 hadir and 3 tanpa keterangan."""
    hand_made_calendar(2026, (dt.date(2026, 2, 17), "Tahun Baru Imlek"))
    days = _february_weekdays()
    assert len(days) == 19
    yusnimar = [Status.HADIR] * 10 + [Status.TERLAMBAT] * 5 + [Status.PULANG_CEPAT, Status.DINAS_LUAR, Status.SAKIT]
    rows = [
        _record(padang.staf_bp, day, status, late_minutes=10 if status == Status.TERLAMBAT else 0)
        for day, status in zip(days, yusnimar, strict=False)
    ]
    rows.append(_record(padang.staf_bp, dt.date(2026, 2, 7), Status.HADIR, non_working_day=True, note="Piket"))
    mulyadi = [Status.HADIR] * 16 + [Status.TANPA_KETERANGAN] * 3
    rows += [_record(padang.lurah_bp, day, status) for day, status in zip(days, mulyadi, strict=True)]
    Attendance.objects.bulk_create(rows)


def test_recap_numbers_on_a_hand_made_month(padang: Padang, february: None, lurah_belakang_pondok: User) -> None:
    recap = monthly_recap(viewer=lurah_belakang_pondok, year=2026, month=2, today=TODAY)
    assert recap.working_days == 19 and recap.until == dt.date(2026, 2, 28)
    rows = {e.name: e for e in recap.employees}
    assert set(rows) == {"Yusnimar", "Mulyadi"}
    y = rows["Yusnimar"].counts
    assert (y.n(Status.HADIR), y.n(Status.TERLAMBAT), y.n(Status.PULANG_CEPAT)) == (10, 5, 1)
    assert (y.n(Status.DINAS_LUAR), y.n(Status.SAKIT), y.n(Status.TANPA_KETERANGAN)) == (1, 1, 0)
    assert y.late_minutes == 50 and y.no_record == 1 and y.off_day_records == 1
    assert y.present == 17 and round(y.rate * 100, 1) == 89.5  # type: ignore[operator]
    m = rows["Mulyadi"].counts
    assert (m.n(Status.HADIR), m.n(Status.TANPA_KETERANGAN), m.no_record) == (16, 3, 0)
    unit = recap.units[0]
    assert (unit.employees, unit.counts.working_days, unit.counts.present, unit.flagged) == (2, 38, 33, 2)
    assert round(unit.counts.rate * 100, 1) == 86.8  # type: ignore[operator]


def test_discipline_flags_on_the_recap_page(
    client: Client, padang: Padang, february: None, lurah_belakang_pondok: User
) -> None:
    newcomer = make_employee(padang.kantor_lurah_bp, "Rahmat")  # no record all month
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("attendance:recap") + "?bulan=2026-02")
    text = page.content.decode()
    assert "Rekap kehadiran Februari 2026" in text and "19 hari kerja" in text
    assert "Terlambat 5 kali" in text and "Tanpa keterangan 3 hari" in text and "19 hari tanpa catatan" in text
    assert "89,5%" in text and "84,2%" in text
    recap = monthly_recap(viewer=lurah_belakang_pondok, year=2026, month=2, today=TODAY)
    flags = {e.name: e.flags for e in recap.employees}
    assert flags == {
        "Yusnimar": ["Terlambat 5 kali"],
        "Mulyadi": ["Tanpa keterangan 3 hari"],
        newcomer.name: ["19 hari tanpa catatan"],
    }


def test_four_late_days_and_two_days_without_explanation_are_not_flagged(
    padang: Padang, lurah_belakang_pondok: User
) -> None:
    days = _february_weekdays()
    statuses = [Status.TERLAMBAT] * 4 + [Status.TANPA_KETERANGAN] * 2 + [Status.HADIR] * 13
    Attendance.objects.bulk_create(
        [_record(padang.staf_bp, d, s, late_minutes=5) for d, s in zip(days, statuses, strict=True)]
    )
    recap = monthly_recap(
        viewer=lurah_belakang_pondok, year=2026, month=2, today=TODAY, unit_id=padang.kantor_lurah_bp.pk
    )
    row = next(e for e in recap.employees if e.name == "Yusnimar")
    assert row.flags == []


def test_the_running_month_counts_until_yesterday_and_future_months_are_refused(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    recap = monthly_recap(viewer=lurah_belakang_pondok, year=2026, month=3, today=TODAY)
    assert recap.until == dt.date(2026, 3, 9) and recap.working_days == 6  # 2–6 and 9 March
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("attendance:recap") + "?bulan=2026-05")
    assert page.status_code == 400 and "Rekap bulan yang belum tiba tidak dapat dibuat" in page.content.decode()


def test_recap_xlsx_has_employees_units_and_kecamatan(
    client: Client, padang: Padang, february: None, pimpinan_padang: User
) -> None:
    make_employee(padang.kantor_lurah_al, '=HYPERLINK("http://contoh.test","klik")')
    client.force_login(pimpinan_padang)
    response = client.get(reverse("attendance:recap") + "?bulan=2026-02&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Rekap kehadiran Februari 2026", "Per unit", "Per kecamatan"]
    sheet = book["Rekap kehadiran Februari 2026"]
    headers = [c.value for c in sheet[3]]
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)}
    yusnimar = rows["Yusnimar"]
    assert yusnimar["Terlambat"] == 5 and yusnimar["Menit terlambat"] == 50
    assert yusnimar["Tingkat kehadiran (%)"] == 89.5 and yusnimar["Tanda disiplin"] == "Terlambat 5 kali"
    assert yusnimar["NIP"] == padang.staf_bp.nip
    assert len(rows) == Employee.objects.count()
    typed = next(row for row in sheet.iter_rows(min_row=4) if str(row[0].value).startswith("=HYPERLINK"))
    assert typed[0].data_type == "s"  # what people type never becomes a formula
    assert sheet.freeze_panes == "A4" and sheet["A1"].font.b
    districts = [r[0] for r in book["Per kecamatan"].iter_rows(min_row=4, values_only=True)]
    assert districts == ["Kota Padang (tingkat kabupaten/kota)", "Padang Selatan", "Padang Barat", "Jumlah"]


def test_recap_page_queries_do_not_grow_with_employees_or_records(
    client: Client, padang: Padang, february: None, pimpinan_padang: User
) -> None:
    client.force_login(pimpinan_padang)
    url = reverse("attendance:recap") + "?bulan=2026-02"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    more = [
        make_employee(unit, f"Pegawai {i}")
        for i, unit in enumerate([padang.kantor_lurah_al, padang.kantor_lurah_bt] * 10)
    ]
    Attendance.objects.bulk_create([_record(e, d, Status.HADIR) for e in more for d in _february_weekdays()])
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert "Pegawai 19" in page.content.decode()
    assert len(many) == len(few)


def test_own_month_page_queries_do_not_grow(client: Client, padang: Padang, petugas_belakang_pondok: User) -> None:
    client.force_login(petugas_belakang_pondok)
    url = reverse("attendance:mine")
    client.get(url)
    with CaptureQueriesContext(connection) as empty:
        client.get(url)
    Attendance.objects.bulk_create(
        [_record(padang.staf_bp, dt.date(2026, 3, d), Status.HADIR) for d in (2, 3, 4, 5, 6, 9)]
    )
    client.get(url)
    with CaptureQueriesContext(connection) as full:
        page = client.get(url)
    assert page.content.decode().count("badge text-bg-success") >= 6
    assert len(full) == len(empty)


def test_employee_section_for_the_employee_page(
    padang: Padang, lurah_belakang_pondok: User, petugas_alang_laweh: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    Attendance.objects.bulk_create(
        [_record(padang.staf_bp, dt.date(2026, 3, d), Status.TERLAMBAT, late_minutes=7) for d in (2, 3, 4, 5, 6)]
    )
    with django_assert_max_num_queries(6):
        section = employee_section(employee=padang.staf_bp, viewer=lurah_belakang_pondok, today=TODAY)
    html = render_to_string("attendance/_employee_section.html", {"section": section})
    assert "Kehadiran Maret 2026" in html and "s.d. 9 Maret 2026" in html
    assert "Terlambat 5 kali" in html and "35" in html and "83,3%" in html  # 5 of 6 working days
    hidden = employee_section(employee=padang.staf_bp, viewer=petugas_alang_laweh, today=TODAY)
    assert hidden == {"visible": False}
    assert render_to_string("attendance/_employee_section.html", {"section": hidden}).strip() == ""


def test_recap_filters_by_kecamatan(padang: Padang, february: None, pimpinan_padang: User) -> None:
    selatan = monthly_recap(viewer=pimpinan_padang, year=2026, month=2, today=TODAY, kecamatan="13.71.01")
    assert {"Yusnimar", "Mulyadi"} <= {e.name for e in selatan.employees}
    assert "Hendri" not in {e.name for e in selatan.employees}  # Belakang Tangsi is in Padang Barat
    barat = monthly_recap(viewer=pimpinan_padang, year=2026, month=2, today=TODAY, kecamatan="13.71.03")
    assert {e.name for e in barat.employees} == {"Hendri"}
