"""Test builders for training: an event and its participants."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from pamong.organization.models import Employee, Unit
from pamong.training.models import Participant, Status, TrainingEvent

_seq = itertools.count(1)


def make_event(unit: Unit, title: str | None = None, **kw: Any) -> TrainingEvent:
    start = kw.pop("start_date", dt.date(2026, 10, 5))
    return TrainingEvent.objects.create(
        kabkota_code=unit.kabkota_code,
        unit=unit,
        title=title or f"Bimtek tata naskah dinas {next(_seq)}",
        kind=kw.pop("kind", "bimtek"),
        start_date=start,
        end_date=kw.pop("end_date", start + dt.timedelta(days=2)),
        place=kw.pop("place", "Aula Kantor"),
        hours=kw.pop("hours", 24),
        status=kw.pop("status", Status.DIRENCANAKAN),
        **kw,
    )


def enrol(event: TrainingEvent, employee: Employee, **kw: Any) -> Participant:
    for key in ("pre_score", "post_score"):
        if key in kw and kw[key] is not None:
            kw[key] = Decimal(str(kw[key]))
    return Participant.objects.create(
        kabkota_code=event.kabkota_code, event=event, employee=employee, unit=employee.unit, **kw
    )
