"""Writes for notifications: queue a message, deliver it with retries, find the ones that went astray.

Each channel has its own task queue (``sms``, ``email``), served by its own worker, so a gateway that hangs
holds back only its own channel. Every failed try is logged at WARNING with the status code or the error; after
MAX_ATTEMPTS the message is marked failed and staff see it on the "Pesan gagal terkirim" page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import smtplib
import socket
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from lokal import mask_pii

from pamong.notifications.backends import GatewayError, sms_backend
from pamong.notifications.models import Notification

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# The task queue of each channel (settings.TASKS lists them; bin/serve runs a worker for each).
CHANNEL_QUEUES: dict[str, str] = {Notification.Channel.SMS: "sms", Notification.Channel.EMAIL: "email"}
# A queued message whose delivery task has been gone this long is queued again (see notifications_requeue_stranded).
STRANDED_AFTER = dt.timedelta(minutes=10)


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
    transaction.on_commit(lambda: delivery_enqueue(notification_id=notification.pk, channel=notification.channel))
    return notification


def delivery_enqueue(*, notification_id: int, channel: str, run_after: dt.datetime | None = None) -> None:
    """Hand a message to its channel's task queue, now or (on a backend that can wait) at ``run_after``."""
    from pamong.notifications.tasks import deliver

    task = deliver.using(queue_name=CHANNEL_QUEUES.get(channel, "default"))
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(notification_id)


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


def idempotency_key(notification: Notification) -> str:
    """What the gateway is told to de-duplicate on: this deployment and the message's id."""
    return f"pamong-{settings.PAMONG_REGION_CODE}-{notification.pk}"


def failure_reason(exc: BaseException) -> str:
    """A short, loggable account of a failed try: the HTTP or SMTP status code and what went wrong, with any
    e-mail address, phone number or NIK in the error text masked (an SMTP answer often quotes the recipient)."""
    if isinstance(exc, GatewayError):
        text = f"HTTP {exc.status} {exc.reason}" if exc.status else str(exc.reason)
    elif isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        text = f"SMTP {exc.smtp_code} {detail}"
    elif isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _message in exc.recipients.values()})
        text = f"SMTP {','.join(str(c) for c in codes)} penerima ditolak"
    elif isinstance(exc, TimeoutError | socket.timeout):
        text = f"waktu habis: {exc}" if str(exc) else "waktu habis"
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return mask_pii(" ".join(text.split())).text[:300]


def notification_deliver(*, notification: Notification) -> bool:
    """Send one message. Returns True when sent; on failure records the error and returns False (retry later,
    unless this was the last try: then the message is marked failed). Idempotent: a message already sent is not
    sent again, and the gateway gets the message's idempotency key to drop a repeat."""
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
            sms_backend().send(to=notification.recipient, body=notification.body, key=idempotency_key(notification))
    except Exception as exc:
        notification.last_error = failure_reason(exc)
        final = notification.attempts >= MAX_ATTEMPTS
        if final:
            notification.status = Notification.Status.FAILED
            notification.failed_at = timezone.now()
        log.warning(
            "notification %s (%s) try %d/%d failed: %s%s",
            notification.pk,
            notification.channel,
            notification.attempts,
            MAX_ATTEMPTS,
            notification.last_error,
            "; giving up" if final else f"; next try in {backoff(notification.attempts)}",
        )
        notification.save(update_fields=["last_error", "status", "failed_at"])
        return False
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "sent_at", "last_error"])
    return True


def notification_resend(*, notification: Notification, actor: object = None) -> bool:
    """Give a failed message a fresh set of tries (staff's "Kirim ulang"). False when it is no longer failed
    (someone else resent it a moment ago)."""
    with transaction.atomic():
        changed = Notification.objects.filter(pk=notification.pk, status=Notification.Status.FAILED).update(
            status=Notification.Status.QUEUED, attempts=0, failed_at=None
        )
        if changed:
            transaction.on_commit(
                lambda: delivery_enqueue(notification_id=notification.pk, channel=notification.channel)
            )
    if changed:
        log.info("notification %s queued again by user %s", notification.pk, getattr(actor, "pk", None))
    return bool(changed)


def notifications_requeue_stranded(*, now: dt.datetime | None = None, older_than: dt.timedelta = STRANDED_AFTER) -> int:
    """Queue again each message still waiting to be sent whose delivery task is gone: never enqueued (the
    database went away right after the commit), or finished or failed without sending (a worker died at the
    wrong moment, a task row was pruned). Only messages older than ``older_than`` are looked at, so one whose
    task is being enqueued right now is left alone. Works on the database task queue; returns how many."""
    from django_tasks_db.models import DBTaskResult

    from pamong.notifications.tasks import deliver

    if not isinstance(deliver.get_backend(), _database_backend()):
        return 0
    now = now or timezone.now()
    waiting = set(
        Notification.objects.filter(status=Notification.Status.QUEUED, created_at__lt=now - older_than).values_list(
            "pk", "channel"
        )
    )
    if not waiting:
        return 0
    live = DBTaskResult.objects.filter(task_path=deliver.module_path, status__in=["READY", "RUNNING"])
    alive = {args["args"][0] for args in live.values_list("args_kwargs", flat=True) if args.get("args")}
    stranded = sorted((pk, channel) for pk, channel in waiting if pk not in alive)
    for pk, channel in stranded:
        delivery_enqueue(notification_id=pk, channel=channel)
    if stranded:
        log.warning("%d queued notification(s) had no delivery task; queued again", len(stranded))
    return len(stranded)


def _database_backend() -> type:
    from django_tasks_db.backend import DatabaseBackend

    return DatabaseBackend
