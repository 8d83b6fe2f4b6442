"""Reads for service requests."""

from __future__ import annotations

from dataclasses import dataclass

from pamong.servicerequests.codes import normalize
from pamong.servicerequests.models import ServiceRequest, Status, StatusChange

# Notes the citizen should read; other notes are internal.
PUBLIC_NOTE_STATUSES = (Status.DIKEMBALIKAN, Status.DITOLAK, Status.DIAJUKAN)

NEXT_STEP = {
    Status.DIAJUKAN: "Permohonan Anda sudah diterima dan menunggu pemeriksaan berkas oleh petugas.",
    Status.DIVERIFIKASI: "Berkas Anda lengkap. Petugas sedang menyiapkan surat.",
    Status.DIPROSES: "Surat sedang disiapkan.",
    Status.MENUNGGU_TTD: "Surat sudah disiapkan dan menunggu tanda tangan pejabat.",
    Status.SELESAI: "Permohonan selesai. Surat dapat diambil atau diunduh.",
    Status.DIKEMBALIKAN: "Permohonan dikembalikan. Lengkapi berkas sesuai catatan petugas, lalu kirim kembali.",
    Status.DITOLAK: (
        "Permohonan ditolak. Alasannya tertulis di bawah; Anda dapat mengajukan pengaduan bila tidak setuju."
    ),
}


@dataclass
class TimelineEntry:
    status: str
    label: str
    at: object
    note: str


def request_by_code(raw: str) -> ServiceRequest | None:
    code = normalize(raw)
    if code is None:
        return None
    return ServiceRequest.objects.select_related("service", "unit__region").filter(code=code).first()


def public_timeline(request: ServiceRequest) -> list[TimelineEntry]:
    """The history a citizen sees: statuses and dates, with only the notes meant for them. No staff names."""
    entries = []
    for change in StatusChange.objects.filter(request=request).order_by("at", "id"):
        note = change.note if change.to_status in PUBLIC_NOTE_STATUSES else ""
        entries.append(TimelineEntry(change.to_status, str(Status(change.to_status).label), change.at, note))
    return entries
