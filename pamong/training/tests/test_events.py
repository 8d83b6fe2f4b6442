"""Planning events, moving them through their statuses, and who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.errors import DomainError
from pamong.testing import Padang
from pamong.training.models import EventChange, Status, TrainingEvent
from pamong.training.services import event_transition
from pamong.training.testing import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def _form(padang: Padang, **over: str) -> dict[str, str]:
    data = {
        "unit": str(padang.kantor_camat_ps.pk),
        "title": "Bimtek Tata Naskah Dinas",
        "kind": "bimtek",
        "start_date": "2026-12-01",
        "end_date": "2026-12-03",
        "place": "Aula Kantor Camat Padang Selatan",
        "hours": "24",
        "pass_mark": "70",
        "topics": "Tata naskah dinas | 12\nKearsipan | 8\nPraktik",
        "trainers": "Dra. Nelmawati | Dinas Kearsipan Kota Padang\nAndi Saputra",
        "description": "",
    }
    data.update(over)
    return data


def test_a_camat_plans_an_event_with_topics_and_trainers_once_even_when_sent_twice(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    client.force_login(camat_padang_selatan)
    page = client.post(reverse("training:new"), _form(padang), follow=True)
    again = client.post(reverse("training:new"), _form(padang), follow=True)
    event = TrainingEvent.objects.get()
    html = page.content.decode()
    assert "Kegiatan “Bimtek Tata Naskah Dinas” direncanakan" in html
    assert "Kearsipan" in html and "(8 JP)" in html and "Dinas Kearsipan Kota Padang" in html
    assert again.redirect_chain[-1][0] == event.get_absolute_url()
    assert [t.title for t in event.topics.all()] == ["Tata naskah dinas", "Kearsipan", "Praktik"]
    assert [(t.name, t.institution) for t in event.trainers.all()] == [
        ("Dra. Nelmawati", "Dinas Kearsipan Kota Padang"),
        ("Andi Saputra", ""),
    ]
    assert event.kabkota_code == "13.71" and event.status == Status.DIRENCANAKAN
    assert list(EventChange.objects.values_list("to_status", flat=True)) == ["direncanakan"]


def test_bad_input_is_explained_in_indonesian_and_what_was_typed_is_kept(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    client.force_login(camat_padang_selatan)
    url = reverse("training:new")
    backwards = client.post(url, _form(padang, end_date="2026-11-30")).content.decode()
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in backwards
    assert "Bimtek Tata Naskah Dinas" in backwards and 'value="2026-11-30"' in backwards
    mark = client.post(url, _form(padang, pass_mark="120")).content.decode()
    assert "Nilai harus antara 0 dan 100." in mark and 'value="120"' in mark
    hours = client.post(url, _form(padang, hours="dua puluh")).content.decode()
    assert "Tuliskan jumlah JP dengan angka." in hours
    too_many = client.post(url, _form(padang, hours="10")).content.decode()
    assert "Jumlah JP materi (20) melebihi JP kegiatan (10)." in too_many
    topic = client.post(url, _form(padang, topics="Kearsipan | banyak")).content.decode()
    assert "Baris 1: JP materi harus angka bulat 1–500." in topic
    assert not TrainingEvent.objects.exists()


def test_who_may_organise(
    client: Client,
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    pimpinan_padang: User,
    sekretaris_padang_selatan: User,
) -> None:
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("training:new")).status_code == 404
    client.force_login(lurah_belakang_pondok)
    other = client.post(reverse("training:new"), _form(padang))  # the kantor camat is not the lurah's unit
    assert "Pilih unit." in other.content.decode()
    client.force_login(sekretaris_padang_selatan)
    assert client.post(reverse("training:new"), _form(padang)).status_code == 302
    client.force_login(pimpinan_padang)
    options = client.get(reverse("training:new")).content.decode()
    assert "Bagian Tata Pemerintahan Kota Padang" in options and "Kantor Lurah Belakang Tangsi" in options
    assert (
        client.post(
            reverse("training:new"), _form(padang, unit=str(padang.tapem.pk), title="Pelatihan SIPD")
        ).status_code
        == 302
    )
    assert TrainingEvent.objects.filter(unit=padang.tapem).exists()


def test_status_follows_the_table_and_keeps_its_history(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps)
    client.force_login(camat_padang_selatan)
    url = reverse("training:transition", args=[event.pk])
    skipped = client.post(url, {"to_status": "selesai"}, follow=True).content.decode()
    assert "Kegiatan berstatus Direncanakan tidak dapat diubah menjadi Selesai." in skipped
    client.post(url, {"to_status": "berlangsung"})
    done = client.post(url, {"to_status": "selesai"}, follow=True).content.decode()
    assert "Status kegiatan menjadi Selesai." in done
    cancel = client.post(url, {"to_status": "dibatalkan"}, follow=True).content.decode()
    assert "tidak dapat diubah menjadi Dibatalkan" in cancel
    event.refresh_from_db()
    assert event.status == Status.SELESAI
    assert list(event.changes.values_list("from_status", "to_status")) == [
        ("direncanakan", "berlangsung"),
        ("berlangsung", "selesai"),
    ]


def test_cancelling_needs_a_reason_and_a_second_officer_is_told_it_already_changed(
    padang: Padang, camat_padang_selatan: User, sekretaris_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps)
    stale = TrainingEvent.objects.get(pk=event.pk)
    with pytest.raises(DomainError, match="Tuliskan alasan pembatalan"):
        event_transition(event=event, to_status=Status.DIBATALKAN, actor=camat_padang_selatan)
    event_transition(event=event, to_status=Status.DIBATALKAN, actor=camat_padang_selatan, note="Anggaran dialihkan")
    with pytest.raises(DomainError, match="baru saja diubah oleh orang lain"):
        event_transition(event=stale, to_status=Status.BERLANGSUNG, actor=sekretaris_padang_selatan)
    assert TrainingEvent.objects.get().status == Status.DIBATALKAN
    assert EventChange.objects.get().note == "Anggaran dialihkan"


def test_a_petugas_sees_the_event_but_cannot_change_it(
    client: Client, padang: Padang, petugas_belakang_pondok: User
) -> None:
    event = make_event(padang.kantor_lurah_bp)
    client.force_login(petugas_belakang_pondok)
    page = client.get(event.get_absolute_url()).content.decode()
    assert event.title in page and "Mulai kegiatan" not in page and "Tambah peserta" not in page
    refused = client.post(reverse("training:transition", args=[event.pk]), {"to_status": "berlangsung"}, follow=True)
    assert "Hanya pimpinan daerah, atau kepala unit dan sekretaris unit penyelenggara" in refused.content.decode()
    assert TrainingEvent.objects.get().status == Status.DIRENCANAKAN


def test_a_correction_of_a_planned_event_keeps_the_old_values_in_its_history(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    client.force_login(camat_padang_selatan)
    client.post(reverse("training:new"), _form(padang))
    event = TrainingEvent.objects.get()
    url = reverse("training:edit", args=[event.pk])
    page = client.get(url).content.decode()
    assert "Tata naskah dinas | 12" in page and 'value="70"' in page
    saved = client.post(
        url,
        _form(padang, place="Hotel Pangeran Beach", start_date="2026-12-02", topics="Tata naskah dinas | 12"),
        follow=True,
    )
    html = saved.content.decode()
    assert "Perubahan disimpan: tanggal mulai, tempat, materi." in html
    assert (
        "sebelumnya: tanggal mulai 01-12-2026; tempat Aula Kantor Camat Padang Selatan; "
        "materi Tata naskah dinas | 12; Kearsipan | 8; Praktik" in html
    )
    event.refresh_from_db()
    assert event.place == "Hotel Pangeran Beach" and event.topics.count() == 1
    change = event.changes.exclude(old={}).get()
    assert change.old["place"] == "Aula Kantor Camat Padang Selatan" and change.new["start_date"] == "2026-12-02"
    again = client.post(
        url,
        _form(padang, place="Hotel Pangeran Beach", start_date="2026-12-02", topics="Tata naskah dinas | 12"),
        follow=True,
    )
    assert "Tidak ada yang berubah." in again.content.decode()


def test_a_finished_event_is_not_edited(client: Client, padang: Padang, camat_padang_selatan: User) -> None:
    event = make_event(padang.kantor_camat_ps, status=Status.SELESAI)
    client.force_login(camat_padang_selatan)
    assert client.get(reverse("training:edit", args=[event.pk])).status_code == 404
    assert "Ubah keterangan" not in client.get(event.get_absolute_url()).content.decode()
