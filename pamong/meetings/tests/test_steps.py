"""The steps of meetings and action items: each role is offered exactly the steps it may take (and refused the others
with a clear message), each step is its own form with its verb, a refused step keeps what was typed, and the
history keeps the post the actor held at the time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core import gate
from pamong.core.errors import Forbidden
from pamong.meetings.models import ActionItem, ActionItemChange, ActionStatus, MeetingChange, MeetingStatus
from pamong.meetings.services import (
    ACTION_MACHINE,
    MEETING_MACHINE,
    action_item_transition,
    meeting_transition,
    meeting_write_minutes,
)
from pamong.meetings.testing import make_item, make_meeting
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_each_role_is_offered_only_the_meeting_steps_it_may_take(
    padang: Padang,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    lurah_alang_laweh: User,
) -> None:
    meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, employees=[padang.staf_bp])

    def offered(user: User) -> list[str]:
        return [t.verb_for(meeting) for t in MEETING_MACHINE.available(user, meeting)]

    assert offered(lurah_belakang_pondok) == ["Tandai selesai", "Batalkan rapat"]  # the organiser
    assert offered(pimpinan_padang) == ["Tandai selesai", "Batalkan rapat"]  # the pimpinan daerah of the kota
    assert offered(petugas_belakang_pondok) == []  # invited, does not run it
    assert offered(camat_padang_selatan) == []  # sees it through the kecamatan, does not organise it
    assert offered(lurah_alang_laweh) == []
    with pytest.raises(Forbidden, match="Hanya penyelenggara atau pimpinan rapat") as refused:
        meeting_transition(meeting=meeting, actor=petugas_belakang_pondok, to_status=MeetingStatus.SELESAI)
    assert refused.value.code == "forbidden"
    assert gate.can(lurah_belakang_pondok, "meetings.manage", meeting)
    assert not gate.can(camat_padang_selatan, "meetings.manage", meeting)
    assert gate.can(lurah_belakang_pondok, "meetings.organise", padang.kantor_lurah_bp)
    assert not gate.can(lurah_belakang_pondok, "meetings.organise", padang.kantor_lurah_al)
    assert not gate.can(petugas_belakang_pondok, "meetings.schedule")
    assert gate.can(pimpinan_padang, "meetings.record_visit") and not gate.can(
        camat_padang_selatan, "meetings.record_visit"
    )
    meeting_transition(meeting=meeting, actor=lurah_belakang_pondok, to_status=MeetingStatus.SELESAI)
    assert offered(lurah_belakang_pondok) == []  # a finished meeting has no step left


def test_the_owner_works_the_item_and_only_the_organiser_cancels_or_reopens(
    padang: Padang,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    petugas_alang_laweh: User,
    camat_padang_selatan: User,
) -> None:
    meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp)
    item = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 25), meeting=meeting)

    def offered(user: User) -> list[str]:
        return [t.verb_for(item) for t in ACTION_MACHINE.available(user, item)]

    owner, organiser = petugas_belakang_pondok, lurah_belakang_pondok
    assert offered(owner) == ["Mulai kerjakan", "Tandai selesai"]
    assert offered(organiser) == ["Mulai kerjakan", "Tandai selesai", "Batalkan tindak lanjut"]
    assert offered(petugas_alang_laweh) == offered(camat_padang_selatan) == []
    with pytest.raises(Forbidden, match="Hanya pimpinan atau penyelenggara yang dapat membatalkan"):
        action_item_transition(item=item, actor=owner, to_status=ActionStatus.DIBATALKAN, note="Tidak perlu")
    with pytest.raises(Forbidden, match="Hanya penanggung jawab atau pimpinan/penyelenggara"):
        action_item_transition(item=item, actor=petugas_alang_laweh, to_status=ActionStatus.DIKERJAKAN)
    action_item_transition(item=item, actor=owner, to_status=ActionStatus.DIKERJAKAN)
    assert offered(owner) == ["Tambah catatan kemajuan", "Tandai selesai"]
    action_item_transition(item=item, actor=owner, to_status=ActionStatus.SELESAI, note="Data terkirim")
    assert offered(owner) == []
    assert offered(organiser) == ["Buka kembali"]
    with pytest.raises(Forbidden, match="membuka kembali"):
        action_item_transition(item=item, actor=owner, to_status=ActionStatus.DIKERJAKAN, note="Belum lengkap")


def test_each_step_is_its_own_form_and_a_refused_step_keeps_what_was_typed(
    client: Client, padang: Padang, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, employees=[padang.staf_bp])
    client.force_login(petugas_belakang_pondok)  # invited: sees the meeting, is offered nothing
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Tandai selesai" not in page and "Batalkan rapat" not in page
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert page.count('name="to_status"') == 2 and "Batalkan rapat" in page and "Alasan pembatalan" in page
    item = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 25), meeting=meeting)
    action_item_transition(item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.DIKERJAKAN)
    # The lurah's page still showed the item open: the step is refused and what was typed comes back.
    response = client.post(
        reverse("meetings:item_status", args=[item.pk]),
        {"from_status": "terbuka", "to_status": "selesai", "note": "Sudah dikirim ke kecamatan"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "baru saja diubah" in html
    assert "Sudah dikirim ke kecamatan</textarea>" in html
    assert ActionItem.objects.get(pk=item.pk).status == ActionStatus.DIKERJAKAN
    # A note missing is said next to the field of that step.
    response = client.post(
        reverse("meetings:item_status", args=[item.pk]),
        {"from_status": "dikerjakan", "to_status": "dibatalkan", "note": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'aria-invalid="true"' in html and "Tuliskan alasan pembatalan." in html


def test_the_history_keeps_the_post_the_actor_held_at_the_time(
    padang: Padang, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp)
    item = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 25), meeting=meeting)
    action_item_transition(item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.DIKERJAKAN)
    meeting_write_minutes(meeting=meeting, actor=lurah_belakang_pondok, minutes="Versi pertama", decisions=[])
    meeting_write_minutes(meeting=meeting, actor=lurah_belakang_pondok, minutes="Versi kedua", decisions=[])
    meeting_transition(meeting=meeting, actor=lurah_belakang_pondok, to_status=MeetingStatus.SELESAI)
    # Later the staff member moves to another office with another post.
    padang.staf_bp.unit, padang.staf_bp.position = padang.kantor_lurah_al, padang.staf_al_pos
    padang.staf_bp.save()
    row = ActionItemChange.objects.get(item=item, to_status=ActionStatus.DIKERJAKAN)
    assert (row.actor_unit, row.actor_position, row.kabkota_code) == (
        padang.kantor_lurah_bp,
        padang.staf_bp_pos,
        "13.71",
    )
    assert row.actor_label == "Pengadministrasi Umum (Yusnimar)"
    done = MeetingChange.objects.get(meeting=meeting, to_status=MeetingStatus.SELESAI)
    assert (done.from_status, done.actor_unit, done.actor_label) == (
        "dijadwalkan",
        padang.kantor_lurah_bp,
        "Lurah (Mulyadi)",
    )
    correction = MeetingChange.objects.get(meeting=meeting, field=MeetingChange.Field.MINUTES)
    assert (correction.from_status, correction.to_status) == ("", "")  # a correction changes no status
    assert correction.old_value.startswith("<p>Versi pertama") and correction.actor_position == padang.lurah_bp.position
    assert correction.kabkota_code == "13.71"
