"""Certificate numbers are unique per organiser (its letter code) and year, by constraint, and never repeat in a
kabupaten/kota: Pontianak Timur and Pontianak Tenggara (both "Kec.PT" before) issue at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction

from pamong.organization.models import Unit
from pamong.testing import make_employee, make_region, make_unit
from pamong.training.models import Certificate, Participant, Status, TrainingEvent
from pamong.training.services import certificates_issue
from pamong.training.testing import enrol, make_event


@pytest.fixture(autouse=True)
def _november_2026() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def _pontianak() -> tuple[Unit, Unit]:
    make_region("61", "Kalimantan Barat")
    make_region("61.71", "Kota Pontianak")
    timur = make_unit(make_region("61.71.02", "Pontianak Timur"))
    tenggara = make_unit(make_region("61.71.06", "Pontianak Tenggara"))
    return timur, tenggara


def _event_with(unit: Unit, people: int) -> tuple[TrainingEvent, list[Participant]]:
    event = make_event(unit, status=Status.SELESAI, pass_mark=Decimal(60))
    participants = [
        enrol(event, make_employee(unit, f"Peserta {unit.pk}-{i}"), attendance="hadir", post_score=Decimal(80))
        for i in range(people)
    ]
    return event, participants


@pytest.mark.django_db
def test_offices_that_shared_initials_both_issue_certificates_in_the_same_year() -> None:
    timur, tenggara = _pontianak()
    for unit in (timur, tenggara):
        event, _ = _event_with(unit, 1)
        certificates_issue(event=event)  # the second used to fail: both numbers were 001/SERT-PLT/Kec.PT/2026
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [
        "001/SERT-PLT/Kec.PT.06/2026",
        "001/SERT-PLT/Kec.PT/2026",
    ]


@pytest.mark.django_db
def test_the_database_refuses_a_second_certificate_with_the_same_organiser_year_and_sequence() -> None:
    timur, _tenggara = _pontianak()
    event, participants = _event_with(timur, 2)
    first = certificates_issue(event=event, participants=participants[:1])[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            kabkota_code=first.kabkota_code,
            participant=participants[1],
            unit=timur,
            unit_code=first.unit_code,
            year=first.year,
            sequence=first.sequence,
            number="002/SERT-PLT/Kec.PT/2026",
            code="LAINLAINLAIN",
            issued_at=first.issued_at,
        )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_certificate_number_repeats_when_organisers_issue_at_the_same_moment() -> None:
    """Two kantor camat that both printed Kec.PT, each with two issuers at once (the finishing task and a
    participant downloading their certificate): every number is different and each organiser counts 1..n."""
    timur, tenggara = _pontianak()
    assert {timur.letter_code, tenggara.letter_code} == {"Kec.PT", "Kec.PT.06"}
    jobs: list[tuple[TrainingEvent, list[Participant]]] = []
    for unit in (timur, tenggara):
        for _ in range(2):
            event, participants = _event_with(unit, 6)
            jobs.extend((event, participants[i : i + 2]) for i in range(0, 6, 2))
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def issue(event: TrainingEvent, participants: list[Participant]) -> None:
        try:
            barrier.wait()
            certificates_issue(event=event, participants=participants)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    certificates = list(Certificate.objects.all())
    assert len(certificates) == 24
    assert len({c.number for c in certificates}) == 24
    for unit in (timur, tenggara):
        mine = [c for c in certificates if c.unit_id == unit.pk]
        assert sorted(c.sequence for c in mine) == list(range(1, 13))
        assert {c.unit_code for c in mine} == {unit.letter_code}
