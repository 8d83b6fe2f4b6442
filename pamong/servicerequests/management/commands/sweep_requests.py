from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.core.formats import ribuan
from pamong.servicerequests.services import requests_sweep_overdue
from pamong.servicerequests.tasks import sweep_overdue_requests


class Command(BaseCommand):
    help = "Tandai permohonan yang melewati batas waktu dan eskalasikan ke atasan. Aman dijalankan berulang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="masukkan ke antrean tugas, bukan jalankan langsung")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            sweep_overdue_requests.enqueue()
            self.stdout.write("Penyisiran permohonan dimasukkan ke antrean.")
            return
        result = requests_sweep_overdue()
        self.stdout.write(self.style.SUCCESS(f"{ribuan(result.marked)} permohonan ditandai terlambat."))
