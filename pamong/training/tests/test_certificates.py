"""Certificates: only for those who passed, numbered once per organiser and year, the PDF, and the public check
that shows the NIP only masked."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from pamong.accounts.models import User
from pamong.core.errors import DomainError
from pamong.testing import Padang, make_employee
from pamong.training.models import Certificate, Status
from pamong.training.services import certificate_for, certificates_issue, event_transition
from pamong.training.testing import enrol, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def _finished(padang: Padang, **kw):  # type: ignore[no-untyped-def]
    return make_event(padang.kantor_camat_ps, status=Status.SELESAI, **kw)


def test_only_participants_who_passed_get_a_certificate(padang: Padang) -> None:
    event = _finished(padang, pass_mark=Decimal(70))
    passed = enrol(event, padang.staf_bp, attendance="hadir", pre_score=40, post_score=70)
    low = enrol(event, padang.staf_al, attendance="hadir", pre_score=40, post_score="69.99")
    absent = enrol(event, padang.lurah_bp, attendance="tidak_hadir", absence_reason="sakit")
    unknown = enrol(event, padang.camat_ps)
    made = certificates_issue(event=event)
    assert [c.participant_id for c in made] == [passed.pk]
    for p in (low, absent, unknown):
        with pytest.raises(DomainError, match="Sertifikat hanya untuk peserta yang hadir dan lulus"):
            certificate_for(participant=p)
    assert Certificate.objects.count() == 1


def test_no_certificate_before_the_event_has_finished(padang: Padang) -> None:
    event = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    enrol(event, padang.staf_bp, attendance="hadir")
    with pytest.raises(DomainError, match="setelah kegiatan selesai"):
        certificates_issue(event=event)


def test_numbers_run_per_organiser_and_year_and_are_never_given_twice(padang: Padang) -> None:
    first = _finished(padang)
    second = _finished(padang)
    next_year = _finished(padang, start_date=dt.date(2027, 1, 10))
    by_lurah = make_event(padang.kantor_lurah_bp, status=Status.SELESAI)
    people = [make_employee(padang.kantor_lurah_bp, name) for name in ("Ani", "Budi", "Citra")]
    for e in people[:2]:
        enrol(first, e, attendance="hadir")
    enrol(second, people[2], attendance="hadir")
    enrol(next_year, people[0], attendance="hadir")
    enrol(by_lurah, people[1], attendance="hadir")
    for event in (first, second, next_year, by_lurah):
        certificates_issue(event=event)
    numbers = dict(
        Certificate.objects.values_list("participant__employee__name", "number").filter(participant__event=first)
    )
    assert numbers == {"Ani": "001/SERT-PLT/Kec.PS/2026", "Budi": "002/SERT-PLT/Kec.PS/2026"}
    assert Certificate.objects.get(participant__event=second).number == "003/SERT-PLT/Kec.PS/2026"
    assert Certificate.objects.get(participant__event=next_year).number == "001/SERT-PLT/Kec.PS/2027"
    assert Certificate.objects.get(participant__event=by_lurah).number == "001/SERT-PLT/Kel.BP/2026"
    # Issuing again (the background task, a second click) numbers nobody twice.
    assert certificates_issue(event=first) == []
    assert Certificate.objects.count() == 5
    assert len(set(Certificate.objects.values_list("number", flat=True))) == 5


def test_finishing_an_event_numbers_the_certificates_in_the_background_once(
    padang: Padang, camat_padang_selatan: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from pamong.training.tasks import issue_certificates

    event = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    enrol(event, padang.staf_bp, attendance="hadir")
    enrol(event, padang.staf_al, attendance="tidak_hadir", absence_reason="dinas_luar")
    with django_capture_on_commit_callbacks(execute=True):  # the test task backend runs the task at once
        event_transition(event=event, to_status=Status.SELESAI, actor=camat_padang_selatan)
    assert list(Certificate.objects.values_list("participant__employee__name", flat=True)) == ["Yusnimar"]
    assert issue_certificates.call(event.pk) == 0  # run again: nobody numbered twice


def test_the_pdf_carries_name_nip_number_and_rendering_again_keeps_the_number(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = _finished(padang, title="Bimtek Pelayanan Prima", hours=32)
    p = enrol(event, padang.staf_bp, attendance="hadir", pre_score=60, post_score=85)
    client.force_login(camat_padang_selatan)
    url = reverse("training:certificate", args=[p.pk])
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(first.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    nip = padang.staf_bp.nip or ""
    assert "Yusnimar" in text and "001/SERT-PLT/Kec.PS/2026" in text
    assert f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" in text
    assert "Bimtek Pelayanan Prima" in text and "32 jam pelajaran" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    second = client.get(url)
    assert second.status_code == 200
    assert list(Certificate.objects.values_list("number", flat=True)) == ["001/SERT-PLT/Kec.PS/2026"]


def test_the_participant_downloads_their_own_certificate_but_another_lurah_cannot(
    client: Client, padang: Padang, petugas_belakang_pondok: User, lurah_belakang_tangsi: User
) -> None:
    event = make_event(padang.tapem, status=Status.SELESAI)
    p = enrol(event, padang.staf_bp, attendance="hadir")
    client.force_login(petugas_belakang_pondok)  # Yusnimar herself
    assert client.get(reverse("training:certificate", args=[p.pk])).status_code == 200
    client.force_login(lurah_belakang_tangsi)
    assert client.get(reverse("training:certificate", args=[p.pk])).status_code == 404


def test_the_public_check_shows_the_name_and_event_but_the_nip_only_masked(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = _finished(padang, title="Sosialisasi Netralitas ASN", start_date=dt.date(2026, 10, 5))
    p = enrol(event, padang.staf_bp, attendance="hadir", pre_score=60, post_score=85)
    certificate = certificate_for(participant=p)
    page = client.get(reverse("training:verify", args=[certificate.code.lower()]))
    html = page.content.decode()
    nip = padang.staf_bp.nip or ""
    assert "Sertifikat ini sah" in html and "Yusnimar" in html and "Sosialisasi Netralitas ASN" in html
    assert "5–7 Oktober 2026" in html
    assert nip not in html and nip[8:14] not in html
    assert f"{nip[:4]}****" in html and "85" not in html.split("Sosialisasi")[1]  # no scores either
    assert client.get(reverse("training:verify", args=["TIDAKADA1234"])).status_code == 404


def test_a_correction_that_fails_the_participant_withdraws_the_certificate_but_keeps_its_number(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = _finished(padang, pass_mark=Decimal(70))
    p = enrol(event, padang.staf_bp, attendance="hadir", pre_score=60, post_score=85)
    certificate = certificate_for(participant=p)
    client.force_login(camat_padang_selatan)
    sheet = reverse("training:sheet", args=[event.pk])
    fields = {f"p{p.pk}-attendance": "hadir", f"p{p.pk}-absence_reason": "", f"p{p.pk}-pre_score": "60"}
    client.post(sheet, {**fields, f"p{p.pk}-post_score": "65"})
    public = client.get(reverse("training:verify", args=[certificate.code])).content.decode()
    assert "Sertifikat ini tidak berlaku lagi." in public
    refused = client.get(reverse("training:certificate", args=[p.pk]), follow=True)
    assert "Sertifikat peserta ini ditarik" in refused.content.decode()
    client.post(sheet, {**fields, f"p{p.pk}-post_score": "75"})
    certificate.refresh_from_db()
    assert certificate.valid and certificate.number == "001/SERT-PLT/Kec.PS/2026"
    assert Certificate.objects.count() == 1


def test_guessing_certificate_codes_is_cut_off(client: Client, padang: Padang, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pamong.training import views

    monkeypatch.setattr(views, "VERIFY_LIMIT", 3)
    for i in range(3):
        assert client.get(reverse("training:verify", args=[f"SALAH{i}"])).status_code == 404
    limited = client.get(reverse("training:verify", args=["SALAH9"]))
    assert limited.status_code == 429 and "Terlalu banyak pemeriksaan" in limited.content.decode()
