"""Nothing lost on error: a citizen whose application is refused for a typo sends it again without choosing the
files again, and the request holds exactly the files first attached; nobody else can use them."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.catalog.models import ServiceType
from pamong.core.models import StagedUpload
from pamong.servicerequests.models import ServiceRequest, Status
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import PDF, form_data, make_request, make_service
from pamong.testing import Padang, broken_disk, make_user, stored_files

pytestmark = pytest.mark.django_db
KEPT = re.compile(r'name="(?P<name>[\w-]+-terlampir)" value="(?P<token>[^"]+)"')


@pytest.fixture
def service(padang: Padang) -> ServiceType:
    return make_service()


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def apply_url() -> str:
    return reverse("servicerequests:apply", args=["sk-domisili"])


def kept_tokens(html: str) -> dict[str, str]:
    return {m["name"]: m["token"] for m in KEPT.finditer(html)}


def without_files(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not k.startswith("doc_")}


def test_an_application_refused_for_a_typo_goes_through_with_the_files_kept(
    client: Client, padang: Padang, service: ServiceType, media: Path
) -> None:
    first = form_data(service, padang, birth_date="1985-04-03")  # the NIK says 2 April
    response = client.post(apply_url(), first)
    html = response.content.decode()
    assert response.status_code == 200 and not ServiceRequest.objects.exists()
    # The summary at the top names the field and links to it; the files are shown as attached.
    summary = html[html.index('id="ringkasan-kesalahan"') : html.index('id="id_unit"')]
    assert 'href="#id_nik"' in summary and "NIK ini milik orang yang lahir 02-04-1985" in summary
    assert "Sudah terlampir: <strong" in html and "ktp.jpg" in html and "pengantar.pdf" in html
    assert "dipilih ulang" not in html
    tokens = kept_tokens(html)
    assert len(tokens) == 2 and StagedUpload.objects.count() == 2
    staged = {row.original_name: Path(row.file.path).read_bytes() for row in StagedUpload.objects.all()}

    # Sent again with the date corrected and only the tokens: no file chosen again.
    again = client.post(apply_url(), {**without_files(form_data(service, padang)), **tokens})
    assert again.status_code == 302
    request = ServiceRequest.objects.get()
    documents = {d.original_name: d for d in request.documents.all()}
    assert set(documents) == {"ktp.jpg", "pengantar.pdf"}
    for name, document in documents.items():
        stored = document.file.read()
        assert stored == staged[name]  # byte for byte what was checked and kept
        assert document.sha256 == hashlib.sha256(stored).hexdigest() and document.size == len(stored)
    assert str(documents["pengantar.pdf"].file.name).startswith("permohonan/")
    assert Path(documents["pengantar.pdf"].file.path).read_bytes() == PDF
    assert b"GPS" not in staged["ktp.jpg"]  # kept only after the EXIF was stripped
    # The kept copies are gone once the request holds the files.
    assert not StagedUpload.objects.exists()
    assert not [f for f in stored_files(media) if f.startswith("terlampir/")]


def test_a_new_file_replaces_the_kept_one(client: Client, padang: Padang, service: ServiceType, media: Path) -> None:
    html = client.post(apply_url(), form_data(service, padang, birth_date="1985-04-03")).content.decode()
    docs = list(service.documents.order_by("order"))
    replacement = b"%PDF-1.4\n% pengantar baru\n%%EOF\n"
    data = {
        **without_files(form_data(service, padang)),
        **kept_tokens(html),
        f"doc_{docs[1].pk}": SimpleUploadedFile("pengantar-baru.pdf", replacement, content_type="application/pdf"),
    }
    assert client.post(apply_url(), data).status_code == 302
    request = ServiceRequest.objects.get()
    assert sorted(request.documents.values_list("original_name", flat=True)) == ["ktp.jpg", "pengantar-baru.pdf"]
    assert request.documents.get(original_name="pengantar-baru.pdf").file.read() == replacement


def test_another_browser_cannot_use_the_kept_files(
    client: Client, padang: Padang, service: ServiceType, media: Path
) -> None:
    html = client.post(apply_url(), form_data(service, padang, birth_date="1985-04-03")).content.decode()
    someone_else = Client()
    response = someone_else.post(apply_url(), {**without_files(form_data(service, padang)), **kept_tokens(html)})
    page = response.content.decode()
    assert response.status_code == 200 and not ServiceRequest.objects.exists()
    assert page.count("Berkas yang tadi terlampir tidak dapat dipakai lagi") >= 2  # beside the field and on top
    assert "Sudah terlampir" not in page
    assert StagedUpload.objects.count() == 2  # still the first browser's


def test_a_tampered_token_is_refused(client: Client, padang: Padang, service: ServiceType, media: Path) -> None:
    html = client.post(apply_url(), form_data(service, padang, birth_date="1985-04-03")).content.decode()
    tokens = {name: token[:-3] + "abc" for name, token in kept_tokens(html).items()}
    response = client.post(apply_url(), {**without_files(form_data(service, padang)), **tokens})
    assert "Berkas yang tadi terlampir tidak dapat dipakai lagi" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_a_refused_form_on_a_broken_disk_keeps_nothing(
    client: Client, padang: Padang, service: ServiceType, tmp_path: Path, settings: Any
) -> None:
    with broken_disk(tmp_path / "media", "penuh") as folder:
        settings.MEDIA_ROOT = folder
        response = client.post(apply_url(), form_data(service, padang, birth_date="1985-04-03"))
        html = response.content.decode()
        assert "penyimpanan server sedang bermasalah" in html and "NIK ini milik orang" in html
        assert 'value="Yusnimar Chaniago"' in html  # what was typed stays
        assert "Sudah terlampir" not in html
        assert not StagedUpload.objects.exists() and stored_files(folder) == []


def test_a_correction_refused_for_a_wrong_nik_keeps_the_new_document(
    client: Client, padang: Padang, service: ServiceType, media: Path
) -> None:
    request = make_request(padang.kantor_lurah_bp, service)
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    request_transition(request=request, actor=petugas, to_status=Status.DIKEMBALIKAN, note="Pengantar RT belum ada.")
    doc = list(service.documents.order_by("order"))[1]
    url = reverse("servicerequests:correct", args=[request.code])
    wrong = client.post(
        url, {"nik": "1371014204850004", f"doc_{doc.pk}": SimpleUploadedFile("rt.pdf", PDF)}
    ).content.decode()
    assert "Sudah terlampir: <strong" in wrong and "rt.pdf" in wrong
    assert client.post(url, {"nik": "1371014204850003", **kept_tokens(wrong)}).status_code == 302
    request.refresh_from_db()
    assert request.status != Status.DIKEMBALIKAN
    assert request.documents.get().file.read() == PDF
    assert not StagedUpload.objects.exists()
