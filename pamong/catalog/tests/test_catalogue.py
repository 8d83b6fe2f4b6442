from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.accounts.models import User
from pamong.catalog.models import ServiceType
from pamong.catalog.services import service_types_load
from pamong.catalog.testing import DOMISILI, with_changes
from pamong.core.errors import DomainError
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_loading_twice_keeps_what_exists(padang: Padang) -> None:
    first = service_types_load(kabkota_code="13.71", data=[DOMISILI])
    assert (first.created, first.kept) == (1, 0)
    service = ServiceType.objects.get(code="sk-domisili")
    assert service.documents.count() == 3 and service.fields.count() == 1
    service.deadline_days = 2  # an admin changed it
    service.save()
    again = service_types_load(kabkota_code="13.71", data=[with_changes(deadline_days=5)])
    assert (again.created, again.kept) == (0, 1)
    assert ServiceType.objects.get(code="sk-domisili").deadline_days == 2


def test_a_letter_with_an_unknown_placeholder_is_refused_whole(padang: Padang) -> None:
    bad = with_changes(code="sk-salah", letter_body="Atas nama {nama} untuk {tidak_ada}.")
    with pytest.raises(DomainError, match="Isian tidak dikenal: tidak_ada"):
        service_types_load(kabkota_code="13.71", data=[DOMISILI, bad])
    assert not ServiceType.objects.exists()  # one transaction: nothing half-loaded


def test_choice_fields_need_choices(padang: Padang) -> None:
    bad = with_changes(
        fields=[{"code": "jenis", "label": "Jenis", "kind": "choice", "required": True}],
        letter_body="Atas nama {nama}.",
    )
    with pytest.raises(DomainError, match="minimal satu pilihan"):
        service_types_load(kabkota_code="13.71", data=[bad])


def test_public_catalogue_lists_services_with_time_and_fee(client: Client, padang: Padang) -> None:
    service_types_load(
        kabkota_code="13.71", data=[DOMISILI, with_changes(code="waris", name="Ahli Waris", level="kecamatan")]
    )
    service_types_load(kabkota_code="13.72", data=[with_changes(name="Layanan Kota Lain")])
    html = client.get(reverse("catalog:catalogue")).content.decode()
    assert "Surat Keterangan Domisili" in html and "Ahli Waris" in html
    assert "Layanan Kota Lain" not in html
    assert "1 hari kerja" in html and "Gratis" in html
    assert html.index("Kantor lurah/desa") < html.index("Surat Keterangan Domisili") < html.index("Kantor camat")
    assert "Persyaratan wajib: KTP-el; Surat pengantar RT/RW" in html  # optional documents are not listed here


def test_catalogue_keeps_a_constant_number_of_queries(client: Client, padang: Padang) -> None:
    service_types_load(kabkota_code="13.71", data=[DOMISILI])
    client.get(reverse("catalog:catalogue"))
    caches["local"].clear()  # compare pages built from the database, not from the cached list
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalog:catalogue"))
    service_types_load(kabkota_code="13.71", data=[with_changes(code=f"layanan-{i}") for i in range(10)])
    caches["local"].clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("catalog:catalogue"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_cached_catalogue_shows_a_new_service_at_once(
    client: Client, padang: Padang, django_capture_on_commit_callbacks: Any
) -> None:
    service_types_load(kabkota_code="13.71", data=[DOMISILI])
    assert "Surat Keterangan Domisili" in client.get(reverse("catalog:catalogue")).content.decode()
    with CaptureQueriesContext(connection) as warm:
        client.get(reverse("catalog:catalogue"))
    assert not any("catalog_servicetype" in q["sql"] for q in warm.captured_queries)  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        service_types_load(kabkota_code="13.71", data=[with_changes(code="sktm", name="Surat Keterangan Tidak Mampu")])
    assert "Surat Keterangan Tidak Mampu" in client.get(reverse("catalog:catalogue")).content.decode()


def test_service_page_shows_the_standard(client: Client, padang: Padang) -> None:
    service_types_load(kabkota_code="13.71", data=[DOMISILI])
    html = client.get(reverse("catalog:service", args=["sk-domisili"])).content.decode()
    for text in (
        "STANDAR PELAYANAN",
        "1 hari kerja",
        "Gratis",
        "Surat Keterangan Domisili yang ditandatangani Lurah",
        'Surat keterangan pindah <span class="text-secondary">(bila ada)</span>',
        "<li>Petugas memverifikasi berkas.</li>",
        "Melalui aplikasi Pamong atau kotak saran.",
        "UU 25/2009 tentang Pelayanan Publik",
        "data-print",
    ):
        assert text in html


def test_hidden_or_unknown_services_are_404(client: Client, padang: Padang) -> None:
    service_types_load(kabkota_code="13.71", data=[DOMISILI])
    ServiceType.objects.filter(code="sk-domisili").update(active=False)
    assert client.get(reverse("catalog:service", args=["sk-domisili"])).status_code == 404
    assert client.get(reverse("catalog:service", args=["tidak-ada"])).status_code == 404


def test_staff_see_the_catalogue_of_their_kabupaten_kota(
    padang: Padang, petugas_belakang_pondok: User, admin_diskominfo: User
) -> None:
    service_types_load(kabkota_code="13.71", data=[DOMISILI])
    service_types_load(kabkota_code="13.72", data=[with_changes(name="Layanan Kota Lain")])
    assert list(ServiceType.objects.visible_to(petugas_belakang_pondok).values_list("kabkota_code", flat=True)) == [
        "13.71"
    ]
    assert ServiceType.objects.visible_to(admin_diskominfo).count() == 2


def test_admin_edits_every_component_of_the_standard(client: Client, padang: Padang, admin_diskominfo: User) -> None:
    service_types_load(kabkota_code="13.71", data=[DOMISILI])
    client.force_login(admin_diskominfo)
    service = ServiceType.objects.get(code="sk-domisili")
    html = client.get(reverse("admin:catalog_servicetype_change", args=[service.pk])).content.decode()
    for name in ("procedure", "complaints", "legal_basis", "evaluation", "letter_body"):
        assert f'name="{name}"' in html
    assert client.get(reverse("admin:catalog_servicetype_add")).status_code == 200
