"""The task worker that survives: django-tasks-db's worker loop, kept alive through database outages, with a
heartbeat so that the tasks of a worker that died are queued again.

``ResilientWorker.run`` wraps the library's loop (``Worker.run``): an OperationalError or InterfaceError out of it
(the database stopped, restarted, or dropped the connection) is logged at WARNING, the connections are closed, and
the loop starts again after a pause that grows 1, 2, 4 s up to ``max_backoff`` (5 s; with jitter). Before it
resumes, the worker gives back any task it had claimed (it runs one at a time, so such a task is stranded).

A heartbeat thread touches the worker's row (``WorkerHeartbeat``) every ``heartbeat`` seconds, also while a long
task runs, and every ``lease`` seconds queues again the tasks of workers whose heartbeat stopped
(``tasks_reclaim``): RUNNING for longer than the lease on a worker not seen for as long.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
import threading
import time
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Worker

from pamong.ops import services

log = logging.getLogger("pamong.ops.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)


def close_connections() -> None:
    """Drop this thread's database connections (a broken one cannot be used again); never raises."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):  # a connection that cannot even close is gone anyway
            connection.close()


def backoff_delay(failures: int, *, cap: float) -> float:
    """1, 2, 4, 8 … seconds up to ``cap``, each between half and the whole of it (workers do not retry in step)."""
    delay: float = min(cap, 2.0 ** max(failures - 1, 0))
    return delay * random.uniform(0.5, 1.0)


class Heartbeat(threading.Thread):
    """Touches the worker's row every ``every`` seconds and reclaims dead workers' tasks every ``lease``."""

    def __init__(self, *, worker_id: str, queues: list[str], every: float, lease: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.queues = queues
        self.every = every
        self.lease = lease
        self.stopped = threading.Event()
        self.healthy = True

    def run(self) -> None:
        last_reclaim = 0.0
        try:
            while not self.stopped.wait(self.every):
                try:
                    if not services.heartbeat_beat(worker_id=self.worker_id):
                        # Removed as stale after a long outage: register again, or others take us for dead.
                        services.heartbeat_register(worker_id=self.worker_id, queues=self.queues)
                    if time.monotonic() - last_reclaim >= self.lease:
                        last_reclaim = time.monotonic()
                        services.tasks_reclaim(lease=dt.timedelta(seconds=self.lease))
                    if not self.healthy:
                        log.info("worker %s: heartbeat reaches the database again", self.worker_id)
                    self.healthy = True
                except DATABASE_ERRORS as exc:
                    if self.healthy:
                        log.warning("worker %s: heartbeat cannot reach the database: %s", self.worker_id, exc)
                    self.healthy = False
                    close_connections()
                except Exception:
                    log.exception("worker %s: heartbeat failed", self.worker_id)
        finally:
            close_connections()

    def stop(self) -> None:
        self.stopped.set()


class ResilientWorker(Worker):
    def __init__(self, *, lease: float, heartbeat: float, max_backoff: float = 5.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lease = lease
        self.heartbeat_every = heartbeat
        self.max_backoff = max_backoff
        self.heart: Heartbeat | None = None

    def _start(self) -> None:
        """Register (or re-register) the worker and give back what it held when the database went away."""
        services.heartbeat_register(worker_id=self.worker_id, queues=self.queue_names)
        released = services.tasks_release(worker_id=self.worker_id)
        reclaimed = services.tasks_reclaim(lease=dt.timedelta(seconds=self.lease))
        if released.requeued or released.failed or reclaimed.requeued or reclaimed.failed:
            log.info(
                "worker %s: %d own and %d dead workers' tasks queued again, %d failed",
                self.worker_id,
                released.requeued,
                reclaimed.requeued,
                released.failed + reclaimed.failed,
            )
        if self.heart is None:
            self.heart = Heartbeat(
                worker_id=self.worker_id, queues=self.queue_names, every=self.heartbeat_every, lease=self.lease
            )
            self.heart.start()

    def run(self) -> None:
        failures = 0
        down_since = 0.0
        try:
            while self.running:
                try:
                    self._start()
                    if failures:
                        log.warning(
                            "worker %s: database is back after %.1f s; resuming",
                            self.worker_id,
                            time.monotonic() - down_since,
                        )
                    failures = 0
                    super().run()
                    return
                except DATABASE_ERRORS as exc:
                    if not failures:
                        down_since = time.monotonic()
                    failures += 1
                    delay = backoff_delay(failures, cap=self.max_backoff)
                    log.warning(
                        "worker %s: database unavailable (%s: %s); retrying in %.1f s",
                        self.worker_id,
                        type(exc).__name__,
                        " ".join(str(exc).split())[:200],
                        delay,
                    )
                    close_connections()
                    self.running_task = False
                    self.startup_delay = False
                    time.sleep(delay)  # a SIGTERM here ends the worker at once (Worker.shutdown)
        finally:
            if self.heart is not None:
                self.heart.stop()
            with contextlib.suppress(*DATABASE_ERRORS):  # else the row goes stale; tasks_reclaim removes it
                services.heartbeat_remove(worker_id=self.worker_id)
            close_connections()
            log.info("worker %s stopped", self.worker_id)
