"""Background work for camat reports, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.reports.services import reports_remind


@task()
def remind_reports() -> int:
    """Remind camat and sekcam of reports due in 3 working days and on the due day, once each. Idempotent."""
    return reports_remind()
