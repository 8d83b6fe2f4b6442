"""Messages to the applicant on each status change (SMS/WhatsApp and e-mail, through the queue), and the
escalation digest to superiors. No NIK or name in any message: the tracking code is enough."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pamong.notifications.models import Notification
from pamong.notifications.services import notification_queue
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
        from pamong.surveys.selectors import survey_invitation

        invitation = survey_invitation(request)
        if invitation is not None and invitation.url:
            body += f" Mohon nilai pelayanan kami: {invitation.url}"
    reference = f"permohonan:{request.code}"
    notification_queue(
        channel=Notification.Channel.SMS,
        recipient=request.phone,
        body=body,
        reference=reference,
        kabkota_code=request.kabkota_code,
    )
    notification_queue(
        channel=Notification.Channel.EMAIL,
        recipient=request.email,
        subject=f"Permohonan {request.code_display}: {Status(status).label}",
        body=body,
        reference=reference,
        kabkota_code=request.kabkota_code,
    )


DIGEST_LINES = 30


def escalation_notify(*, stamp: dt.datetime) -> int:
    """One e-mail per superior listing the requests the sweep just escalated to their position (the most
    overdue first, at most DIGEST_LINES of them, with the count of the rest). A few queries per superior who
    has an e-mail address, however large the backlog."""
    escalated = ServiceRequest.objects.filter(overdue=True, updated_at=stamp, escalated_to__isnull=False)
    positions = escalated.order_by().values_list("escalated_to_id", flat=True).distinct()
    holders = Employee.objects.filter(position_id__in=positions, active=True).exclude(email="")
    sent = 0
    for holder in holders:
        mine = escalated.filter(escalated_to_id=holder.position_id)
        total = mine.count()
        lines = [
            f"- {r.code_display} {r.service.name}, {r.unit.name}, "
            f"batas {date_format(timezone.localtime(r.due_at), 'j M Y')}"
            for r in mine.select_related("service", "unit").order_by("due_at")[:DIGEST_LINES]
            if r.due_at
        ]
        if total > len(lines):
            lines.append(f"- dan {total - len(lines)} permohonan lainnya")
        notification_queue(
            channel=Notification.Channel.EMAIL,
            recipient=holder.email,
            subject=f"{total} permohonan melewati batas waktu",
            body="Permohonan berikut melewati batas waktu dan dieskalasi kepada Anda:\n"
            + "\n".join(lines)
            + f"\n\nBuka kotak permohonan: {_url(reverse('servicerequests:inbox'))}?overdue=on",
            reference="eskalasi",
            kabkota_code=holder.kabkota_code,
        )
        sent += 1
    return sent
