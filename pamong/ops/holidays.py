"""The yearly holiday update: from 1 October, admins are warned while next year has no holiday rows (deadlines
that reach into it are refused until it has them: pamong.workdays.services.HolidaysMissing)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.notifications.models import Notification
from pamong.notifications.services import notification_queue
from pamong.regions.models import timezone_for_code
from pamong.workdays.selectors import years_with_holidays

log = logging.getLogger(__name__)

WARN_FROM = (10, 1)  # month, day: the SKB 3 Menteri for next year usually appears in September or October
# An admin is reminded once a week until the year is filled.
REMIND_EVERY = dt.timedelta(days=7)


def local_today(now: dt.datetime) -> dt.date:
    import zoneinfo

    return timezone.localtime(now, zoneinfo.ZoneInfo(timezone_for_code(settings.PAMONG_REGION_CODE))).date()


def holiday_warning_due(now: dt.datetime) -> bool:
    """From 1 October (the deployment's local date) next year's holidays are due."""
    today = local_today(now)
    return (today.month, today.day) >= WARN_FROM


def holidays_warn_next_year(*, now: dt.datetime | None = None) -> int:
    """From 1 October, while next year has no holiday rows: an e-mail to every active admin with an address, at
    most once a week each. Returns how many were queued. Idempotent within the week."""
    now = now or timezone.now()
    if not holiday_warning_due(now):
        return 0
    year = local_today(now).year + 1
    if year in years_with_holidays(year, year):
        return 0
    log.warning("no holiday rows for %s: admins are warned", year)
    reference = f"hari-libur:{year}"
    admins = User.objects.filter(Q(role=Role.ADMIN) | Q(is_superuser=True), is_active=True).exclude(email="")
    warned_lately = set(
        Notification.objects.filter(reference=reference, created_at__gte=now - REMIND_EVERY).values_list(
            "recipient", flat=True
        )
    )
    body = (
        f"Hari libur nasional dan cuti bersama tahun {year} belum diisi di Pamong.\n\n"
        f"Mulai 1 Januari {year}, batas waktu permohonan, pengaduan dan laporan yang jatuh pada tahun {year} "
        "tidak dapat dihitung dan pengajuannya ditolak sampai hari libur diisi.\n\n"
        f"Isi sekarang dengan perintah: manage.py seed_holidays {year}\n"
        'Data bawaan itu ditandai "periksa SKB": cocokkan dengan SKB 3 Menteri tentang hari libur nasional dan '
        f"cuti bersama tahun {year} dan perbaiki di halaman admin Hari libur bila berbeda."
    )
    queued = 0
    for email in sorted({u.email for u in admins} - warned_lately):
        notification_queue(
            channel=Notification.Channel.EMAIL,
            recipient=email,
            subject=f"Hari libur {year} belum diisi",
            body=body,
            reference=reference,
            kabkota_code=settings.PAMONG_REGION_CODE[:5],
        )
        queued += 1
    return queued
