"""The certified electronic signature by the BSrE esign API v2, against a local stub of that service: the lurah types
the passphrase, the letter is numbered, rendered and signed at once; a wrong passphrase, a signer not registered or
the service down leave the request waiting for signature with nothing half-done."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from pamong.accounts.models import User
from pamong.core.errors import DomainError
from pamong.organization.models import SignerIdentity, SignerNikAccess
from pamong.organization.services import EmployeeData, employee_update
from pamong.servicerequests import signing
from pamong.servicerequests.letters import letter_render_pdf
from pamong.servicerequests.models import Letter, LetterSequence, ServiceRequest, Status, StatusChange
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import BSRE_PASSWORD, BSRE_USER, BsreStub, make_request, make_service
from pamong.testing import Padang, free_port

pytestmark = pytest.mark.django_db

LURAH_NIK = "1371011507750001"
PASSPHRASE = "Rahasia#Lurah 2026"


@pytest.fixture
def stub() -> Iterator[BsreStub]:
    server = BsreStub(signers={LURAH_NIK: PASSPHRASE}).start()
    yield server
    server.stop()


@pytest.fixture
def bsre(settings: Any, stub: BsreStub, tmp_path: Path, padang: Padang) -> BsreStub:
    settings.PAMONG_SIGNING_BACKEND = "bsre"
    settings.PAMONG_BSRE_URL = stub.url
    settings.PAMONG_BSRE_USERNAME = BSRE_USER
    settings.PAMONG_BSRE_PASSWORD = BSRE_PASSWORD
    settings.PAMONG_BSRE_TIMEOUT = 5
    settings.MEDIA_ROOT = tmp_path / "media"
    SignerIdentity.objects.create(employee=padang.lurah_bp, kabkota_code="13.71", nik=LURAH_NIK)
    return stub


@pytest.fixture
def waiting(padang: Padang, petugas: User) -> ServiceRequest:
    """A request at Kantor Lurah Belakang Pondok, waiting for the lurah's signature."""
    request = make_request(padang.kantor_lurah_bp, make_service())
    for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
        request = request_transition(request=request, actor=petugas, to_status=to)
    return request


def _sign_on_page(client: Client, request: ServiceRequest, passphrase: str, note: str = "") -> Any:
    return client.post(
        reverse("servicerequests:transition", args=[request.code]),
        {"from_status": Status.MENUNGGU_TTD, "to_status": Status.SELESAI, "note": note, "passphrase": passphrase},
    )


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_lurah_signs_with_the_passphrase_and_the_letter_is_signed_by_bsre_at_once(
    bsre: BsreStub, waiting: ServiceRequest, lurah: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client()
    client.force_login(lurah)
    caplog.set_level(logging.DEBUG)
    response = _sign_on_page(client, waiting, PASSPHRASE, note="Sudah diperiksa")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.SELESAI
    letter = Letter.objects.get(request=waiting)
    assert letter.ready and letter.signed_by == "BSrE: Mulyadi"  # signed before the page answered
    content = letter.pdf.read()
    signature = PdfFileReader(io.BytesIO(content)).embedded_signatures[0]
    assert signature.signer_cert.subject.native["common_name"] == "BSrE stub"
    # What the service was sent: the instansi's Basic credentials, the NIK, the passphrase, one PDF, a visible
    # signature on page 1 in the letter's box (the QR code as its image).
    path, body = bsre.requests[-1]
    assert path == "/api/v2/sign/pdf"
    assert body["nik"] == LURAH_NIK and body["passphrase"] == PASSPHRASE and len(body["file"]) == 1
    (prop,) = body["signatureProperties"]
    assert prop["tampilan"] == "VISIBLE" and prop["page"] == 1
    assert 60 < prop["width"] < 75 and prop["width"] == prop["height"]  # the 24 mm square of the QR code
    assert 0 < prop["originX"] < 595 and 0 < prop["originY"] < 842 and prop["imageBase64"]
    assert prop["reason"].endswith(letter.number) and prop["location"] == "Padang"
    # The passphrase is nowhere: not in the history, not in the log. Every read of the NIK is recorded.
    assert not StatusChange.objects.filter(note__contains=PASSPHRASE).exists()
    assert PASSPHRASE not in caplog.text and LURAH_NIK not in caplog.text
    reads = SignerNikAccess.objects.filter(employee__user=lurah)
    assert reads.count() == 2 and {r.user_id for r in reads} == {lurah.pk}  # status check and signing


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("passphrase salah", "Passphrase salah"),
        ("tidak terdaftar", "belum terdaftar atau belum memiliki sertifikat elektronik aktif di BSrE"),
        ("5xx", "tidak dapat dihubungi"),
        ("timeout", "tidak dapat dihubungi"),
        ("connection refused", "tidak dapat dihubungi"),
        ("tanpa NIK", "NIK penanda tangan Anda belum diisi"),
    ],
)
def test_a_refused_signing_leaves_the_letter_waiting_with_nothing_half_done(
    case: str, message: str, bsre: BsreStub, waiting: ServiceRequest, lurah: User, settings: Any
) -> None:
    if case == "tidak terdaftar":
        bsre.signers.clear()
    elif case == "5xx":
        bsre.fail_with = 503
    elif case == "timeout":
        bsre.hang = 3
        settings.PAMONG_BSRE_TIMEOUT = 0.5
    elif case == "connection refused":
        settings.PAMONG_BSRE_URL = f"http://127.0.0.1:{free_port()}"
    elif case == "tanpa NIK":
        SignerIdentity.objects.all().delete()
    client = Client()
    client.force_login(lurah)
    typed = "wrong passphrase" if case == "passphrase salah" else PASSPHRASE
    response = _sign_on_page(client, waiting, typed, note="Catatan yang diketik lurah")

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Catatan yang diketik lurah" in page  # the typed note is kept
    assert typed not in page  # the passphrase is never sent back
    waiting.refresh_from_db()
    assert waiting.status == Status.MENUNGGU_TTD and waiting.finished_at is None
    assert not Letter.objects.exists()
    assert not LetterSequence.objects.filter(last_number__gt=0).exists()  # no number used
    assert not waiting.changes.filter(to_status=Status.SELESAI).exists()
    assert _files(Path(settings.MEDIA_ROOT) / "surat") == []  # no file left
    # The NIK went out (status check, and the signing itself once the signer is known): those reads stay recorded.
    reads = {"passphrase salah": 2, "tidak terdaftar": 1, "5xx": 1, "timeout": 2, "connection refused": 1}
    assert SignerNikAccess.objects.count() == reads.get(case, 0)

    # Once the service answers and the passphrase is right, the letter gets the first number: none was used up.
    bsre.fail_with, bsre.hang = 0, 0
    bsre.signers[LURAH_NIK] = PASSPHRASE
    settings.PAMONG_BSRE_URL = bsre.url
    settings.PAMONG_BSRE_TIMEOUT = 5
    SignerIdentity.objects.get_or_create(
        employee=waiting.unit.employees.get(name="Mulyadi"), defaults={"kabkota_code": "13.71", "nik": LURAH_NIK}
    )
    assert _sign_on_page(client, waiting, PASSPHRASE).status_code == 302
    assert Letter.objects.get(request=waiting).sequence == 1


def test_the_passphrase_is_asked_only_when_bsre_signs(
    settings: Any, waiting: ServiceRequest, lurah: User, petugas: User
) -> None:
    client = Client()
    client.force_login(lurah)
    url = reverse("servicerequests:detail", args=[waiting.code])
    settings.PAMONG_SIGNING_BACKEND = "local"
    assert 'type="password"' not in client.get(url).content.decode()
    settings.PAMONG_SIGNING_BACKEND = "bsre"
    page = client.get(url).content.decode()
    assert 'type="password"' in page and 'name="passphrase"' in page and 'autocomplete="off"' in page
    assert "Passphrase TTE" in page
    client.force_login(petugas)  # the petugas is offered no signature, so no passphrase either
    assert 'name="passphrase"' not in client.get(url).content.decode()


def test_an_empty_passphrase_is_refused_before_the_service_is_asked(
    bsre: BsreStub, waiting: ServiceRequest, lurah: User
) -> None:
    with pytest.raises(DomainError) as refused:
        request_transition(request=waiting, actor=lurah, to_status=Status.SELESAI, passphrase="")
    assert refused.value.field == "passphrase"
    assert bsre.requests == []


def test_the_signer_nik_is_kept_for_signers_only_and_shown_masked(
    padang: Padang, lurah: User, camat_padang_selatan: User
) -> None:
    staff = padang.staf_bp
    data = EmployeeData(
        name=staff.name,
        gender=staff.gender,
        employment_type=staff.employment_type,
        unit=staff.unit,
        nip=staff.nip or "",
        birth_date=staff.birth_date,
        position=staff.position,
        signer_nik=LURAH_NIK,
    )
    with pytest.raises(DomainError, match="hanya diisi untuk kepala unit atau sekretaris"):
        employee_update(actor=camat_padang_selatan, employee=staff, data=data)
    assert not SignerIdentity.objects.exists()

    client = Client()
    client.force_login(camat_padang_selatan)
    url = reverse("organization:employee_edit", args=[padang.lurah_bp.pk])
    form = client.get(url).context["form"]
    post = {k: v for k, v in form.initial.items() if v is not None}
    post.update(unit=padang.lurah_bp.unit_id, position=padang.lurah_bp.position_id, signer_nik=LURAH_NIK, active="on")
    if post.get("birth_date"):
        post["birth_date"] = post["birth_date"].isoformat()
    assert client.post(url, post).status_code == 302
    assert SignerIdentity.objects.get(employee=padang.lurah_bp).nik == LURAH_NIK
    page = client.get(url).content.decode()
    assert "1371********0001" in page and LURAH_NIK not in page  # masked, never put back into the form
    assert not SignerNikAccess.objects.exists()  # nothing whole was read


def test_both_backends_draw_a_visible_signature_in_the_letter(
    bsre: BsreStub, padang: Padang, petugas: User, lurah: User, settings: Any, tmp_path: Path
) -> None:
    """Renders one letter by each backend (kept in tmp_path for a look: pdftoppm -png -r 60 FILE.pdf out)."""
    from pamong.servicerequests.signing import certificate_create_self_signed

    certificate_create_self_signed(unit=padang.kantor_lurah_bp, organization="Pemerintah Kota Padang")
    for backend in ("local", "bsre"):
        settings.PAMONG_SIGNING_BACKEND = backend
        request = make_request(padang.kantor_lurah_bp, make_service())
        for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
            request = request_transition(request=request, actor=petugas, to_status=to)
        request_transition(request=request, actor=lurah, to_status=Status.SELESAI, passphrase=PASSPHRASE)
        letter = letter_render_pdf(letter=Letter.objects.get(request=request))  # the local one renders now
        content = letter.pdf.read()
        (tmp_path / f"surat-{backend}.pdf").write_bytes(content)
        reader = PdfFileReader(io.BytesIO(content))
        (signature,) = reader.embedded_signatures
        rect = (
            [float(v) for v in signature.sig_field["/Kids"][0]["/Rect"]]
            if "/Kids" in signature.sig_field
            else [float(v) for v in signature.sig_field["/Rect"]]
        )
        assert rect[2] - rect[0] > 60 and rect[3] - rect[1] > 60, backend  # a visible box, not an empty one
    assert isinstance(signing.signing_backend(), signing.BsreBackend)
