"""Background work for complaints, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.complaints.services import complaints_sweep_overdue


@task()
def sweep_overdue_complaints() -> int:
    """Mark complaints past their stage deadline and escalate them. Idempotent."""
    return complaints_sweep_overdue()
