from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image

from pamong.catalog.models import ServiceType
from pamong.servicerequests.models import ServiceRequest, Status
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import PDF, WARGA, form_data, make_request, make_service
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(padang: Padang) -> ServiceType:
    return make_service()


def test_a_citizen_applies_and_gets_a_receipt_without_personal_data(
    client: Client, padang: Padang, service: ServiceType
) -> None:
    response = client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang))
    request = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("servicerequests:receipt", args=[request.code])
    assert request.nik == "1371014204850003" and request.phone == "+6281234567890"
    assert request.answers == {"keperluan": "Melamar pekerjaan"}
    assert request.status == Status.DIAJUKAN and request.unit == padang.kantor_lurah_bp
    photo = request.documents.get(original_name="ktp.jpg")
    with Image.open(photo.file.path) as stored:
        assert dict(stored.getexif()) == {}  # camera and GPS data gone
    assert str(photo.file.path).startswith(str(__import__("django.conf").conf.settings.MEDIA_ROOT))

    receipt = client.get(response["Location"]).content.decode()
    assert request.code_display in receipt
    assert "Y*** C***" in receipt
    assert "data:image/svg+xml" in receipt  # the QR code
    for secret in ("1371014204850003", "Yusnimar", "6281234567890", "Belakang Pondok No. 12"):
        assert secret not in receipt


def test_double_submit_creates_one_request(client: Client, padang: Padang, service: ServiceType) -> None:
    first = client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang))
    second = client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang))
    assert first["Location"] == second["Location"]
    assert ServiceRequest.objects.count() == 1


def test_a_nik_that_does_not_match_the_birth_date_is_explained_and_input_kept(
    client: Client, padang: Padang, service: ServiceType
) -> None:
    html = client.post(
        reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang, birth_date="1985-04-03")
    ).content.decode()
    assert "NIK ini milik orang yang lahir 02-04-1985, bukan 03-04-1985." in html
    assert 'value="Yusnimar Chaniago"' in html and "Melamar pekerjaan" in html
    assert "Sudah terlampir: <strong" in html and "ktp.jpg" in html  # the files need not be chosen again
    html = client.post(
        reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang, gender="L")
    ).content.decode()
    assert "NIK ini milik seorang perempuan." in html
    html = client.post(
        reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang, nik="12345")
    ).content.decode()
    assert "NIK" in html and "16" in html
    assert not ServiceRequest.objects.exists()


def test_an_upload_that_lies_about_its_type_is_refused_and_the_rest_kept(
    client: Client, padang: Padang, service: ServiceType
) -> None:
    docs = list(service.documents.order_by("order"))
    fake = SimpleUploadedFile("pengantar.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    html = client.post(
        reverse("servicerequests:apply", args=["sk-domisili"]),
        form_data(service, padang, **{f"doc_{docs[1].pk}": fake}),
    ).content.decode()
    assert "pengantar.pdf: isi berkas bukan PDF, JPEG atau PNG" in html
    assert 'value="Yusnimar Chaniago"' in html and 'value="Pedagang"' in html
    assert not ServiceRequest.objects.exists()


@override_settings(PAMONG_UPLOAD_MAX_BYTES=1024)
def test_an_upload_over_the_size_limit_is_refused(client: Client, padang: Padang, service: ServiceType) -> None:
    docs = list(service.documents.order_by("order"))
    big = SimpleUploadedFile("besar.pdf", PDF + b"%" * 2048 + b"\n%%EOF\n", content_type="application/pdf")
    html = client.post(
        reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang, **{f"doc_{docs[1].pk}": big})
    ).content.decode()
    assert "besar.pdf: ukuran berkas lebih dari" in html


def test_tracking_shows_status_and_the_correction_round_trip(
    client: Client, padang: Padang, service: ServiceType
) -> None:
    from pamong.accounts.models import Role
    from pamong.testing import make_user

    client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang))
    request = ServiceRequest.objects.get()
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    request_transition(
        request=request, actor=petugas, to_status=Status.DIKEMBALIKAN, note="Pengantar RT belum distempel."
    )

    assert (
        client.get(reverse("servicerequests:track", args=[request.code_display.lower()])).status_code == 200
    )  # typed as read aloud
    assert client.get(reverse("servicerequests:track_lookup"), {"kode": request.code_display.lower()})[
        "Location"
    ] == reverse("servicerequests:track", args=[request.code])
    html = client.get(reverse("servicerequests:track", args=[request.code])).content.decode()
    assert "Dikembalikan untuk dilengkapi" in html and "Pengantar RT belum distempel." in html
    assert "Yusnimar" not in html and "1371014204850003" not in html and "Mulyadi" not in html

    docs = list(service.documents.order_by("order"))
    wrong = client.post(
        reverse("servicerequests:correct", args=[request.code]), {"nik": "1371014204850004", "reply": "Sudah"}
    ).content.decode()
    assert "NIK tidak sama dengan NIK pemohon." in wrong
    fixed = client.post(
        reverse("servicerequests:correct", args=[request.code]),
        {"nik": "1371014204850003", "reply": "Sudah distempel", f"doc_{docs[1].pk}": SimpleUploadedFile("rt.pdf", PDF)},
    )
    assert fixed.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.DIAJUKAN and request.due_at is not None
    assert request.documents.filter(original_name="rt.pdf").exists()


def test_bad_codes_get_a_message_and_lookups_are_rate_limited(client: Client, padang: Padang) -> None:
    html = client.get(reverse("servicerequests:track_lookup"), {"kode": "ABCD-EFGH"}).content.decode()
    assert "Kode lacak tidak valid" in html and 'value="ABCD-EFGH"' in html
    statuses = [client.get(reverse("servicerequests:track", args=["0000000000"])).status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    # Once blocked, even a real code is refused for the rest of the window: guessing cannot go on.
    real = make_request(padang.kantor_lurah_bp, make_service())
    assert client.get(reverse("servicerequests:track", args=[real.code])).status_code == 429


def test_a_citizen_reloading_their_own_page_is_never_limited(client: Client, padang: Padang) -> None:
    real = make_request(padang.kantor_lurah_bp, make_service())
    assert {client.get(reverse("servicerequests:track", args=[real.code])).status_code for _ in range(40)} == {200}


def test_the_tracking_page_shows_each_new_status_at_once_though_it_is_cached(
    client: Client,
    padang: Padang,
    service: ServiceType,
    django_assert_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from pamong.accounts.models import Role
    from pamong.servicerequests.testing import make_request
    from pamong.testing import make_user

    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(padang.kantor_lurah_bp, service)
        request_transition(request=request, actor=petugas, to_status=Status.DIVERIFIKASI)
    client.get(reverse("servicerequests:track", args=[request.code]))
    with django_assert_num_queries(0):  # a citizen reloading is served from memory
        first = client.get(reverse("servicerequests:track", args=[request.code])).content.decode()
    request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request=request, actor=petugas, to_status=Status.DIKEMBALIKAN, note="Stempel RT kurang.")
    second = client.get(reverse("servicerequests:track", args=[request.code])).content.decode()
    assert "Diverifikasi" in first and "Stempel RT kurang." not in first
    assert "Dikembalikan untuk dilengkapi" in second and "Stempel RT kurang." in second
    assert "Lengkapi dan kirim kembali" in second


def test_the_cached_tracking_page_still_gives_each_visitor_a_working_letter_form(
    padang: Padang, service: ServiceType, django_capture_on_commit_callbacks: Any
) -> None:
    """Citizens' tracking pages come from the cache; the letter form's CSRF token is each visitor's own, the
    page changes when the letter is ready, and an answered survey turns the invitation into thanks."""
    from pamong.accounts.models import Role
    from pamong.servicerequests.testing import finish
    from pamong.surveys.testing import make_survey
    from pamong.testing import make_user

    make_survey(padang.kantor_lurah_bp)
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    with django_capture_on_commit_callbacks(execute=False):  # no PDF yet: as if the worker had not run
        request = finish(make_request(padang.kantor_lurah_bp, service), petugas, lurah)
    from pamong.servicerequests.services import tracking_changed

    tracking_changed(code=request.code)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):  # the visit asks the queue for the missing PDF
        page = first.get(reverse("servicerequests:track", args=[request.code])).content.decode()
    assert "Surat sedang dibuat" in page and "Isi survei kepuasan" in page
    for visitor in (first, second):
        html = visitor.get(reverse("servicerequests:track", args=[request.code])).content.decode()
        assert "Unduh surat (PDF)" in html and "pamong-csrf-slot" not in html
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        download = visitor.post(
            reverse("servicerequests:letter", args=[request.code]), {"nik": WARGA.nik, "csrfmiddlewaretoken": token}
        )
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    from pamong.surveys.services import link_token

    Client().post(
        reverse("surveys:answer", args=[link_token(request)]),
        {**{f"u{i}": "4" for i in range(1, 10)}, "token": "c" * 32},
    )
    assert (
        "Terima kasih sudah mengisi survei"
        in first.get(reverse("servicerequests:track", args=[request.code])).content.decode()
    )


def test_an_application_in_a_year_without_holidays_is_refused_with_a_message_and_the_form_kept(
    client: Client, padang: Padang, service: ServiceType
) -> None:
    from django.utils import timezone

    from pamong.workdays.models import Holiday

    Holiday.objects.filter(date__year__gte=timezone.localdate().year).delete()
    response = client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang))
    assert response.status_code == 200  # the form again, not a 500
    text = response.content.decode()
    assert f"hari libur tahun {timezone.localdate().year} belum diisi" in text
    assert "Yusnimar Chaniago" in text  # what the citizen typed is kept
    assert not ServiceRequest.objects.exists()
