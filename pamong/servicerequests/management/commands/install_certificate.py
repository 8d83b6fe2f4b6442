from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pamong.core.errors import DomainError
from pamong.core.secretinput import secret_read
from pamong.organization.models import Unit
from pamong.servicerequests.signing import certificate_install


class Command(BaseCommand):
    help = (
        "Pasang sertifikat tanda tangan (PKCS#12, mis. sertifikat BSrE camat, lurah atau kepala desa) untuk satu "
        "kantor, menggantikan yang lama. Surat yang sudah terbit tetap sah."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("unit", help="kode unit kerja, mis. 74.05.01.2001")
        parser.add_argument("file", help="berkas .p12/.pfx")
        parser.add_argument("--passphrase-file", help="baca kata sandi berkas dari berkas ini (bukan diketik)")

    def handle(self, *args: Any, **options: Any) -> None:
        units = list(Unit.objects.filter(code=options["unit"])[:2])
        if len(units) != 1:
            raise CommandError(
                f"Unit kerja {options['unit']} tidak ditemukan."
                if not units
                else f"Kode {options['unit']} dipakai lebih dari satu kabupaten/kota."
            )
        try:
            blob = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {options['file']} tidak dapat dibaca: {exc.strerror}.") from exc
        passphrase = secret_read(
            path=options["passphrase_file"], prompt="Kata sandi berkas sertifikat", option="--passphrase-file"
        )
        try:
            certificate = certificate_install(unit=units[0], blob=blob, passphrase=passphrase)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        until = timezone.localtime(certificate.valid_until)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sertifikat {units[0].name} terpasang: {certificate.subject}, berlaku sampai {until:%d-%m-%Y}."
            )
        )
