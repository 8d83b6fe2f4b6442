from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pamong.accounts.models import User
from pamong.accounts.services import admin_account_ensure, admin_password_check
from pamong.catalog.services import service_types_load
from pamong.catalog.standards import standard_services
from pamong.complaints.categories import categories_seed
from pamong.core.errors import DomainError
from pamong.core.secretinput import secret_read
from pamong.ops.checklist import checklist
from pamong.organization.services import units_scaffold
from pamong.regions.models import Region
from pamong.servicerequests.letters import letter_numbering_seed, letter_pattern

STEPS = 6


class Command(BaseCommand):
    help = (
        "Siapkan produksi satu kabupaten/kota tanpa data contoh: wilayah, hari libur, kantor camat/lurah/desa dengan "
        "jabatan dan rantai atasannya, katalog layanan standar (perlu ditinjau), kategori pengaduan, pola nomor surat "
        "dan akun admin pertama. Aman dijalankan ulang: yang sudah ada tidak diubah."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="kode kabupaten/kota (Kemendagri), mis. 74.05")
        parser.add_argument("--admin", default="admin", help="nama pengguna admin pertama (bawaan: admin)")
        parser.add_argument("--admin-email", default="", help="surel admin (untuk peringatan hari libur dll.)")
        parser.add_argument(
            "--password-file", help="baca kata sandi admin dari berkas ini (baris pertama) alih-alih diketik"
        )

    def _step(self, number: int, title: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"{number}/{STEPS} {title}"))

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["code"].strip()
        # Ask for the password first, so that a typo in it does not leave a half-made deployment behind.
        password = None
        if not User.objects.filter(username=options["admin"]).exists():
            password = secret_read(
                path=options["password_file"],
                prompt=f"Kata sandi akun {options['admin']}",
                option="--password-file",
                confirm=True,
                min_length=10,
            )
            try:
                admin_password_check(username=options["admin"], password=password, email=options["admin_email"])
            except DomainError as exc:
                raise CommandError(exc.message) from exc

        self._step(1, f"Wilayah {code}")
        call_command("import_regions", under=code, stdout=self.stdout)
        kabkota = Region.objects.filter(code=code).first()
        if kabkota is None or kabkota.level != Region.Level.KABKOTA:
            raise CommandError(f"{code} bukan kode kabupaten/kota.")

        self._step(2, "Hari libur nasional dan cuti bersama")
        call_command("seed_holidays", stdout=self.stdout)

        self._step(3, "Kantor, jabatan dan rantai atasan")
        scaffold = units_scaffold(kabkota=kabkota)
        self.stdout.write(f"  {scaffold.units_created} kantor dan {scaffold.positions_created} jabatan baru")

        self._step(4, "Katalog layanan, kategori pengaduan, pola nomor surat")
        catalogue = service_types_load(kabkota_code=code, data=standard_services(kabkota))
        self.stdout.write(
            f"  {catalogue.created} layanan baru (perlu ditinjau pimpinan sebelum dianggap ditetapkan), "
            f"{catalogue.kept} sudah ada"
        )
        self.stdout.write(f"  {categories_seed(kabkota_code=code)} kategori pengaduan baru")
        if letter_numbering_seed(kabkota_code=code):
            self.stdout.write(
                f"  pola nomor surat bawaan: {letter_pattern(code)} (ubah di Admin bila tata naskah berbeda)"
            )

        self._step(5, "Akun admin")
        try:
            user, created = admin_account_ensure(
                username=options["admin"], password=password, email=options["admin_email"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"  akun {user.username} dibuat"
            if created
            else f"  akun {user.username} sudah ada; kata sandinya tidak diubah"
        )

        self._step(6, "Yang masih perlu dilengkapi")
        if code != settings.PAMONG_REGION_CODE:
            self.stdout.write(
                self.style.WARNING(
                    f"  PAMONG_REGION_CODE sekarang {settings.PAMONG_REGION_CODE}: atur PAMONG_REGION_CODE={code} di "
                    "berkas lingkungan lalu mulai ulang layanan."
                )
            )
        for item in checklist(code=code):
            mark = "✓" if item.done else "•"
            self.stdout.write(f"  {mark} {item.label}: {item.summary}")
        self.stdout.write("  Daftar lengkap: menu Operasional → Persiapan, setelah masuk sebagai admin.")
        self.stdout.write(self.style.SUCCESS(f"{kabkota.name} siap diisi data pegawai."))
