"""Test builders for innovations."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from pamong.innovation.models import Innovation, Kind, Stage, Status
from pamong.organization.models import Unit

_seq = itertools.count(1)


def make_innovation(unit: Unit, name: str | None = None, **kw: Any) -> Innovation:
    """An innovation of ``unit``; a draft at the inisiatif stage unless told otherwise."""
    stage = kw.pop("stage", Stage.INISIATIF)
    initiated = kw.pop("initiated_on", dt.date(2026, 1, 5))
    innovation = Innovation.objects.create(
        kabkota_code=unit.kabkota_code,
        unit=unit,
        name=name or f"Layanan antar surat {next(_seq)}",
        problem=kw.pop("problem", "Warga lanjut usia sulit datang ke kantor."),
        change=kw.pop("change", "Surat diantar petugas ke rumah."),
        kind=kw.pop("kind", Kind.PELAYANAN),
        stage=stage,
        initiated_on=initiated,
        trial_on=kw.pop("trial_on", initiated + dt.timedelta(days=30) if stage != Stage.INISIATIF else None),
        status=kw.pop("status", Status.DRAF),
        **kw,
    )
    return innovation
