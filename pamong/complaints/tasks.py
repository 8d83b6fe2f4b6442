"""Background work for complaints, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.complaints.services import complaints_sweep_overdue, complaints_weekly_digest


@task()
def sweep_overdue_complaints() -> int:
    """Mark complaints past their stage deadline and escalate them; on Mondays, send each head of unit the
    weekly digest once. Idempotent."""
    marked = complaints_sweep_overdue()
    complaints_weekly_digest()
    return marked
