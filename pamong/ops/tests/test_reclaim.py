"""Tasks left RUNNING by a dead worker are queued again; messages whose task is gone are queued again; the worker
loop itself outlives a database that goes away."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import OperationalError
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from pamong.notifications.backends import MemorySmsBackend
from pamong.notifications.models import Notification
from pamong.notifications.services import notification_queue, notifications_requeue_stranded
from pamong.notifications.tasks import deliver
from pamong.ops import services
from pamong.ops.models import WorkerHeartbeat
from pamong.ops.worker import ResilientWorker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=WIB)
LEASE = dt.timedelta(seconds=60)


@pytest.fixture(autouse=True)
def outbox() -> Iterator[list[tuple[str, str]]]:
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox


def make_sms(body: str = "Permohonan diterima.") -> Notification:
    notification = notification_queue(
        channel=Notification.Channel.SMS, recipient="+6281234567890", body=body, kabkota_code="13.71"
    )
    assert notification is not None
    return notification


def make_running_task(*, worker_ids: list[str], started: dt.datetime) -> DBTaskResult:
    result = deliver.using(queue_name="sms").enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=worker_ids, started_at=started
    )
    return DBTaskResult.objects.get(pk=result.id)


def make_heartbeat(worker_id: str, *, seen: dt.datetime) -> None:
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, queues="sms", hostname="pamong-1", pid=1, started_at=seen, seen_at=seen
    )


def test_a_task_of_a_worker_that_stopped_beating_is_queued_again() -> None:
    make_heartbeat("mati", seen=NOW - dt.timedelta(minutes=5))
    make_heartbeat("hidup", seen=NOW - dt.timedelta(seconds=5))
    orphan = make_running_task(worker_ids=["mati"], started=NOW - dt.timedelta(minutes=5))
    busy = make_running_task(worker_ids=["hidup"], started=NOW - dt.timedelta(minutes=30))  # a long task, alive
    fresh = make_running_task(worker_ids=["baru"], started=NOW - dt.timedelta(seconds=10))  # just claimed
    with time_machine.travel(NOW, tick=False):
        result = services.tasks_reclaim(lease=LEASE)
    assert (result.requeued, result.failed) == (1, 0)
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses == {
        orphan.pk: TaskResultStatus.READY,
        busy.pk: TaskResultStatus.RUNNING,
        fresh.pk: TaskResultStatus.RUNNING,
    }
    with time_machine.travel(NOW, tick=False):
        assert services.tasks_reclaim(lease=LEASE).requeued == 0  # safe to run again


def test_a_task_that_outlived_three_workers_is_failed_not_run_again() -> None:
    doomed = make_running_task(worker_ids=["a", "b", "c"], started=NOW - dt.timedelta(minutes=5))
    with time_machine.travel(NOW, tick=False):
        result = services.tasks_reclaim(lease=LEASE)
    assert (result.requeued, result.failed) == (0, 1)
    doomed.refresh_from_db()
    assert doomed.status == TaskResultStatus.FAILED
    assert doomed.exception_class_path == "pamong.ops.services.WorkerLost"


def test_stale_heartbeats_are_removed() -> None:
    make_heartbeat("lama", seen=NOW - dt.timedelta(hours=1))
    make_heartbeat("hidup", seen=NOW)
    with time_machine.travel(NOW, tick=False):
        services.tasks_reclaim(lease=LEASE)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["hidup"]


def test_a_message_whose_task_is_gone_is_queued_again(django_capture_on_commit_callbacks: Any) -> None:
    with time_machine.travel(NOW - dt.timedelta(minutes=30), tick=False):
        lost = make_sms("hilang")  # on_commit never ran: the database went away right after the commit
        with django_capture_on_commit_callbacks(execute=True):
            finished = make_sms("selesai")
            waiting = make_sms("menunggu")
        # The task of "selesai" finished without sending (e.g. a dead worker's row that was cleaned up).
        DBTaskResult.objects.filter(args_kwargs__args__0=finished.pk).update(status=TaskResultStatus.SUCCESSFUL)
    with time_machine.travel(NOW - dt.timedelta(minutes=2), tick=False):
        recent = make_sms("baru")  # younger than the grace period: its task may be on the way
    with time_machine.travel(NOW, tick=False):
        assert notifications_requeue_stranded() == 2
        assert notifications_requeue_stranded() == 0  # their tasks are live now
    live = DBTaskResult.objects.filter(status=TaskResultStatus.READY, queue_name="sms")
    assert sorted(t.args_kwargs["args"][0] for t in live) == sorted([lost.pk, finished.pk, waiting.pk])
    assert not DBTaskResult.objects.filter(args_kwargs__args__0=recent.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_loop_outlives_a_database_outage(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    message = make_sms()
    mine = make_running_task(worker_ids=["saya"], started=NOW)  # claimed by this worker before the outage
    real_get_locked = DBTaskResultQuerySet.get_locked
    outage = {"left": 3}

    def flaky_get_locked(self: DBTaskResultQuerySet) -> Any:
        if outage["left"]:
            outage["left"] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return real_get_locked(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", flaky_get_locked)
    worker = ResilientWorker(
        queue_names=["sms"],
        interval=0,
        batch=True,  # stop when the queue is empty
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="saya",
        excluded_queue_names=[],
        lease=60,
        heartbeat=60,
        max_backoff=0.01,
    )
    with caplog.at_level(logging.INFO, logger="pamong.ops.worker"):
        worker.run()
    assert outage["left"] == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum("database unavailable (OperationalError: server closed" in w for w in warnings) == 3
    assert any("database is back after" in w for w in warnings)
    assert Notification.objects.get(pk=message.pk).status == Notification.Status.SENT
    # The task it held when the database went away was given back and run again.
    mine.refresh_from_db()
    assert mine.status == TaskResultStatus.SUCCESSFUL
    assert not WorkerHeartbeat.objects.exists()  # removed when the worker stopped
