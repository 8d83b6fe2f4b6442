"""The letter on the staff page (issue 15 point 3): before signing, the exact letter marked DRAF inside the request's
page (no number taken, nothing stored); after signing, its number and "Unduh/Cetak surat", every copy recorded."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.servicerequests.letters import letter_render_pdf
from pamong.servicerequests.models import Letter, LetterSequence, PersonalDataAccess, ServiceRequest, Status
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import make_request, make_service
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(padang: Padang, petugas_belakang_pondok: User) -> ServiceRequest:
    request = make_request(padang.kantor_lurah_bp, make_service())
    for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
        request = request_transition(request=request, actor=petugas_belakang_pondok, to_status=to)
    return request


def test_the_signer_sees_the_draft_letter_inside_the_page_before_signing(
    client: Client, waiting: ServiceRequest, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("servicerequests:detail", args=[waiting.code])).content.decode()
    preview_url = reverse("servicerequests:letter_preview", args=[waiting.code])
    assert f'<iframe class="letter-preview border rounded w-100" src="{preview_url}"' in page
    assert "Tanda tangani dan selesaikan" in page

    response = client.get(preview_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Framed by the request's own page only; never kept by a cache.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"
    # A preview takes no number and stores nothing.
    assert not Letter.objects.exists() and not LetterSequence.objects.exists()
    assert PersonalDataAccess.objects.filter(request=waiting, what="pratinjau surat").count() == 1


def test_no_preview_for_another_office_or_before_the_letter_is_prepared(
    client: Client, padang: Padang, waiting: ServiceRequest, petugas_alang_laweh: User, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_alang_laweh)
    assert client.get(reverse("servicerequests:letter_preview", args=[waiting.code])).status_code == 404
    fresh = make_request(padang.kantor_lurah_bp, waiting.service)
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("servicerequests:letter_preview", args=[fresh.code])).status_code == 404
    assert "letter-preview" not in client.get(reverse("servicerequests:detail", args=[fresh.code])).content.decode()


def test_after_signing_the_staff_page_gives_the_number_and_the_letter(
    client: Client, waiting: ServiceRequest, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    request_transition(request=waiting, actor=lurah_belakang_pondok, to_status=Status.SELESAI)
    letter = letter_render_pdf(letter=Letter.objects.get(request=waiting))
    client.force_login(petugas_belakang_pondok)
    page = client.get(reverse("servicerequests:detail", args=[waiting.code])).content.decode()
    assert letter.number in page and "Unduh/Cetak surat" in page and "letter-preview" not in page
    copy_url = reverse("servicerequests:letter_copy", args=[waiting.code])
    for _ in range(2):
        response = client.get(copy_url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert PersonalDataAccess.objects.filter(request=waiting, what="unduh/cetak surat").count() == 2
