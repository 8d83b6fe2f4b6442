"""What the security review found, each kept from coming back."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image

from pamong.accounts.models import User
from pamong.core.errors import DomainError, Forbidden
from pamong.core.uploads import clean_upload
from pamong.servicerequests.models import Letter, RequestDocument, ServiceRequest, Status, StatusChange
from pamong.servicerequests.services import NIK_ATTEMPTS, request_check_nik, request_transition
from pamong.servicerequests.testing import WARGA, make_request, make_service
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_a_huge_image_is_refused_before_it_is_decoded() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 megapixels in a few kilobytes
    with pytest.raises(DomainError, match="gambar terlalu besar"):
        clean_upload(SimpleUploadedFile("bom.png", out.getvalue()), field="doc")


def test_staff_cannot_send_a_returned_request_back_in_the_citizens_name(
    client: Client, padang: Padang, petugas: User, pimpinan_padang: User
) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    request = request_transition(request=request, actor=petugas, to_status=Status.DIKEMBALIKAN, note="Lengkapi")
    with pytest.raises(Forbidden, match="Hanya pemohon"):
        request_transition(request=request, actor=petugas, to_status=Status.DIAJUKAN)
    client.force_login(pimpinan_padang)
    client.post(
        reverse("servicerequests:transition", args=[request.code]),
        {"from_status": "dikembalikan", "to_status": "diajukan"},
    )
    assert ServiceRequest.objects.get(pk=request.pk).status == Status.DIKEMBALIKAN


def test_wrong_niks_lock_the_request_for_a_day(padang: Padang) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    for _ in range(NIK_ATTEMPTS):
        with pytest.raises(DomainError, match="NIK tidak sama"):
            request_check_nik(request=request, nik="1371014204850009")
    with pytest.raises(DomainError, match="Terlalu banyak NIK salah"):
        request_check_nik(request=request, nik=WARGA.nik)  # even the right one, until tomorrow


@override_settings(PAMONG_APPLY_LIMIT=2)
def test_applications_are_rate_limited_per_address(client: Client, padang: Padang) -> None:
    make_service()
    statuses = [
        client.post(reverse("servicerequests:apply", args=["sk-domisili"]), {"token": f"t{i}"}).status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_one_phone_number_cannot_flood_messages(padang: Padang) -> None:
    service = make_service()
    same = replace(WARGA, phone="+6281299990000")
    for _ in range(10):
        make_request(padang.kantor_lurah_bp, service, applicant=same)
    with pytest.raises(DomainError, match="sudah dipakai untuk 10 permohonan hari ini"):
        make_request(padang.kantor_lurah_bp, service, applicant=same)


def test_other_units_see_personal_answers_masked_and_cannot_search_names(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    fields = [
        {"code": "keperluan", "label": "Keperluan", "kind": "textarea", "required": True},
        {"code": "nik_almarhum", "label": "NIK almarhum", "kind": "nik", "required": True},
    ]
    service = make_service(code="sk-kematian", name="Surat Keterangan Kematian", fields=fields)
    request = make_request(
        padang.kantor_lurah_bp, service, answers={"keperluan": "Ahli waris", "nik_almarhum": "1371015507150001"}
    )
    client.force_login(camat_padang_selatan)
    html = client.get(reverse("servicerequests:detail", args=[request.code])).content.decode()
    assert "1371015507150001" not in html and "1371********0001" in html
    assert request.code_display not in client.get(reverse("servicerequests:inbox"), {"q": "Yusnimar"}).content.decode()


def test_a_text_answer_that_looks_like_a_date_does_not_stop_the_letter(
    padang: Padang, petugas: User, lurah: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service(), answers={"keperluan": "2024-13-45"})
    with django_capture_on_commit_callbacks(execute=True):
        for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
            request = request_transition(request=request, actor=petugas, to_status=to)
        request_transition(request=request, actor=lurah, to_status=Status.SELESAI)
    assert Letter.objects.get(request=request).ready


def test_assigning_never_redirects_off_site(client: Client, padang: Padang, lurah: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    client.force_login(lurah)
    response = client.post(
        reverse("servicerequests:assign"),
        {"ids": [request.pk], "assignee": padang.staf_bp.pk, "next": "https://contoh.invalid/"},
    )
    assert response["Location"] == reverse("servicerequests:inbox")


def test_the_inbox_hands_numbers_to_forms_without_thousands_separators(
    client: Client, padang: Padang, lurah: User
) -> None:
    """Pages show numbers as Indonesians write them (1.234), but an id in a form field is not for reading: a
    request or employee past the thousandth was sent as "1.234", which the assignment dropped without a word."""
    from pamong.testing import make_employee

    request = make_request(padang.kantor_lurah_bp, make_service())
    ServiceRequest.objects.filter(pk=request.pk).update(id=23456)  # FK checks wait until the test's end
    for model in (StatusChange, RequestDocument):
        model.objects.filter(request_id=request.pk).update(request_id=23456)
    helper = make_employee(padang.kantor_lurah_bp, "Rahmi", padang.staf_bp_pos)
    type(helper).objects.filter(pk=helper.pk).update(id=12345)
    client.force_login(lurah)
    page = client.get(reverse("servicerequests:inbox")).content.decode()
    assert 'name="ids" value="23456"' in page and '<option value="12345">' in page
    assert "23.456" not in page and "12.345" not in page
    client.post(reverse("servicerequests:assign"), {"ids": ["23456"], "assignee": "12345"})
    assert ServiceRequest.objects.get(pk=23456).assignee_id == 12345
