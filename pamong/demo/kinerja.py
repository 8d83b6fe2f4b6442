"""Demo data: the indicators of the last 90 days, built from the demo's requests, complaints and the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from pamong.kinerja.services import indicators_backfill
from pamong.regions.models import Region


def populate(*, kabkota: Region, progress: Callable[[str], None]) -> int:
    last = timezone.localdate() - dt.timedelta(days=1)
    return indicators_backfill(
        first=last - dt.timedelta(days=89), last=last, kabkota_code=kabkota.code, progress=progress
    )
