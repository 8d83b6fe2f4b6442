"""The monthly discipline notice: each kepala unit gets the names the recap flags in their unit."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pamong.attendance.selectors import monthly_recap
from pamong.notifications.models import Notification
from pamong.notifications.services import digest_queue
from pamong.organization.models import Employee, Position, Unit


def previous_month(today: dt.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.year, last.month


def flags_notify(*, year: int, month: int, today: dt.date | None = None) -> int:
    """One e-mail per unit with flagged employees, to its head; sent once per unit and month (the reference of
    the notification is the key). Returns how many were queued."""
    today = today or timezone.localdate()
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    if today <= last:
        return 0  # the month is not over yet
    sent = 0
    for code in Unit.objects.order_by().values_list("kabkota_code", flat=True).distinct():
        recap = monthly_recap(viewer=None, kabkota_code=code, year=year, month=month, today=today)
        flagged_by_unit: dict[int, list[str]] = {}
        for row in recap.flagged:
            flagged_by_unit.setdefault(row.unit_id, []).append(f"- {row.name}: {', '.join(row.flags)}")
        heads = {
            e.unit_id: e
            for e in Employee.objects.filter(
                unit_id__in=list(flagged_by_unit), position__kind=Position.Kind.KEPALA, active=True
            ).exclude(email="")
        }
        done = set(
            Notification.objects.filter(reference__startswith=f"kehadiran-{year}-{month:02d}-").values_list(
                "reference", flat=True
            )
        )
        for unit_id, lines in flagged_by_unit.items():
            head = heads.get(unit_id)
            reference = f"kehadiran-{year}-{month:02d}-{unit_id}"
            if head is None or reference in done:
                continue
            link = f"{settings.PAMONG_BASE_URL.rstrip('/')}{reverse('attendance:recap')}?bulan={year}-{month:02d}"
            digest_queue(
                recipient=head.email,
                subject=f"Rekap kehadiran {recap.label}: {len(lines)} pegawai perlu perhatian",
                intro=f"Yth. {head.full_name},\n\nRekap kehadiran {recap.label} menandai pegawai berikut:",
                lines=lines,
                total=len(lines),
                noun="pegawai",
                link=link,
                reference=reference,
                kabkota_code=code,
            )
            sent += 1
    return sent
