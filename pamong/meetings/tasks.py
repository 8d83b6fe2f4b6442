"""Background work for meetings and visits, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.meetings.services import action_items_remind


@task()
def remind_action_items() -> int:
    """Remind owners of action items due within two working days, once each. Idempotent."""
    return action_items_remind()
