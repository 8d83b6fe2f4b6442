"""Writes for operations: worker heartbeats, reclaiming the tasks of dead workers, resending failed messages."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pamong.core import gate
from pamong.core.errors import DomainError, Forbidden
from pamong.notifications.models import Notification
from pamong.notifications.services import notification_queue, notification_resend
from pamong.ops.checklist import TEST_REFERENCE
from pamong.ops.models import WorkerHeartbeat
from pamong.ops.selectors import failed_messages
from pamong.regions.deployment import deployment

log = logging.getLogger(__name__)

# A task whose worker died this many times is not run again: it is marked failed (it may be what kills them).
MAX_CLAIMS = 3


class WorkerLost(Exception):
    """Recorded on a task whose workers kept dying while running it."""


def heartbeat_register(*, worker_id: str, queues: list[str], now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "queues": ",".join(queues)[:200],
            "hostname": socket.gethostname()[:200],
            "pid": os.getpid(),
            "started_at": now,
            "seen_at": now,
        },
    )


def heartbeat_beat(*, worker_id: str, now: dt.datetime | None = None) -> bool:
    """Touch the worker's row; False when the row is gone (another process took it for dead and removed it)."""
    return bool(WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=now or timezone.now()))


def heartbeat_remove(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


@dataclass
class Reclaimed:
    requeued: int = 0
    failed: int = 0


def _owner(task: DBTaskResult) -> str | None:
    return task.worker_ids[-1] if task.worker_ids else None


def _give_back(task: DBTaskResult, *, why: str, now: dt.datetime) -> str:
    """Queue a RUNNING task again (or fail it after MAX_CLAIMS claims). Conditional on the row being unchanged
    since it was read, so a task that just finished is left as it is."""
    unchanged = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at)
    if len(task.worker_ids) >= MAX_CLAIMS:
        done = unchanged.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"WorkerLost: {why}; the task was claimed {len(task.worker_ids)} times and never finished\n",
        )
        if done:
            log.error("task %s (%s) failed: %s, %d claims", task.pk, task.task_path, why, len(task.worker_ids))
        return "failed" if done else ""
    done = unchanged.update(status=TaskResultStatus.READY)
    if done:
        log.warning("task %s (%s) queued again: %s", task.pk, task.task_path, why)
    return "requeued" if done else ""


def tasks_reclaim(*, lease: dt.timedelta, now: dt.datetime | None = None) -> Reclaimed:
    """Queue again the tasks left RUNNING by dead workers: running for longer than ``lease`` on a worker whose
    heartbeat is older than ``lease`` (or that has none). Heartbeats older than ten leases are removed. Safe to
    run from every worker and the scheduler at once."""
    now = now or timezone.now()
    cutoff = now - lease
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    result = Reclaimed()
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).filter(
        Q(started_at__lt=cutoff) | Q(started_at__isnull=True)
    )
    for task in stale.only("id", "task_path", "worker_ids", "started_at"):
        owner = _owner(task)
        if owner in alive:
            continue
        outcome = _give_back(task, why=f"worker {owner} stopped", now=now)
        if outcome:
            setattr(result, outcome, getattr(result, outcome) + 1)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - 10 * lease).delete()
    return result


def tasks_release(*, worker_id: str, now: dt.datetime | None = None) -> Reclaimed:
    """A worker that lost the database mid-task gives back what it had claimed: it runs one task at a time and
    is running none now, so every RUNNING task in its name is stranded."""
    now = now or timezone.now()
    result = Reclaimed()
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for task in running.only("id", "task_path", "worker_ids", "started_at"):
        if _owner(task) == worker_id:
            outcome = _give_back(task, why=f"worker {worker_id} lost the database while running it", now=now)
            if outcome:
                setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def failed_message_resend(*, user: Any, notification_id: int) -> Notification:
    """Staff's "Kirim ulang" on the failed-messages page."""
    if not gate.can(user, "ops.failed_messages"):
        raise Forbidden("Anda tidak berwenang mengirim ulang pesan.")
    notification = failed_messages(user).filter(pk=notification_id).first()
    if notification is None or not notification_resend(notification=notification, actor=user):
        raise DomainError("Pesan ini sudah dikirim ulang atau tidak lagi gagal.", code="conflict")
    return notification


def failed_messages_resend_all(*, user: Any) -> int:
    """ "Kirim ulang semua": every failed message the user sees gets a fresh set of tries. Returns how many."""
    if not gate.can(user, "ops.failed_messages"):
        raise Forbidden("Anda tidak berwenang mengirim ulang pesan.")
    return sum(notification_resend(notification=n, actor=user) for n in failed_messages(user).only("pk", "channel"))


def gateway_test_send(*, user: Any, channel: str, recipient: str) -> Notification:
    """Queue a test message through the real path (queue, worker, gateway); the checklist shows how it went."""
    gate.require(user, "ops.checklist")
    place = deployment().name
    with transaction.atomic():
        notification = notification_queue(
            channel=channel,
            recipient=recipient,
            subject=f"Pesan uji Pamong {place}",
            body=f"Pesan uji dari Pamong {place}: gateway pengiriman berfungsi. Pesan ini tidak perlu dibalas.",
            reference=f"{TEST_REFERENCE}:{channel}",
            kabkota_code=deployment().code,
        )
    assert notification is not None
    return notification
