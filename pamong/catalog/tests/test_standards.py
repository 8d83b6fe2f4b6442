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
