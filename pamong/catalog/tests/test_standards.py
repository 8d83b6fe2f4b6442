"""The standard service catalogue as data files: loaded for any kabupaten/kota, worded for it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from pamong.catalog.models import ServiceType
from pamong.catalog.standards import STANDARDS_DIR, standard_services
from pamong.testing import Padang, make_region


def test_every_standard_service_loads_and_names_its_kabupaten(db: None) -> None:
    make_region("74", "Sulawesi Tenggara")
    konawe = make_region("74.05", "Kabupaten Konawe Selatan")
    services = standard_services(konawe)
    assert len(services) == len(list(STANDARDS_DIR.glob("*.toml"))) >= 16
    text = repr(services)
    assert "${" not in text and "Padang" not in text
    assert "Peraturan Bupati Konawe Selatan tentang Standar Pelayanan" in text
    assert "Inspektorat Kabupaten Konawe Selatan" in text


def test_the_command_loads_the_catalogue_once(padang: Padang) -> None:
    out = StringIO()
    call_command("load_services", "--kabkota", "13.71", stdout=out)
    assert "16 layanan ditambahkan" in out.getvalue()
    domisili = ServiceType.objects.get(kabkota_code="13.71", code="sk-domisili")
    assert "Peraturan Wali Kota Padang tentang Standar Pelayanan" in domisili.legal_basis
    assert domisili.documents.count() == 4 and domisili.fields.count() >= 2
    call_command("load_services", "--kabkota", "13.71", stdout=out)
    assert "0 layanan ditambahkan, 16 sudah ada" in out.getvalue()


def test_an_unknown_kabupaten_is_refused_plainly(db: None) -> None:
    with pytest.raises(Exception, match="belum ada"):
        call_command("load_services", "--kabkota", "99.99")


def test_the_kelurahan_or_desa_level_is_named_as_the_region_has_it(db: None) -> None:
    make_region("13", "Sumatera Barat")
    padang = make_region("13.71", "Kota Padang")
    make_region("13.71.01", "Padang Selatan")
    make_region("13.71.01.1001", "Belakang Pondok")
    make_region("74", "Sulawesi Tenggara")
    konsel = make_region("74.05", "Kabupaten Konawe Selatan")
    make_region("74.05.01", "Tinanggea")
    make_region("74.05.01.1001", "Tinanggea")
    make_region("74.05.01.2003", "Lapoa")
    make_region("73", "Sulawesi Selatan")
    desa_only = make_region("73.11", "Kabupaten Bone")
    make_region("73.11.01", "Bontocani")
    make_region("73.11.01.2001", "Bontojai")

    def text(kabkota: object) -> str:
        return repr(standard_services(kabkota))  # type: ignore[arg-type]

    kota, mixed, desa = text(padang), text(konsel), text(desa_only)
    assert "ditandatangani Sekretaris Lurah atas nama Lurah" in kota and "Kepala Desa" not in kota
    assert "Sekretaris Lurah/Sekretaris Desa atas nama Lurah/Kepala Desa" in mixed
    assert "ditandatangani Sekretaris Desa atas nama Kepala Desa" in desa
    assert "Lurah" not in desa.replace("Kelurahan", "") and "kantor lurah" not in desa
    assert "Antarkabupaten/kota dalam Provinsi Sulawesi Tenggara" in mixed and "Sumatera Barat" not in mixed
