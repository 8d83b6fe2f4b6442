"""Writes for notifications: queue a message, and deliver it with retries."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from pamong.notifications.backends import sms_backend
from pamong.notifications.models import Notification

MAX_ATTEMPTS = 5


def notification_queue(
    *, channel: str, recipient: str, body: str, subject: str = "", reference: str = "", kabkota_code: str = ""
) -> Notification | None:
    """Store a message and hand it to the task queue once the surrounding transaction commits."""
    if not recipient:
        return None
    notification = Notification.objects.create(
        channel=channel,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        reference=reference,
        kabkota_code=kabkota_code,
    )
    from pamong.notifications.tasks import deliver

    transaction.on_commit(lambda: deliver.enqueue(notification.pk))
    return notification


def person_notify(*, phone: str, email: str, subject: str, body: str, reference: str, kabkota_code: str) -> None:
    """The same short message to a citizen by SMS/WhatsApp and by e-mail, whichever they gave."""
    notification_queue(
        channel=Notification.Channel.SMS, recipient=phone, body=body, reference=reference, kabkota_code=kabkota_code
    )
    notification_queue(
        channel=Notification.Channel.EMAIL,
        recipient=email,
        subject=subject,
        body=body,
        reference=reference,
        kabkota_code=kabkota_code,
    )


DIGEST_LINES = 30


def digest_queue(
    *,
    recipient: str,
    subject: str,
    intro: str,
    lines: Iterable[str],
    total: int,
    noun: str,
    link: str,
    reference: str,
    kabkota_code: str,
) -> None:
    """An e-mail listing work items to an official: at most DIGEST_LINES lines (the caller gives them most
    urgent first), then the count of the rest and the link to the list."""
    shown = list(itertools.islice(lines, DIGEST_LINES))
    if total > len(shown):
        shown.append(f"- dan {total - len(shown)} {noun} lainnya")
    notification_queue(
        channel=Notification.Channel.EMAIL,
        recipient=recipient,
        subject=subject,
        body=f"{intro}\n" + "\n".join(shown) + f"\n\n{link}",
        reference=reference,
        kabkota_code=kabkota_code,
    )


def backoff(attempts: int) -> dt.timedelta:
    """1, 4, 16, 64 minutes between tries."""
    return dt.timedelta(minutes=4 ** max(attempts - 1, 0))


def notification_deliver(*, notification: Notification) -> bool:
    """Send one message. Returns True when sent; on failure records the error and returns False (retry later).
    Idempotent: a message already sent is not sent again."""
    if notification.status == Notification.Status.SENT:
        return True
    updated = Notification.objects.filter(pk=notification.pk, status=Notification.Status.QUEUED).update(
        attempts=notification.attempts + 1
    )
    if not updated:
        return notification.status == Notification.Status.SENT
    notification.attempts += 1
    try:
        if notification.channel == Notification.Channel.EMAIL:
            send_mail(notification.subject, notification.body, None, [notification.recipient], fail_silently=False)
        else:
            sms_backend().send(to=notification.recipient, body=notification.body)
    except Exception as exc:
        # The type and SMTP code only: an SMTP error's text can carry the recipient's address.
        code = getattr(exc, "smtp_code", None)
        notification.last_error = f"{type(exc).__name__}{f' {code}' if code else ''}"[:300]
        if notification.attempts >= MAX_ATTEMPTS:
            notification.status = Notification.Status.FAILED
        notification.save(update_fields=["last_error", "status"])
        return False
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "sent_at", "last_error"])
    return True
