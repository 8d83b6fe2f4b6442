"""Messages to the applicant on each status change (SMS/WhatsApp and e-mail, through the queue), and the
escalation digest to superiors. No NIK or name in any message: the tracking code is enough."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pamong.notifications.services import DIGEST_LINES, digest_queue, person_notify
from pamong.organization.models import Employee
from pamong.servicerequests.models import ServiceRequest, Status

_TEXT = {
    Status.DIAJUKAN: "diterima. Perkiraan selesai {due}.",
    Status.DIVERIFIKASI: "sudah diverifikasi: berkas lengkap.",
    Status.DIPROSES: "sedang diproses.",
    Status.MENUNGGU_TTD: "menunggu tanda tangan pejabat.",
    Status.SELESAI: "selesai. Surat dapat diunduh di halaman lacak dengan memasukkan NIK pemohon.",
    Status.DIKEMBALIKAN: "dikembalikan untuk dilengkapi: {note}",
    Status.DITOLAK: "ditolak: {note}",
}


def _url(path: str) -> str:
    return settings.PAMONG_BASE_URL.rstrip("/") + path


def applicant_notify(*, request: ServiceRequest, status: str, note: str = "") -> None:
    due = date_format(timezone.localtime(request.due_at), "j F Y") if request.due_at else "-"
    what = _TEXT[Status(status)].format(due=due, note=note or "-")
    link = _url(reverse("servicerequests:track", kwargs={"code": request.code}))
    body = f"Pamong: permohonan {request.service.name} ({request.code_display}) {what} Lacak: {link}"
    if status == Status.SELESAI:
        from pamong.servicerequests.extensions import invitation_for

        invitation = invitation_for(request)
        if invitation is not None and invitation.url:
            body += f" Mohon nilai pelayanan kami: {invitation.url}"
    person_notify(
        phone=request.phone,
        email=request.email,
        subject=f"Permohonan {request.code_display}: {Status(status).label}",
        body=body,
        reference=f"permohonan:{request.code}",
        kabkota_code=request.kabkota_code,
    )


def escalation_notify(*, stamp: dt.datetime) -> int:
    """One e-mail per superior listing the requests the sweep just escalated to their position (the most
    overdue first). A few queries per superior who has an e-mail address, however large the backlog."""
    escalated = ServiceRequest.objects.filter(overdue=True, updated_at=stamp, escalated_to__isnull=False)
    positions = escalated.order_by().values_list("escalated_to_id", flat=True).distinct()
    holders = Employee.objects.filter(position_id__in=positions, active=True).exclude(email="")
    sent = 0
    for holder in holders:
        mine = escalated.filter(escalated_to_id=holder.position_id)
        total = mine.count()
        digest_queue(
            recipient=holder.email,
            subject=f"{total} permohonan melewati batas waktu",
            intro="Permohonan berikut melewati batas waktu dan dieskalasi kepada Anda:",
            lines=(
                f"- {r.code_display} {r.service.name}, {r.unit.name}, "
                f"batas {date_format(timezone.localtime(r.due_at), 'j M Y')}"
                for r in mine.select_related("service", "unit").order_by("due_at")[:DIGEST_LINES]
                if r.due_at
            ),
            total=total,
            noun="permohonan",
            link=f"Buka kotak permohonan: {_url(reverse('servicerequests:inbox'))}?overdue=on",
            reference="eskalasi",
            kabkota_code=holder.kabkota_code,
        )
        sent += 1
    return sent
