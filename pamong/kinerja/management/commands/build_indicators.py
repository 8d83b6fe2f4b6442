from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pamong.kinerja.models import UnitDay
from pamong.kinerja.services import indicators_backfill
from pamong.kinerja.tasks import build_indicators
from pamong.regions.models import Region

DAILY_DAYS = 7


class Command(BaseCommand):
    help = (
        "Rebuild the daily performance aggregates (yesterday by default) of every kabupaten/kota with units. "
        "With --daily (for a scheduler that runs often): the last 7 days, once a day, skipping a kabupaten/kota "
        "whose yesterday is built already; corrections entered during the week are picked up the next night."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat)
        parser.add_argument("--from", dest="first", type=dt.date.fromisoformat)
        parser.add_argument("--to", dest="last", type=dt.date.fromisoformat)
        parser.add_argument("--enqueue", action="store_true")
        parser.add_argument("--daily", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        if options["daily"]:
            first, last = yesterday - dt.timedelta(days=DAILY_DAYS - 1), yesterday
        elif options["date"]:
            first = last = options["date"]
        elif options["first"] or options["last"]:
            if not (options["first"] and options["last"]):
                raise CommandError("--from dan --to harus diisi bersama.")
            first, last = options["first"], options["last"]
        else:
            first = last = yesterday
        codes = Region.objects.filter(level=2, units__isnull=False).values_list("code", flat=True).distinct()
        for code in codes:
            if options["daily"] and UnitDay.objects.filter(kabkota_code=code, day=yesterday).exists():
                continue
            if options["enqueue"]:
                build_indicators.enqueue(first=first.isoformat(), last=last.isoformat(), kabkota_code=code)
                self.stdout.write(f"{code}: {first}..{last} antre")
            else:
                indicators_backfill(first=first, last=last, kabkota_code=code, progress=self.stdout.write)
