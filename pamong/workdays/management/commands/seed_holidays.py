from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.core.errors import DomainError
from pamong.workdays.services import holidays_seed


class Command(BaseCommand):
    help = "Isi tabel hari libur nasional dan cuti bersama. Aman dijalankan ulang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="*", type=int, help="tahun (bawaan: semua tahun yang datanya tersedia)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = holidays_seed(years=options["years"] or None)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        years = ", ".join(str(y) for y in result.years)
        self.stdout.write(
            self.style.SUCCESS(f"Hari libur {years}: {result.created} baru, {result.updated} diperbarui.")
        )
