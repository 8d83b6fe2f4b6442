"""Recording attendance: the employee's own check-in/out, a single record, the unit's day sheet, the rules that
refuse a record (twice a day, a day off without a reason, a future date, bad input), and Friday's hours."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.accounts.models import User
from pamong.attendance.models import Attendance, DocumentAccess, Source, Status, WorkSchedule
from pamong.attendance.schedule import evaluate
from pamong.attendance.services import Entry, Hours, attendance_record, schedule_save
from pamong.attendance.testing import WIB, make_attendance
from pamong.core.errors import DomainError, Forbidden
from pamong.testing import Padang, make_employee
from pamong.workdays.models import Holiday

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2026, 2, 5)
FRIDAY = dt.date(2026, 2, 6)
SATURDAY = dt.date(2026, 2, 7)


@pytest.fixture(autouse=True)
def _march_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=WIB), tick=False):  # Tuesday 10.00 WIB
        yield


def _friday_starts_late(padang: Padang, lurah: User) -> None:
    """Kantor Lurah Belakang Pondok: senam pagi on Friday, the office opens at 08.00 and closes at 16.30."""
    schedule_save(
        kabkota_code="13.71",
        unit=padang.kantor_lurah_bp,
        hours=Hours(dt.time(7, 30), dt.time(16, 0), dt.time(8, 0), dt.time(16, 30), 10),
        actor=lurah,
    )


def test_employee_checks_in_late_and_out_early_from_kehadiran_saya(
    client: Client, padang: Padang, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    page = client.get(reverse("attendance:mine"))
    assert "Absen masuk" in page.content.decode() and "Jam kerja hari ini: <strong>07.30–16.00" in page.content.decode()
    with time_machine.travel(dt.datetime(2026, 3, 10, 7, 52, tzinfo=WIB), tick=False):
        done = client.post(reverse("attendance:check_in"), {"lat": "-0.95", "lon": "100.35"}, follow=True)
    assert "Absen masuk pukul 07.52 tercatat (terlambat 22 menit)" in done.content.decode()
    assert "Absen pulang" in done.content.decode() and "Absen masuk</button>" not in done.content.decode()
    record = Attendance.objects.get()
    assert (record.status, record.late_minutes, record.source) == (Status.TERLAMBAT, 22, Source.MANDIRI)
    assert str(record.check_in_lat) == "-0.950000"
    with time_machine.travel(dt.datetime(2026, 3, 10, 15, 40, tzinfo=WIB), tick=False):
        out = client.post(reverse("attendance:check_out"), {}, follow=True)
        again = client.post(reverse("attendance:check_in"), {}, follow=True)
        twice = client.post(reverse("attendance:check_out"), {}, follow=True)
    assert "Absen pulang pukul 15.40 tercatat (20 menit sebelum jam pulang)" in out.content.decode()
    assert "Anda sudah absen masuk hari ini pukul 07.52" in again.content.decode()
    assert "Anda sudah absen pulang hari ini pukul 15.40" in twice.content.decode()
    record.refresh_from_db()
    assert (record.status, record.late_minutes, record.early_minutes) == (Status.TERLAMBAT, 22, 20)
    assert Attendance.objects.count() == 1


def test_location_outside_indonesia_is_refused_in_indonesian(
    client: Client, padang: Padang, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    page = client.post(reverse("attendance:check_in"), {"lat": "48.85", "lon": "2.35"}, follow=True)
    assert "Lokasi di luar wilayah Indonesia. Absen belum tercatat; ulangi." in page.content.decode()
    assert not Attendance.objects.exists()


def test_late_minutes_follow_fridays_hours(padang: Padang, lurah_belakang_pondok: User) -> None:
    _friday_starts_late(padang, lurah_belakang_pondok)
    entry = Entry(Status.HADIR, check_in=dt.time(8, 25), check_out=dt.time(16, 15))
    friday = attendance_record(employee=padang.staf_bp, day=FRIDAY, entry=entry, actor=lurah_belakang_pondok)
    thursday = attendance_record(
        employee=padang.staf_bp,
        day=THURSDAY,
        entry=Entry(Status.HADIR, check_in=dt.time(8, 25), check_out=dt.time(16, 15)),
        actor=lurah_belakang_pondok,
    )
    # Friday starts at 08.00: 25 minutes late, and 16.15 is before Friday's 16.30.
    assert (friday.status, friday.late_minutes, friday.early_minutes) == (Status.TERLAMBAT, 25, 15)
    # Thursday starts at 07.30 and ends at 16.00: 55 minutes late, not early.
    assert (thursday.status, thursday.late_minutes, thursday.early_minutes) == (Status.TERLAMBAT, 55, 0)
    within_tolerance = evaluate(
        status=Status.HADIR,
        day=FRIDAY,
        check_in=dt.time(8, 10),
        check_out=dt.time(16, 30),
        schedule=WorkSchedule.objects.get(unit=padang.kantor_lurah_bp),
    )
    assert within_tolerance.status == Status.HADIR and within_tolerance.late_minutes == 0


def test_units_without_own_hours_use_the_kabkota_default(
    padang: Padang, admin_diskominfo: User, lurah_belakang_pondok: User
) -> None:
    schedule_save(
        kabkota_code="13.71",
        unit=None,
        hours=Hours(dt.time(8, 0), dt.time(16, 0), dt.time(8, 0), dt.time(16, 30), 0),
        actor=admin_diskominfo,
    )
    record = attendance_record(
        employee=padang.staf_bp,
        day=THURSDAY,
        entry=Entry(Status.HADIR, check_in=dt.time(8, 5)),
        actor=lurah_belakang_pondok,
    )
    assert (record.status, record.late_minutes) == (Status.TERLAMBAT, 5)
    with pytest.raises(Forbidden, match="Hanya admin"):
        schedule_save(
            kabkota_code="13.71",
            unit=None,
            hours=Hours(dt.time(7, 0), dt.time(16, 0), dt.time(7, 0), dt.time(16, 0), 0),
            actor=lurah_belakang_pondok,
        )


def test_attendance_cannot_be_recorded_twice_for_one_day(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    make_attendance(padang.staf_bp, THURSDAY, Status.HADIR)
    client.force_login(lurah_belakang_pondok)
    page = client.post(
        reverse("attendance:new"),
        {
            "token": "a" * 32,
            "employee": padang.staf_bp.pk,
            "date": "2026-02-05",
            "status": Status.SAKIT,
            "note": "Demam",
        },
    )
    assert page.status_code == 400
    assert "Kehadiran Yusnimar pada Kamis, 5 Februari 2026 sudah tercatat" in page.content.decode()
    assert "Demam</textarea>" in page.content.decode()
    assert Attendance.objects.count() == 1


def test_the_same_form_sent_twice_makes_one_record(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    data = {
        "token": "b" * 32,
        "employee": padang.staf_bp.pk,
        "date": "2026-03-09",
        "status": Status.IZIN,
        "note": "Mengurus anak sakit",
    }
    first = client.post(reverse("attendance:new"), data)
    second = client.post(reverse("attendance:new"), data)
    assert first.status_code == second.status_code == 302
    assert Attendance.objects.count() == 1


def test_a_day_off_needs_a_reason(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    Holiday.objects.create(date=dt.date(2026, 2, 17), name="Tahun Baru Imlek", kind=Holiday.Kind.LIBUR_NASIONAL)
    client.force_login(lurah_belakang_pondok)
    url = reverse("attendance:new")
    sheet = client.get(reverse("attendance:day") + "?tanggal=2026-02-17")
    assert "Tanggal ini hari libur" in sheet.content.decode()
    for day in ("2026-02-07", "2026-02-17"):  # a Saturday, a national holiday
        page = client.post(url, {"token": "c" * 32, "employee": padang.staf_bp.pk, "date": day, "status": Status.HADIR})
        assert "Tanggal ini hari libur" in page.content.decode() and "mis. piket" in page.content.decode()
    assert not Attendance.objects.exists()
    done = client.post(
        url,
        {
            "token": "d" * 32,
            "employee": padang.staf_bp.pk,
            "date": "2026-02-07",
            "status": Status.HADIR,
            "check_in": "08.00",
            "note": "Piket pelayanan KTP",
        },
    )
    assert done.status_code == 302
    record = Attendance.objects.get()
    assert record.non_working_day and record.status == Status.HADIR and record.late_minutes == 0


def test_future_dates_and_bad_input_are_refused_in_indonesian(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    url = reverse("attendance:new")
    base = {"token": "e" * 32, "employee": padang.staf_bp.pk}
    future = client.post(url, {**base, "date": "2026-03-11", "status": Status.HADIR})
    assert "Kehadiran tidak dapat dicatat untuk tanggal yang belum tiba" in future.content.decode()
    garbage = client.post(url, {**base, "date": "kemarin", "status": "libur", "check_in": "25.99"})
    text = garbage.content.decode()
    assert "Tanggal tidak valid; tulis seperti 25-11-2026" in text
    assert "Pilih status kehadiran" in text
    assert "Jam tidak valid; tulis seperti 07.30" in text
    late_no_time = client.post(url, {**base, "date": "2026-03-09", "status": Status.TERLAMBAT})
    assert "Isi jam masuk agar menit terlambat dapat dihitung" in late_no_time.content.decode()
    backwards = client.post(
        url, {**base, "date": "2026-03-09", "status": Status.HADIR, "check_in": "10:00", "check_out": "09:00"}
    )
    assert "Jam pulang harus sesudah jam masuk" in backwards.content.decode()
    sick = client.post(url, {**base, "date": "2026-03-09", "status": Status.SAKIT})
    assert "Sakit: tuliskan keterangan atau unggah surat" in sick.content.decode()
    not_yet = client.post(url, {**base, "date": "2026-03-10", "status": Status.HADIR, "check_in": "11:00"})
    assert "Jam masuk belum terjadi" in not_yet.content.decode()
    fake = client.post(
        url,
        {**base, "date": "2026-03-09", "status": Status.SAKIT, "document": _upload(b"MZ not a pdf", "surat.pdf")},
    )
    assert "isi berkas bukan PDF, JPEG atau PNG" in fake.content.decode()
    assert not Attendance.objects.exists()


def _upload(content: bytes, name: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_doctors_letter_is_served_only_to_the_employee_and_the_units_managers(
    client: Client,
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    pimpinan_padang: User,
    camat_padang_selatan: User,
) -> None:
    client.force_login(petugas_belakang_pondok)
    done = client.post(
        reverse("attendance:new"),
        {
            "token": "f" * 32,
            "employee": padang.staf_bp.pk,
            "date": "2026-03-09",
            "status": Status.SAKIT,
            "document": _upload(PDF, "surat-dokter.pdf"),
        },
    )
    assert done.status_code == 302
    record = Attendance.objects.get()
    assert record.source == Source.MANDIRI and record.document_type == "application/pdf"
    url = reverse("attendance:document", args=[record.pk])
    assert client.get(url).status_code == 200
    client.force_login(lurah_belakang_pondok)
    assert client.get(url).status_code == 200
    for outsider in (pimpinan_padang, camat_padang_selatan):
        client.force_login(outsider)
        assert client.get(reverse("attendance:detail", args=[record.pk])).status_code == 200
        assert client.get(url).status_code == 404
    opened = DocumentAccess.objects.filter(attendance=record).values_list("user__username", flat=True)
    assert sorted(opened) == ["lurah_bp", "petugas_bp"]  # every opening recorded, refusals not
    client.force_login(lurah_belakang_pondok)
    corrected = client.post(
        reverse("attendance:correct", args=[record.pk]),
        {
            "version": record.version,
            "status": Status.SAKIT,
            "document": _upload(PDF, "surat-dokter-asli.pdf"),
            "reason": "Surat asli dari puskesmas menggantikan foto surat",
        },
    )
    assert corrected.status_code == 302
    record.refresh_from_db()
    change = record.changes.get()
    assert change.old_values["document"].startswith("kehadiran/2026/03/surat-dokter")
    assert str(record.document.name).endswith(".pdf") and record.document.name != change.old_values["document"]
    assert record.document.storage.exists(change.old_values["document"])  # the old letter is kept


def test_an_employee_reports_only_izin_sakit_cuti_or_dinas_luar_for_themself(
    padang: Padang, petugas_belakang_pondok: User
) -> None:
    with pytest.raises(DomainError, match="Absen masuk"):
        attendance_record(
            employee=padang.staf_bp, day=dt.date(2026, 3, 9), entry=Entry(Status.HADIR), actor=petugas_belakang_pondok
        )
    with pytest.raises(Forbidden, match="Hanya kepala unit atau sekretaris"):
        attendance_record(
            employee=padang.lurah_bp, day=dt.date(2026, 3, 9), entry=Entry(Status.CUTI), actor=petugas_belakang_pondok
        )


def test_the_sekretaris_fills_the_whole_unit_on_one_day_sheet(
    client: Client, padang: Padang, seklur_belakang_pondok: User
) -> None:
    extra = [make_employee(padang.kantor_lurah_bp, f"Honorer {i}") for i in range(3)]
    client.force_login(seklur_belakang_pondok)
    url = reverse("attendance:day") + "?tanggal=2026-03-09"
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Daftar hadir Senin, 9 Maret 2026" in text and "Yusnimar" in text and "Honorer 2" in text
    assert text.count('<option value="hadir" selected>') == 0
    prefilled = client.get(url + "&isi=hadir").content.decode()
    assert prefilled.count('<option value="hadir" selected>') == 6  # every open row of the unit
    employees = [padang.lurah_bp, padang.staf_bp, *extra]
    data = {"token": "1" * 32}
    data |= {
        f"e{padang.lurah_bp.pk}_status": Status.DINAS_LUAR,
        f"e{padang.lurah_bp.pk}_note": "Rakor di kantor wali kota",
    }
    data |= {f"e{padang.staf_bp.pk}_status": Status.HADIR, f"e{padang.staf_bp.pk}_check_in": "07:45"}
    data |= {f"e{extra[0].pk}_status": Status.SAKIT, f"e{extra[0].pk}_note": "Demam"}
    data |= {f"e{extra[1].pk}_status": Status.TANPA_KETERANGAN}
    done = client.post(url, data, follow=True)
    assert "4 catatan kehadiran disimpan" in done.content.decode()
    again = client.post(url, data, follow=True)  # a double click: nothing new
    assert Attendance.objects.count() == 4
    assert again.status_code == 200
    late = Attendance.objects.get(employee=padang.staf_bp)
    assert (late.status, late.late_minutes, late.recorded_by) == (Status.TERLAMBAT, 15, seklur_belakang_pondok)
    assert not Attendance.objects.filter(employee=extra[2]).exists()  # left blank: not recorded
    assert sorted(Attendance.objects.values_list("employee_id", flat=True)) == sorted(e.pk for e in employees[:4])


def test_a_bad_day_sheet_row_keeps_everything_typed_and_saves_nothing(
    client: Client, padang: Padang, seklur_belakang_pondok: User
) -> None:
    client.force_login(seklur_belakang_pondok)
    url = reverse("attendance:day") + "?tanggal=2026-03-09"
    data = {
        "token": "2" * 32,
        f"e{padang.lurah_bp.pk}_status": Status.HADIR,
        f"e{padang.lurah_bp.pk}_check_in": "07:20",
        f"e{padang.staf_bp.pk}_status": Status.IZIN,
    }
    page = client.post(url, data)
    text = page.content.decode()
    assert page.status_code == 400
    assert "Izin: tuliskan keterangan atau unggah surat" in text and "1 baris belum dapat disimpan" in text
    assert 'value="07:20"' in text
    assert not Attendance.objects.exists()


def test_day_sheet_queries_do_not_grow_with_the_unit(
    client: Client, padang: Padang, seklur_belakang_pondok: User
) -> None:
    client.force_login(seklur_belakang_pondok)
    url = reverse("attendance:day") + "?tanggal=2026-03-09"

    def post(token: str) -> int:
        people = list(padang.kantor_lurah_bp.employees.filter(active=True))
        data = {"token": token} | {f"e{e.pk}_status": Status.HADIR for e in people}
        Attendance.objects.all().delete()
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(url, data)
        assert response.status_code == 302
        with CaptureQueriesContext(connection) as shown:
            client.get(url)
        return len(ctx) + len(shown)

    small = post("3" * 32)
    for i in range(15):
        make_employee(padang.kantor_lurah_bp, f"Staf {i}")
    assert post("4" * 32) == small


def test_records_on_other_units_days_are_not_entered_by_another_unit(
    client: Client, padang: Padang, seklur_alang_laweh: User
) -> None:
    client.force_login(seklur_alang_laweh)
    data = {"token": "5" * 32, f"e{padang.staf_bp.pk}_status": Status.HADIR}
    page = client.post(reverse("attendance:day") + "?tanggal=2026-03-09", data)
    assert not Attendance.objects.filter(employee=padang.staf_bp).exists()
    assert "Yusnimar" not in page.content.decode()


def test_office_hours_page_sets_a_units_own_hours_with_clear_messages(
    client: Client, padang: Padang, seklur_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    url = reverse("attendance:schedules")
    client.force_login(petugas_belakang_pondok)
    page = client.get(url)
    assert "Senin–Kamis 07.30–16.00, Jumat 07.30–16.30, toleransi 0 menit" in page.content.decode()
    assert "Simpan jam kerja" not in page.content.decode()
    refused = client.post(
        url,
        {
            "weekday_start": "07:00",
            "weekday_end": "15:00",
            "friday_start": "07:00",
            "friday_end": "15:00",
            "tolerance_minutes": "0",
        },
    )
    assert refused.status_code == 404 and not WorkSchedule.objects.exists()
    client.force_login(seklur_belakang_pondok)
    bad = client.post(
        url,
        {
            "weekday_start": "07:30",
            "weekday_end": "16:00",
            "friday_start": "08:00",
            "friday_end": "07:00",
            "tolerance_minutes": "200",
        },
    )
    text = bad.content.decode()
    assert bad.status_code == 400 and "Toleransi antara 0 dan 120 menit" in text
    bad = client.post(
        url,
        {
            "weekday_start": "07:30",
            "weekday_end": "16:00",
            "friday_start": "08:00",
            "friday_end": "07:00",
            "tolerance_minutes": "10",
        },
    )
    assert "Jam pulang harus sesudah jam masuk" in bad.content.decode() and 'value="08:00"' in bad.content.decode()
    done = client.post(
        url,
        {
            "weekday_start": "07:30",
            "weekday_end": "16:00",
            "friday_start": "08:00",
            "friday_end": "16:30",
            "tolerance_minutes": "10",
        },
        follow=True,
    )
    assert "Jam kerja disimpan" in done.content.decode()
    assert "Kantor Lurah Belakang Pondok" in done.content.decode()
    schedule = WorkSchedule.objects.get()
    assert schedule.unit == padang.kantor_lurah_bp and schedule.friday_start == dt.time(8, 0)
