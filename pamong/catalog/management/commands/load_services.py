"""Load the standard service catalogue (pamong/catalog/standards) for a kabupaten/kota. Safe to re-run: services
that already exist are kept as an admin may have edited them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.catalog.services import service_types_load
from pamong.catalog.standards import standard_services
from pamong.core.errors import DomainError
from pamong.regions.models import Region


class Command(BaseCommand):
    help = "Memuat katalog layanan standar (Standar Pelayanan) untuk satu kabupaten/kota."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kabkota", default=settings.PAMONG_REGION_CODE, help="kode kabupaten/kota, mis. 13.71")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["kabkota"]
        kabkota = Region.objects.filter(code=code, level=Region.Level.KABKOTA).first()
        if kabkota is None:
            raise CommandError(
                f"Kabupaten/kota {code} belum ada. Jalankan dulu: manage.py import_regions --under {code}"
            )
        try:
            result = service_types_load(kabkota_code=code, data=standard_services(kabkota))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{kabkota.name}: {result.created} layanan ditambahkan, {result.kept} sudah ada (dibiarkan).")
