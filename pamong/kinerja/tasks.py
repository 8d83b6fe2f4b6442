"""Background work for indicators (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from pamong.kinerja.services import indicators_backfill


@task()
def build_indicators(*, first: str, last: str, kabkota_code: str) -> int:
    """Rebuild the aggregates of a date range (ISO dates). Idempotent."""
    return indicators_backfill(
        first=dt.date.fromisoformat(first), last=dt.date.fromisoformat(last), kabkota_code=kabkota_code
    )
