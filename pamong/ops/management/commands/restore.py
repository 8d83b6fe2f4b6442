from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari manage.py backup ke basis data KOSONG (tanpa tabel) dan MEDIA_ROOT kosong; "
        "memeriksa checksum setiap berkas dan membandingkan jumlah baris per tabel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="arsip pamong-backup-….tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"Arsip {archive} tidak ditemukan.")
        try:
            result = backup_restore(archive_path=archive, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        if result.mismatches:
            raise CommandError("Jumlah baris tidak sama dengan cadangan: " + "; ".join(result.mismatches[:10]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Pemulihan selesai dalam {result.seconds:.1f} s: {result.rows} baris di {result.tables} tabel sama "
                f"dengan cadangan, {result.files} berkas cocok dengan checksum. Bila kode Pamong lebih baru dari "
                "cadangan, jalankan manage.py migrate."
            )
        )
