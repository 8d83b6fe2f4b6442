"""Uploaded documents: size limit, type recognised by content, images re-encoded without metadata.

Shared by service requests and complaints. Files are stored under MEDIA_ROOT, outside the web root, and served
only by views that check permission first.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from PIL import Image, ImageOps, UnidentifiedImageError

from pamong.core.errors import DomainError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
_EXTENSION = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
MAX_PIXELS = 40_000_000  # a phone photo is ~12 MP; anything far larger is refused before it is decoded


@dataclass
class CleanFile:
    content: ContentFile
    original_name: str
    content_type: str
    size: int
    sha256: str
    staged_pk: int | None = None  # the StagedUpload it came from (pamong.core.staging), removed once stored


def sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def clean_upload(upload: UploadedFile, *, field: str) -> CleanFile:
    """Check an uploaded document; raise DomainError (Bahasa Indonesia, on ``field``) when it is refused."""
    limit = settings.PAMONG_UPLOAD_MAX_BYTES
    name = (upload.name or "berkas")[-200:]
    if upload.size is None or upload.size > limit:
        raise DomainError(f"{name}: ukuran berkas lebih dari {limit // (1024 * 1024)} MB.", field=field)
    data = upload.read()
    kind = sniff(data[:16])
    if kind is None:
        raise DomainError(
            f"{name}: isi berkas bukan PDF, JPEG atau PNG (nama berkas saja tidak cukup). "
            "Pindai ulang atau simpan sebagai PDF.",
            field=field,
        )
    if kind == PDF:
        if b"%%EOF" not in data[-2048:]:
            raise DomainError(f"{name}: berkas PDF terpotong atau rusak.", field=field)
        clean = data
    else:
        clean = _reencode(data, kind, name=name, field=field)
    base = name.rsplit(".", 1)[0][:80] or "berkas"
    return CleanFile(
        content=ContentFile(clean, name=f"{base}.{_EXTENSION[kind]}"),
        original_name=name,
        content_type=kind,
        size=len(clean),
        sha256=hashlib.sha256(clean).hexdigest(),
    )


def _reencode(data: bytes, kind: str, *, name: str, field: str) -> bytes:
    """Decode and encode again: drops EXIF (GPS, camera) and anything hidden after the image data."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise DomainError(
                    f"{name}: gambar terlalu besar (lebih dari 40 megapiksel). Kecilkan lalu unggah lagi.", field=field
                )
            opened.load()
            if opened.format not in ("JPEG", "PNG"):
                raise DomainError(f"{name}: gambar tidak dikenali.", field=field)
            upright = ImageOps.exif_transpose(opened)  # keep the photo upright once the orientation tag is gone
            out = io.BytesIO()
            if kind == JPEG:
                upright.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
            else:
                upright.save(out, "PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise DomainError(f"{name}: gambar rusak atau tidak dapat dibaca.", field=field) from None
    return out.getvalue()


def stored_file_response(
    stored: FieldFile, content_type: str, *, cache: str = "private, max-age=3600", name: str = ""
) -> FileResponse:
    """Serve a stored upload after the caller has checked permission: shown inline, never sniffed as another
    type, kept by caches as ``cache`` says (``private, no-store`` for personal or health data)."""
    response = FileResponse(stored.open("rb"), content_type=content_type)
    if name:
        response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    return response
