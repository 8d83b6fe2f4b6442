"""Corrections leave a trace, and each role sees only its own part of the attendance."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.attendance.models import Attendance, AttendanceChange, Status
from pamong.attendance.services import Entry, attendance_correct
from pamong.attendance.testing import WIB, make_attendance
from pamong.core.errors import DomainError, Forbidden
from pamong.testing import Padang, make_user

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 3, 9)


@pytest.fixture(autouse=True)
def _march_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=WIB), tick=False):
        yield


def test_a_correction_keeps_the_old_values_in_the_history(
    client: Client, padang: Padang, seklur_belakang_pondok: User
) -> None:
    record = make_attendance(padang.staf_bp, MONDAY, Status.TANPA_KETERANGAN)
    client.force_login(seklur_belakang_pondok)
    url = reverse("attendance:correct", args=[record.pk])
    no_reason = client.post(url, {"version": record.version, "status": Status.SAKIT, "note": "Surat menyusul"})
    assert no_reason.status_code == 400 and "Wajib diisi." in no_reason.content.decode()
    done = client.post(
        url,
        {
            "version": record.version,
            "status": Status.SAKIT,
            "note": "Demam, surat dokter menyusul",
            "reason": "Pegawai menelepon pagi itu; baru dilaporkan hari ini",
        },
        follow=True,
    )
    text = done.content.decode()
    assert "Koreksi disimpan; nilai lama tetap tercatat di riwayat" in text
    assert "Pegawai menelepon pagi itu" in text and "Tanpa keterangan" in text and "Sakit" in text
    record.refresh_from_db()
    assert record.status == Status.SAKIT and record.version == 2
    change = AttendanceChange.objects.get()
    assert change.old_values["status"] == Status.TANPA_KETERANGAN and change.new_values["status"] == Status.SAKIT
    assert change.actor == seklur_belakang_pondok and change.actor_label == "Sekretaris Lurah (Desmawati)"
    assert (change.from_status, change.to_status) == (Status.TANPA_KETERANGAN, Status.SAKIT)
    assert change.note == "Pegawai menelepon pagi itu; baru dilaporkan hari ini"
    stale = client.post(
        url,
        {"version": 1, "status": Status.IZIN, "note": "Izin", "reason": "Salah pilih"},
    )
    assert "sudah diubah oleh petugas lain" in stale.content.decode()
    assert Attendance.objects.get().status == Status.SAKIT and AttendanceChange.objects.count() == 1


def test_a_correction_recomputes_late_minutes_and_refuses_no_change(
    padang: Padang, lurah_belakang_pondok: User
) -> None:
    record = make_attendance(padang.staf_bp, MONDAY, Status.HADIR, check_in=dt.time(7, 30))
    attendance_correct(
        attendance=record,
        actor=lurah_belakang_pondok,
        version=1,
        entry=Entry(Status.HADIR, check_in=dt.time(8, 10)),
        reason="Mesin absen salah jam",
    )
    assert (record.status, record.late_minutes) == (Status.TERLAMBAT, 40)
    change = AttendanceChange.objects.get()
    assert change.old_values["check_in"] == "07:30" and change.new_values["check_in"] == "08:10"
    assert change.old_values["late_minutes"] == 0 and change.new_values["late_minutes"] == 40
    with pytest.raises(DomainError, match="Tidak ada yang berubah"):
        attendance_correct(
            attendance=record,
            actor=lurah_belakang_pondok,
            version=2,
            entry=Entry(Status.HADIR, check_in=dt.time(8, 10)),
            reason="Lagi",
        )


def test_the_history_keeps_the_post_the_corrector_held_at_the_time(
    client: Client, padang: Padang, seklur_belakang_pondok: User
) -> None:
    record = make_attendance(padang.staf_bp, MONDAY, Status.TANPA_KETERANGAN)
    attendance_correct(
        attendance=record,
        actor=seklur_belakang_pondok,
        version=1,
        entry=Entry(Status.SAKIT, note="Demam"),
        reason="Dilaporkan lewat telepon",
    )
    employee = seklur_belakang_pondok.employee
    assert employee is not None
    post = employee.position
    # Later the secretary moves to the kantor lurah of Alang Laweh, as a plain officer.
    employee.unit, employee.position = padang.kantor_lurah_al, padang.staf_al_pos
    employee.save()
    change = AttendanceChange.objects.get()
    assert (change.actor_unit, change.actor_position, change.kabkota_code) == (padang.kantor_lurah_bp, post, "13.71")
    assert change.actor_label == "Sekretaris Lurah (Desmawati)"
    client.force_login(make_user("lurah_bp2", Role.KEPALA_UNIT, padang.lurah_bp))
    page = client.get(reverse("attendance:detail", args=[record.pk])).content.decode()
    assert "Sekretaris Lurah (Desmawati)" in page and "Dilaporkan lewat telepon" in page


def test_each_role_is_offered_only_what_it_may_do(
    client: Client,
    padang: Padang,
    petugas_belakang_pondok: User,
    seklur_belakang_pondok: User,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    admin_diskominfo: User,
) -> None:
    """The day-sheet tab and the correction form only for those who keep the office's attendance; the others
    are refused with a clear message by the service."""
    record = make_attendance(padang.staf_bp, MONDAY, Status.TANPA_KETERANGAN)
    keepers = {seklur_belakang_pondok, lurah_belakang_pondok, admin_diskominfo}
    for user in (
        petugas_belakang_pondok,
        seklur_belakang_pondok,
        lurah_belakang_pondok,
        camat_padang_selatan,
        pimpinan_padang,
        admin_diskominfo,
    ):
        client.force_login(user)
        page = client.get(reverse("attendance:detail", args=[record.pk])).content.decode()
        assert ("Daftar hadir harian" in page) == (user in keepers or user == camat_padang_selatan), user
        assert ("Simpan koreksi" in page) == (user in keepers), user
        if user not in keepers:
            with pytest.raises(Forbidden, match="Hanya kepala unit atau sekretaris unit ini") as refused:
                attendance_correct(attendance=record, actor=user, version=1, entry=Entry(Status.HADIR), reason="Coba")
            assert refused.value.code == "forbidden"


def test_only_the_units_managers_correct(
    client: Client, padang: Padang, petugas_belakang_pondok: User, camat_padang_selatan: User
) -> None:
    record = make_attendance(padang.staf_bp, MONDAY, Status.TANPA_KETERANGAN)
    for user in (petugas_belakang_pondok, camat_padang_selatan):
        client.force_login(user)
        page = client.get(reverse("attendance:detail", args=[record.pk]))
        assert page.status_code == 200 and "Simpan koreksi" not in page.content.decode()
        refused = client.post(
            reverse("attendance:correct", args=[record.pk]),
            {"version": 1, "status": Status.HADIR, "reason": "Saya hadir"},
        )
        assert refused.status_code == 404
    assert Attendance.objects.get().status == Status.TANPA_KETERANGAN and not AttendanceChange.objects.exists()


def test_each_role_sees_only_its_subtree(
    client: Client,
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    seklur_alang_laweh: User,
) -> None:
    own = make_attendance(padang.staf_bp, MONDAY)  # Belakang Pondok (Padang Selatan)
    boss = make_attendance(padang.lurah_bp, MONDAY)  # Belakang Pondok
    neighbour = make_attendance(padang.staf_al, MONDAY)  # Alang Laweh (Padang Selatan)
    far = make_attendance(padang.staf_bt, MONDAY)  # Belakang Tangsi (Padang Barat)
    everyone = {own, boss, neighbour, far}
    sees = {
        petugas_belakang_pondok: {own},
        lurah_belakang_pondok: {own, boss},
        seklur_alang_laweh: {neighbour},
        camat_padang_selatan: {own, boss, neighbour},
        pimpinan_padang: everyone,
    }
    for user, visible in sees.items():
        assert set(Attendance.objects.visible_to(user)) == visible, user.username
        client.force_login(user)
        for record in everyone:
            status = client.get(reverse("attendance:detail", args=[record.pk])).status_code
            assert status == (200 if record in visible else 404), (user.username, record.employee.name)
        recap = client.get(reverse("attendance:recap") + "?bulan=2026-03").content.decode()
        names = {"Yusnimar", "Mulyadi", "Rosmawati", "Hendri"}
        shown = {n for n in names if n in recap}
        assert shown == {r.employee.name for r in visible}, user.username
