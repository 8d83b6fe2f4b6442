"""The public pages speak of the offices the kabupaten/kota has: kantor desa only where there are desa."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.regions.deployment import deployment, forget_deployment
from pamong.testing import Padang, make_konsel

pytestmark = pytest.mark.django_db


def test_a_kabupaten_with_desa_names_its_kantor_desa(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    make_konsel()
    settings.PAMONG_REGION_CODE = "74.05"
    forget_deployment()
    assert (deployment().kabupaten, deployment().has_desa, deployment().head_title) == (True, True, "Bupati")
    catalogue = client.get(reverse("catalog:catalogue")).content.decode()
    assert "Layanan administrasi di kantor camat, kantor lurah dan kantor desa" in catalogue
    assert "Layanan kecamatan, kelurahan dan desa Kabupaten Konawe Selatan" in client.get("/").content.decode()
    forget_deployment()


def test_a_kota_of_kelurahan_names_no_kantor_desa(client: Client, padang: Padang, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PAMONG_REGION_CODE = "13.71"
    forget_deployment()
    assert (deployment().kabupaten, deployment().has_desa, deployment().head_title) == (False, False, "Wali Kota")
    catalogue = client.get(reverse("catalog:catalogue")).content.decode()
    assert "Layanan administrasi di kantor camat dan kantor lurah" in catalogue
    assert "Layanan kecamatan dan kelurahan Kota Padang" in client.get("/").content.decode()
    forget_deployment()
