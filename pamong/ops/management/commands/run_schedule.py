from __future__ import annotations

import os
import signal
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand

from pamong.ops.schedule import Scheduler, default_jobs, run_job


class Command(BaseCommand):
    help = (
        "Penjadwal: memasukkan penyisiran, pengingat dan pembangunan indikator ke antrean tugas secara berkala, "
        "mengantrekan lagi tugas pekerja yang mati dan pesan yang tertinggal; setiap jalannya dan setiap "
        "kegagalan dicatat di log. Bertahan bila satu tugas gagal atau basis data terputus."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--sweep-interval",
            type=float,
            default=float(os.environ.get("SWEEP_INTERVAL", "900")),
            help="seconds between the sweeps and reminders (SWEEP_INTERVAL, default 900)",
        )
        parser.add_argument("--once", action="store_true", help="run every job once, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = default_jobs(sweep_every=options["sweep_interval"])
        if options["once"]:
            failed = [job.name for job in jobs if not run_job(job)]
            if failed:
                self.stderr.write(f"Gagal: {', '.join(failed)}")
            return
        scheduler = Scheduler(jobs)

        def stop(signum: int, frame: FrameType | None) -> None:
            scheduler.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        scheduler.run_forever()
