"""The demo data: events, participants and certificates for Kota Padang in miniature, the same every run."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from pamong.demo import training as demo
from pamong.testing import Padang, make_employee
from pamong.training.models import Certificate, Participant, Status, TrainingEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def test_demo_makes_events_participants_and_certificates_for_those_who_passed(padang: Padang) -> None:
    for i in range(12):
        make_employee(padang.kantor_lurah_bp if i % 2 else padang.kantor_lurah_al, f"Pegawai {i}")
    lines: list[str] = []
    made = demo.populate(kabkota=padang.kota, progress=lines.append)
    events = TrainingEvent.objects.all()
    assert made > events.count() > 0
    assert {e.unit_id for e in events} <= {padang.tapem.pk, padang.kantor_camat_ps.pk, padang.kantor_camat_pb.pk}
    assert events.filter(status=Status.SELESAI).exists()
    assert not Participant.objects.filter(event__status=Status.DIRENCANAKAN).exclude(attendance="").exists()
    for certificate in Certificate.objects.select_related("participant__event"):
        assert certificate.participant.passed
    assert Participant.objects.filter(post_score__gt=100).count() == 0
    assert any("pelatihan:" in line for line in lines)


def test_demo_is_reproducible(padang: Padang) -> None:
    demo.populate(kabkota=padang.kota, progress=lambda _m: None)
    first = list(TrainingEvent.objects.order_by("pk").values_list("title", "start_date", "status"))
    Certificate.objects.all().delete()
    TrainingEvent.objects.all().delete()
    demo.populate(kabkota=padang.kota, progress=lambda _m: None)
    assert list(TrainingEvent.objects.order_by("pk").values_list("title", "start_date", "status")) == first
