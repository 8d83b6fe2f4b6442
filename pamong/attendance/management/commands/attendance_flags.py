from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.attendance.notify import flags_notify, previous_month
from pamong.attendance.tasks import monthly_flags_notify


class Command(BaseCommand):
    help = (
        "Kirim kepada kepala unit daftar pegawai yang ditandai rekap kehadiran bulan lalu. Sekali per unit per "
        "bulan; aman dijalankan berulang."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bulan", default="", metavar="YYYY-MM", help="bulan rekap (bawaan: bulan lalu)")
        parser.add_argument("--enqueue", action="store_true", help="masukkan ke antrean tugas, bukan jalankan langsung")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["bulan"]:
            try:
                year, month = (int(x) for x in options["bulan"].split("-", 1))
                if not 1 <= month <= 12:
                    raise ValueError
            except ValueError:
                raise CommandError("--bulan ditulis seperti 2026-10.") from None
        else:
            year, month = previous_month()
        if options["enqueue"]:
            monthly_flags_notify.enqueue(year, month)
            self.stdout.write(f"Pemberitahuan rekap kehadiran {month:02d}/{year} dimasukkan ke antrean.")
            return
        sent = flags_notify(year=year, month=month)
        self.stdout.write(self.style.SUCCESS(f"{sent} pemberitahuan rekap kehadiran {month:02d}/{year} dikirim."))
