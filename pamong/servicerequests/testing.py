"""Test builders for service requests: a citizen (WARGA), the domisili service, a submitted request, a request
walked to selesai, and the public application form's data."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import uuid
from dataclasses import replace
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pamong.catalog.models import ServiceType
from pamong.catalog.services import service_types_load
from pamong.catalog.testing import DOMISILI, with_changes
from pamong.organization.models import Unit
from pamong.servicerequests.models import ServiceRequest, Status
from pamong.servicerequests.services import Applicant, Submission, request_submit, request_transition
from pamong.testing import Padang

WARGA = Applicant(
    nik="1371014204850003",
    name="Yusnimar Chaniago",
    birth_place="Padang",
    birth_date=dt.date(1985, 4, 2),
    gender="P",
    address="Jl. Belakang Pondok No. 12, RT 01 RW 02",
    phone="+6281234567890",
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # the smallest file that passes the content check


def make_service(kabkota: str = "13.71", **changes: Any) -> ServiceType:
    data = with_changes(**changes) if changes else DOMISILI
    service_types_load(kabkota_code=kabkota, data=[data])
    return ServiceType.objects.get(kabkota_code=kabkota, code=data["code"])


_phones = itertools.count(1)


def make_request(unit: Unit, service: ServiceType, *, now: dt.datetime | None = None, **kw: Any) -> ServiceRequest:
    """A request by a citizen like WARGA; each gets its own phone number unless an applicant is given."""
    applicant = kw.pop("applicant", None) or replace(WARGA, phone=f"+62812{next(_phones):08d}")
    submission = Submission(
        service=service,
        unit=unit,
        applicant=applicant,
        answers=kw.pop("answers", {"keperluan": "Melamar pekerjaan"}),
        token=kw.pop("token", uuid.uuid4().hex),
    )
    request, _created = request_submit(submission=submission, now=now)
    return request


def finish(request: ServiceRequest, petugas: Any, lurah: Any, now: dt.datetime | None = None) -> ServiceRequest:
    """Walk a request through every stage to selesai (the petugas works it, the lurah signs)."""
    for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
        request = request_transition(request=request, actor=petugas, to_status=to, now=now)
    return request_transition(request=request, actor=lurah, to_status=Status.SELESAI, now=now)


def photo_with_gps() -> bytes:
    """A small JPEG with a camera make and a GPS position in its EXIF data."""
    img = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    exif[0x8825] = {2: (0.0, 57.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def form_data(service: ServiceType, padang: Padang, **overrides: Any) -> dict[str, Any]:
    """What WARGA fills in on the public form of ``service`` at Kantor Lurah Belakang Pondok, with the KTP photo
    and the RT/RW letter attached."""
    docs = list(service.documents.order_by("order"))
    data: dict[str, Any] = {
        "token": "token-satu",
        "unit": padang.kantor_lurah_bp.pk,
        "nik": "1371 0142 0485 0003",
        "name": "Yusnimar Chaniago",
        "birth_place": "Padang",
        "birth_date": "1985-04-02",
        "gender": "P",
        "religion": "Islam",
        "occupation": "Pedagang",
        "address": "Jl. Belakang Pondok No. 12",
        "phone": "0812-3456-7890",
        "email": "",
        "f_keperluan": "Melamar pekerjaan",
        "statement": "on",
        f"doc_{docs[0].pk}": SimpleUploadedFile("ktp.jpg", photo_with_gps(), content_type="image/jpeg"),
        f"doc_{docs[1].pk}": SimpleUploadedFile("pengantar.pdf", PDF, content_type="application/pdf"),
    }
    data.update(overrides)
    return data
