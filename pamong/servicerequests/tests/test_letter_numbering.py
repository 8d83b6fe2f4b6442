"""Letter numbers: the kabupaten/kota's pattern (checked), one sequence per office code and year, and no number
twice in a kabupaten/kota, also when offices that once shared initials sign at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.organization.models import Position, Unit
from pamong.servicerequests.models import Letter, LetterNumbering, ServiceRequest, Status
from pamong.servicerequests.numbering import pattern_check
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import finish, make_request, make_service
from pamong.testing import Padang, make_employee, make_position, make_region, make_unit, make_user
from pamong.workdays.testing import seed_calendar

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
NOVEMBER = dt.datetime(2026, 11, 25, 9, tzinfo=WIB)


def _message(pattern: str) -> str:
    with pytest.raises(ValidationError) as refused:
        pattern_check(pattern)
    return " ".join(refused.value.messages)


def test_a_pattern_with_an_unknown_placeholder_is_refused() -> None:
    message = _message("{klasifikasi}/{nomor}/{kode_unit}/{nama_lurah}/{tahun}")
    assert message.startswith("Bagian {nama_lurah} tidak dikenal. Yang dapat dipakai: {klasifikasi}, {nomor},")
    assert "{Nomor}" in _message("{klasifikasi}/{Nomor}/{kode_unit}/{tahun}")  # names are lower case


def test_a_pattern_without_number_office_code_or_year_is_refused() -> None:
    assert _message("{klasifikasi}/{kode_unit}/{tahun}").startswith("Pola harus memuat {nomor}:")
    assert _message("{klasifikasi}/{nomor}/{bulan_romawi}/{tahun}").startswith("Pola harus memuat {kode_unit}:")
    assert _message("{nomor}/{kode_unit}").startswith("Pola harus memuat {tahun}:")
    assert _message("{nomor}/{kode_unit}/{tahun").startswith("Kurung kurawal { } pada pola tidak berpasangan")
    assert _message("  ").startswith("Isi pola nomor surat")
    pattern_check("{klasifikasi}/{nomor}/{kode_unit}/{bulan_romawi}/{tahun}")
    pattern_check("{klasifikasi}/{kode_unit}/{nomor}/{bulan}/{tahun}")


def test_letters_follow_the_pattern_of_their_kabupaten_kota(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    LetterNumbering.objects.create(kabkota_code="13.71", pattern="{klasifikasi}/{kode_unit}/{nomor}/{bulan}/{tahun}")
    LetterNumbering.objects.create(kabkota_code="61.71", pattern="{nomor}/{kode_unit}/{tahun}")
    finish(
        make_request(padang.kantor_lurah_bp, make_service()), petugas_belakang_pondok, lurah_belakang_pondok, NOVEMBER
    )
    letter = Letter.objects.get()
    assert (letter.number, letter.unit_code, letter.sequence) == ("470/Kel.BP/001/11/2026", "Kel.BP", 1)


def test_admin_edits_the_pattern_and_an_unknown_placeholder_is_refused_keeping_what_was_typed(
    client: Client, padang: Padang, admin_diskominfo: User
) -> None:
    client.force_login(admin_diskominfo)
    typed = "{klasifikasi}/{nomor}/{kode_unit}/{kecamatan}/{tahun}"
    page = client.post(
        reverse("admin:servicerequests_letternumbering_add"), {"kabkota_code": "13.71", "pattern": typed}
    )
    html = page.content.decode()
    assert "Bagian {kecamatan} tidak dikenal." in html and f'value="{typed}"' in html
    assert not LetterNumbering.objects.exists()
    page = client.post(
        reverse("admin:servicerequests_letternumbering_add"), {"kabkota_code": "99.99", "pattern": typed}
    )
    assert "bukan kode kabupaten/kota yang ada" in page.content.decode()
    good = "{klasifikasi}/{nomor}/{kode_unit}/{bulan}/{tahun}"
    response = client.post(
        reverse("admin:servicerequests_letternumbering_add"), {"kabkota_code": "13.71", "pattern": good}
    )
    assert response.status_code == 302
    row = LetterNumbering.objects.get()
    assert row.pattern == good
    html = client.get(reverse("admin:servicerequests_letternumbering_change", args=[row.pk])).content.decode()
    assert "470/015/Kel.BP/11/2026" in html  # the example number
    html = client.get(reverse("admin:servicerequests_letternumbering_changelist")).content.decode()
    assert "Kota Padang" in html


def test_a_new_code_starts_its_own_series_and_an_old_code_goes_on_after_its_last_number(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    seed_calendar(2026)  # the fixed dates below, also when the suite's clock is moved ahead
    service = make_service()

    def sign() -> str:
        request = finish(make_request(padang.kantor_lurah_bp, service), petugas_belakang_pondok, lurah_belakang_pondok)
        return Letter.objects.get(request=request).number

    with time_machine.travel(NOVEMBER, tick=False):
        assert [sign(), sign()] == ["470/001/Kel.BP/XI/2026", "470/002/Kel.BP/XI/2026"]
        Unit.objects.filter(pk=padang.kantor_lurah_bp.pk).update(letter_code="Kel.BPD")
        assert sign() == "470/001/Kel.BPD/XI/2026"
        # Admin gives Kel.BP back (or to another office): its numbers go on, none is given twice.
        Unit.objects.filter(pk=padang.kantor_lurah_bp.pk).update(letter_code="Kel.BP")
        assert sign() == "470/003/Kel.BP/XI/2026"


def test_the_database_refuses_a_second_letter_with_the_same_code_year_and_sequence(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    service = make_service()
    first = finish(make_request(padang.kantor_lurah_bp, service), petugas_belakang_pondok, lurah_belakang_pondok)
    letter = Letter.objects.get(request=first)
    second = make_request(padang.kantor_lurah_bp, service)
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            kabkota_code="13.71",
            request=second,
            number="lain",
            unit_code=letter.unit_code,
            sequence=letter.sequence,
            year=letter.year,
            issued_at=letter.issued_at,
            verification_code="XXXXYYYYZZZZ",
        )


def _office(padang: Padang, code: str, name: str) -> tuple[Unit, User]:
    """A kantor lurah in Koto Tangah with its lurah (a signer)."""
    make_region("13.71.11", "Koto Tangah")
    unit = make_unit(make_region(code, name))
    lurah = make_employee(unit, f"Lurah {name}", make_position(unit, "Lurah", Position.Kind.KEPALA))
    return unit, make_user(f"lurah_{code}", Role.KEPALA_UNIT, lurah)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_number_repeats_when_offices_that_shared_initials_sign_at_the_same_moment(
    padang: Padang, monkeypatch: Any
) -> None:
    """Belakang Pondok, Batipuh Panjang and Bungo Pasang all printed Kel.BP. Now three offices, and in Belakang
    Pondok two signers (the lurah and the sekretaris), sign at once: every number is different."""
    from pamong.servicerequests import tasks

    monkeypatch.setattr(tasks, "render_letter", SimpleNamespace(enqueue=lambda *a, **k: None))  # PDFs aside
    service = make_service(signer="sekretaris")
    lurah_bp = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    seklur = make_employee(
        padang.kantor_lurah_bp, "Desri", make_position(padang.kantor_lurah_bp, "Sekretaris Lurah", "sekretaris")
    )
    seklur_bp = make_user("seklur_bp", Role.SEKRETARIS, seklur)
    batipuh, lurah_batipuh = _office(padang, "13.71.11.1007", "Batipuh Panjang")
    bungo, lurah_bungo = _office(padang, "13.71.11.1011", "Bungo Pasang")
    assert {padang.kantor_lurah_bp.letter_code, batipuh.letter_code, bungo.letter_code} == {
        "Kel.BP",
        "Kel.BP.11.1007",
        "Kel.BP.11.1011",
    }
    jobs: list[tuple[int, User]] = []
    for i in range(12):
        jobs.append((make_request(padang.kantor_lurah_bp, service).pk, lurah_bp if i % 2 else seklur_bp))
        jobs.append((make_request(batipuh, service).pk, lurah_batipuh))
        jobs.append((make_request(bungo, service).pk, lurah_bungo))
    ServiceRequest.objects.update(status=Status.MENUNGGU_TTD)
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def sign(pk: int, signer: User) -> None:
        try:
            mine = ServiceRequest.objects.select_related("service", "unit__region").get(pk=pk)
            barrier.wait()
            request_transition(request=mine, actor=signer, to_status=Status.SELESAI)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    letters = list(Letter.objects.select_related("request"))
    assert len(letters) == 36
    assert len({letter.number for letter in letters}) == 36
    for unit in (padang.kantor_lurah_bp, batipuh, bungo):
        mine = [letter for letter in letters if letter.request.unit_id == unit.pk]
        assert sorted(letter.sequence for letter in mine) == list(range(1, 13))  # no gap, no repeat
        assert {letter.unit_code for letter in mine} == {unit.letter_code}
        assert all(f"/{unit.letter_code}/" in letter.number for letter in mine)
