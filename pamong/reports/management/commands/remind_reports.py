from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.core.formats import ribuan
from pamong.reports.services import reports_remind
from pamong.reports.tasks import remind_reports


class Command(BaseCommand):
    help = (
        "Kirim pengingat laporan camat 3 hari kerja sebelum batas dan pada hari batas (sekali per laporan dan "
        "jenis pengingat). Aman dijalankan berulang."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="masukkan ke antrean tugas, bukan jalankan langsung")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            remind_reports.enqueue()
            self.stdout.write("Pengingat laporan camat dimasukkan ke antrean.")
            return
        sent = reports_remind()
        self.stdout.write(self.style.SUCCESS(f"{ribuan(sent)} pengingat laporan camat dikirim."))
