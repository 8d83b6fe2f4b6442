"""The steps of a training event: each role is offered exactly the steps it may take (and refused the others with a
clear message), each step is its own form with its verb, a refused step keeps what was typed, and the history keeps
the post the actor held at the time (corrections of the event and of the sheet too, with no status)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core import gate
from pamong.core.errors import Forbidden
from pamong.testing import Padang
from pamong.training.models import EventChange, ParticipantChange, Status, TrainingEvent
from pamong.training.services import MACHINE, Entry, EventData, event_transition, event_update, sheet_record
from pamong.training.testing import enrol, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def test_each_role_is_offered_only_the_steps_it_may_take(
    padang: Padang,
    camat_padang_selatan: User,
    sekretaris_padang_selatan: User,
    pimpinan_padang: User,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    admin_diskominfo: User,
) -> None:
    event = make_event(padang.kantor_camat_ps)

    def offered(user: User) -> list[str]:
        return [t.verb_for(event) for t in MACHINE.available(user, event)]

    for organiser in (camat_padang_selatan, sekretaris_padang_selatan, pimpinan_padang, admin_diskominfo):
        assert offered(organiser) == ["Mulai kegiatan", "Batalkan kegiatan"], organiser
    assert offered(lurah_belakang_pondok) == []  # the head of another unit
    assert offered(petugas_belakang_pondok) == []
    with pytest.raises(Forbidden, match="Hanya pimpinan daerah, atau kepala unit dan sekretaris") as refused:
        event_transition(event=event, to_status=Status.BERLANGSUNG, actor=lurah_belakang_pondok)
    assert refused.value.code == "forbidden"
    assert gate.can(lurah_belakang_pondok, "training.organise", padang.kantor_lurah_bp)
    assert not gate.can(lurah_belakang_pondok, "training.organise", padang.kantor_camat_ps)
    assert not gate.can(petugas_belakang_pondok, "training.organise", padang.kantor_lurah_bp)
    event_transition(event=event, to_status=Status.BERLANGSUNG, actor=sekretaris_padang_selatan)
    assert offered(camat_padang_selatan) == ["Nyatakan selesai", "Batalkan kegiatan"]
    event_transition(event=event, to_status=Status.SELESAI, actor=camat_padang_selatan)
    assert offered(camat_padang_selatan) == []


def test_each_step_is_its_own_form_and_a_refused_step_keeps_what_was_typed(
    client: Client, padang: Padang, camat_padang_selatan: User, sekretaris_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps)
    client.force_login(camat_padang_selatan)
    page = client.get(event.get_absolute_url()).content.decode()
    assert page.count('name="to_status"') == 2 and "Mulai kegiatan" in page and "Alasan pembatalan" in page
    # The secretary starts the event while the camat's page still shows it planned.
    event_transition(event=event, to_status=Status.BERLANGSUNG, actor=sekretaris_padang_selatan)
    url = reverse("training:transition", args=[event.pk])
    response = client.post(url, {"from_status": "direncanakan", "to_status": "dibatalkan", "note": "Anggaran habis"})
    html = response.content.decode()
    assert response.status_code == 400 and "baru saja diubah" in html
    assert ">Anggaran habis</textarea>" in html and "Nyatakan selesai" in html  # the page as it is now
    assert TrainingEvent.objects.get(pk=event.pk).status == Status.BERLANGSUNG
    response = client.post(url, {"from_status": "berlangsung", "to_status": "dibatalkan", "note": " "})
    html = response.content.decode()
    assert response.status_code == 400 and 'aria-invalid="true"' in html and "Tuliskan alasan pembatalan." in html


def test_the_history_keeps_the_post_the_actor_held_at_the_time(
    padang: Padang, camat_padang_selatan: User, sekretaris_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps, title="Bimtek arsip", place="Aula", hours=24)
    data = EventData(
        title="Bimtek arsip",
        kind=event.kind,
        start_date=event.start_date,
        end_date=event.end_date,
        place="Hotel Pangeran Beach",
        hours=24,
    )
    assert event_update(event=event, data=data, actor=sekretaris_padang_selatan) == ["place"]
    event_transition(event=event, to_status=Status.BERLANGSUNG, actor=camat_padang_selatan)
    p = enrol(event, padang.staf_bp)
    entry = Entry(attendance="hadir", absence_reason="", pre_score=Decimal("60"), post_score=Decimal("80"))
    assert sheet_record(event=event, entries={p.pk: entry}, actor=camat_padang_selatan) == 1
    # Later the camat moves to the kelurahan with another post.
    padang.camat_ps.unit, padang.camat_ps.position = padang.kantor_lurah_bp, padang.staf_bp_pos
    padang.camat_ps.save()
    started = EventChange.objects.get(event=event, to_status=Status.BERLANGSUNG)
    assert (started.from_status, started.actor_unit, started.kabkota_code) == (
        "direncanakan",
        padang.kantor_camat_ps,
        "13.71",
    )
    assert started.actor_label == "Camat (Zulfahmi)"
    correction = EventChange.objects.get(event=event, to_status="")
    assert correction.from_status == "" and correction.old == {"place": "Aula"}  # no status changed
    assert correction.actor_label == "Sekretaris Camat (Rahmat)" and correction.actor_unit == padang.kantor_camat_ps
    sheet = ParticipantChange.objects.get(participant=p)
    assert (sheet.from_status, sheet.to_status, sheet.kabkota_code) == ("", "", "13.71")
    assert sheet.actor_position is not None and sheet.actor_position.title == "Camat"
    assert sheet.new == {"attendance": "hadir", "pre_score": "60", "post_score": "80"}
