"""Bad input gets a message in Bahasa Indonesia next to the field, and what was typed is kept."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.innovation.models import Evidence, Innovation
from pamong.innovation.testing import make_innovation
from pamong.servicerequests.testing import photo_with_gps
from pamong.testing import Padang
from pamong.training.models import Kind
from pamong.training.services import EventData, event_create


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_bad_form_says_why_and_keeps_what_was_typed(padang: Padang, petugas_belakang_pondok: User) -> None:
    response = _client(petugas_belakang_pondok).post(
        reverse("innovation:new"),
        {
            "unit": padang.kantor_lurah_bp.pk,
            "name": "Jemput bola KTP",
            "kind": "pelayanan",
            "problem": "Warga jauh dari kantor.",
            "change": "",
            "stage": "penerapan",
            "initiated_on": "2026-03-01",
            "cost": "15 juta",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tuliskan apa yang berubah bagi warga." in html
    assert "Tuliskan biaya dalam rupiah dengan angka, mis. 15.000.000." in html
    assert 'value="Jemput bola KTP"' in html and "Warga jauh dari kantor." in html
    assert not Innovation.objects.exists()


def test_dates_out_of_order_are_refused_next_to_the_field(padang: Padang, petugas_belakang_pondok: User) -> None:
    response = _client(petugas_belakang_pondok).post(
        reverse("innovation:new"),
        {
            "unit": padang.kantor_lurah_bp.pk,
            "name": "Jemput bola KTP",
            "kind": "pelayanan",
            "problem": "Warga jauh dari kantor.",
            "change": "Petugas datang ke desa.",
            "stage": "penerapan",
            "initiated_on": "2026-03-01",
            "applied_on": "2026-02-01",
            "cost": "15.000.000",
        },
    )
    assert response.status_code == 400
    assert "Penerapan tidak dapat dimulai sebelum tanggal inisiatif." in response.content.decode()
    assert 'value="15.000.000"' in response.content.decode()


def test_a_good_form_registers_a_draft(padang: Padang, petugas_belakang_pondok: User) -> None:
    response = _client(petugas_belakang_pondok).post(
        reverse("innovation:new"),
        {
            "unit": padang.kantor_lurah_bp.pk,
            "name": "Jemput bola KTP",
            "kind": "pelayanan",
            "problem": "Warga jauh dari kantor.",
            "change": "Petugas datang ke desa.",
            "stage": "inisiatif",
            "initiated_on": "2026-03-01",
            "indicators": ["tepat_waktu", "ikm"],
            "cost": "Rp 15.000.000",
        },
    )
    assert response.status_code == 302
    innovation = Innovation.objects.get()
    assert (innovation.cost, innovation.indicators, innovation.status) == (15_000_000, ["tepat_waktu", "ikm"], "draf")


def test_an_upload_that_is_not_a_document_is_refused_and_the_title_kept(
    padang: Padang, petugas_belakang_pondok: User
) -> None:
    innovation = make_innovation(padang.kantor_lurah_bp)
    fake = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _client(petugas_belakang_pondok).post(
        reverse("innovation:evidence_add", args=[innovation.pk]),
        {"kind": "keputusan", "title": "SK Lurah Nomor 12", "file": fake},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "isi berkas bukan PDF, JPEG atau PNG" in html
    assert 'value="SK Lurah Nomor 12"' in html
    assert not Evidence.objects.exists()


def test_a_photo_is_stored_without_its_gps_and_served_to_staff_only(
    padang: Padang, petugas_belakang_pondok: User, petugas_alang_laweh: User
) -> None:
    innovation = make_innovation(padang.kantor_lurah_bp)
    photo = SimpleUploadedFile("foto.jpg", photo_with_gps(), content_type="image/jpeg")
    response = _client(petugas_belakang_pondok).post(
        reverse("innovation:evidence_add", args=[innovation.pk]),
        {"kind": "foto", "title": "Petugas mengantar surat", "file": photo},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.kabkota_code == "13.71"
    stored = evidence.file.read()
    assert b"KameraPonsel" not in stored and b"GPS" not in stored
    url = reverse("innovation:evidence", args=[evidence.pk])
    assert _client(petugas_belakang_pondok).get(url).status_code == 200
    assert _client(petugas_alang_laweh).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the sign-in page


def test_a_studi_tiru_needs_its_host(padang: Padang, camat_padang_selatan: User) -> None:
    import pytest

    from pamong.core.errors import DomainError

    data = EventData(
        title="Studi tiru Smart Kampung",
        kind=Kind.STUDI_TIRU,
        start_date=dt.date(2026, 3, 2),
        end_date=dt.date(2026, 3, 4),
        place="Banyuwangi",
        hours=24,
    )
    with pytest.raises(DomainError, match="tuan rumah"):
        event_create(unit=padang.kantor_camat_ps, data=data, actor=camat_padang_selatan)
    event, _ = event_create(
        unit=padang.kantor_camat_ps,
        data=EventData(**{**data.__dict__, "host": "Kabupaten Banyuwangi", "host_region_code": "35.10"}),
        actor=camat_padang_selatan,
    )
    assert (event.host, event.host_region_code) == ("Kabupaten Banyuwangi", "35.10")
