from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_public_home_shows_the_kota_and_its_kecamatan(client: Client, padang: Padang) -> None:
    response = client.get(reverse("portal:front"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Layanan kecamatan dan kelurahan Kota Padang" in html
    for action in ("Ajukan surat", "Lacak permohonan", "Sampaikan pengaduan", "Cek keaslian surat"):
        assert action in html
    assert "zona waktu" not in html and "<th>Kode</th>" not in html
    assert "Padang Selatan" in html and "Padang Barat" in html
    assert "Masuk petugas" in html


def test_pages_carry_security_headers(client: Client, padang: Padang) -> None:
    response = client.get(reverse("portal:front"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_dashboard_counts_only_the_users_scope(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    html = client.get(reverse("organization:staffing")).content.decode()
    assert "Kelurahan Belakang Pondok" in html
    assert '<div class="stat">2</div><div class="text-secondary">pegawai aktif</div>' in html


def test_navigation_follows_the_role(client: Client, padang: Padang, petugas_belakang_pondok: User) -> None:
    client.force_login(petugas_belakang_pondok)
    html = client.get(reverse("organization:staffing")).content.decode()
    assert "Impor pegawai" not in html and ">Admin<" not in html
    assert "Pegawai" in html


def test_healthz_is_plain_and_uncached(client: Client) -> None:
    response = client.get("/healthz")
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_error_pages_are_indonesian(client: Client, padang: Padang, rf) -> None:  # type: ignore[no-untyped-def]
    from pamong.core.views import error_500

    assert "Halaman tidak ditemukan" in client.get("/tidak-ada/").content.decode()
    response = error_500(rf.get(reverse("portal:front")))
    assert response.status_code == 500
    assert "Terjadi gangguan pada sistem" in response.content.decode()


def test_pimpinan_sees_staffing_per_kecamatan_with_vacancies_and_a_chart(
    client: Client, padang: Padang, pimpinan_padang: User
) -> None:
    from pamong.organization.selectors import staffing_summary

    summary = staffing_summary(user=pimpinan_padang)
    rows = {r.code: r for r in summary.rows}
    assert set(rows) == {"13.71", "13.71.01", "13.71.03"}
    selatan = rows["13.71.01"]
    assert (selatan.units, selatan.total, selatan.positions, selatan.vacant) == (3, 4, 4, 0)
    assert rows["13.71.03"].total == 1 and rows["13.71.03"].positions == 0
    assert summary.total.total == 6
    padang.staf_al.active = False
    padang.staf_al.save()
    assert {r.code: r.vacant for r in staffing_summary(user=pimpinan_padang).rows}["13.71.01"] == 1

    client.force_login(pimpinan_padang)
    html = client.get(reverse("organization:staffing")).content.decode()
    assert "Kepegawaian per wilayah" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "Kecamatan Padang Selatan" in html


def test_camat_sees_staffing_per_unit_and_downloads_it(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    import io

    from openpyxl import load_workbook

    client.force_login(camat_padang_selatan)
    html = client.get(reverse("organization:staffing")).content.decode()
    assert "Kepegawaian per unit kerja" in html
    assert "Kantor Lurah Alang Laweh" in html and "Belakang Tangsi" not in html
    sheet = load_workbook(io.BytesIO(client.get(reverse("organization:staffing_xlsx")).content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert names == [
        "Kantor Camat Padang Selatan",
        "Kantor Lurah Belakang Pondok",
        "Kantor Lurah Alang Laweh",
        "Jumlah",
    ]


def test_favicon_points_at_the_static_icon(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("pamong/favicon.svg")


def test_the_web_server_refuses_to_start_without_a_secret_key_but_commands_run() -> None:
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    root = str(settings.BASE_DIR)
    serve = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=root, env=env, capture_output=True, text=True
    )
    assert serve.returncode != 0 and "SECRET_KEY must be set" in serve.stderr
    check = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], cwd=root, env=env, capture_output=True
    )
    assert check.returncode == 0
