"""The migrations that made letter codes unique (organization 0003, servicerequests 0007–0008, training 0002–0003),
run on data as it was before them: Kota Padang's Belakang Pondok, Batipuh Panjang and Bungo Pasang all printed
"Kel.BP"."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pamong.accounts.models import Role, User
from pamong.organization.models import Position, Unit
from pamong.servicerequests.models import Letter, LetterNumbering, LetterSequence, ServiceRequest, Status
from pamong.servicerequests.numbering import DEFAULT_PATTERN
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import make_request, make_service
from pamong.testing import Padang, make_employee, make_position, make_region, make_unit, make_user
from pamong.training.models import Certificate, CertificateSequence
from pamong.training.models import Status as EventStatus
from pamong.training.services import certificates_issue
from pamong.training.testing import enrol, make_event

BEFORE = [
    ("organization", "0002_formasi"),
    ("servicerequests", "0006_employee_desk_index"),
    ("training", "0001_initial"),
]
NOVEMBER = dt.datetime(2026, 11, 25, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def _november() -> Iterator[None]:
    with time_machine.travel(NOVEMBER, tick=False):
        yield


def _kelurahan(code: str, name: str) -> tuple[Unit, User]:
    make_region("13.71.11", "Koto Tangah")
    unit = make_unit(make_region(code, name))
    lurah = make_employee(unit, f"Lurah {name}", make_position(unit, "Lurah", Position.Kind.KEPALA))
    return unit, make_user(f"lurah_{code}", Role.KEPALA_UNIT, lurah)


def _sign(unit: Unit, signer: User) -> Letter:
    request = make_request(unit, make_service())
    ServiceRequest.objects.filter(pk=request.pk).update(status=Status.MENUNGGU_TTD)
    request.refresh_from_db()
    request_transition(request=request, actor=signer, to_status=Status.SELESAI)
    return Letter.objects.get(request=request)


def _migrate(targets: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    return executor


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_november")
def test_offices_with_shared_initials_get_distinct_codes_and_issued_numbers_stay(
    padang: Padang, lurah_belakang_pondok: User
) -> None:
    # Letters and a certificate as they were numbered before: three offices printing Kel.BP, each counting alone.
    batipuh, lurah_batipuh = _kelurahan("13.71.11.1007", "Batipuh Panjang")
    bungo, lurah_bungo = _kelurahan("13.71.11.1011", "Bungo Pasang")
    signed = [
        (padang.kantor_lurah_bp, _sign(padang.kantor_lurah_bp, lurah_belakang_pondok)),
        (padang.kantor_lurah_bp, _sign(padang.kantor_lurah_bp, lurah_belakang_pondok)),
        (batipuh, _sign(batipuh, lurah_batipuh)),
        (bungo, _sign(bungo, lurah_bungo)),
    ]
    for _unit, letter in signed:
        Letter.objects.filter(pk=letter.pk).update(number=f"470/{letter.sequence:03d}/Kel.BP/XI/2026", unit_code=None)
    issued = dict(Letter.objects.values_list("pk", "number"))
    assert sorted(issued.values()) == [
        "470/001/Kel.BP/XI/2026",
        "470/001/Kel.BP/XI/2026",
        "470/001/Kel.BP/XI/2026",
        "470/002/Kel.BP/XI/2026",
    ]
    event = make_event(padang.kantor_camat_ps, status=EventStatus.SELESAI)
    enrol(event, padang.staf_bp, attendance="hadir", pre_score=Decimal(50), post_score=Decimal(80))
    certificates_issue(event=event)
    certificate_number = Certificate.objects.get().number
    assert certificate_number == "001/SERT-PLT/Kec.PS/2026"
    LetterSequence.objects.all().delete()  # rebuilt below in their old shape (per office)
    CertificateSequence.objects.all().delete()

    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        OldLetterSequence = old.get_model("servicerequests", "LetterSequence")
        for unit, count in ((padang.kantor_lurah_bp, 2), (batipuh, 1), (bungo, 1)):
            OldLetterSequence.objects.create(unit_id=unit.pk, year=2026, last_number=count)
        old.get_model("training", "CertificateSequence").objects.create(
            unit_id=padang.kantor_camat_ps.pk, year=2026, last_number=1
        )
    finally:
        _migrate()

    codes = dict(Unit.objects.values_list("region_id", "letter_code"))
    assert codes == {
        "13.71": "Tapem.KP",
        "13.71.01": "Kec.PS",
        "13.71.01.1001": "Kel.BP.01.1001",
        "13.71.01.1002": "Kel.AL",
        "13.71.03": "Kec.PB",
        "13.71.03.1001": "Kel.BT",
        "13.71.11.1007": "Kel.BP.11.1007",
        "13.71.11.1011": "Kel.BP.11.1011",
    }
    # Numbers already issued stay as they were, duplicates included; they carry no office code.
    assert dict(Letter.objects.values_list("pk", "number")) == issued
    assert set(Letter.objects.values_list("unit_code", flat=True)) == {None}
    assert Certificate.objects.get().number == certificate_number
    assert Certificate.objects.get().unit_code == "Kec.PS"
    # Each office counts on under its new code; the shared code goes on after the highest number it printed.
    assert set(LetterSequence.objects.values_list("kabkota_code", "code", "year", "last_number")) == {
        ("13.71", "Kel.BP.01.1001", 2026, 2),
        ("13.71", "Kel.BP.11.1007", 2026, 1),
        ("13.71", "Kel.BP.11.1011", 2026, 1),
        ("13.71", "Kel.BP", 2026, 2),
    }
    assert set(CertificateSequence.objects.values_list("code", "year", "last_number")) == {("Kec.PS", 2026, 1)}
    assert LetterNumbering.objects.get(kabkota_code="13.71").pattern == DEFAULT_PATTERN

    # New letters never repeat an old number, even if admin gives an office the old shared code again.
    batipuh.refresh_from_db()
    assert _sign(batipuh, lurah_batipuh).number == "470/002/Kel.BP.11.1007/XI/2026"
    Unit.objects.filter(pk=bungo.pk).update(letter_code="Kel.BP")
    bungo.refresh_from_db()
    assert _sign(bungo, lurah_bungo).number == "470/003/Kel.BP/XI/2026"
    numbers = list(Letter.objects.exclude(pk__in=issued).values_list("number", flat=True))
    assert not set(numbers) & set(issued.values())
