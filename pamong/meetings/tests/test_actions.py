"""Action items (tindak lanjut): their transitions and history, who may change them, the one reminder before the
deadline through the task queue, and overdue items on the owner's, the chair's and the meeting's pages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.errors import DomainError, Forbidden
from pamong.meetings.models import ActionItem, ActionItemChange, ActionStatus
from pamong.meetings.services import action_item_transition, action_items_remind
from pamong.meetings.testing import WIB, make_item, make_meeting
from pamong.notifications.models import Notification
from pamong.testing import Padang
from pamong.workdays.testing import hand_made_calendar, seed_calendar

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": settings.TASK_QUEUES}}


@pytest.fixture
def meeting(padang: Padang, lurah_belakang_pondok: User):  # type: ignore[no-untyped-def]
    return make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, employees=[padang.staf_bp])


def test_the_owner_works_the_item_the_chair_may_cancel_and_every_change_has_a_history_row(
    padang: Padang, meeting, lurah_belakang_pondok: User, petugas_belakang_pondok: User, petugas_alang_laweh: User
) -> None:  # type: ignore[no-untyped-def]
    item = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 25), meeting=meeting)
    with pytest.raises(Forbidden, match="Hanya penanggung jawab"):
        action_item_transition(item=item, actor=petugas_alang_laweh, to_status=ActionStatus.DIKERJAKAN)
    action_item_transition(item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.DIKERJAKAN)
    action_item_transition(
        item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.DIKERJAKAN, note="Separuh data sudah masuk"
    )
    with pytest.raises(Forbidden, match="membatalkan"):
        action_item_transition(item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.DIBATALKAN, note="x")
    with pytest.raises(DomainError) as no_result:
        action_item_transition(item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.SELESAI)
    assert no_result.value.field == "note"
    action_item_transition(item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.SELESAI, note="Terkirim")
    assert item.finished_at is not None
    with pytest.raises(DomainError, match="tidak dapat diubah menjadi Dibatalkan"):
        action_item_transition(item=item, actor=lurah_belakang_pondok, to_status=ActionStatus.DIBATALKAN, note="x")
    action_item_transition(item=item, actor=lurah_belakang_pondok, to_status=ActionStatus.DIKERJAKAN, note="Kurang")
    rows = list(ActionItemChange.objects.filter(item=item).values_list("from_status", "to_status", "actor_id"))
    assert rows == [
        ("", "terbuka", lurah_belakang_pondok.pk),
        ("terbuka", "dikerjakan", petugas_belakang_pondok.pk),
        ("dikerjakan", "dikerjakan", petugas_belakang_pondok.pk),
        ("dikerjakan", "selesai", petugas_belakang_pondok.pk),
        ("selesai", "dikerjakan", lurah_belakang_pondok.pk),
    ]
    assert ActionItem.objects.get(pk=item.pk).finished_at is None


def test_the_second_of_two_at_once_is_told_it_already_changed(
    padang: Padang, meeting, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:  # type: ignore[no-untyped-def]
    item = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 25), meeting=meeting)
    stale = ActionItem.objects.get(pk=item.pk)
    action_item_transition(item=item, actor=petugas_belakang_pondok, to_status=ActionStatus.DIKERJAKAN)
    with pytest.raises(DomainError, match="baru saja diubah") as conflict:
        action_item_transition(item=stale, actor=lurah_belakang_pondok, to_status=ActionStatus.DIBATALKAN, note="x")
    assert conflict.value.code == "conflict"
    assert ActionItem.objects.get(pk=item.pk).status == ActionStatus.DIKERJAKAN
    assert ActionItemChange.objects.filter(item=item).count() == 2


def test_the_owner_updates_from_the_item_page_and_a_stranger_gets_404(
    client: Client,
    padang: Padang,
    meeting,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    petugas_alang_laweh: User,
) -> None:  # type: ignore[no-untyped-def]
    item = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 25), meeting=meeting)
    client.force_login(petugas_alang_laweh)
    assert client.get(reverse("meetings:item", args=[item.pk])).status_code == 404
    client.force_login(petugas_belakang_pondok)
    page = client.get(reverse("meetings:item", args=[item.pk])).content.decode()
    assert "Mulai kerjakan" in page and "Batalkan tindak lanjut" not in page  # the owner is not offered to cancel
    url = reverse("meetings:item_status", args=[item.pk])
    response = client.post(url, {"from_status": "terbuka", "to_status": "selesai", "note": "   "})
    assert response.status_code == 400 and "Tuliskan hasil tindak lanjutnya." in response.content.decode()
    response = client.post(url, {"from_status": "terbuka", "to_status": "selesai", "note": "Beres"})
    assert response.status_code == 302 and ActionItem.objects.get(pk=item.pk).status == ActionStatus.SELESAI


def test_the_owner_goes_on_to_the_next_open_item(
    client: Client, padang: Padang, meeting, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:  # type: ignore[no-untyped-def]
    """On an item they own, the owner is offered their next open item (the earliest deadline first); the chair
    reading it is offered nothing; closing the last open item says none is left."""
    first = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 25), meeting=meeting)
    later = make_item(
        lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 4, 20), meeting=meeting, title="Rapikan arsip"
    )
    sooner = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 30), meeting=meeting, title="Data RT")
    client.force_login(petugas_belakang_pondok)
    url = reverse("meetings:item_status", args=[first.pk])
    page = client.post(url, {"from_status": "terbuka", "to_status": "selesai", "note": "Beres"}, follow=True)
    html = page.content.decode()
    assert "2 tindak lanjut Anda yang lain masih terbuka." in html
    assert f'href="{reverse("meetings:item", args=[sooner.pk])}">Berikutnya: Data RT (batas 30 Mar 2026)' in html
    action_item_transition(item=sooner, actor=petugas_belakang_pondok, to_status="selesai", note="Sudah")
    html = client.get(reverse("meetings:item", args=[later.pk])).content.decode()
    assert 'id="berikutnya"' not in html  # the last open item: nothing to go on to, nothing to say yet
    url = reverse("meetings:item_status", args=[later.pk])
    page = client.post(url, {"from_status": "terbuka", "to_status": "selesai", "note": "Rapi"}, follow=True)
    html = page.content.decode()
    assert "Tidak ada tindak lanjut Anda yang lain yang masih terbuka." in html and "Berikutnya:" not in html
    client.force_login(lurah_belakang_pondok)
    assert 'id="berikutnya"' not in client.get(reverse("meetings:item", args=[later.pk])).content.decode()


def reminders(item: ActionItem) -> int:
    return Notification.objects.filter(reference=f"tindak-lanjut:{item.pk}").count()


@override_settings(TASKS=IMMEDIATE)
def test_the_owner_gets_one_reminder_two_working_days_before_the_deadline_through_the_queue(
    padang: Padang, meeting, lurah_belakang_pondok: User, django_capture_on_commit_callbacks: object
) -> None:  # type: ignore[no-untyped-def]
    from pamong.meetings.tasks import remind_action_items

    padang.staf_bp.email = "yusnimar@padang.go.id"
    padang.staf_bp.save()
    hand_made_calendar(2026, (dt.date(2026, 3, 20), "Idul Fitri"))
    # Due Tuesday 24 March. Friday 20 is a holiday: on Wednesday the 2 working days ahead are Thu 19 and Mon 23;
    # on Thursday they are Mon 23 and Tue 24, so the reminder goes out on Thursday.
    item = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 24), meeting=meeting)
    later = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 4, 10), meeting=meeting, title="Lain")
    with time_machine.travel(dt.datetime(2026, 3, 18, 8, tzinfo=WIB)):  # Wednesday: too early
        remind_action_items.enqueue()
        assert reminders(item) == 0
    with time_machine.travel(dt.datetime(2026, 3, 19, 8, tzinfo=WIB)):  # Thursday: within 2 working days
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            remind_action_items.enqueue()
            remind_action_items.enqueue()  # the scheduler runs again: nothing more is sent
        assert reminders(item) == 1
        assert reminders(later) == 0
    note = Notification.objects.get(reference=f"tindak-lanjut:{item.pk}")
    assert note.recipient == "yusnimar@padang.go.id" and note.channel == "email"
    assert "Perbarui data stunting" in note.body and "Selasa, 24 Maret 2026" in note.body
    assert note.status == Notification.Status.SENT  # delivered by the queued task
    assert ActionItem.objects.get(pk=item.pk).reminder_sent_at is not None


def test_no_reminder_after_the_deadline_passed_or_when_the_item_is_finished(
    padang: Padang, meeting, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:  # type: ignore[no-untyped-def]
    seed_calendar(2026)  # the fixed dates below, also when the suite's clock is moved ahead
    padang.staf_bp.phone = "+6281200000001"
    padang.staf_bp.save()
    late = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 17), meeting=meeting)
    done = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 19), meeting=meeting, title="Selesai")
    action_item_transition(item=done, actor=petugas_belakang_pondok, to_status=ActionStatus.SELESAI, note="Beres")
    assert action_items_remind(now=dt.datetime(2026, 3, 18, 8, tzinfo=WIB)) == 0
    assert reminders(late) == reminders(done) == 0
    # The same sweep on the deadline day itself still reminds an open item, once.
    today = make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 18), meeting=meeting, title="Hari ini")
    assert action_items_remind(now=dt.datetime(2026, 3, 18, 8, tzinfo=WIB)) == 1
    assert action_items_remind(now=dt.datetime(2026, 3, 18, 9, tzinfo=WIB)) == 0
    assert "hari ini" in Notification.objects.get(reference=f"tindak-lanjut:{today.pk}").body


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}})
def test_the_command_enqueues_the_sweep(padang: Padang) -> None:
    from django_tasks_db.models import DBTaskResult

    call_command("remind_actions", "--enqueue")
    assert DBTaskResult.objects.filter(task_path="pamong.meetings.tasks.remind_action_items").count() == 1


def test_overdue_items_show_on_the_owners_the_chairs_and_the_meetings_pages(
    client: Client,
    padang: Padang,
    meeting,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    camat_padang_selatan: User,
) -> None:  # type: ignore[no-untyped-def]
    make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 20), meeting=meeting, title="Kirim data RTLH")
    make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 4, 20), meeting=meeting, title="Pasang papan SP")
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=WIB)):
        client.force_login(petugas_belakang_pondok)
        mine = client.get(reverse("meetings:my_items")).content.decode()
        assert "2 tindak lanjut terbuka" in mine and "1 terlambat" in mine
        assert mine.count("table-danger") == 1 and "Kirim data RTLH" in mine
        client.force_login(lurah_belakang_pondok)  # the chair
        chair = client.get(reverse("meetings:my_items")).content.decode()
        assert "Dari rapat dan kunjungan yang saya pimpin" in chair and "Kirim data RTLH" in chair
        assert chair.count("table-danger") == 1
        page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        assert "Kirim data RTLH" in page and "terlambat" in page
        client.force_login(camat_padang_selatan)  # sees the item through scope but does not chair it
        assert "Kirim data RTLH" not in client.get(reverse("meetings:my_items")).content.decode()


def test_my_items_costs_the_same_queries_for_few_or_many_items(
    client: Client, padang: Padang, meeting, lurah_belakang_pondok: User
) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(lurah_belakang_pondok)
    client.get(reverse("meetings:my_items"))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("meetings:my_items")).status_code == 200
        return len(ctx.captured_queries)

    make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 12, 20), meeting=meeting)
    few = count()
    for n in range(10):
        make_item(lurah_belakang_pondok, padang.lurah_bp, dt.date(2026, 12, 21), meeting=meeting, title=f"Butir {n}")
    assert count() == few
    xlsx = client.get(reverse("meetings:my_items") + "?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_meeting_page_costs_the_same_queries_for_few_or_many_invitees_and_items(
    client: Client, padang: Padang, meeting, lurah_belakang_pondok: User
) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pamong.meetings.services import meeting_invite
    from pamong.testing import make_employee

    client.force_login(lurah_belakang_pondok)
    url = reverse("meetings:detail", args=[meeting.pk])
    client.get(url)
    make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 12, 20), meeting=meeting)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    people = [make_employee(padang.kantor_lurah_bp, f"Peserta {n}") for n in range(15)]
    meeting_invite(meeting=meeting, actor=lurah_belakang_pondok, employees=people)
    for person in people[:8]:
        make_item(lurah_belakang_pondok, person, dt.date(2026, 12, 21), meeting=meeting)
    client.get(url)  # new staff records refresh the cached signed-in user once; measure the page itself
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "Peserta 14" in page
    assert len(many.captured_queries) == len(few.captured_queries)
