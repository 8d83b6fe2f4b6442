"""Background work for service requests, through the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from pamong.servicerequests.services import requests_sweep_overdue


@task()
def sweep_overdue_requests() -> int:
    """Mark overdue requests and escalate them. Idempotent: safe to run as often as the scheduler likes."""
    return requests_sweep_overdue().marked


@task(queue_name="pdf")
def render_letter(letter_id: int) -> str:
    """Render a signed letter's PDF and store its SHA-256. Idempotent."""
    from pamong.servicerequests.letters import letter_render_pdf
    from pamong.servicerequests.models import Letter

    return letter_render_pdf(letter=Letter.objects.get(pk=letter_id)).sha256
