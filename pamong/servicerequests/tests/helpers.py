"""Builders for service-request tests."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import replace
from typing import Any

from pamong.catalog.models import ServiceType
from pamong.catalog.services import service_types_load
from pamong.catalog.tests.test_catalogue import DOMISILI, with_changes
from pamong.organization.models import Unit
from pamong.servicerequests.models import ServiceRequest, Status
from pamong.servicerequests.services import Applicant, Submission, request_submit, request_transition

WARGA = Applicant(
    nik="1371014204850003",
    name="Yusnimar Chaniago",
    birth_place="Padang",
    birth_date=dt.date(1985, 4, 2),
    gender="P",
    address="Jl. Belakang Pondok No. 12, RT 01 RW 02",
    phone="+6281234567890",
)


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
