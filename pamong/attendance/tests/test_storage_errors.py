"""A full or read-only disk while a doctor's letter is uploaded, with a new record or a correction: a clear
message, nothing recorded, no file left behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.attendance.models import Attendance, AttendanceChange, Status
from pamong.attendance.testing import WIB, make_attendance
from pamong.testing import Padang, stored_files

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MESSAGE = "penyimpanan server sedang bermasalah"


@pytest.fixture(autouse=True)
def _march_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=WIB), tick=False):  # Tuesday 10.00 WIB
        yield


def letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("surat-dokter.pdf", PDF, content_type="application/pdf")


def test_a_sick_day_with_a_doctors_letter_on_a_broken_disk_records_nothing(
    client: Client, padang: Padang, petugas_belakang_pondok: User, broken_media: Path
) -> None:
    client.force_login(petugas_belakang_pondok)
    response = client.post(
        reverse("attendance:new"),
        {
            "token": "f" * 32,
            "employee": padang.staf_bp.pk,
            "date": "2026-03-09",
            "status": Status.SAKIT,
            "note": "Demam tinggi",
            "document": letter(),
        },
    )
    html = response.content.decode()
    assert MESSAGE in html and "Demam tinggi" in html
    assert not Attendance.objects.exists()
    assert stored_files(broken_media) == []


def test_a_correction_with_a_new_letter_on_a_broken_disk_changes_nothing(
    client: Client, padang: Padang, lurah_belakang_pondok: User, broken_media: Path
) -> None:
    record = make_attendance(padang.staf_bp, dt.date(2026, 3, 9), Status.TANPA_KETERANGAN)
    client.force_login(lurah_belakang_pondok)
    response = client.post(
        reverse("attendance:correct", args=[record.pk]),
        {
            "version": record.version,
            "status": Status.SAKIT,
            "document": letter(),
            "reason": "Surat dokter menyusul dari puskesmas",
        },
    )
    html = response.content.decode()
    assert MESSAGE in html and "Surat dokter menyusul dari puskesmas" in html
    record.refresh_from_db()
    assert record.status == Status.TANPA_KETERANGAN and not record.document and not AttendanceChange.objects.exists()
    assert stored_files(broken_media) == []
