from __future__ import annotations

import os
import socket
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_interval

from pamong.ops.worker import ResilientWorker


def default_worker_id() -> str:
    """Readable and unique: host, process id and a random tail (at most 64 characters)."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"[:64]


class Command(DbWorkerCommand):
    help = (
        "Jalankan pekerja antrean tugas (django-tasks-db) yang bertahan saat basis data terputus: menyambung ulang "
        "dengan jeda bertambah, mengirim detak (heartbeat), dan mengantrekan lagi tugas pekerja yang mati. "
        "Satu pekerja per antrean: --queue-name sms, email, pdf atau default."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None, reload=False)
        parser.add_argument(
            "--lease",
            type=valid_interval,
            default=None,
            help="seconds after which a RUNNING task of a silent worker is queued again (PAMONG_WORKER_LEASE)",
        )
        parser.add_argument("--heartbeat", type=valid_interval, default=None, help="seconds between heartbeats")
        parser.add_argument(
            "--max-backoff", type=valid_interval, default=5.0, help="longest pause between reconnection attempts"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        if options["reload"]:
            raise CommandError("run_worker tidak mendukung --reload; gunakan db_worker --reload untuk pengembangan.")
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        lease = options["lease"] or float(settings.PAMONG_WORKER_LEASE)
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"] or default_worker_id(),
            excluded_queue_names=excluded,
            lease=lease,
            heartbeat=options["heartbeat"] or max(1.0, lease / 6),
            max_backoff=options["max_backoff"],
        )
        worker.configure_signals()
        worker.run()
