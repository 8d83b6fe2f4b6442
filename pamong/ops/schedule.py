"""The periodic jobs and the loop that runs them (``manage.py run_schedule``).

Each job is short: the app's own command queues its work (``--enqueue``) for the task workers, or an operations
step runs directly (reclaiming dead workers' tasks, re-queueing stranded messages). Every job is idempotent, so a
restarted scheduler simply runs each one again at once. A failing job is logged and retried at its next turn; a
database outage fails the jobs of that turn and nothing else.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import InterfaceError, OperationalError

from pamong.notifications.services import notifications_requeue_stranded
from pamong.ops import services
from pamong.ops.holidays import holidays_warn_next_year
from pamong.ops.worker import close_connections

log = logging.getLogger("pamong.ops.schedule")


@dataclass(frozen=True)
class Job:
    name: str
    every: float  # seconds
    run: Callable[[], str]  # returns one line for the log


def _command(name: str, *args: str) -> Callable[[], str]:
    def run() -> str:
        out = io.StringIO()
        call_command(name, *args, stdout=out, stderr=out)
        return " ".join(out.getvalue().split())[:300]

    return run


def _reclaim() -> str:
    result = services.tasks_reclaim(lease=dt.timedelta(seconds=settings.PAMONG_WORKER_LEASE))
    return f"{result.requeued} tugas diantrekan lagi, {result.failed} gagal"


def _requeue_stranded() -> str:
    return f"{notifications_requeue_stranded()} pesan diantrekan lagi"


def _holidays_ahead() -> str:
    return f"{holidays_warn_next_year()} peringatan hari libur tahun depan"


def default_jobs(*, sweep_every: float) -> list[Job]:
    """What bin/serve's shell loop used to queue every 15 minutes, plus the operations sweeps every minute or five
    and the daily pruning of old task rows. ``build_indicators --daily`` builds once a night however often it is
    asked."""
    return [
        Job("reclaim_tasks", 60, _reclaim),
        Job("requeue_notifications", 300, _requeue_stranded),
        Job("sweep_requests", sweep_every, _command("sweep_requests", "--enqueue")),
        Job("sweep_complaints", sweep_every, _command("sweep_complaints", "--enqueue")),
        # Files kept from refused forms (pamong.core.staging) are removed 24 hours after they were attached.
        Job("sweep_uploads", sweep_every, _command("sweep_uploads", "--enqueue")),
        Job("remind_actions", sweep_every, _command("remind_actions", "--enqueue")),
        Job("remind_skp", sweep_every, _command("remind_skp", "--enqueue")),
        Job("attendance_flags", sweep_every, _command("attendance_flags", "--enqueue")),
        Job("build_indicators", sweep_every, _command("build_indicators", "--daily", "--enqueue")),
        Job("remind_reports", sweep_every, _command("remind_reports", "--enqueue")),
        # From 1 October: admins are told (once a week) while next year has no holiday rows.
        Job("holidays_ahead", sweep_every, _holidays_ahead),
        # Finished task rows are kept two weeks (failed ones three months) for the admin, then removed.
        Job(
            "prune_task_results",
            86_400,
            _command(
                "prune_db_task_results", "--queue-name", "*", "--min-age-days", "14", "--failed-min-age-days", "90"
            ),
        ),
    ]


def run_job(job: Job) -> bool:
    """Run one job, log how it went; never raises (except to stop the process)."""
    started = time.monotonic()
    try:
        summary = job.run()
    except (OperationalError, InterfaceError) as exc:
        log.error(
            "job %s failed: database unavailable (%s: %s)", job.name, type(exc).__name__, " ".join(str(exc).split())
        )
        close_connections()
        return False
    except Exception:
        log.exception("job %s failed", job.name)
        close_connections()
        return False
    log.info("job %s done in %.2f s: %s", job.name, time.monotonic() - started, summary or "-")
    return True


class Scheduler:
    """Runs each job when it is due; ``stop()`` (from a signal handler) ends the loop after the running job."""

    def __init__(self, jobs: list[Job], *, clock: Callable[[], float] = time.monotonic) -> None:
        self.jobs = jobs
        self.clock = clock
        self.due = dict.fromkeys((job.name for job in jobs), 0.0)
        self.running = True

    def stop(self) -> None:
        self.running = False

    def run_due(self) -> int:
        """Run the jobs that are due now; returns how many ran."""
        ran = 0
        for job in self.jobs:
            if not self.running:
                break
            if self.clock() >= self.due[job.name]:
                run_job(job)
                self.due[job.name] = self.clock() + job.every
                ran += 1
        return ran

    def run_forever(self, *, tick: float = 1.0) -> None:
        log.info("scheduler started: %s", ", ".join(f"{job.name} every {job.every:g} s" for job in self.jobs))
        while self.running:
            self.run_due()
            wait = max(0.0, min(self.due.values()) - self.clock())
            while self.running and wait > 0:
                time.sleep(min(tick, wait))
                wait -= tick
        log.info("scheduler stopped")
