"""Background work for SKP, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.skp.services import skp_remind_raters


@task()
def remind_skp_raters() -> int:
    """After a quarter (and a year) ends, remind each rater once of the subordinates still without a final
    assessment. Idempotent: safe to run as often as the scheduler likes."""
    return skp_remind_raters()
