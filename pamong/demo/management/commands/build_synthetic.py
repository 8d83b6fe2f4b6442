from __future__ import annotations

import calendar
import datetime as dt
import random
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.catalog.models import ServiceType
from pamong.catalog.services import service_types_load
from pamong.catalog.standards import standard_services
from pamong.complaints.models import Complaint
from pamong.core.formats import ribuan
from pamong.demo.attendance import attendance_build, schedules_populate
from pamong.demo.complaints import complaints_populate
from pamong.demo.requests import requests_populate
from pamong.demo.services import data_reloaded, database_analyze, staff_populate
from pamong.demo.surveys import surveys_extend, surveys_populate
from pamong.organization.models import Employee
from pamong.organization.services import units_scaffold
from pamong.regions.models import Region
from pamong.servicerequests.models import ServiceRequest
from pamong.surveys.models import Survey, SurveyResponse


class Command(BaseCommand):
    help = "Bangun data sintetis besar untuk tolok ukur (ukuran sebagai argumen)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", default=settings.PAMONG_REGION_CODE, help="kode kabupaten/kota")
        parser.add_argument("--employees", type=int, default=3000, help="jumlah pegawai paling sedikit")
        parser.add_argument("--requests", type=int, default=0, help="jumlah permohonan (tanpa riwayat status)")
        parser.add_argument("--complaints", type=int, default=0, help="jumlah pengaduan")
        parser.add_argument("--responses", type=int, default=0, help="jumlah jawaban survei kepuasan (SKM)")
        parser.add_argument("--days", type=int, default=365, help="rentang hari permohonan")
        parser.add_argument(
            "--attendance-month",
            default="",
            metavar="YYYY-MM",
            help="kehadiran semua pegawai aktif pada setiap hari kerja bulan ini (yang belum tercatat)",
        )
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        code = options["region"]
        call_command("import_regions", under=code, stdout=self.stdout)
        kabkota = Region.objects.filter(code=code, level=Region.Level.KABKOTA).first()
        if kabkota is None:
            raise CommandError(f"{code} bukan kode kabupaten/kota.")
        units_scaffold(kabkota=kabkota)
        seed = options["seed"]
        while Employee.objects.filter(kabkota_code=code).count() < options["employees"]:
            staff_populate(kabkota=kabkota, seed=seed, staff_per_position=(2, 5), progress=self.stdout.write)
            seed += 1
        if options["requests"]:
            if not ServiceType.objects.for_kabkota(code).exists():
                service_types_load(kabkota_code=code, data=standard_services(kabkota))
            missing = options["requests"] - ServiceRequest.objects.filter(kabkota_code=code).count()
            if missing > 0:
                requests_populate(
                    kabkota=kabkota,
                    count=missing,
                    days=options["days"],
                    seed=options["seed"],
                    with_history=False,
                    progress=self.stdout.write,
                )
        if options["complaints"]:
            missing = options["complaints"] - Complaint.objects.filter(kabkota_code=code).count()
            if missing > 0:
                complaints_populate(kabkota=kabkota, count=missing, days=365, seed=seed, progress=self.stdout.write)
        if options["responses"]:
            missing = options["responses"] - SurveyResponse.objects.filter(kabkota_code=code).count()
            if missing > 0:
                if not Survey.objects.filter(kabkota_code=code).exists():
                    missing -= surveys_populate(kabkota=kabkota, seed=seed, progress=self.stdout.write)
                if missing > 0:
                    surveys_extend(kabkota=kabkota, count=missing, seed=seed, progress=self.stdout.write)
        if options["attendance_month"]:
            try:
                year, month = (int(x) for x in options["attendance_month"].split("-", 1))
                first = dt.date(year, month, 1)
            except ValueError:
                raise CommandError("--attendance-month ditulis seperti 2026-10.") from None
            last = first.replace(day=calendar.monthrange(year, month)[1])
            schedules_populate(kabkota=kabkota, rng=random.Random(options["seed"]))
            made = attendance_build(
                kabkota_code=code, start=first, end=last, seed=options["seed"], progress=self.stdout.write
            )
            self.stdout.write(f"{ribuan(made)} catatan kehadiran {options['attendance_month']}.")
        database_analyze()
        data_reloaded()
        total = Employee.objects.filter(kabkota_code=code).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"{ribuan(total)} pegawai di {kabkota.name} dalam {time.monotonic() - started:.1f} detik."
            )
        )
