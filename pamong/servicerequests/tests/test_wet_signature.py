"""Offices without an electronic signature: the letter leaves room for the head's signature and stamp by hand, the
office registers the scan of the signed letter, and the QR code's page says it was signed by hand, with the scan's
hash. The kop surat carries the Pemda's logo."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from pamong.accounts.models import User
from pamong.servicerequests.letters import letter_check
from pamong.servicerequests.models import Letter, Letterhead
from pamong.servicerequests.signing import certificate_create_self_signed
from pamong.servicerequests.testing import finish, make_request, make_service
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def _poppler(tool: str, *args: str) -> str:
    """Run one of poppler-utils' tools (Debian's poppler-utils, as .ci/run installs) on a file of the test."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")
    return subprocess.run([path, *args], capture_output=True, text=True, check=True).stdout  # noqa: S603


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "surat.pdf"
    path.write_bytes(pdf)
    return _poppler("pdftotext", "-layout", str(path), "-")


def _scan() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 170), "white").save(buffer, "JPEG")
    return SimpleUploadedFile("pindaian.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def issued(
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Letter:
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(
            make_request(padang.kantor_lurah_bp, make_service()), petugas_belakang_pondok, lurah_belakang_pondok
        )
    return Letter.objects.get(request=request)


def test_the_letter_leaves_room_for_a_hand_signature_and_keeps_its_qr(issued: Letter, tmp_path: Path) -> None:
    text = _pdf_text(issued.pdf.read(), tmp_path)
    assert "ditandatangani basah dan terdaftar di Pamong" in text
    assert "Ditandatangani secara elektronik" not in text
    assert issued.verification_code in text


def test_the_office_registers_the_scan_and_the_qr_page_says_signed_by_hand(
    client: Client,
    issued: Letter,
    petugas_belakang_pondok: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client.force_login(petugas_belakang_pondok)
    detail = reverse("servicerequests:detail", args=[issued.request.code])
    assert "Daftarkan pindaian" in client.get(detail).content.decode()
    upload = _scan()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("servicerequests:letter_scan", args=[issued.request.code]), {"scan": upload}, follow=True
        )
    issued.refresh_from_db()
    assert issued.scan and issued.scan_uploaded_by == petugas_belakang_pondok and len(issued.scan_sha256) == 64
    assert "Pindaian surat bertanda tangan basah terdaftar" in response.content.decode()

    page = Client().get(reverse("servicerequests:verify", args=[issued.verification_code])).content.decode()
    assert "Ditandatangani basah dan didaftarkan di Pamong" in page and issued.scan_sha256 in page
    assert letter_check(letter=issued, content=issued.scan.read())  # the scan itself verifies

    again = client.post(
        reverse("servicerequests:letter_scan", args=[issued.request.code]), {"scan": _scan()}, follow=True
    )
    assert "sudah terdaftar; yang terdaftar tidak dapat diganti" in again.content.decode()


def test_a_bad_file_or_another_office_is_refused(
    client: Client, issued: Letter, petugas_alang_laweh: User, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    fake = SimpleUploadedFile("surat.pdf", b"bukan pdf sama sekali", content_type="application/pdf")
    response = client.post(
        reverse("servicerequests:letter_scan", args=[issued.request.code]), {"scan": fake}, follow=True
    )
    assert "isi berkas bukan PDF, JPEG atau PNG" in response.content.decode()
    client.force_login(petugas_alang_laweh)
    assert (
        client.post(reverse("servicerequests:letter_scan", args=[issued.request.code]), {"scan": _scan()}).status_code
        == 404
    )
    issued.refresh_from_db()
    assert not issued.scan


def test_an_electronically_signed_letter_needs_no_scan(
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
    tmp_path: Path,
) -> None:
    from pamong.core.errors import DomainError
    from pamong.servicerequests.letters import letter_scan_attach

    certificate_create_self_signed(unit=padang.kantor_lurah_bp, organization="Pemerintah Kota Padang")
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(
            make_request(padang.kantor_lurah_bp, make_service()), petugas_belakang_pondok, lurah_belakang_pondok
        )
    letter = Letter.objects.get(request=request)
    assert "ditandatangani basah" not in _pdf_text(letter.pdf.read(), tmp_path)
    with pytest.raises(DomainError, match="bertanda tangan elektronik"):
        letter_scan_attach(letter=letter, actor=petugas_belakang_pondok, upload=_scan())


def test_the_kop_carries_the_pemda_logo(
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
    tmp_path: Path,
) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 240), (200, 30, 30)).save(buffer, "PNG")
    row = Letterhead(kabkota_code="13.71")
    row.logo.save("logo.png", ContentFile(buffer.getvalue()), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(
            make_request(padang.kantor_lurah_bp, make_service()), petugas_belakang_pondok, lurah_belakang_pondok
        )
    path = tmp_path / "surat.pdf"
    path.write_bytes(Letter.objects.get(request=request).pdf.read())
    images = _poppler("pdfimages", "-list", str(path))
    assert any(line.split()[3:5] == ["200", "240"] for line in images.splitlines()[2:])  # the logo, at its size
