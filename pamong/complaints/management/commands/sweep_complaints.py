from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.complaints.services import complaints_sweep_overdue, complaints_weekly_digest
from pamong.complaints.tasks import sweep_overdue_complaints
from pamong.core.formats import ribuan


class Command(BaseCommand):
    help = "Tandai pengaduan yang melewati batas tahapnya dan eskalasikan ke atasan. Aman dijalankan berulang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="masukkan ke antrean tugas, bukan jalankan langsung")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            sweep_overdue_complaints.enqueue()
            self.stdout.write("Penyisiran pengaduan dimasukkan ke antrean.")
            return
        marked = complaints_sweep_overdue()
        digests = complaints_weekly_digest()
        self.stdout.write(self.style.SUCCESS(f"{ribuan(marked)} pengaduan ditandai terlambat."))
        if digests:
            self.stdout.write(f"{digests} ringkasan mingguan dikirim kepada kepala unit.")
