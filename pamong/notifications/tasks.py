from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from pamong.notifications.models import Notification
from pamong.notifications.services import MAX_ATTEMPTS, backoff, delivery_enqueue, notification_deliver


class DeliveryFailed(Exception):
    """The last try of a message failed: the task is marked failed (and logged at ERROR), not successful."""


@task()
def deliver(notification_id: int) -> bool:
    """Send a queued message; on failure enqueue the next try with a growing pause, up to MAX_ATTEMPTS; the last
    failure fails the task. Enqueued on the channel's queue (``sms`` or ``email``) by delivery_enqueue."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return False
    if notification_deliver(notification=notification):
        return True
    if notification.status == Notification.Status.FAILED:
        raise DeliveryFailed(
            f"notification {notification_id} ({notification.channel}) not delivered after {MAX_ATTEMPTS} tries: "
            f"{notification.last_error}"
        )
    if notification.status == Notification.Status.QUEUED:
        delivery_enqueue(
            notification_id=notification_id,
            channel=notification.channel,
            run_after=timezone.now() + backoff(notification.attempts),
        )
    return False
