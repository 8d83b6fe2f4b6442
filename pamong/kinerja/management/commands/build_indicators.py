from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pamong.kinerja.services import indicators_backfill
from pamong.kinerja.tasks import build_indicators
from pamong.regions.models import Region


class Command(BaseCommand):
    help = "Rebuild the daily performance aggregates (yesterday by default) of every kabupaten/kota with units."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat)
        parser.add_argument("--from", dest="first", type=dt.date.fromisoformat)
        parser.add_argument("--to", dest="last", type=dt.date.fromisoformat)
        parser.add_argument("--enqueue", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["date"]:
            first = last = options["date"]
        elif options["first"] or options["last"]:
            if not (options["first"] and options["last"]):
                raise CommandError("--from dan --to harus diisi bersama.")
            first, last = options["first"], options["last"]
        else:
            first = last = timezone.localdate() - dt.timedelta(days=1)
        codes = Region.objects.filter(level=2, units__isnull=False).values_list("code", flat=True).distinct()
        for code in codes:
            if options["enqueue"]:
                build_indicators.enqueue(first=first.isoformat(), last=last.isoformat(), kabkota_code=code)
                self.stdout.write(f"{code}: {first}..{last} antre")
            else:
                indicators_backfill(first=first, last=last, kabkota_code=code, progress=self.stdout.write)
