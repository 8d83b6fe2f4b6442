"""A full or read-only disk while a citizen applies or sends a correction: a clear message, the form kept, no
request and no file left behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.catalog.models import ServiceType
from pamong.servicerequests.models import RequestDocument, ServiceRequest, Status
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import PDF, form_data, make_request, make_service
from pamong.testing import Padang, broken_disk, make_user, stored_files

pytestmark = pytest.mark.django_db
MESSAGE = "Berkas tidak dapat disimpan karena penyimpanan server sedang bermasalah"


@pytest.fixture
def service(padang: Padang) -> ServiceType:
    return make_service()


def test_an_application_on_a_broken_disk_keeps_the_form_and_stores_nothing(
    client: Client, padang: Padang, service: ServiceType, broken_media: Path
) -> None:
    response = client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang))
    html = response.content.decode()
    assert response.status_code == 200 and MESSAGE in html
    assert 'value="Yusnimar Chaniago"' in html and "Jl. Belakang Pondok No. 12" in html  # what was typed
    assert not ServiceRequest.objects.exists() and not RequestDocument.objects.exists()
    assert stored_files(broken_media) == []


def test_room_for_the_first_document_only_stores_neither(
    client: Client, padang: Padang, service: ServiceType, tmp_path: Path, settings: Any
) -> None:
    with broken_disk(tmp_path / "media", "satu-berkas") as folder:
        settings.MEDIA_ROOT = folder
        response = client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang))
        assert MESSAGE in response.content.decode()
        assert not ServiceRequest.objects.exists()
        assert stored_files(folder) == []  # the first document, stored before the second failed, is removed
    # The same form sent again once the disk has room goes through, once.
    settings.MEDIA_ROOT = tmp_path / "media-baru"
    assert (
        client.post(reverse("servicerequests:apply", args=["sk-domisili"]), form_data(service, padang)).status_code
        == 302
    )
    assert ServiceRequest.objects.get().documents.count() == 2


def test_a_correction_on_a_broken_disk_leaves_the_request_waiting(
    client: Client, padang: Padang, service: ServiceType, broken_media: Path
) -> None:
    request = make_request(padang.kantor_lurah_bp, service)
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    request_transition(request=request, actor=petugas, to_status=Status.DIKEMBALIKAN, note="Pengantar RT belum ada.")
    docs = list(service.documents.order_by("order"))
    response = client.post(
        reverse("servicerequests:correct", args=[request.code]),
        {"nik": "1371014204850003", "reply": "Sudah distempel", f"doc_{docs[1].pk}": SimpleUploadedFile("rt.pdf", PDF)},
    )
    html = response.content.decode()
    assert response.status_code == 200 and MESSAGE in html and "Sudah distempel" in html
    request.refresh_from_db()
    assert request.status == Status.DIKEMBALIKAN and not request.documents.exists()
    assert stored_files(broken_media) == []
