from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pamong.core.formats import ribuan
from pamong.core.staging import sweep_expired
from pamong.core.tasks import sweep_staged_uploads


class Command(BaseCommand):
    help = (
        "Hapus berkas terlampir sementara (dari formulir yang ditolak) yang sudah lebih dari 24 jam. "
        "Aman dijalankan berulang."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="masukkan ke antrean tugas, bukan jalankan langsung")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            sweep_staged_uploads.enqueue()
            self.stdout.write("Penyisiran berkas terlampir sementara dimasukkan ke antrean.")
            return
        removed = sweep_expired()
        self.stdout.write(self.style.SUCCESS(f"{ribuan(removed)} berkas terlampir sementara dihapus."))
