from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from pamong.notifications.models import Notification
from pamong.notifications.services import backoff, notification_deliver


@task()
def deliver(notification_id: int) -> bool:
    """Send a queued message; on failure enqueue the next try with a growing pause, up to MAX_ATTEMPTS."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return False
    if notification_deliver(notification=notification):
        return True
    if notification.status == Notification.Status.QUEUED:
        retry = deliver
        if deliver.get_backend().supports_defer:  # the database queue waits; an immediate backend cannot
            retry = deliver.using(run_after=timezone.now() + backoff(notification.attempts))
        retry.enqueue(notification_id)
    return False
