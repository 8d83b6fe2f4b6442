"""Digital signatures on letters, through one interface with two backends chosen by ``PAMONG_SIGNING_BACKEND``:

- ``local`` (the default): PAdES with the unit's certificate (pyHanko), made in the background after the letter is
  numbered; a unit without a certificate gets an unsigned letter, with its QR code printed in the letter;
- ``bsre``: the signer's own certified signature by the BSrE esign API v2 (``pamong.servicerequests.bsre``),
  unlocked by the passphrase the signer types at signing. It cannot wait in a queue (the passphrase is never
  stored), so the letter is rendered and signed while the signer waits, inside the transaction that numbers it:
  a refusal rolls everything back.

Both draw the signature's appearance (the verification QR code) in the box the letter reserves for it.

Also the demo's self-signed unit certificates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from pamong.core.errors import DomainError
from pamong.organization.models import Employee, Unit
from pamong.organization.services import signer_nik_access_record, signer_nik_masked, signer_nik_read
from pamong.servicerequests import bsre
from pamong.servicerequests.models import UnitCertificate

log = logging.getLogger(__name__)


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
    return _certificate_store(unit=unit, blob=blob, passphrase=passphrase, cert=cert)


def _certificate_store(*, unit: Unit, blob: bytes, passphrase: str, cert: x509.Certificate) -> UnitCertificate:
    """Replace the unit's certificate in one transaction (a failure keeps the old one)."""
    with transaction.atomic():
        UnitCertificate.objects.filter(unit=unit).delete()
        certificate = UnitCertificate(
            unit=unit,
            passphrase=passphrase,
            subject=cert.subject.rfc4514_string(),
            issuer=cert.issuer.rfc4514_string(),
            valid_until=cert.not_valid_after_utc,
            self_signed=cert.issuer == cert.subject,
        )
        certificate.pkcs12.save(f"{unit.code}.p12", ContentFile(blob), save=False)
        certificate.save()
    return certificate


def certificate_install(*, unit: Unit, blob: bytes, passphrase: str, now: dt.datetime | None = None) -> UnitCertificate:
    """Install a signer's PKCS#12 file (the BSrE certificate of the camat, lurah or kepala desa) for a unit,
    replacing its previous one. Letters already issued keep their signature. Refused with a clear message: a file
    that does not open with the passphrase, one without a private key, or a certificate that has expired."""
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(blob, passphrase.encode())
    except ValueError as exc:
        raise DomainError("Berkas sertifikat tidak dapat dibuka: kata sandi salah atau bukan berkas PKCS#12.") from exc
    if key is None or cert is None:
        raise DomainError("Berkas PKCS#12 tidak berisi kunci privat dan sertifikat penanda tangan.")
    if cert.not_valid_after_utc <= (now or timezone.now()):
        raise DomainError(f"Sertifikat sudah kedaluwarsa sejak {cert.not_valid_after_utc:%d-%m-%Y}.")
    return _certificate_store(unit=unit, blob=blob, passphrase=passphrase, cert=cert)


@dataclass(frozen=True)
class Box:
    """Where the visible signature goes: a page (from 1) and a rectangle in PDF points from its bottom-left."""

    page: int
    x: float
    y: float
    width: float
    height: float


def pdf_sign(
    *,
    pdf: bytes,
    certificate: UnitCertificate,
    reason: str,
    location: str,
    box: Box | None = None,
    image_png: bytes = b"",
) -> bytes:
    """Sign a PDF as PAdES (B-B) with the unit's certificate; with a box, the signature shows ``image_png`` there."""
    with certificate.pkcs12.open("rb") as handle:
        blob = handle.read()
    return pdf_sign_pkcs12(
        pdf=pdf,
        pkcs12=blob,
        passphrase=certificate.passphrase,
        reason=reason,
        location=location,
        box=box,
        image_png=image_png,
    )


def pdf_sign_pkcs12(
    *,
    pdf: bytes,
    pkcs12: bytes,
    passphrase: str,
    reason: str,
    location: str,
    box: Box | None = None,
    image_png: bytes = b"",
) -> bytes:
    """Sign a PDF as PAdES (B-B) with a PKCS#12 key and certificate (also the test stub of the BSrE service)."""
    from pyhanko import stamp
    from pyhanko.pdf_utils import images, layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12_data(pkcs12, other_certs=[], passphrase=passphrase.encode())
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTangan",
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    if box is None or not image_png:
        return signers.sign_pdf(writer, meta, signer=signer).getvalue()
    from PIL import Image

    fields.append_signature_field(
        writer,
        fields.SigFieldSpec(
            "TandaTangan",
            on_page=box.page - 1,
            box=(round(box.x), round(box.y), round(box.x + box.width), round(box.y + box.height)),  # whole points
        ),
    )
    style = stamp.TextStampStyle(
        stamp_text="",
        border_width=0,
        background=images.PdfImage(Image.open(io.BytesIO(image_png)).convert("RGB")),
        background_opacity=1,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
    return pdf_signer.sign_pdf(writer).getvalue()


# --- the signing backends ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToSign:
    """A rendered letter to sign, with who signs it and how its signature looks."""

    pdf: bytes
    unit: Unit
    signer: Employee | None
    actor: Any  # the user signing (for the record of reading the signer's NIK)
    reason: str
    location: str
    box: Box | None
    image_png: bytes  # what the visible signature shows: the verification QR code
    passphrase: str = ""


BSRE_ISSUER = "BSrE"


def issuer_words(*, issuer: str, subject: str, self_signed: bool) -> str:
    """Who vouches for a signature, said plainly for the public verification page."""
    if not subject and not issuer:
        return ""
    if issuer == BSRE_ISSUER:
        return "Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"
    if self_signed or (issuer and issuer == subject):
        owner = _name_part(subject, NameOID.ORGANIZATION_NAME) or _name_part(subject, NameOID.COMMON_NAME)
        return (
            f"sertifikat swa-tanda yang dibuat sendiri oleh {owner} (uji coba), tidak diterbitkan oleh "
            "penyelenggara sertifikasi elektronik"
        )
    if not issuer:
        return "penerbit sertifikat tidak tercatat"
    organization = _name_part(issuer, NameOID.ORGANIZATION_NAME)
    common = _name_part(issuer, NameOID.COMMON_NAME)
    if organization and common and common != organization:
        return f"{organization} ({common})"
    return organization or common or issuer


def _name_part(dn: str, oid: x509.ObjectIdentifier) -> str:
    try:
        attributes = x509.Name.from_rfc4514_string(dn).get_attributes_for_oid(oid)
    except ValueError:
        return ""
    return str(attributes[0].value) if attributes else ""


@dataclass(frozen=True)
class Signed:
    pdf: bytes
    signed_by: str  # the certificate's subject, or who signed at BSrE
    issuer: str = ""  # the certificate's issuer (distinguished name), or "BSrE"


class SigningError(DomainError):
    """The letter was not signed; the message says why and what to do (Bahasa Indonesia)."""


_NIK_READS: ContextVar[list[tuple[Employee, Any, str]] | None] = ContextVar("signer_nik_reads", default=None)
NIK_READ_FOR = "tanda tangan elektronik BSrE"


@contextlib.contextmanager
def nik_reads_kept() -> Iterator[None]:
    """Around a signing transaction: the records of reading the signer's NIK made inside it are rolled back with it
    when the signing fails, although the NIK was sent to BSrE; they are written again after the rollback."""
    reads: list[tuple[Employee, Any, str]] = []
    token = _NIK_READS.set(reads)
    try:
        yield
    except SigningError:
        for employee, user, what in reads:
            signer_nik_access_record(employee=employee, user=user, what=what)
        raise
    finally:
        _NIK_READS.reset(token)


class SigningBackend:
    key = ""
    # The backend needs the signer's passphrase, typed at signing: it signs while the signer waits (inside the
    # transaction that numbers the letter), never in the background.
    asks_passphrase = False

    def stamps(self, unit: Unit) -> bool:
        """Whether this backend draws the visible signature (the QR code) in the letter's box; otherwise the
        letter prints the QR code itself."""
        raise NotImplementedError

    def check_signer(self, *, signer: Employee | None, actor: Any, passphrase: str) -> None:
        """Refuse early (before a number is taken) what cannot be signed. Raises ``SigningError``."""

    def sign(self, item: ToSign) -> Signed:
        raise NotImplementedError


class LocalBackend(SigningBackend):
    """PAdES with the unit's certificate (pyHanko); without a valid certificate the letter is left unsigned."""

    key = "local"

    def _certificate(self, unit: Unit) -> UnitCertificate | None:
        return UnitCertificate.objects.filter(unit=unit, valid_until__gt=timezone.now()).first()

    def stamps(self, unit: Unit) -> bool:
        return self._certificate(unit) is not None

    def sign(self, item: ToSign) -> Signed:
        certificate = self._certificate(item.unit)
        if certificate is None:
            return Signed(pdf=item.pdf, signed_by="")
        pdf = pdf_sign(
            pdf=item.pdf,
            certificate=certificate,
            reason=item.reason,
            location=item.location,
            box=item.box,
            image_png=item.image_png,
        )
        return Signed(pdf=pdf, signed_by=certificate.subject, issuer=certificate.issuer)


NO_PASSPHRASE = "Isi passphrase tanda tangan elektronik (TTE) Anda."  # noqa: S105 (a message)
WRONG_PASSPHRASE = "Passphrase salah. Surat belum ditandatangani; periksa passphrase TTE Anda lalu coba lagi."  # noqa: S105
NO_NIK = (
    "NIK penanda tangan Anda belum diisi pada data pegawai, sehingga surat tidak dapat ditandatangani secara "
    "elektronik. Minta admin atau kepala unit mengisinya; surat tetap menunggu tanda tangan."
)
NOT_REGISTERED = (
    "NIK Anda belum terdaftar atau belum memiliki sertifikat elektronik aktif di BSrE. Surat tetap menunggu "
    "tanda tangan; hubungi admin untuk pendaftaran sertifikat."
)
UNAVAILABLE = (
    "Layanan tanda tangan elektronik BSrE sedang tidak dapat dihubungi. Surat belum ditandatangani dan tetap "
    "menunggu tanda tangan; coba lagi beberapa saat lagi."
)
REFUSED = (
    "Layanan BSrE menolak permintaan tanda tangan. Surat tetap menunggu tanda tangan; hubungi admin untuk "
    "memeriksa pengaturan TTE."
)


class BsreBackend(SigningBackend):
    """The signer's certified signature by the BSrE esign API v2, with the passphrase typed at signing."""

    key = "bsre"
    asks_passphrase = True

    def stamps(self, unit: Unit) -> bool:
        return True

    def _nik(self, signer: Employee | None, actor: Any) -> str:
        nik = signer_nik_read(employee=signer, user=actor, what=NIK_READ_FOR) if signer else ""
        if not nik:
            raise SigningError(NO_NIK)
        reads = _NIK_READS.get()
        if reads is not None and signer is not None:
            reads.append((signer, actor, NIK_READ_FOR))
        return nik

    def check_signer(self, *, signer: Employee | None, actor: Any, passphrase: str) -> None:
        if not passphrase:
            raise SigningError(NO_PASSPHRASE, field="passphrase")
        if signer is None or not signer_nik_masked(employee=signer):
            raise SigningError(NO_NIK)
        try:
            status = bsre.user_status(nik=self._nik(signer, actor))
        except bsre.BsreError as exc:
            raise _message(exc) from None
        if not status.can_sign:
            log.info("BSrE: signer %s cannot sign (status %s, code %s)", signer.pk, status.status, status.code)
            raise SigningError(NOT_REGISTERED)

    def sign(self, item: ToSign) -> Signed:
        nik = self._nik(item.signer, item.actor)
        visible = item.box is not None and bool(item.image_png)
        properties = bsre.SignatureProperties(
            tampilan="VISIBLE" if visible else "INVISIBLE",
            reason=item.reason,
            location=item.location,
            page=item.box.page if item.box else 1,
            origin_x=item.box.x if item.box else 0,
            origin_y=item.box.y if item.box else 0,
            width=item.box.width if item.box else 0,
            height=item.box.height if item.box else 0,
            image_png=item.image_png if visible else b"",
        )
        try:
            pdf = bsre.sign_pdf(nik=nik, passphrase=item.passphrase, pdf=item.pdf, properties=properties)
        except bsre.BsreError as exc:
            raise _message(exc) from None
        signer = item.signer
        return Signed(pdf=pdf, signed_by=f"BSrE: {signer.full_name if signer else ''}"[:300], issuer=BSRE_ISSUER)


def _message(exc: bsre.BsreError) -> SigningError:
    log.warning("BSrE refused or failed: %s %s", type(exc).__name__, exc.detail)
    if isinstance(exc, bsre.WrongPassphrase):
        return SigningError(WRONG_PASSPHRASE, field="passphrase")
    if isinstance(exc, bsre.NotRegistered):
        return SigningError(NOT_REGISTERED)
    if isinstance(exc, bsre.Unavailable):
        return SigningError(UNAVAILABLE, code="unavailable")
    return SigningError(REFUSED)


BACKENDS: dict[str, type[SigningBackend]] = {"local": LocalBackend, "bsre": BsreBackend}


def signing_backend() -> SigningBackend:
    """The backend ``PAMONG_SIGNING_BACKEND`` names ("local" by default, or "bsre")."""
    key = getattr(settings, "PAMONG_SIGNING_BACKEND", "local") or "local"
    if key not in BACKENDS:
        raise ValueError(f"PAMONG_SIGNING_BACKEND must be one of {sorted(BACKENDS)}, not {key!r}")
    return BACKENDS[key]()
