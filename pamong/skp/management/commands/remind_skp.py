from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.skp.services import skp_remind_raters
from pamong.skp.tasks import remind_skp_raters


class Command(BaseCommand):
    help = "Ingatkan pejabat penilai yang belum memfinalkan SKP periode yang baru berakhir. Aman dijalankan berulang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="masukkan ke antrean tugas, bukan jalankan langsung")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            remind_skp_raters.enqueue()
            self.stdout.write("Pengingat SKP dimasukkan ke antrean.")
            return
        sent = skp_remind_raters()
        self.stdout.write(self.style.SUCCESS(f"{sent} pengingat SKP dikirim."))
