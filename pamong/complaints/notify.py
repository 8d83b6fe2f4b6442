"""Messages to the reporter on each step (SMS/WhatsApp and e-mail through the queue), and the overdue digest
to superiors. Only the tracking code and the status: no names, nothing from the complaint's text."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from pamong.complaints.models import Complaint, Status
from pamong.notifications.models import Notification
from pamong.notifications.services import notification_queue

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
    body = f"Pamong: pengaduan {complaint.code_display} {_TEXT[Status(status)]} Lihat: {link}"
    reference = f"pengaduan:{complaint.code}"
    notification_queue(
        channel=Notification.Channel.SMS,
        recipient=complaint.reporter_phone,
        body=body,
        reference=reference,
        kabkota_code=complaint.kabkota_code,
    )
    notification_queue(
        channel=Notification.Channel.EMAIL,
        recipient=complaint.reporter_email,
        subject=f"Pengaduan {complaint.code_display}: {Status(status).label}",
        body=body,
        reference=reference,
        kabkota_code=complaint.kabkota_code,
    )
