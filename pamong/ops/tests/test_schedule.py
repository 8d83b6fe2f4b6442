"""manage.py run_schedule: the periodic jobs, each run and each failure logged; a failing job or a database
outage never stops the others."""

from __future__ import annotations

import logging
import signal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult

from pamong.ops.schedule import Job, Scheduler, default_jobs
from pamong.ops.testing import child_env, start_command, wait_until


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_failing_job_and_a_database_outage_are_logged_and_the_rest_runs(caplog: pytest.LogCaptureFixture) -> None:
    ran: list[str] = []

    def broken() -> str:
        ran.append("broken")
        raise ValueError("bug in a job")

    def outage() -> str:
        ran.append("outage")
        raise OperationalError("connection failed: Connection refused")

    def fine() -> str:
        ran.append("fine")
        return "3 permohonan ditandai terlambat."

    clock = Clock()
    scheduler = Scheduler([Job("broken", 60, broken), Job("outage", 60, outage), Job("fine", 900, fine)], clock=clock)
    with caplog.at_level(logging.INFO, logger="pamong.ops.schedule"):
        assert scheduler.run_due() == 3
    assert ran == ["broken", "outage", "fine"]
    lines = {r.getMessage().split(" ")[1]: r for r in caplog.records}
    assert lines["broken"].levelno == logging.ERROR and lines["broken"].exc_info  # with its traceback
    assert lines["outage"].levelno == logging.ERROR
    assert "database unavailable (OperationalError: connection failed" in lines["outage"].getMessage()
    assert lines["fine"].levelno == logging.INFO and "3 permohonan ditandai terlambat." in lines["fine"].getMessage()

    clock.now = 30
    assert scheduler.run_due() == 0  # nothing due yet
    clock.now = 61
    assert scheduler.run_due() == 2  # the failed ones come round again; the 15-minute one waits
    assert ran[-2:] == ["broken", "outage"]


def test_the_schedule_has_every_periodic_job_of_the_old_shell_loop() -> None:
    jobs = {job.name: job.every for job in default_jobs(sweep_every=900)}
    for name in (
        "sweep_requests",
        "sweep_complaints",
        "sweep_uploads",
        "remind_actions",
        "remind_skp",
        "attendance_flags",
        "build_indicators",
        "remind_reports",
    ):
        assert jobs[name] == 900
    assert jobs["reclaim_tasks"] == 60 and jobs["requeue_notifications"] == 300
    assert jobs["prune_task_results"] == 86_400


@pytest.mark.django_db
@pytest.mark.usefixtures("database_queue")
def test_run_schedule_once_queues_the_sweeps(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="pamong.ops.schedule"):
        call_command("run_schedule", "--once")
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {
        "pamong.servicerequests.tasks.sweep_overdue_requests",
        "pamong.complaints.tasks.sweep_overdue_complaints",
        "pamong.core.tasks.sweep_staged_uploads",
        "pamong.meetings.tasks.remind_action_items",
        "pamong.skp.tasks.remind_skp_raters",
        "pamong.attendance.tasks.monthly_flags_notify",
        "pamong.reports.tasks.remind_reports",
    } <= queued
    assert sum(r.getMessage().startswith("job ") for r in caplog.records) == len(default_jobs(sweep_every=900))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_scheduler_stops_on_sigterm(tmp_path: Path) -> None:
    child = start_command(tmp_path, child_env(tmp_path), "run_schedule", name="schedule")
    wait_until(lambda: "job remind_reports done" in child.output(), timeout=60, what="the first round")
    child.process.send_signal(signal.SIGTERM)
    assert child.process.wait(10) == 0
    assert "scheduler stopped" in child.output()
