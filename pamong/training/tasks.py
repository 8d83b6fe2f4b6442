"""Background work for training, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.training.models import Status, TrainingEvent
from pamong.training.services import certificates_issue


@task()
def issue_certificates(event_id: int) -> int:
    """Number the certificates of a finished event's passed participants. Idempotent: run it again and nobody
    is numbered twice."""
    event = TrainingEvent.objects.filter(pk=event_id, status=Status.SELESAI).first()
    if event is None:
        return 0
    return len(certificates_issue(event=event))
