"""Letters: the number, the PDF (WeasyPrint) with kop surat and a QR code to the public verification page,
and the check of a PDF someone holds against the stored SHA-256."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import re
import secrets
from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.storage import atomic_with_files
from pamong.core.uploads import JPEG, PDF, PNG, clean_upload, sniff
from pamong.organization.models import Employee, Unit
from pamong.regions.models import Region
from pamong.servicerequests import numbering
from pamong.servicerequests.models import Letter, Letterhead, LetterNumbering, LetterSequence, ServiceRequest
from pamong.servicerequests.signing import Box, ToSign, signing_backend

log = logging.getLogger(__name__)
_VERIFY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def letter_pattern(kabkota_code: str) -> str:
    """The kabupaten/kota's numbering pattern (admin edits it), or the default one."""
    row = LetterNumbering.objects.filter(kabkota_code=kabkota_code).values_list("pattern", flat=True).first()
    return row or numbering.DEFAULT_PATTERN


def letter_numbering_seed(*, kabkota_code: str) -> bool:
    """Give the kabupaten/kota its pattern row (the default pattern) for admin to adapt; True when made now."""
    _row, created = LetterNumbering.objects.get_or_create(kabkota_code=kabkota_code)
    return created


def letter_number(
    *, archive_code: str, sequence: int, code: str, when: dt.date, pattern: str = numbering.DEFAULT_PATTERN
) -> str:
    """The number by the pattern, by default classification / sequence / office code / Roman month / year, e.g.
    470/015/Kel.BP/XI/2026."""
    return numbering.number_format(pattern=pattern, archive_code=archive_code, sequence=sequence, code=code, when=when)


def letter_sequence_next(*, kabkota_code: str, code: str, year: int) -> int:
    """Take the next number of an office code and year. The row stays locked until the caller's transaction
    ends, so two signers (in one office or two offices sharing nothing but a moment) never get the same one."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("letter_sequence_next must run inside the transaction that uses the number")
    LetterSequence.objects.get_or_create(kabkota_code=kabkota_code, code=code, year=year)
    sequence = LetterSequence.objects.select_for_update().get(kabkota_code=kabkota_code, code=code, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def letter_issue(*, request: ServiceRequest, signer: Employee, now: dt.datetime) -> Letter:
    """Take the next number of the office's code and record the letter. Must run inside the signing
    transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("letter_issue must run inside the transaction that finishes the request")
    unit = request.unit
    local = timezone.localtime(now, _zone(unit.region.timezone)).date()
    # The code as it is now in the database: the request's unit may have been loaded before admin changed it.
    code = Unit.objects.filter(pk=unit.pk).values_list("letter_code", flat=True).get()
    sequence = letter_sequence_next(kabkota_code=request.kabkota_code, code=code, year=local.year)
    position = signer.position
    return Letter.objects.create(
        kabkota_code=request.kabkota_code,
        request=request,
        number=letter_number(
            archive_code=request.service.archive_code,
            sequence=sequence,
            code=code,
            when=local,
            pattern=letter_pattern(request.kabkota_code),
        ),
        unit_code=code,
        sequence=sequence,
        year=local.year,
        issued_at=now,
        signer_name=signer.full_name,
        signer_nip=signer.nip or "",
        signer_title=position.title if position else "",
        verification_code="".join(secrets.choice(_VERIFY_ALPHABET) for _ in range(12)),
    )


def _zone(tz: str) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(tz)


def _placeholders(request: ServiceRequest, letter: Letter) -> dict[str, str]:
    unit = request.unit
    values = {
        "nama": request.name,
        "nik": request.nik,
        "tempat_lahir": request.birth_place,
        "tanggal_lahir": date_format(request.birth_date, "j F Y"),
        "jenis_kelamin": request.get_gender_display(),
        "agama": request.religion or "-",
        "pekerjaan": request.occupation or "-",
        "alamat": request.address,
        "jabatan_penandatangan": letter.signer_title,
        "nama_unit": unit.name,
        "nama_wilayah": unit.region.display_name,
    }
    date_fields = {f.code for f in request.service.fields.all() if f.kind == "date"}
    for key, value in request.answers.items():
        if key in date_fields and isinstance(value, str):
            with contextlib.suppress(ValueError):  # a malformed date stays as it was stored
                value = date_format(dt.date.fromisoformat(value), "j F Y")
        values[key] = "-" if value in (None, "") else str(value)
    return values


_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


def letter_body_html(request: ServiceRequest, letter: Letter) -> str:
    """The service's letter text with the request's values; every value is escaped (it came from a citizen).

    Plain substitution of {name} placeholders: no attribute or index lookups as str.format would allow."""
    values = _placeholders(request, letter)

    def fill(match: re.Match[str]) -> str:
        value = escape(values.get(match.group(1), "-"))
        return f"<strong>{value}</strong>" if match.group(1) == "nama" else value

    filled = _PLACEHOLDER.sub(fill, escape(request.service.letter_body or ""))
    return "".join(_paragraph_html(p.strip()) for p in filled.split("\n\n") if p.strip())


_KEY_VALUE = re.compile(r"^([^:]{1,48}?)\s*:\s(.*)$")


def _paragraph_html(paragraph: str) -> str:
    """Text lines become a paragraph; runs of "Label : value" lines become a table with the colons aligned."""
    out: list[str] = []
    text: list[str] = []
    rows: list[tuple[str, str]] = []

    def flush() -> None:
        if text:
            out.append(f"<p>{'<br>'.join(text)}</p>")
            text.clear()
        if rows:
            body = "".join(f'<tr><td class="k">{k}</td><td>:</td><td>{v}</td></tr>' for k, v in rows)
            out.append(f'<table class="kv">{body}</table>')
            rows.clear()

    for line in paragraph.splitlines():
        match = _KEY_VALUE.match(line.strip())
        if match and not match.group(1).rstrip().endswith((".", ",")):
            if text:
                flush()
            rows.append((match.group(1).strip(), match.group(2).strip()))
        else:
            if rows:
                flush()
            text.append(line.strip())
    flush()
    return "".join(out)


def kop_lines(unit: Unit) -> list[str]:
    """The letterhead lines: Pemerintah Kota Padang / Kecamatan Padang Selatan / Kelurahan Belakang Pondok."""
    regions = {r.code: r for r in Region.objects.filter(code__in=[*unit.region.ancestor_codes(), unit.region_id])}
    kabkota = regions.get(unit.region_id[:5])
    lines = [f"PEMERINTAH {kabkota.name.upper()}" if kabkota else "PEMERINTAH DAERAH"]
    kecamatan = regions.get(unit.region_id[:8])
    if kecamatan and kecamatan.level == Region.Level.KECAMATAN:
        lines.append(kecamatan.display_name.upper())
    if unit.region.level == Region.Level.DESA:
        lines.append(unit.region.display_name.upper())
    return lines


def letter_render_pdf(*, letter: Letter, passphrase: str = "", actor: Any = None) -> Letter:
    """Render the PDF, sign it (``pamong.servicerequests.signing``), store it and its SHA-256. Idempotent: a letter
    already rendered is left as it is. ``passphrase`` and ``actor``: the signer typing it, for a backend that signs
    while the signer waits (BSrE); its refusal is a ``SigningError`` and nothing is stored."""

    with transaction.atomic():
        # Lock the row: two workers rendering the same letter would store two different files and hashes.
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.ready:
            return letter
        return _render(letter, passphrase=passphrase, actor=actor)


SIGNATURE_BOX_ID = "tte"  # the element of letter.html that the visible signature covers


def _render(letter: Letter, *, passphrase: str = "", actor: Any = None) -> Letter:
    from weasyprint import HTML

    request = ServiceRequest.objects.select_related("service", "unit__region").get(pk=letter.request_id)
    verify_url = settings.PAMONG_BASE_URL.rstrip("/") + reverse(
        "servicerequests:verify", kwargs={"code": letter.verification_code}
    )
    backend = signing_backend()
    stamped = backend.stamps(request.unit)  # the signature draws the QR code; the letter keeps its place free
    qr = segno.make(verify_url, error="m")
    context = _letter_context(request, letter, verify_url=verify_url)

    def layout(stamped: bool) -> Any:
        qr_uri = None if stamped else qr.svg_data_uri(scale=3, border=1)
        html = render_to_string("servicerequests/letter.html", {**context, "qr": qr_uri})
        return HTML(string=html, base_url=str(settings.BASE_DIR)).render()

    document = layout(stamped)
    box = signature_box(document, SIGNATURE_BOX_ID) if stamped else None
    if stamped and box is None:  # no box in the layout: the letter prints its QR code, the signature is invisible
        stamped = False
        document = layout(False)
    image = io.BytesIO()
    qr.save(image, kind="png", scale=10, border=1)
    signed = backend.sign(
        ToSign(
            pdf=document.write_pdf(),
            unit=request.unit,
            signer=getattr(actor, "employee", None),  # the signer waiting (BSrE); the local backend signs as the unit
            actor=actor,
            reason=f"{request.service.name} nomor {letter.number}",
            location=_city_name(request.unit),
            box=box,
            image_png=image.getvalue(),
            passphrase=passphrase,
        )
    )
    pdf = signed.pdf
    letter.signed_by = signed.signed_by
    letter.signature_issuer = signed.issuer
    digest = hashlib.sha256(pdf).hexdigest()
    with atomic_with_files():  # no PDF file without its row
        letter.pdf.save(f"{request.code}.pdf", ContentFile(pdf), save=False)
        letter.sha256 = digest
        letter.save(update_fields=["pdf", "sha256", "signed_by", "signature_issuer"])
    from pamong.servicerequests.services import tracking_changed

    transaction.on_commit(lambda: tracking_changed(code=request.code))  # the page now offers the download
    return letter


def _letter_context(request: ServiceRequest, letter: Letter, *, verify_url: str) -> dict[str, Any]:
    """What letter.html shows of a letter, signed or a draft (``qr`` and ``draft`` are the caller's)."""
    return {
        "letter": letter,
        "req": request,
        "kop": kop_lines(request.unit),
        "body": letter_body_html(request, letter),
        "place": _city_name(request.unit),
        "date": date_format(timezone.localtime(letter.issued_at, _zone(request.unit.region.timezone)), "j F Y"),
        "verify_url": verify_url,
        "box_id": SIGNATURE_BOX_ID,
        "bsre": signing_backend().key == "bsre",
        # Without an electronic signature the letter leaves room for the head's signature and stamp by hand.
        "hand": signing_backend().key != "bsre" and not signing_backend().stamps(request.unit),
        "logo": letterhead_logo(request.kabkota_code),
    }


def letterhead_logo(kabkota_code: str) -> str | None:
    """The Pemda's logo for the kop surat as a data URI (WeasyPrint reads it without touching the file system's
    paths), or None without one."""
    import base64

    row = Letterhead.objects.filter(kabkota_code=kabkota_code).first()
    if row is None or not row.logo:
        return None
    try:
        with row.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        log.warning("the logo of %s cannot be read: the letter is printed without it", kabkota_code)
        return None
    kind = sniff(data[:16])
    if kind not in (JPEG, PNG):
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def letter_preview_pdf(*, request: ServiceRequest, signer: Employee | None, now: dt.datetime) -> bytes:
    """The letter exactly as it will be issued, before signing: the same template and text, dated today, the
    signer's name and post, "DRAF" across the page, and no number, no verification code and no signature — none
    is taken, nothing is stored."""
    from weasyprint import HTML

    request = ServiceRequest.objects.select_related("service", "unit__region").get(pk=request.pk)
    position = signer.position if signer is not None else None
    draft = Letter(
        kabkota_code=request.kabkota_code,
        request=request,
        number="…/…/" + (request.unit.letter_code or "…") + "/…",
        issued_at=now,
        signer_name=signer.full_name if signer is not None else "",
        signer_nip=(signer.nip or "") if signer is not None else "",
        signer_title=position.title if position is not None else "",
        verification_code="(diberikan saat ditandatangani)",
    )
    context = _letter_context(request, draft, verify_url="(alamat verifikasi diberikan saat ditandatangani)")
    html = render_to_string("servicerequests/letter.html", {**context, "qr": None, "draft": True})
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def signature_box(document: Any, element_id: str) -> Box | None:
    """Where the element with this id lies in a rendered WeasyPrint document, in PDF points from the bottom-left
    of its page (CSS pixels are 0.75 pt; CSS measures down from the top)."""
    for number, page in enumerate(document.pages, start=1):
        for found in page._page_box.descendants():
            element = getattr(found, "element", None)
            if element is None or element.get("id") != element_id or getattr(found, "element_tag", "") != "div":
                continue
            x, y = found.border_box_x(), found.border_box_y()
            width, height = found.border_width(), found.border_height()
            return Box(
                page=number,
                x=x * 0.75,
                y=(page.height - y - height) * 0.75,
                width=width * 0.75,
                height=height * 0.75,
            )
    return None


def _city_name(unit: Unit) -> str:
    kabkota = Region.objects.filter(code=unit.region_id[:5]).values_list("name", flat=True).first() or ""
    return re.sub(r"^(Kota|Kabupaten)\s+", "", kabkota)


def letter_check(*, letter: Letter, content: bytes) -> bool:
    """Whether an uploaded file is, byte for byte, the letter that was issued, or the registered scan of it signed
    by hand."""
    if not letter.sha256:
        raise DomainError("Surat ini belum selesai dibuat; coba beberapa saat lagi.")
    digest = hashlib.sha256(content).hexdigest()
    return secrets.compare_digest(digest, letter.sha256) or bool(
        letter.scan_sha256 and secrets.compare_digest(digest, letter.scan_sha256)
    )


def letter_scan_attach(*, letter: Letter, actor: Any, upload: UploadedFile, now: dt.datetime | None = None) -> Letter:
    """Register the scan of a letter signed and stamped by hand (an office without an electronic signature): the
    request's own office, once per letter, for a letter that carries no electronic signature. The scan is checked
    like any upload (PDF, JPEG or PNG by content), stored with its SHA-256, and shown on the verification page."""
    request = letter.request
    gate.require(actor, "servicerequests.attach_scan", request, "Hanya petugas kantor yang menerbitkan surat ini.")
    if letter.signed_by:
        raise DomainError("Surat ini bertanda tangan elektronik; pindaian tanda tangan basah tidak diperlukan.")
    clean = clean_upload(upload, field="scan")
    with atomic_with_files():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.scan:
            raise DomainError("Pindaian surat ini sudah terdaftar; yang terdaftar tidak dapat diganti.", field="scan")
        extension = {PDF: "pdf", JPEG: "jpg", PNG: "png"}[clean.content_type]
        locked.scan.save(f"{request.code}-ttd-basah.{extension}", clean.content, save=False)
        locked.scan_content_type = clean.content_type
        locked.scan_sha256 = clean.sha256
        locked.scan_uploaded_at = now or timezone.now()
        locked.scan_uploaded_by = actor
        locked.save(update_fields=["scan", "scan_content_type", "scan_sha256", "scan_uploaded_at", "scan_uploaded_by"])
    from pamong.servicerequests.services import tracking_changed

    transaction.on_commit(lambda: tracking_changed(code=request.code))
    return locked
