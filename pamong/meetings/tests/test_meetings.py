"""Meetings: who may schedule them, invitations by name and by position, the attendance sheet, minutes that are
sanitised and corrected without losing the old text, status transitions, and what each role sees."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.errors import DomainError, Forbidden
from pamong.meetings.models import Attendance, Invitee, Meeting, MeetingChange, MeetingStatus
from pamong.meetings.richtext import sanitize
from pamong.meetings.services import meeting_invite, meeting_transition, meeting_write_minutes
from pamong.meetings.testing import WIB, make_item, make_meeting
from pamong.testing import Padang, make_employee

pytestmark = pytest.mark.django_db


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_inviting_a_position_invites_its_active_holders_and_remembers_the_position(
    padang: Padang, lurah_belakang_pondok: User
) -> None:
    second = make_employee(padang.kantor_lurah_bp, "Rina", padang.staf_bp_pos, gender="P")
    make_employee(padang.kantor_lurah_bp, "Pensiun", padang.staf_bp_pos, active=False)
    meeting = make_meeting(
        lurah_belakang_pondok,
        padang.kantor_lurah_bp,
        padang.lurah_bp,
        positions=[padang.staf_bp_pos],
        employees=[padang.lurah_bp, padang.staf_bp],  # also invited by name: counted once
    )
    rows = {
        i.employee.name: i.via_position_id for i in Invitee.objects.filter(meeting=meeting).select_related("employee")
    }
    assert rows == {"Mulyadi": None, "Yusnimar": None, "Rina": padang.staf_bp_pos.pk}
    # A holder who joins the position later is invited when the position is invited again; nobody twice.
    third = make_employee(padang.kantor_lurah_bp, "Joni", padang.staf_bp_pos)
    assert meeting_invite(meeting=meeting, actor=lurah_belakang_pondok, positions=[padang.staf_bp_pos]) == 1
    assert Invitee.objects.get(meeting=meeting, employee=third).via_position == padang.staf_bp_pos
    assert Invitee.objects.filter(meeting=meeting, employee=second).count() == 1


def test_the_lurah_schedules_a_meeting_from_the_form_and_a_double_submit_makes_one(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    login(client, lurah_belakang_pondok)
    data = {
        "token": uuid.uuid4().hex,
        "unit": padang.kantor_lurah_bp.pk,
        "kind": "rapat_kerja",
        "title": "Rapat kerja awal bulan",
        "chair": padang.lurah_bp.pk,
        "date": "2026-12-01",
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Aula kantor lurah",
        "positions": [padang.staf_bp_pos.pk],
        "guests": "Bripka Rudi — Bhabinkamtibmas Polsek Padang Selatan\nSerka Budi, Babinsa",
    }
    first = client.post(reverse("meetings:new"), data)
    second = client.post(reverse("meetings:new"), data)
    meeting = Meeting.objects.get()
    assert first.url == second.url == reverse("meetings:detail", args=[meeting.pk])  # type: ignore[attr-defined]
    assert meeting.starts_at == dt.datetime(2026, 12, 1, 9, tzinfo=WIB)
    page = client.get(first.url).content.decode()  # type: ignore[attr-defined]
    assert "Yusnimar" in page and "jabatan Pengadministrasi Umum" in page
    assert "Bhabinkamtibmas Polsek Padang Selatan" in page and "Serka Budi" in page


def test_a_bad_meeting_form_says_why_and_keeps_what_was_typed(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    login(client, lurah_belakang_pondok)
    response = client.post(
        reverse("meetings:new"),
        {
            "token": uuid.uuid4().hex,
            "unit": padang.kantor_lurah_bp.pk,
            "kind": "rapat_kerja",
            "title": "Rapat yang salah jam",
            "chair": padang.lurah_bp.pk,
            "date": "2026-12-01",
            "start_time": "11:00",
            "end_time": "09:00",
            "place": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Jam selesai tidak boleh sebelum jam mulai." in page and "Wajib diisi." in page
    assert 'value="Rapat yang salah jam"' in page
    assert not Meeting.objects.exists()


def test_who_may_schedule(
    client: Client,
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    pimpinan_padang: User,
) -> None:
    assert login(client, petugas_belakang_pondok).get(reverse("meetings:new")).status_code == 404
    with pytest.raises(DomainError, match="tidak dapat menyelenggarakan"):
        make_meeting(lurah_belakang_pondok, padang.kantor_lurah_al, padang.lurah_bp)
    # The pimpinan daerah organises for the bagian tata pemerintahan and for any office of the kota.
    assert make_meeting(pimpinan_padang, padang.tapem, padang.kabag).unit == padang.tapem
    assert make_meeting(pimpinan_padang, padang.kantor_camat_pb, padang.kabag).unit == padang.kantor_camat_pb
    page = login(client, lurah_belakang_pondok).get(reverse("meetings:new")).content.decode()
    assert padang.kantor_lurah_bp.name in page and padang.kantor_lurah_al.name not in page


def test_each_role_sees_the_meetings_of_its_subtree_and_those_it_is_invited_to(
    client: Client,
    padang: Padang,
    lurah_belakang_pondok: User,
    lurah_alang_laweh: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    petugas_belakang_tangsi: User,
) -> None:
    bp = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, title="Rapat Belakang Pondok")
    al = make_meeting(lurah_alang_laweh, padang.kantor_lurah_al, lurah_alang_laweh.employee, title="Rapat Alang Laweh")  # type: ignore[arg-type]
    pb = make_meeting(pimpinan_padang, padang.kantor_camat_pb, padang.kabag, title="Rakor Padang Barat")
    ps = make_meeting(
        camat_padang_selatan,
        padang.kantor_camat_ps,
        padang.camat_ps,
        title="Rakor kecamatan",
        employees=[padang.staf_bt],
    )

    def seen(user: User) -> set[str]:
        return set(Meeting.objects.visible_to(user).values_list("title", flat=True))

    assert seen(lurah_belakang_pondok) == {bp.title}
    assert seen(lurah_alang_laweh) == {al.title}
    assert seen(camat_padang_selatan) == {bp.title, al.title, ps.title}
    assert seen(pimpinan_padang) == {bp.title, al.title, pb.title, ps.title}
    assert seen(petugas_belakang_tangsi) == {ps.title}  # not the kecamatan above them; the one they are invited to
    login(client, lurah_belakang_pondok)
    assert client.get(reverse("meetings:detail", args=[al.pk])).status_code == 404
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Rapat Belakang Pondok" in page and "Rapat Alang Laweh" not in page and "Rakor Padang Barat" not in page
    # Invited, the staff member sees the meeting but may not record its attendance.
    login(client, petugas_belakang_tangsi)
    assert client.get(reverse("meetings:detail", args=[ps.pk])).status_code == 200
    assert client.get(reverse("meetings:attendance", args=[ps.pk])).status_code == 404
    # They see the meeting's follow-ups listed, and a link only to those they may open (on their own name).
    theirs = make_item(camat_padang_selatan, padang.staf_bt, dt.date(2026, 3, 30), meeting=ps, title="Data posyandu")
    other = make_item(camat_padang_selatan, padang.camat_ps, dt.date(2026, 3, 30), meeting=ps, title="Surat edaran")
    page = client.get(reverse("meetings:detail", args=[ps.pk])).content.decode()
    assert reverse("meetings:item", args=[theirs.pk]) in page
    assert "Surat edaran" in page and reverse("meetings:item", args=[other.pk]) not in page
    assert client.get(reverse("meetings:item", args=[other.pk])).status_code == 404


def test_the_organiser_records_attendance_on_one_sheet_and_sees_the_rate(
    client: Client, padang: Padang, lurah_belakang_pondok: User, django_assert_max_num_queries: object
) -> None:
    others = [make_employee(padang.kantor_lurah_bp, f"Staf {n}") for n in range(3)]
    meeting = make_meeting(
        lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, employees=[padang.staf_bp, *others]
    )
    inv = {i.employee.name: i.pk for i in meeting.invitees.select_related("employee")}
    login(client, lurah_belakang_pondok)
    sheet = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert "Yusnimar" in sheet and "Dinas luar" in sheet
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {
            f"att_{inv['Yusnimar']}": "hadir",
            f"att_{inv['Staf 0']}": "terlambat",
            f"att_{inv['Staf 1']}": "sakit",
            f"note_{inv['Staf 1']}": "Surat dokter",
            f"att_{inv['Staf 2']}": "tanpa_keterangan",
        },
    )
    assert response.status_code == 302
    assert Invitee.objects.get(pk=inv["Staf 1"]).note == "Surat dokter"
    assert Invitee.objects.get(pk=inv["Staf 0"]).attendance == Attendance.TERLAMBAT
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "50,0%" in page and "(2 dari 4 yang dicatat)" in page and "Surat dokter" in page


def test_the_attendance_sheet_costs_the_same_queries_for_five_or_thirty_invitees(
    client: Client, padang: Padang, lurah_belakang_pondok: User, django_assert_max_num_queries: object
) -> None:
    def run(n: int) -> int:
        people = [make_employee(padang.kantor_lurah_bp, f"Peserta {n}-{i}") for i in range(n)]
        meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, employees=people)
        marks = {f"att_{pk}": "hadir" for pk in meeting.invitees.values_list("pk", flat=True)}
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.post(reverse("meetings:attendance", args=[meeting.pk]), marks)
        assert Invitee.objects.filter(meeting=meeting, attendance="hadir").count() == n
        return len(ctx.captured_queries)

    login(client, lurah_belakang_pondok)
    client.get(reverse("meetings:list"))  # the session is loaded once; measure what the sheet itself costs
    small, large = run(5), run(30)
    # bulk_update writes in one statement on both databases for these sizes; the read is one query
    assert large == small


def test_nh3_strips_scripts_and_event_handlers_from_minutes() -> None:
    dirty = (
        '<p onclick="steal()">Rapat <strong>dibuka</strong><script>alert(1)</script></p>'
        '<img src=x onerror="alert(2)"><a href="https://padang.go.id" onmouseover="x()" target="_blank">tautan</a>'
        '<a href="javascript:alert(3)">jahat</a><h3 style="color:red">Pembahasan</h3><ul><li>satu</li></ul>'
    )
    clean = sanitize(dirty)
    assert "<script" not in clean and "alert(1)" not in clean
    assert "onclick" not in clean and "onerror" not in clean and "onmouseover" not in clean and "<img" not in clean
    assert "javascript:" not in clean and "style=" not in clean and "target=" not in clean
    assert '<a href="https://padang.go.id" rel="noopener">tautan</a>' in clean
    assert "<p>Rapat <strong>dibuka</strong></p>" in clean and "<h3>Pembahasan</h3>" in clean
    # Typed without the toolbar: paragraphs and line breaks, with the text escaped.
    assert (
        sanitize("Baris satu\nbaris <dua>\n\nParagraf dua")
        == "<p>Baris satu<br>baris &lt;dua&gt;</p><p>Paragraf dua</p>"
    )


def test_correcting_the_minutes_keeps_the_old_text_and_decisions(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp)
    login(client, lurah_belakang_pondok)
    url = reverse("meetings:minutes", args=[meeting.pk])
    client.post(
        url, {"minutes": "<p>Versi pertama</p><script>x()</script>", "decisions": "Loket buka 07.30\nPiket Sabtu"}
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "<p>Versi pertama</p>"
    assert list(meeting.decisions.values_list("text", flat=True)) == ["Loket buka 07.30", "Piket Sabtu"]
    client.post(url, {"minutes": "<p>Versi perbaikan</p>", "decisions": "Loket buka 07.30"})
    change = MeetingChange.objects.get(meeting=meeting, field="notulen")
    assert "Versi pertama" in change.old_value and "Piket Sabtu" in change.old_value
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Versi perbaikan" in page and "Teks sebelumnya" in page and "<script>x()" not in page


def test_meeting_transitions_follow_the_table_and_the_second_officer_is_told_it_changed(
    padang: Padang, lurah_belakang_pondok: User, camat_padang_selatan: User, petugas_belakang_pondok: User
) -> None:
    meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp)
    stale = Meeting.objects.get(pk=meeting.pk)
    with pytest.raises(Forbidden, match="penyelenggara"):
        meeting_transition(meeting=meeting, actor=petugas_belakang_pondok, to_status=MeetingStatus.SELESAI)
    with pytest.raises(DomainError) as no_reason:
        meeting_transition(meeting=meeting, actor=lurah_belakang_pondok, to_status=MeetingStatus.DIBATALKAN)
    assert no_reason.value.field == "note"
    meeting_transition(meeting=meeting, actor=lurah_belakang_pondok, to_status=MeetingStatus.SELESAI)
    with pytest.raises(DomainError, match="baru saja diubah") as conflict:
        meeting_transition(meeting=stale, actor=lurah_belakang_pondok, to_status=MeetingStatus.DIBATALKAN, note="Hujan")
    assert conflict.value.code == "conflict"
    with pytest.raises(DomainError, match="tidak dapat diubah menjadi Dibatalkan"):
        meeting_transition(meeting=meeting, actor=lurah_belakang_pondok, to_status=MeetingStatus.DIBATALKAN, note="x")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.SELESAI
    assert list(MeetingChange.objects.filter(meeting=meeting).values_list("from_status", "to_status")) == [
        ("", "dijadwalkan"),
        ("dijadwalkan", "selesai"),
    ]
    with pytest.raises(Forbidden, match="menulis notulen"):  # the minutes are the organiser's
        meeting_write_minutes(meeting=meeting, actor=petugas_belakang_pondok, minutes="x", decisions=[])


def test_cancelling_from_the_page_without_a_reason_shows_the_message(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    meeting = make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp)
    login(client, lurah_belakang_pondok)
    url = reverse("meetings:status", args=[meeting.pk])
    response = client.post(url, {"from_status": "dijadwalkan", "to_status": "dibatalkan", "note": ""})
    assert response.status_code == 400 and "Tuliskan alasan pembatalan." in response.content.decode()
    response = client.post(url, {"from_status": "dijadwalkan", "to_status": "dibatalkan", "note": "Banjir"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DIBATALKAN


def test_the_meeting_list_costs_the_same_queries_for_few_or_many_meetings(
    client: Client, padang: Padang, camat_padang_selatan: User, lurah_belakang_pondok: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, camat_padang_selatan)
    client.get(reverse("meetings:list"))  # the session is loaded once; measure what the list itself costs

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("meetings:list")).status_code == 200
        return len(ctx.captured_queries)

    make_meeting(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, employees=[padang.staf_bp])
    few = count()
    for n in range(12):
        make_meeting(
            camat_padang_selatan,
            padang.kantor_camat_ps,
            padang.camat_ps,
            title=f"Rapat {n}",
            employees=[padang.staf_bp],
        )
    assert count() == few
    xlsx = client.get(reverse("meetings:list") + "?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_attendance_recap_per_unit_with_chart_and_export_in_constant_queries(
    client: Client, padang: Padang, lurah_belakang_pondok: User, camat_padang_selatan: User, pimpinan_padang: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pamong.meetings.services import meeting_record_attendance

    def held(actor: User, unit, chair, people, marks: list[str], day: int) -> None:  # type: ignore[no-untyped-def]
        meeting = make_meeting(actor, unit, chair, employees=people, start=dt.datetime(2026, 3, day, 9, tzinfo=WIB))
        invitees = list(meeting.invitees.order_by("pk"))
        meeting_record_attendance(
            meeting=meeting, actor=actor, marks={i.pk: (m, "") for i, m in zip(invitees, marks, strict=True)}
        )
        meeting_transition(meeting=meeting, actor=actor, to_status=MeetingStatus.SELESAI)

    staff = [padang.lurah_bp, padang.staf_bp]
    held(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, staff, ["hadir", "sakit"], 2)
    held(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, staff, ["hadir", "terlambat"], 3)
    held(pimpinan_padang, padang.kantor_camat_pb, padang.kabag, [padang.staf_bt], ["izin"], 4)
    url = reverse("meetings:recap") + "?dari=2026-03-01&sampai=2026-03-31"
    login(client, camat_padang_selatan)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Kantor Lurah Belakang Pondok" in page and "Padang Barat" not in page  # the camat's subtree only
    assert "75,0%" in page and 'src="data:image/svg+xml;base64,' in page
    held(lurah_belakang_pondok, padang.kantor_lurah_bp, padang.lurah_bp, staff, ["hadir", "hadir"], 5)
    with CaptureQueriesContext(connection) as more:
        assert "83,3%" in client.get(url).content.decode()
    assert len(more.captured_queries) == len(few.captured_queries)
    xlsx = client.get(url + "&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    # The period counts: on 4 March only Padang Barat's meeting was held, which the pimpinan sees.
    day = login(client, pimpinan_padang).get(url.replace("01&", "04&").replace("31", "04")).content.decode()
    assert "Kantor Camat Padang Barat" in day and "Kantor Lurah Belakang Pondok" not in day
