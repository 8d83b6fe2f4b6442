"""Installing a signer's PKCS#12 file for an office (manage.py install_certificate): the passphrase from a file or
a hidden prompt, never the command line; a wrong passphrase, a file without a key or an expired certificate is
refused in Indonesian and the office keeps its previous certificate."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from pamong.servicerequests.models import UnitCertificate
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def _p12(tmp_path: Path, *, passphrase: str, days: int = 365, issuer: str = "BSrE Test CA") -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "MULYADI")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=400))
        .not_valid_after(now + dt.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        name=b"lurah", key=key, cert=cert, cas=None, encryption_algorithm=BestAvailableEncryption(passphrase.encode())
    )
    path = tmp_path / f"lurah-{days}.p12"
    path.write_bytes(blob)
    (tmp_path / "pass").write_text(passphrase + "\n", encoding="utf-8")
    return path


def test_installs_and_replaces_the_office_certificate(padang: Padang, tmp_path: Path) -> None:
    unit = padang.kantor_lurah_bp
    first = _p12(tmp_path, passphrase="rahasia-1")
    out = io.StringIO()
    call_command("install_certificate", unit.code, str(first), "--passphrase-file", str(tmp_path / "pass"), stdout=out)
    row = UnitCertificate.objects.get(unit=unit)
    assert row.subject == "CN=MULYADI" and not row.self_signed and row.passphrase == "rahasia-1"
    assert "Sertifikat Kantor Lurah Belakang Pondok terpasang: CN=MULYADI" in out.getvalue()
    assert "rahasia-1" not in out.getvalue()

    second = _p12(tmp_path, passphrase="rahasia-2", days=700)
    call_command(
        "install_certificate", unit.code, str(second), "--passphrase-file", str(tmp_path / "pass"), stdout=io.StringIO()
    )
    assert UnitCertificate.objects.filter(unit=unit).count() == 1
    assert UnitCertificate.objects.get(unit=unit).passphrase == "rahasia-2"


@pytest.mark.parametrize(
    ("days", "typed", "message"),
    [
        (365, "salah", "kata sandi salah atau bukan berkas PKCS#12"),
        (-1, None, "Sertifikat sudah kedaluwarsa sejak"),
    ],
)
def test_a_bad_file_is_refused_and_the_old_certificate_stays(
    padang: Padang, tmp_path: Path, days: int, typed: str | None, message: str
) -> None:
    unit = padang.kantor_lurah_bp
    good = _p12(tmp_path, passphrase="lama")
    call_command(
        "install_certificate", unit.code, str(good), "--passphrase-file", str(tmp_path / "pass"), stdout=io.StringIO()
    )
    bad = _p12(tmp_path, passphrase="baru", days=days)
    if typed:
        (tmp_path / "pass").write_text(typed, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command(
            "install_certificate",
            unit.code,
            str(bad),
            "--passphrase-file",
            str(tmp_path / "pass"),
            stdout=io.StringIO(),
        )
    assert UnitCertificate.objects.get(unit=unit).passphrase == "lama"


def test_an_unknown_office_or_missing_file_is_refused(padang: Padang, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Unit kerja 99\.99 tidak ditemukan"):
        call_command("install_certificate", "99.99", str(tmp_path / "x.p12"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("install_certificate", padang.kantor_lurah_bp.code, str(tmp_path / "x.p12"), stdout=io.StringIO())
