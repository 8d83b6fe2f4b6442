from __future__ import annotations

import pytest
from django.test import Client

from conftest import Padang
from pamong.accounts.models import User

pytestmark = pytest.mark.django_db


def test_public_home_shows_the_kota_and_its_kecamatan(client: Client, padang: Padang) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Layanan kecamatan dan kelurahan Kota Padang" in html
    assert "Padang Selatan" in html and "Padang Barat" in html
    assert "Masuk petugas" in html


def test_pages_carry_security_headers(client: Client, padang: Padang) -> None:
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_dashboard_counts_only_the_users_scope(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    html = client.get("/beranda/").content.decode()
    assert "Kelurahan Belakang Pondok" in html
    assert '<div class="stat">2</div><div class="text-secondary">pegawai aktif</div>' in html


def test_navigation_follows_the_role(client: Client, padang: Padang, petugas_belakang_pondok: User) -> None:
    client.force_login(petugas_belakang_pondok)
    html = client.get("/beranda/").content.decode()
    assert "Impor pegawai" not in html and ">Admin<" not in html
    assert "Pegawai" in html


def test_healthz_is_plain_and_uncached(client: Client) -> None:
    response = client.get("/healthz")
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_error_pages_are_indonesian(client: Client, padang: Padang, rf) -> None:  # type: ignore[no-untyped-def]
    from pamong.core.views import error_500

    assert "Halaman tidak ditemukan" in client.get("/tidak-ada/").content.decode()
    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Terjadi gangguan pada sistem" in response.content.decode()
