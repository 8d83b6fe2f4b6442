"""Background work of core, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.core.staging import sweep_expired


@task()
def sweep_staged_uploads() -> int:
    """Remove files kept from refused forms once 24 hours have passed. Idempotent."""
    return sweep_expired()
