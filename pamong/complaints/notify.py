"""Messages to the reporter on each step (SMS/WhatsApp and e-mail through the queue), and the overdue digest
to superiors. Only the tracking code and the status: no names, nothing from the complaint's text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pamong.complaints.models import Complaint, Status
from pamong.notifications.services import DIGEST_LINES, digest_queue, person_notify

_TEXT = {
    Status.BARU: "diterima dan akan diverifikasi dalam 3 hari kerja.",
    Status.DIVERIFIKASI: "sudah diverifikasi.",
    Status.DIDISPOSISIKAN: "diteruskan kepada pejabat yang menindaklanjuti.",
    Status.DITINDAKLANJUTI: "mendapat tanggapan.",
    Status.SELESAI: "dinyatakan selesai. Anda dapat menilai penanganannya atau membukanya kembali dalam 10 hari.",
    Status.DITOLAK: "tidak dapat ditindaklanjuti; alasannya ada di halaman pengaduan.",
    Status.DIALIHKAN: "dialihkan kepada unit yang berwenang.",
}


def reporter_notify(*, complaint: Complaint, status: str) -> None:
    if complaint.anonymous:
        return
    link = settings.PAMONG_BASE_URL.rstrip("/") + reverse("complaints:detail", kwargs={"code": complaint.code})
    person_notify(
        phone=complaint.reporter_phone,
        email=complaint.reporter_email,
        subject=f"Pengaduan {complaint.code_display}: {Status(status).label}",
        body=f"Pamong: pengaduan {complaint.code_display} {_TEXT[Status(status)]} Lihat: {link}",
        reference=f"pengaduan:{complaint.code}",
        kabkota_code=complaint.kabkota_code,
    )


def _lines(complaints: Any) -> Iterator[str]:
    """Digest lines, the nearest stage deadline first."""
    for c in complaints.order_by("stage_due_at")[:DIGEST_LINES]:
        if c.stage_due_at:
            due = date_format(timezone.localtime(c.stage_due_at), "j M Y")
            yield f"- {c.code_display} {c.title[:60]} ({c.get_status_display()}), batas tahap {due}"


def _queue_link() -> str:
    return f"Buka kotak pengaduan: {settings.PAMONG_BASE_URL.rstrip('/')}{reverse('complaints:queue')}"


def escalation_notify(*, stamp: dt.datetime) -> int:
    """One e-mail per superior (with an e-mail address) listing the complaints just escalated to their post."""
    from pamong.organization.models import Employee

    escalated = Complaint.objects.filter(overdue=True, updated_at=stamp, escalated_to__isnull=False)
    positions = escalated.order_by().values_list("escalated_to_id", flat=True).distinct()
    sent = 0
    for holder in Employee.objects.filter(position_id__in=positions, active=True).exclude(email=""):
        mine = escalated.filter(escalated_to_id=holder.position_id)
        total = mine.count()
        digest_queue(
            recipient=holder.email,
            subject=f"{total} pengaduan melewati batas tahap",
            intro="Pengaduan berikut melewati batas waktu tahapnya dan dieskalasi kepada Anda:",
            lines=_lines(mine),
            total=total,
            noun="pengaduan",
            link=_queue_link(),
            reference="eskalasi-pengaduan",
            kabkota_code=holder.kabkota_code,
        )
        sent += 1
    return sent


def unit_digest(*, head: Any, complaints: Any) -> None:
    """The weekly list of a unit's overdue complaints, to its head."""
    total = complaints.count()
    digest_queue(
        recipient=head.email,
        subject=f"Ringkasan mingguan: {total} pengaduan terlambat di {head.unit.name}",
        intro="Pengaduan berikut melewati batas waktu tahapnya dan belum selesai:",
        lines=_lines(complaints),
        total=total,
        noun="pengaduan",
        link=_queue_link(),
        reference="ringkasan-pengaduan",
        kabkota_code=head.kabkota_code,
    )
