from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.accounts.models import User
from pamong.attendance.models import Attendance
from pamong.catalog.services import service_types_load
from pamong.catalog.standards import standard_services
from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Complaint
from pamong.complaints.models import Status as ComplaintStatus
from pamong.core.formats import ribuan
from pamong.demo import attendance as attendance_demo
from pamong.demo import innovation as innovation_demo
from pamong.demo import kinerja as kinerja_demo
from pamong.demo import meetings as meetings_demo
from pamong.demo import portal as portal_demo
from pamong.demo import programmes as programmes_demo
from pamong.demo import reports as reports_demo
from pamong.demo import skp as skp_demo
from pamong.demo import training as training_demo
from pamong.demo.complaints import complaints_populate
from pamong.demo.formasi import formasi_populate
from pamong.demo.letterhead import letterhead_populate
from pamong.demo.offices import offices_contact
from pamong.demo.queues import Result, queues_populate, tasks_waiting
from pamong.demo.requests import requests_populate, weak_link_office
from pamong.demo.services import (
    DEMO_PASSWORD,
    HEAD_USERNAMES,
    data_reloaded,
    database_analyze,
    demo_accounts_create,
    staff_populate,
    standards_approve,
)
from pamong.demo.surveys import surveys_populate
from pamong.innovation.models import Innovation
from pamong.kinerja.models import UnitDay
from pamong.meetings.models import Meeting
from pamong.organization.models import Employee, Unit
from pamong.organization.services import units_scaffold
from pamong.portal.models import Announcement
from pamong.programmes.models import ProgressReport
from pamong.regions.models import Region
from pamong.reports.models import PeriodicReport
from pamong.servicerequests.letters import letter_numbering_seed, letter_pattern
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.models import Status as RequestStatus
from pamong.servicerequests.signing import certificate_create_self_signed
from pamong.skp.models import SkpAssessment
from pamong.surveys.models import Survey
from pamong.training.models import TrainingEvent

# Demo data of the apparatus apps, each skipped when the kabupaten/kota already has some.
APARATUR: list[tuple[str, Any, Callable[..., int]]] = [
    ("Kehadiran", Attendance, attendance_demo.populate),
    ("Rapat dan kunjungan kerja", Meeting, meetings_demo.populate),
    ("Pelatihan", TrainingEvent, training_demo.populate),
    ("Penilaian SKP", SkpAssessment, skp_demo.populate),
    ("Program prioritas dan warga rentan", ProgressReport, programmes_demo.populate),
    # Before the indicators: its requests around each innovation's start must be counted in the aggregates.
    ("Inovasi pelayanan", Innovation, innovation_demo.populate),
    ("Pengumuman", Announcement, portal_demo.populate),
    ("Laporan camat", PeriodicReport, reports_demo.populate),
    ("Indikator kinerja 90 hari", UnitDay, kinerja_demo.populate),  # last: it reads all of the above
]


class Command(BaseCommand):
    help = "Muat data contoh satu kabupaten/kota nyata (bawaan: PAMONG_REGION_CODE) dan cetak akun demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", default=settings.PAMONG_REGION_CODE, help="kode kabupaten/kota, mis. 13.71")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["region"]
        self.stdout.write(self.style.MIGRATE_HEADING(f"1/9 Wilayah {code}"))
        call_command("import_regions", under=code, stdout=self.stdout)
        kabkota = Region.objects.filter(code=code).first()
        if kabkota is None or kabkota.level != Region.Level.KABKOTA:
            raise CommandError(f"{code} bukan kode kabupaten/kota.")
        self.stdout.write(self.style.MIGRATE_HEADING("2/9 Hari libur nasional dan cuti bersama"))
        call_command("seed_holidays", stdout=self.stdout)
        self.stdout.write(self.style.MIGRATE_HEADING("3/9 Kantor, jabatan dan pegawai"))
        scaffold = units_scaffold(kabkota=kabkota)
        self.stdout.write(f"  {scaffold.units_created} kantor dan {scaffold.positions_created} jabatan baru")
        contacts = offices_contact(kabkota=kabkota)
        if contacts:
            self.stdout.write(f"  alamat, telepon dan lokasi contoh untuk {contacts} kantor")
        if Employee.objects.filter(kabkota_code=code).exists():
            self.stdout.write("  pegawai sudah ada; tidak ditambah lagi")
        else:
            staff = staff_populate(kabkota=kabkota, progress=self.stdout.write)
            self.stdout.write(
                f"  {ribuan(staff.employees)} pegawai, {staff.vacant_positions} jabatan sengaja dibiarkan kosong"
            )
            formasi_populate(kabkota=kabkota, progress=self.stdout.write)
        self.stdout.write(self.style.MIGRATE_HEADING("4/9 Katalog layanan dan standar pelayanan"))
        catalogue = service_types_load(kabkota_code=code, data=standard_services(kabkota))
        self.stdout.write(f"  {catalogue.created} layanan baru, {catalogue.kept} sudah ada")
        self.stdout.write(f"  {categories_seed(kabkota_code=code)} kategori pengaduan baru")
        if letter_numbering_seed(kabkota_code=code):
            self.stdout.write(f"  pola nomor surat bawaan: {letter_pattern(code)}")
        if letterhead_populate(kabkota=kabkota):
            self.stdout.write("  logo contoh di kop surat (ganti dengan lambang daerah di Admin → Kop surat)")
        self.stdout.write(self.style.MIGRATE_HEADING("5/9 Permohonan dan pengaduan contoh"))
        if ServiceRequest.objects.filter(kabkota_code=code).exists():
            self.stdout.write("  permohonan sudah ada; tidak ditambah lagi")
        else:
            made = requests_populate(kabkota=kabkota, count=1500, progress=self.stdout.write)
            self.stdout.write(f"  {made} permohonan dalam 60 hari terakhir (tanpa pemberitahuan ke warga fiktif)")
            slow = weak_link_office(kabkota)
            if slow is not None:
                self.stdout.write(
                    f"  mata rantai lemah contoh: kepala {slow.name} menandatangani surat dua kali seminggu"
                )
        if Complaint.objects.filter(kabkota_code=code).exists():
            self.stdout.write("  pengaduan sudah ada; tidak ditambah lagi")
        else:
            made = complaints_populate(kabkota=kabkota, count=400, progress=self.stdout.write)
            self.stdout.write(f"  {made} pengaduan dalam 120 hari terakhir")
        self.stdout.write(self.style.MIGRATE_HEADING("6/9 Survei kepuasan masyarakat"))
        if Survey.objects.filter(kabkota_code=code).exists():
            self.stdout.write("  survei sudah ada; tidak ditambah lagi")
        else:
            answers = surveys_populate(kabkota=kabkota, progress=self.stdout.write)
            self.stdout.write(f"  {ribuan(answers)} jawaban survei tahun lalu dan tahun ini, satu kios per unit")
        self.stdout.write(self.style.MIGRATE_HEADING("7/9 Sertifikat tanda tangan dan akun demo"))
        made_certificates = 0
        for unit in Unit.objects.filter(kabkota_code=code, certificate__isnull=True):
            certificate_create_self_signed(unit=unit, organization=f"Pemerintah {kabkota.name}")
            made_certificates += 1
        if made_certificates:
            self.stdout.write(f"  {made_certificates} sertifikat tanda tangan swa-tanda (self-signed) untuk surat demo")
        accounts = demo_accounts_create(kabkota=kabkota)
        approved = standards_approve(kabkota_code=code)
        if approved:
            self.stdout.write(f"  standar pelayanan {approved} layanan disetujui pimpinan; sisanya perlu ditinjau")
        self.stdout.write(self.style.MIGRATE_HEADING("8/9 Pekerjaan di antrean akun demo"))
        made_now = {a.username for a in accounts}
        head = next((name for name in HEAD_USERNAMES if name in made_now), "")
        users = {u.username: u for u in User.objects.filter(username__in=(head, "petugas"))}
        if head and {head, "petugas"} <= users.keys():
            work = queues_populate(
                kabkota=kabkota, lurah=users[head], petugas=users["petugas"], progress=self.stdout.write
            )
        else:
            work = Result()
        if work.kelurahan:
            self.stdout.write(f"  permohonan di {work.kelurahan}: {_counts(work.requests, RequestStatus)}")
            self.stdout.write(f"  pengaduan di {work.kelurahan}: {_counts(work.complaints, ComplaintStatus)}")
        waiting = tasks_waiting()
        if waiting:
            self.stdout.write(
                "  tugas latar menunggu pekerja: " + ", ".join(f"{q} {n}" for q, n in sorted(waiting.items()))
            )
        self.stdout.write(self.style.MIGRATE_HEADING("9/9 Aparatur, program, pengumuman, laporan camat, kinerja"))
        for label, model, populate in APARATUR:
            if model.objects.filter(kabkota_code=code).exists():
                self.stdout.write(f"  {label} sudah ada; tidak ditambah lagi")
                continue
            made = populate(kabkota=kabkota, progress=self.stdout.write)
            self.stdout.write(f"  {label}: {ribuan(made)} baris")
        database_analyze()
        data_reloaded()
        self.stdout.write(self.style.MIGRATE_HEADING("Akun demo"))
        self.stdout.write(f"  kata sandi semua akun demo: {DEMO_PASSWORD}")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.role:<16} {account.who}")
        self.stdout.write(self.style.SUCCESS(f"Data contoh {kabkota.name} siap."))


def _counts(counts: dict[str, int], statuses: Any) -> str:
    """Each status with its count, in the order the statuses are declared (diajukan 3, diverifikasi 1, …)."""
    return ", ".join(f"{str(label).lower()} {counts.get(value, 0)}" for value, label in statuses.choices)
