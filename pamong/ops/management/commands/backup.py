from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Cadangkan basis data (PostgreSQL lewat pg_dump, SQLite lewat backup API) dan seluruh MEDIA_ROOT ke satu "
        "arsip .tar.gz dengan manifest checksum."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="folder tujuan arsip")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(output=options["output"], progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan selesai dalam {result.seconds:.1f} s: {result.path} ({result.size / 1e6:.1f} MB; "
                f"{result.rows} baris di {result.tables} tabel, {result.files} berkas "
                f"{result.media_bytes / 1e6:.1f} MB). Checksum: {result.path.name}.sha256"
            )
        )
