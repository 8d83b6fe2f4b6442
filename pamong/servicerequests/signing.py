"""Digital signatures on letters (PAdES, with pyHanko) and the demo's self-signed unit certificates."""

from __future__ import annotations

import datetime as dt
import io
import secrets

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.base import ContentFile
from django.utils import timezone

from pamong.organization.models import Unit
from pamong.servicerequests.models import UnitCertificate


def certificate_create_self_signed(*, unit: Unit, organization: str, days: int = 730) -> UnitCertificate:
    """A self-signed signing certificate for a unit (demo and testing; production uses BSrE certificates)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit.name[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Penandatangan {unit.name}"[:64]),
        ]
    )
    now = timezone.now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    passphrase = secrets.token_urlsafe(24)
    blob = pkcs12.serialize_key_and_certificates(
        name=unit.code.encode(),
        key=key,
        cert=cert,
        cas=None,
        encryption_algorithm=BestAvailableEncryption(passphrase.encode()),
    )
    UnitCertificate.objects.filter(unit=unit).delete()
    certificate = UnitCertificate(
        unit=unit,
        passphrase=passphrase,
        subject=cert.subject.rfc4514_string(),
        valid_until=cert.not_valid_after_utc,
        self_signed=True,
    )
    certificate.pkcs12.save(f"{unit.code}.p12", ContentFile(blob), save=False)
    certificate.save()
    return certificate


def pdf_sign(*, pdf: bytes, certificate: UnitCertificate, reason: str, location: str) -> bytes:
    """Sign a PDF as PAdES (B-B) with the unit's certificate."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    with certificate.pkcs12.open("rb") as handle:
        blob = handle.read()
    signer = signers.SimpleSigner.load_pkcs12_data(blob, other_certs=[], passphrase=certificate.passphrase.encode())
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTangan",
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()
