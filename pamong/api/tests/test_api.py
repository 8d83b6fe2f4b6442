"""The JSON API: reference lists, filing and reading a complaint with a client key, a request's status; every
error is JSON with an Indonesian message, never a server error, and never the reporter's identity."""

from __future__ import annotations

import pytest
from django.test import Client

from pamong.api.services import api_client_create
from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Complaint
from pamong.servicerequests.testing import make_request, make_service
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(padang: Padang) -> str:
    categories_seed(kabkota_code="13.71")
    _client, key = api_client_create(name="Aplikasi warga")
    return key


BODY = {
    "category": "infrastruktur",
    "region": "13.71.01.1001",
    "title": "Jalan berlubang",
    "text": "Jalan di depan SD 12 berlubang besar dan membahayakan pengendara motor.",
    "name": "Rahmat Hidayat",
    "phone": "0812 3456 7001",
    "token": "c" * 32,
    "answers": {"jenis": "jalan"},
}


def test_reference_lists_and_the_schema(client: Client, key: str) -> None:
    assert "paths" in client.get("/api/openapi.json").json()
    codes = [c["code"] for c in client.get("/api/rujukan/kategori-pengaduan").json()]
    assert "infrastruktur" in codes
    regions = client.get("/api/rujukan/wilayah", {"induk": "13.71.01"}).json()
    assert {"code": "13.71.01.1001", "name": "Belakang Pondok", "level": 4} in regions
    assert client.get("/api/rujukan/wilayah", {"induk": "99.99"}).status_code == 404


def test_a_client_files_a_complaint_and_reads_it_back_without_the_reporter(client: Client, key: str) -> None:
    created = client.post("/api/pengaduan/", BODY, content_type="application/json", HTTP_X_API_KEY=key)
    assert created.status_code == 201
    data = created.json()
    assert data["status"] == "baru" and data["unit"] == "Kantor Lurah Belakang Pondok"
    again = client.post("/api/pengaduan/", BODY, content_type="application/json", HTTP_X_API_KEY=key)
    assert again.json()["code"] == data["code"] and Complaint.objects.count() == 1  # resent: one complaint
    read = client.get(f"/api/pengaduan/{data['code']}")
    assert read.status_code == 200 and "Rahmat" not in read.content.decode() and "3456" not in read.content.decode()
    assert Complaint.objects.get().channel == "api"


@pytest.mark.parametrize(
    ("headers", "body", "status", "message"),
    [
        ({}, BODY, 401, "Kunci API (header X-API-Key) tidak ada atau tidak berlaku."),
        ({"HTTP_X_API_KEY": "pmg_salah"}, BODY, 401, "Kunci API"),
        ("key", {**BODY, "category": "tidak-ada"}, 400, "Kategori tidak dikenal."),
        ("key", {**BODY, "region": "13.72.01.1001"}, 400, "Kode kelurahan/desa tidak dikenal"),
        ("key", {**BODY, "latitude": 40}, 422, "Data tidak valid: paling besar 6.5"),
        ("key", {**BODY, "text": "pendek"}, 422, "Data tidak valid: paling sedikit 20 karakter"),
        ("key", {**BODY, "phone": "abc"}, 400, "Nomor ponsel tidak dikenali."),
        ("key", {**BODY, "answers": {}}, 400, "Jenis kerusakan: wajib diisi."),
        ("key", {**BODY, "answers": {"jenis": "banjir"}}, 400, "pilihan tidak dikenal"),
    ],
)
def test_bad_requests_get_json_errors(
    client: Client, key: str, headers: object, body: dict[str, object], status: int, message: str | None
) -> None:
    extra = {"HTTP_X_API_KEY": key} if headers == "key" else headers
    response = client.post("/api/pengaduan/", body, content_type="application/json", **extra)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    if message:
        assert message in response.json()["detail"]
    assert not Complaint.objects.exists()


def test_a_request_status_by_tracking_code_shows_no_personal_data(client: Client, padang: Padang) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    data = client.get(f"/api/permohonan/{request.code_display}").json()
    assert data["status"] == "diajukan" and data["service"] == request.service.name
    assert request.name not in str(data) and request.nik not in str(data)
    assert client.get("/api/permohonan/0000-0000-0").status_code == 404


def test_the_api_documentation_works_offline(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in html and "cdn." not in html and "//unpkg" not in html
