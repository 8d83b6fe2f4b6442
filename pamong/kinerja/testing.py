"""Test builders for kinerja: service requests with a hand-made status history."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from typing import Any

from pamong.catalog.models import ServiceType
from pamong.core.history import actor_fields
from pamong.organization.models import Unit
from pamong.servicerequests.models import ServiceRequest, Status, StatusChange

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
_codes = itertools.count(1)


def make_history(
    unit: Unit,
    service: ServiceType,
    *,
    submitted: dt.datetime,
    due: dt.datetime,
    steps: list[tuple[str, dt.timedelta, Any]],
    assignee: Any = None,
) -> ServiceRequest:
    """A request submitted at ``submitted`` whose status moves by ``steps``: (to_status, time after the previous
    step, acting user or None)."""
    n = next(_codes)
    request = ServiceRequest.objects.create(
        kabkota_code=unit.kabkota_code,
        code=f"K{n:08d}",
        service=service,
        unit=unit,
        nik="1371014204850003",
        name="Yusnimar",
        address="Jl. Belakang Pondok",
        birth_place="Padang",
        birth_date=dt.date(1985, 4, 2),
        gender="P",
        submitted_at=submitted,
        due_at=due,
        submit_token=f"t{n}",
        assignee=assignee,
    )
    kabkota = unit.kabkota_code
    StatusChange.objects.create(
        request=request, kabkota_code=kabkota, to_status=Status.DIAJUKAN, actor_label="Pemohon", at=submitted
    )
    at, current = submitted, Status.DIAJUKAN.value
    for to_status, after, actor in steps:
        at = at + after
        # As the machine writes it: the actor with the post and office they hold at this moment.
        StatusChange.objects.create(
            request=request,
            kabkota_code=kabkota,
            from_status=current,
            to_status=to_status,
            at=at,
            **actor_fields(actor),
        )
        current = to_status
    request.status = current
    if current == Status.SELESAI:
        request.finished_at = at
    request.save()
    return request
