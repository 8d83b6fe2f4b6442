from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.core.formats import ribuan
from pamong.meetings.services import action_items_remind
from pamong.meetings.tasks import remind_action_items


class Command(BaseCommand):
    help = (
        "Kirim pengingat kepada penanggung jawab tindak lanjut yang jatuh tempo dalam dua hari kerja (sekali per "
        "tindak lanjut). Aman dijalankan berulang."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="masukkan ke antrean tugas, bukan jalankan langsung")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            remind_action_items.enqueue()
            self.stdout.write("Pengingat tindak lanjut dimasukkan ke antrean.")
            return
        sent = action_items_remind()
        self.stdout.write(self.style.SUCCESS(f"{ribuan(sent)} pengingat tindak lanjut dikirim."))
