from __future__ import annotations

import datetime as dt
import hashlib
import threading
import zoneinfo
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.servicerequests.letters import letter_body_html, letter_number
from pamong.servicerequests.models import Letter, ServiceRequest, Status
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import finish, make_request, make_service
from pamong.testing import Padang, make_user

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def actors(petugas: User, lurah: User) -> tuple[User, User]:
    return petugas, lurah


def test_signing_numbers_the_letter_and_renders_a_pdf_with_its_hash(
    padang: Padang, actors: tuple[User, User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    petugas, lurah = actors
    service = make_service()
    when = dt.datetime(2026, 11, 25, 9, tzinfo=WIB)
    with django_capture_on_commit_callbacks(execute=True):
        first = finish(make_request(padang.kantor_lurah_bp, service), petugas, lurah, now=when)
        second = finish(make_request(padang.kantor_lurah_bp, service), petugas, lurah, now=when)
    a, b = Letter.objects.get(request=first), Letter.objects.get(request=second)
    assert (a.number, b.number) == ("470/001/Kel.BP/XI/2026", "470/002/Kel.BP/XI/2026")
    assert a.signer_name == "Mulyadi" and a.signer_title == "Lurah" and a.signer_nip == padang.lurah_bp.nip
    content = a.pdf.read()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == a.sha256


def test_letter_numbers_follow_the_indonesian_form(padang: Padang) -> None:
    when = dt.date(2026, 3, 2)
    assert (
        letter_number(archive_code="474.3", sequence=7, code=padang.kantor_camat_ps.letter_code, when=when)
        == "474.3/007/Kec.PS/III/2026"
    )


def test_citizen_text_in_a_letter_is_escaped(padang: Padang, actors: tuple[User, User]) -> None:
    petugas, lurah = actors
    request = make_request(padang.kantor_lurah_bp, make_service(), answers={"keperluan": "<script>alert(1)</script>"})
    request = finish(request, petugas, lurah)
    html = letter_body_html(request, Letter.objects.get(request=request))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>Yusnimar Chaniago</strong>" in html


def test_verification_page_accepts_the_letter_and_refuses_an_edited_or_forged_one(
    client: Client, padang: Padang, actors: tuple[User, User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    petugas, lurah = actors
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(make_request(padang.kantor_lurah_bp, make_service()), petugas, lurah)
    letter = Letter.objects.get(request=request)
    original = letter.pdf.read()
    page = client.get(f"/verifikasi/{letter.verification_code}/").content.decode()
    assert letter.number in page and "Y*** C***" in page and "1371014204850003" not in page

    def check(content: bytes) -> str:
        upload = SimpleUploadedFile("surat.pdf", content, content_type="application/pdf")
        return client.post(f"/verifikasi/{letter.verification_code}/", {"pdf": upload}).content.decode()

    assert "Cocok." in check(original)
    edited = original.replace(b"Melamar pekerjaan", b"Melamar pekerjaaN")
    assert "Tidak cocok." in check(edited if edited != original else original + b"\n")
    assert "Tidak cocok." in check(b"%PDF-1.4 palsu %%EOF")
    assert client.get("/verifikasi/TIDAKADA/").status_code == 404


def test_the_citizen_downloads_the_letter_with_the_nik(
    client: Client, padang: Padang, actors: tuple[User, User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    petugas, lurah = actors
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(make_request(padang.kantor_lurah_bp, make_service()), petugas, lurah)
    page = client.get(reverse("servicerequests:track", args=[request.code])).content.decode()
    assert "Unduh surat (PDF)" in page
    wrong = client.post(
        reverse("servicerequests:letter", args=[request.code]), {"nik": "1371014204850004"}
    ).content.decode()
    assert "NIK tidak sama dengan NIK pemohon." in wrong and 'value="1371014204850004"' in wrong
    response = client.post(reverse("servicerequests:letter", args=[request.code]), {"nik": "1371 0142 0485 0003"})
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
def test_fifty_letters_signed_at_once_get_fifty_consecutive_numbers(padang: Padang, monkeypatch: Any) -> None:
    from pamong.servicerequests import tasks

    # PDFs are not what this test is about.
    monkeypatch.setattr(tasks, "render_letter", SimpleNamespace(enqueue=lambda *a, **k: None))
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    service = make_service()
    requests = [make_request(padang.kantor_lurah_bp, service) for _ in range(50)]
    ServiceRequest.objects.update(status=Status.MENUNGGU_TTD)
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def sign(pk: int) -> None:
        try:
            mine = ServiceRequest.objects.select_related("service", "unit__region").get(pk=pk)
            barrier.wait()
            request_transition(request=mine, actor=lurah, to_status=Status.SELESAI)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(r.pk,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(Letter.objects.values_list("sequence", flat=True))
    assert numbers == list(range(1, 51))


def test_a_unit_with_a_certificate_signs_its_letters_as_pades(
    padang: Padang, actors: tuple[User, User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    import io

    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from pamong.servicerequests.signing import certificate_create_self_signed

    petugas, lurah = actors
    certificate = certificate_create_self_signed(unit=padang.kantor_lurah_bp, organization="Pemerintah Kota Padang")
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(make_request(padang.kantor_lurah_bp, make_service()), petugas, lurah)
    letter = Letter.objects.get(request=request)
    content = letter.pdf.read()
    assert hashlib.sha256(content).hexdigest() == letter.sha256  # the hash covers the signed file
    assert letter.signed_by.startswith("CN=Penandatangan Kantor Lurah Belakang Pondok")

    with certificate.pkcs12.open("rb") as handle:
        _key, cert, _others = pkcs12.load_key_and_certificates(handle.read(), certificate.passphrase.encode())
    assert cert is not None
    der = cert.public_bytes(Encoding.DER)
    root = asn1_x509.Certificate.load(pem.unarmor(pem.armor("CERTIFICATE", der))[2])
    signature = PdfFileReader(io.BytesIO(content)).embedded_signatures[0]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Penandatangan Kantor Lurah Belakang Pondok"


def test_a_unit_without_a_certificate_gets_an_unsigned_letter(
    padang: Padang, actors: tuple[User, User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    petugas, lurah = actors
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(make_request(padang.kantor_lurah_bp, make_service()), petugas, lurah)
    content = Letter.objects.get(request=request).pdf.read()
    assert PdfFileReader(io.BytesIO(content)).embedded_signatures == []


def test_verification_names_the_signer_and_says_who_vouches_for_the_certificate(
    client: Client, padang: Padang, actors: tuple[User, User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from pamong.servicerequests.signing import certificate_create_self_signed

    petugas, lurah = actors
    certificate_create_self_signed(unit=padang.kantor_lurah_bp, organization="Pemerintah Kota Padang")
    with django_capture_on_commit_callbacks(execute=True):
        request = finish(make_request(padang.kantor_lurah_bp, make_service()), petugas, lurah)
    letter = Letter.objects.get(request=request)
    assert letter.signed_by and letter.signature_issuer == letter.signed_by
    page = client.get(f"/verifikasi/{letter.verification_code}/").content.decode()
    assert "Surat ini asli dan tercatat di Pamong" in page
    assert letter.signer_name in page and letter.signer_title in page
    assert "sertifikat swa-tanda yang dibuat sendiri oleh Pemerintah Kota Padang (uji coba)" in page
    assert "CN=" not in page and "OU=" not in page  # no raw distinguished name


def test_an_unknown_code_says_the_letter_was_not_issued_through_pamong(client: Client, padang: Padang) -> None:
    response = client.get("/verifikasi/TIDAKADA2345/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Kode tidak terdaftar: surat ini tidak diterbitkan melalui Pamong." in page
    assert "bukan bagian dari wilayah kerja Anda" not in page


def test_the_code_can_be_typed_by_hand(client: Client, padang: Padang) -> None:
    response = client.get(reverse("servicerequests:verify_lookup"), {"kode": "abcd-2345 efgh"})
    assert response.status_code == 302 and response["Location"] == "/verifikasi/ABCD2345EFGH/"
    page = client.get(reverse("servicerequests:verify_lookup"), {"kode": "ab<c"}).content.decode()
    assert "Kode verifikasi terdiri dari 12 huruf dan angka" in page and 'value="ab&lt;c"' in page


def test_issuer_words() -> None:
    from pamong.servicerequests.signing import issuer_words

    assert issuer_words(issuer="BSrE", subject="BSrE: Mulyadi", self_signed=False).startswith(
        "Balai Besar Sertifikasi Elektronik (BSrE)"
    )
    assert (
        issuer_words(issuer="CN=OSD2 BSrE,O=Badan Siber dan Sandi Negara,C=ID", subject="CN=MULYADI", self_signed=False)
        == "Badan Siber dan Sandi Negara (OSD2 BSrE)"
    )
    assert issuer_words(issuer="", subject="CN=MULYADI", self_signed=False) == "penerbit sertifikat tidak tercatat"
    assert issuer_words(issuer="", subject="", self_signed=False) == ""


def test_the_finished_request_says_where_to_collect_and_whether_the_pdf_suffices(
    client: Client, padang: Padang, actors: tuple[User, User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from pamong.servicerequests.signing import certificate_create_self_signed

    petugas, lurah = actors
    unit = padang.kantor_lurah_bp
    unit.address, unit.phone = "Jl. Belakang Pondok No. 12", "0751 21234"
    unit.save()
    with django_capture_on_commit_callbacks(execute=True):
        unsigned = finish(make_request(unit, make_service()), petugas, lurah)
    page = client.get(reverse("servicerequests:track", args=[unsigned.code])).content.decode()
    assert "diambil di Kantor Lurah Belakang Pondok</strong>, Jl. Belakang Pondok No. 12" in page
    assert 'href="tel:075121234"' in page and reverse("portal:region", args=["13.71.01.1001"]) in page
    assert "adalah surat yang sah" not in page

    certificate_create_self_signed(unit=unit, organization="Pemerintah Kota Padang")
    with django_capture_on_commit_callbacks(execute=True):
        signed = finish(make_request(unit, make_service(), nik="1371014204850004"), petugas, lurah)
    page = client.get(reverse("servicerequests:track", args=[signed.code])).content.decode()
    assert "PDF yang Anda unduh adalah surat yang sah" in page and "tidak perlu cap basah" in page
