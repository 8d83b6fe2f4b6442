"""Test builders for complaints: the seeded categories, a citizen's report of a late domisili letter, a submitted
complaint and one walked to selesai by the staff of Kantor Lurah Belakang Pondok."""

from __future__ import annotations

import uuid
from typing import Any

from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Category, Complaint, Status
from pamong.complaints.services import Report, complaint_submit, complaint_transition
from pamong.testing import Padang


def make_category(kabkota: str = "13.71", code: str = "pelayanan-administrasi") -> Category:
    """The standard categories of the kabupaten/kota seeded, and one of them."""
    categories_seed(kabkota_code=kabkota)
    return Category.objects.get(kabkota_code=kabkota, code=code)


def complaint_report(padang: Padang, category: Category, **kw: object) -> Report:
    """What a citizen reports about Belakang Pondok (a domisili letter two weeks late); ``kw`` changes it."""
    data: dict[str, object] = {
        "category": category,
        "region": padang.belakang_pondok,
        "title": "Surat domisili tidak selesai",
        "text": "Sudah dua minggu surat domisili saya belum selesai, petugas tidak memberi kabar.",
        "token": uuid.uuid4().hex,
        "name": "Rahmat Hidayat",
        "phone": "+6281234567001",
    }
    data.update(kw)
    return Report(**data)  # type: ignore[arg-type]


def make_complaint(padang: Padang, category: Category, **kw: object) -> Complaint:
    complaint, _created = complaint_submit(report=complaint_report(padang, category, **kw))
    return complaint


def public_complaint(padang: Padang, category: Category, **kw: object) -> Complaint:
    """A complaint the office has verified, so the public pages may show it (``Complaint.objects.public``). The
    status is set directly: the tests using this are about what the public sees, not about the verify step."""
    complaint = make_complaint(padang, category, **kw)
    complaint.status = Status.DIVERIFIKASI
    complaint.save()
    return complaint


def finish_complaint(padang: Padang, category: Category, petugas: Any, lurah: Any, **kw: object) -> Complaint:
    """A complaint walked to selesai: the petugas verifies, the lurah disposes it to the petugas's post, the
    petugas follows it up and closes it."""
    complaint = make_complaint(padang, category, **kw)
    complaint = complaint_transition(complaint=complaint, actor=petugas, to_status=Status.DIVERIFIKASI)
    complaint = complaint_transition(
        complaint=complaint, actor=lurah, to_status=Status.DIDISPOSISIKAN, position=padang.staf_bp_pos
    )
    complaint = complaint_transition(
        complaint=complaint, actor=petugas, to_status=Status.DITINDAKLANJUTI, note="Sedang kami tangani."
    )
    return complaint_transition(complaint=complaint, actor=petugas, to_status=Status.SELESAI, note="Sudah beres.")
