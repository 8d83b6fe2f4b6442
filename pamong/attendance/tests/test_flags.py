"""The monthly discipline notice to the head of each unit."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from pamong.attendance.models import Attendance, Status
from pamong.attendance.notify import flags_notify
from pamong.attendance.testing import WIB
from pamong.notifications.models import Notification
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _march_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=WIB), tick=False):
        yield


def test_monthly_notice_to_the_head_of_a_unit_with_flagged_employees_once(
    padang: Padang,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    padang.lurah_bp.email = "lurah.bp@padang.go.id"
    padang.lurah_bp.save()
    days = [dt.date(2026, 2, d) for d in (2, 3, 4)]
    Attendance.objects.bulk_create(
        [
            Attendance(
                kabkota_code="13.71",
                unit=padang.kantor_lurah_bp,
                employee=padang.staf_bp,
                date=d,
                status=Status.TANPA_KETERANGAN,
                source="petugas",
            )
            for d in days
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert flags_notify(year=2026, month=2) == 1
        assert flags_notify(year=2026, month=2) == 0  # once per unit and month
    notice = Notification.objects.get(reference=f"kehadiran-2026-02-{padang.kantor_lurah_bp.pk}")
    assert notice.recipient == "lurah.bp@padang.go.id"
    assert "Yusnimar: Tanpa keterangan 3 hari" in notice.body
    assert reverse("attendance:recap") + "?bulan=2026-02" in notice.body
    assert flags_notify(year=2026, month=3) == 0  # March is not over
    assert len(mail.outbox) <= 1


def test_the_command_sends_last_months_notice_once(padang: Padang) -> None:  # type: ignore[no-untyped-def]
    from io import StringIO

    from django.core.management import call_command

    padang.lurah_bp.email = "lurah.bp@padang.go.id"
    padang.lurah_bp.save()
    Attendance.objects.bulk_create(
        [
            Attendance(
                kabkota_code="13.71",
                unit=padang.kantor_lurah_bp,
                employee=padang.staf_bp,
                date=dt.date(2026, 2, d),
                status=Status.TANPA_KETERANGAN,
                source="petugas",
            )
            for d in (2, 3, 4)
        ]
    )
    out = StringIO()
    call_command("attendance_flags", stdout=out)
    call_command("attendance_flags", stdout=out)
    assert "1 pemberitahuan rekap kehadiran 02/2026 dikirim." in out.getvalue()
    assert "0 pemberitahuan rekap kehadiran 02/2026 dikirim." in out.getvalue()
    assert Notification.objects.filter(reference__startswith="kehadiran-2026-02-").count() == 1
