from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_region_browser_is_public_and_shows_counts_and_offices(client: Client, padang: Padang) -> None:
    response = client.get(reverse("portal:browse", args=["13.71"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kota Padang" in html
    assert "Padang Selatan" in html and "Padang Barat" in html
    assert "Bagian Tata Pemerintahan Kota Padang" in html

    response = client.get(reverse("portal:browse", args=["13.71.01"]))
    html = response.content.decode()
    assert "Kantor Camat Padang Selatan" in html
    assert "Belakang Pondok" in html and "Alang Laweh" in html
    assert "Belakang Tangsi" not in html


def test_root_redirects_to_the_deployment_region(client: Client, padang: Padang) -> None:
    response = client.get(reverse("portal:browse_root"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:browse", args=["13.71"])


def test_unknown_region_is_an_indonesian_404(client: Client, padang: Padang) -> None:
    response = client.get(reverse("portal:browse", args=["13.99"]))
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_a_new_office_shows_at_once_on_the_cached_public_pages(
    client: Client, padang: Padang, django_capture_on_commit_callbacks: Any
) -> None:
    from pamong.organization.services import unit_create

    assert "Kantor Lurah Alang Laweh" in client.get(reverse("portal:browse", args=["13.71.01.1002"])).content.decode()
    assert (
        "Kantor Desa Percontohan" not in client.get(reverse("portal:browse", args=["13.71.03.1001"])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        unit_create(
            region=padang.belakang_tangsi, kind="kantor_desa", name="Kantor Desa Percontohan", code="13.71.03.1001-D"
        )
    assert "Kantor Desa Percontohan" in client.get(reverse("portal:browse", args=["13.71.03.1001"])).content.decode()
