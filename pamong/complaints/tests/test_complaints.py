"""Complaints: intake, every transition and the refused ones, stage deadlines over holidays, and the reporter
never shown where they must not be."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.models import User
from pamong.complaints.models import Category, Complaint, ComplaintChange, Rejection, Status
from pamong.complaints.services import (
    MACHINE,
    MERGE,
    complaint_merge,
    complaint_transition,
)
from pamong.complaints.testing import finish_complaint, make_category, make_complaint, public_complaint
from pamong.core.errors import DomainError, Forbidden
from pamong.core.transitions import Transition
from pamong.testing import Padang
from pamong.workdays.testing import hand_made_calendar, seed_calendar

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def category(padang: Padang) -> Category:
    return make_category()


def test_a_complaint_goes_to_the_kantor_lurah_with_lapor_deadlines_over_holidays(
    padang: Padang, category: Category
) -> None:
    hand_made_calendar(2026, (dt.date(2026, 3, 20), "Idul Fitri"))
    with time_machine.travel(dt.datetime(2026, 3, 18, 9, tzinfo=WIB)):  # Wednesday
        complaint = make_complaint(padang, category)
    assert complaint.unit == padang.kantor_lurah_bp and complaint.status == Status.BARU
    # Verification in 3 working days: Thu 19, (Fri 20 holiday), Mon 23, Tue 24.
    assert complaint.stage_due_at is not None
    assert complaint.stage_due_at.astimezone(WIB).date() == dt.date(2026, 3, 24)
    assert ComplaintChange.objects.get(complaint=complaint).actor_label == "Pelapor"


def test_the_whole_flow_and_the_refused_transitions(
    padang: Padang, category: Category, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    complaint = make_complaint(padang, category)
    with pytest.raises(DomainError, match="tidak dapat diubah menjadi Selesai"):
        complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.SELESAI, note="x")
    complaint = complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    with pytest.raises(Forbidden, match="Hanya kepala unit atau sekretaris"):
        complaint_transition(
            complaint=complaint,
            actor=petugas_belakang_pondok,
            to_status=Status.DIDISPOSISIKAN,
            position=padang.staf_bp_pos,
        )
    complaint = complaint_transition(
        complaint=complaint, actor=lurah_belakang_pondok, to_status=Status.DIDISPOSISIKAN, position=padang.staf_bp_pos
    )
    with pytest.raises(DomainError, match="Tuliskan alasan atau tanggapan"):
        complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DITINDAKLANJUTI)
    complaint = complaint_transition(
        complaint=complaint,
        actor=petugas_belakang_pondok,
        to_status=Status.DITINDAKLANJUTI,
        note="Surat sudah kami proses hari ini.",
    )
    assert complaint.stage_due_at == complaint.due_at
    complaint = complaint_transition(
        complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.SELESAI, note="Surat sudah diambil."
    )
    assert complaint.status == Status.SELESAI and complaint.finished_at is not None
    statuses = list(ComplaintChange.objects.filter(complaint=complaint).values_list("to_status", "public"))
    assert statuses == [
        ("baru", False),
        ("diverifikasi", False),
        ("didisposisikan", False),
        ("ditindaklanjuti", True),
        ("selesai", True),
    ]


def test_rejection_needs_a_reason_and_a_stale_page_is_told(
    padang: Padang, category: Category, petugas_belakang_pondok: User
) -> None:
    complaint = make_complaint(padang, category)
    with pytest.raises(DomainError, match="Pilih alasan penolakan"):
        complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DITOLAK, note="x")
    stale = Complaint.objects.get(pk=complaint.pk)
    complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    with pytest.raises(DomainError, match="baru saja diubah"):
        complaint_transition(
            complaint=stale,
            actor=petugas_belakang_pondok,
            to_status=Status.DITOLAK,
            note="Bukan wewenang kelurahan.",
            rejection=Rejection.BUKAN_WEWENANG,
        )


def test_a_complaint_moved_to_another_unit_leaves_this_queue(
    client: Client, padang: Padang, category: Category, lurah_belakang_pondok: User, camat_padang_selatan: User
) -> None:
    complaint = make_complaint(padang, category)
    client.force_login(lurah_belakang_pondok)
    page = client.post(
        reverse("complaints:act", kwargs={"code": complaint.code}),
        {"to": "dialihkan", "note": "Wewenang kantor camat.", "unit": padang.kantor_camat_ps.pk},
        follow=True,
    )
    assert "Status diubah menjadi Dialihkan" in page.content.decode()
    complaint.refresh_from_db()
    assert complaint.unit == padang.kantor_camat_ps and complaint.status == Status.DIALIHKAN
    assert client.get(reverse("complaints:staff_detail", kwargs={"code": complaint.code})).status_code == 404


def test_staff_of_another_kelurahan_get_404(
    client: Client, padang: Padang, category: Category, petugas_alang_laweh: User
) -> None:
    complaint = make_complaint(padang, category)
    client.force_login(petugas_alang_laweh)
    assert client.get(reverse("complaints:staff_detail", kwargs={"code": complaint.code})).status_code == 404
    assert (
        client.post(reverse("complaints:act", kwargs={"code": complaint.code}), {"to": "diverifikasi"}).status_code
        == 404
    )
    assert complaint.code_display not in client.get(reverse("complaints:queue")).content.decode()


def test_confidential_and_anonymous_reporters_never_leak(
    client: Client, padang: Padang, category: Category, camat_padang_selatan: User, petugas_belakang_pondok: User
) -> None:
    named = public_complaint(padang, category, title="Jalan berlubang di depan masjid")
    secret = public_complaint(padang, category, title="Petugas minta uang", confidential=True, name="Siti Rahma")
    anonymous = public_complaint(
        padang, category, title="Sampah menumpuk", anonymous=True, name="Tidak Dipakai", phone=""
    )
    unverified = make_complaint(padang, category, title="Baru masuk, belum diperiksa")
    board = Client().get(reverse("complaints:board")).content.decode()
    assert "Jalan berlubang" in board and "Sampah menumpuk" in board and "Petugas minta uang" not in board
    assert "Baru masuk" not in board  # public only once the office has verified it
    # Its reporter still follows it by its code.
    assert "Baru masuk" in Client().get(reverse("complaints:detail", args=[unverified.code])).content.decode()
    for c in (named, secret, anonymous):
        html = Client().get(reverse("complaints:detail", kwargs={"code": c.code})).content.decode()
        assert "Rahmat Hidayat" not in html and "Siti Rahma" not in html and "6281234567001" not in html
    anonymous.refresh_from_db()
    assert anonymous.reporter_name == "" and anonymous.reporter_phone == ""
    # The camat above sees the named reporter but not the confidential one; the handling unit sees both.
    client.force_login(camat_padang_selatan)
    assert (
        "Rahmat Hidayat" in client.get(reverse("complaints:staff_detail", kwargs={"code": named.code})).content.decode()
    )
    html = client.get(reverse("complaints:staff_detail", kwargs={"code": secret.code})).content.decode()
    assert "Siti Rahma" not in html and "Dirahasiakan" in html
    client.force_login(petugas_belakang_pondok)
    assert "Siti Rahma" in client.get(reverse("complaints:staff_detail", kwargs={"code": secret.code})).content.decode()


def test_internal_notes_stay_internal_and_html_is_shown_as_text(
    padang: Padang, category: Category, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    complaint = make_complaint(padang, category, title="<script>alert(1)</script>", text="<b>tebal</b> " + "x" * 30)
    complaint = complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    complaint = complaint_transition(
        complaint=complaint, actor=lurah_belakang_pondok, to_status=Status.DIDISPOSISIKAN, position=padang.staf_bp_pos
    )
    ComplaintChange.objects.filter(complaint=complaint, to_status="didisposisikan").update(note="catatan internal")
    html = Client().get(reverse("complaints:detail", kwargs={"code": complaint.code})).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;tebal" in html
    assert "catatan internal" not in html
    board = Client().get(reverse("complaints:board")).content.decode()
    assert "<script>alert(1)</script>" not in board


def test_the_public_form_keeps_what_was_typed_and_a_resent_form_makes_one_complaint(
    client: Client, padang: Padang, category: Category
) -> None:
    url = reverse("complaints:new")
    data = {
        "token": "a" * 32,
        "category": category.pk,
        "region": padang.belakang_pondok.code,
        "title": "Lampu jalan mati",
        "text": "Lampu jalan di RT 02 mati sejak seminggu yang lalu.",
        "name": "",
        "phone": "",
    }
    missing = client.post(url, data)
    html = missing.content.decode()
    assert "Tuliskan nama dan nomor ponsel atau surel" in html and "Lampu jalan mati" in html
    data.update(name="Rahmat", phone="0812 3456 7001")
    first = client.post(url, data, follow=True)
    assert "Pengaduan Anda diterima dengan kode" in first.content.decode()
    client.post(url, data)
    assert Complaint.objects.count() == 1


def test_the_board_keeps_a_constant_number_of_queries(
    client: Client, padang: Padang, category: Category, django_assert_max_num_queries: object
) -> None:
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_complaint(padang, category)
    client.get(reverse("complaints:board"))
    caches["local"].clear()  # measure the page as it is built, not as it is served from memory
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("complaints:board"))
    for i in range(20):
        make_complaint(padang, category, title=f"Pengaduan {i}")
    caches["local"].clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("complaints:board"))
    assert len(many.captured_queries) == len(few.captured_queries) > 0


def test_the_board_kept_in_memory_shows_a_new_complaint_at_once(
    client: Client, padang: Padang, category: Category, django_capture_on_commit_callbacks: object
) -> None:
    public_complaint(padang, category, title="Pertama")
    assert "Pertama" in client.get(reverse("complaints:board")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        public_complaint(padang, category, title="Kedua yang baru")
    assert "Kedua yang baru" in client.get(reverse("complaints:board")).content.decode()


def test_photos_are_checked_by_content_and_a_pdf_is_refused(client: Client, padang: Padang, category: Category) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    data = {
        "token": "b" * 32,
        "category": category.pk,
        "region": padang.belakang_pondok.code,
        "title": "Got tersumbat",
        "text": "Got di depan rumah tersumbat dan banjir setiap hujan.",
        "anonymous": "on",
    }
    pdf = SimpleUploadedFile(
        "foto.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="image/jpeg"
    )
    refused = client.post(reverse("complaints:new"), {**data, "photos": [pdf]})
    html = refused.content.decode()
    assert "foto.jpg: hanya foto JPEG atau PNG" in html and "Got tersumbat" in html
    photo = SimpleUploadedFile("got.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.post(reverse("complaints:new"), {**data, "photos": [photo]})
    complaint = Complaint.objects.get()
    assert complaint.photos.count() == 1 and complaint.anonymous


def test_the_reporter_rates_once_and_may_reopen_within_ten_days(
    client: Client, padang: Padang, category: Category, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    complaint = finish_complaint(padang, category, petugas_belakang_pondok, lurah_belakang_pondok)
    url = reverse("complaints:respond", kwargs={"code": complaint.code})
    bad = client.post(url, {"action": "nilai", "rating": "9", "text": "Cepat"})
    assert bad.status_code == 400 and "Pilih nilai 1 sampai 5" in bad.content.decode()
    client.post(url, {"action": "nilai", "rating": "4", "text": "Cepat ditangani"})
    again = client.post(url, {"action": "nilai", "rating": "1"})
    assert "sudah dinilai" in again.content.decode()
    complaint.refresh_from_db()
    assert (complaint.rating, complaint.rating_comment) == (4, "Cepat ditangani")
    assert complaint.finished_at is not None
    with time_machine.travel(complaint.finished_at + dt.timedelta(days=11)):
        late = client.post(url, {"action": "buka", "text": "Drainase tersumbat lagi."})
    assert "dalam 10 hari setelah selesai" in late.content.decode()
    reopened = client.post(url, {"action": "buka", "text": "Drainase tersumbat lagi."}, follow=True)
    assert "dibuka kembali" in reopened.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.DITINDAKLANJUTI and complaint.rating is None and complaint.finished_at is None
    last = ComplaintChange.objects.filter(complaint=complaint).last()
    assert last is not None and (last.actor_label, last.public) == ("Pelapor", True)


def test_a_reply_from_the_reporter_reaches_staff_but_not_the_public(
    client: Client, padang: Padang, category: Category, petugas_belakang_pondok: User
) -> None:
    complaint = make_complaint(padang, category)
    url = reverse("complaints:respond", kwargs={"code": complaint.code})
    client.post(url, {"action": "tambah", "text": "Pak RT bernama Joni bisa dihubungi."})
    assert (
        "Pak RT bernama Joni"
        not in client.get(reverse("complaints:detail", kwargs={"code": complaint.code})).content.decode()
    )
    staff = Client()
    staff.force_login(petugas_belakang_pondok)
    assert (
        "Pak RT bernama Joni"
        in staff.get(reverse("complaints:staff_detail", kwargs={"code": complaint.code})).content.decode()
    )


def test_the_reporter_is_told_each_step_by_code_only_and_anonymous_reporters_get_nothing(
    padang: Padang, category: Category, petugas_belakang_pondok: User
) -> None:
    from pamong.notifications.models import Notification

    complaint = make_complaint(padang, category)
    complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    sms = list(Notification.objects.filter(channel="sms").values_list("recipient", "body"))
    assert [r for r, _b in sms] == ["+6281234567001", "+6281234567001"]
    assert all(complaint.code_display in b and "Rahmat" not in b and "domisili" not in b for _r, b in sms)
    make_complaint(padang, category, anonymous=True, phone="")
    assert Notification.objects.count() == 2


def test_the_sweep_marks_late_stages_once_and_escalates_up_the_chain(
    padang: Padang, category: Category, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    from pamong.complaints.services import complaints_sweep_overdue

    waiting = make_complaint(padang, category, title="Belum diverifikasi")  # no one holds it yet: the head of the unit
    handled = make_complaint(padang, category, title="Sudah didisposisikan")
    handled = complaint_transition(complaint=handled, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    handled = complaint_transition(
        complaint=handled, actor=lurah_belakang_pondok, to_status=Status.DIDISPOSISIKAN, position=padang.staf_bp_pos
    )
    later = timezone.now() + dt.timedelta(days=30)
    assert complaints_sweep_overdue(now=later) == 2
    assert complaints_sweep_overdue(now=later) == 0  # a second run changes nothing
    waiting.refresh_from_db()
    handled.refresh_from_db()
    assert waiting.overdue and waiting.escalated_to == padang.lurah_bp.position
    assert handled.overdue and handled.escalated_to == padang.staf_bp_pos.reports_to
    # The next step clears the mark and starts the next stage's clock.
    handled = complaint_transition(
        complaint=handled, actor=petugas_belakang_pondok, to_status=Status.DITINDAKLANJUTI, note="Ditangani."
    )
    assert not handled.overdue


def test_a_duplicate_is_merged_into_the_main_complaint(
    client: Client, padang: Padang, category: Category, petugas_belakang_pondok: User
) -> None:
    main = make_complaint(padang, category, title="Drainase tersumbat")
    copy = make_complaint(padang, category, title="Drainase tersumbat juga")
    client.force_login(petugas_belakang_pondok)
    url = reverse("complaints:act", kwargs={"code": copy.code})
    wrong = client.post(url, {"from_status": "baru", "to": "ditolak", "key": "gabung", "into": "0000-0000-0"})
    html = wrong.content.decode()
    assert wrong.status_code == 400 and "Kode pengaduan utama tidak ditemukan" in html
    assert 'value="0000-0000-0"' in html  # what was typed is kept
    client.post(url, {"from_status": "baru", "to": "ditolak", "key": "gabung", "into": main.code_display})
    copy.refresh_from_db()
    assert (copy.status, copy.rejection, copy.duplicate_of) == (Status.DITOLAK, Rejection.DUPLIKAT, main)
    html = Client().get(reverse("complaints:detail", kwargs={"code": copy.code})).content.decode()
    assert main.code_display in html and "Digabung dengan pengaduan" in html


def test_the_weekly_digest_goes_once_to_each_head_with_overdue_complaints(padang: Padang, category: Category) -> None:
    seed_calendar(2026)  # the fixed dates below, also when the suite's clock is moved ahead
    from pamong.complaints.services import complaints_sweep_overdue, complaints_weekly_digest
    from pamong.notifications.models import Notification

    padang.lurah_bp.email = "lurah.bp@padang.go.id"
    padang.lurah_bp.save()
    with time_machine.travel(dt.datetime(2026, 11, 16, 2, tzinfo=dt.UTC), tick=False):  # Monday 09:00 WIB
        make_complaint(padang, category)  # verification due by Thursday 19 November
    monday = dt.datetime(2026, 12, 7, 1, tzinfo=dt.UTC)  # 08:00 WIB, three weeks later
    complaints_sweep_overdue(now=monday)
    assert complaints_weekly_digest(now=monday - dt.timedelta(days=1)) == 0  # not on Sunday
    assert complaints_weekly_digest(now=monday) == 1
    assert complaints_weekly_digest(now=monday + dt.timedelta(hours=2)) == 0  # once a week
    digest = Notification.objects.get(reference="ringkasan-pengaduan")
    assert digest.recipient == "lurah.bp@padang.go.id" and "1 pengaduan terlambat" in digest.subject


def test_staff_record_a_walk_in_complaint_and_every_view_of_a_reporter_is_recorded(
    client: Client, padang: Padang, category: Category, petugas_belakang_pondok: User, camat_padang_selatan: User
) -> None:
    from pamong.complaints.models import ReporterDataAccess

    client.force_login(petugas_belakang_pondok)
    page = client.post(
        reverse("complaints:intake"),
        {
            "token": "d" * 32,
            "channel": "loket",
            "category": category.pk,
            "region": padang.belakang_pondok.code,
            "title": "Antrean loket panjang",
            "text": "Warga datang mengeluh antrean loket surat pindah sangat panjang setiap Senin.",
            "name": "Nurhayati",
            "phone": "0812 3456 7002",
        },
        follow=True,
    )
    complaint = Complaint.objects.get()
    assert complaint.channel == "loket" and f"Pengaduan {complaint.code_display} dicatat" in page.content.decode()
    first = ComplaintChange.objects.get(complaint=complaint)
    assert (first.actor, first.actor_position, first.actor_label) == (
        petugas_belakang_pondok,
        padang.staf_bp_pos,
        "Pengadministrasi Umum (Yusnimar)",
    )
    assert ReporterDataAccess.objects.filter(complaint=complaint, user=petugas_belakang_pondok).count() == 1
    client.force_login(camat_padang_selatan)
    client.get(reverse("complaints:staff_detail", kwargs={"code": complaint.code}))
    assert ReporterDataAccess.objects.filter(complaint=complaint).count() == 2


STEPS = [(source, t) for t in MACHINE.transitions for source in t.sources]


@pytest.mark.parametrize(
    ("source", "step"), STEPS, ids=[f"{source}-{t.target}{'-' + t.key if t.key else ''}" for source, t in STEPS]
)
def test_every_step_of_the_machine_works_for_the_right_person(
    padang: Padang, category: Category, lurah_belakang_pondok: User, source: str, step: Transition
) -> None:
    """Each step, from a complaint put into its starting status, by the lurah (staff and head), or the reporter."""
    complaint = make_complaint(padang, category)
    main = make_complaint(padang, category, title="Pengaduan utama")
    Complaint.objects.filter(pk=complaint.pk).update(
        status=source, finished_at=timezone.now() if source == "selesai" else None
    )
    complaint.refresh_from_db()
    if step.key == MERGE:
        done = complaint_merge(complaint=complaint, into=main, actor=lurah_belakang_pondok, seen=source)
    else:
        done = complaint_transition(
            complaint=complaint,
            actor=None if step.permission is None else lurah_belakang_pondok,
            to_status=step.target,
            note="Catatan yang cukup.",
            rejection=Rejection.TIDAK_LENGKAP,
            position=padang.staf_bp_pos,
            unit=padang.kantor_camat_ps,
            seen=source,
        )
    assert done.status == step.target
    row = ComplaintChange.objects.filter(complaint=complaint).last()
    assert row is not None
    assert (row.from_status, row.to_status, row.public) == (source, step.target, step.public)
    assert row.kabkota_code == "13.71" and row.note


def test_every_pair_outside_the_table_is_refused(
    padang: Padang, category: Category, lurah_belakang_pondok: User
) -> None:
    complaint = make_complaint(padang, category)
    refused = 0
    for frm in Status.values:
        for to in Status.values:
            if (frm, to) in MACHINE.pairs():
                continue
            Complaint.objects.filter(pk=complaint.pk).update(status=frm)
            complaint.refresh_from_db()
            with pytest.raises(DomainError, match="tidak dapat diubah menjadi"):
                complaint_transition(complaint=complaint, actor=lurah_belakang_pondok, to_status=to, note="x")
            refused += 1
    assert refused == len(Status.values) ** 2 - len(list(MACHINE.pairs()))


def test_the_staff_queue_keeps_a_constant_number_of_queries(
    client: Client, padang: Padang, category: Category, lurah_belakang_pondok: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_complaint(padang, category)
    client.force_login(lurah_belakang_pondok)
    client.get(reverse("complaints:queue"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("complaints:queue"))
    for i in range(15):
        make_complaint(padang, category, title=f"Pengaduan {i}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("complaints:queue")).content.decode()
    assert "Pengaduan 14" in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_employee_page_counts_the_complaints_they_handled(
    client: Client, padang: Padang, category: Category, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    finish_complaint(padang, category, petugas_belakang_pondok, lurah_belakang_pondok)
    late = finish_complaint(padang, category, petugas_belakang_pondok, lurah_belakang_pondok)
    Complaint.objects.filter(pk=late.pk).update(finished_at=late.due_at + dt.timedelta(hours=1))
    waiting = make_complaint(padang, category)
    waiting = complaint_transition(complaint=waiting, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    complaint_transition(
        complaint=waiting, actor=lurah_belakang_pondok, to_status=Status.DIDISPOSISIKAN, position=padang.staf_bp_pos
    )
    client.force_login(lurah_belakang_pondok)
    html = client.get(reverse("organization:employee", args=[padang.staf_bp.pk])).content.decode()
    section = html[html.index('id="kerja-pengaduan"') :]
    stats = [s.split("</div>")[0] for s in section.split('class="stat">')[1:4]]
    assert stats == ["3", "2", "50,0%"]
    assert "masih terbuka: <strong>1</strong>" in section
    # A colleague without an account never acted: the changes made by reporters and the system (no actor) are
    # not theirs.
    from pamong.testing import make_employee

    colleague = make_employee(padang.kantor_lurah_bp, "Tanpa Akun", padang.staf_bp_pos)
    html = client.get(reverse("organization:employee", args=[colleague.pk])).content.decode()
    section = html[html.index('id="kerja-pengaduan"') :]
    assert [s.split("</div>")[0] for s in section.split('class="stat">')[1:3]] == ["0", "0"]
    from pamong.servicerequests.selectors import employee_section

    assert employee_section(employee=colleague, viewer=lurah_belakang_pondok)["handled"] == 0


def test_the_board_filters_by_kecamatan(client: Client, padang: Padang, category: Category) -> None:
    public_complaint(padang, category, title="Jalan rusak di Belakang Pondok")
    public_complaint(padang, category, title="Lampu jalan mati di Belakang Tangsi", region=padang.belakang_tangsi)
    selatan = client.get(reverse("complaints:board"), {"kecamatan": "13.71.01"}).content.decode()
    assert "Belakang Pondok" in selatan and "Lampu jalan mati" not in selatan
    barat = client.get(reverse("complaints:board"), {"kecamatan": "13.71.03"}).content.decode()
    assert "Lampu jalan mati" in barat and "Jalan rusak" not in barat


def test_the_web_form_asks_the_questions_of_the_chosen_category(
    client: Client, padang: Padang, category: Category, petugas_belakang_pondok: User
) -> None:
    infra = Category.objects.get(code="infrastruktur")
    pungli = Category.objects.get(code="pungutan-liar")
    url = reverse("complaints:new")
    form_page = client.get(url).content.decode()
    assert f'data-category="{infra.pk}"' in form_page and "Jenis kerusakan" in form_page
    data = {
        "token": "c" * 32,
        "category": infra.pk,
        "region": padang.belakang_pondok.code,
        "title": "Jalan berlubang",
        "text": "Jalan di depan SD 12 berlubang besar dan membahayakan pengendara.",
        "anonymous": "on",
        f"q-{infra.pk}-lebar": "2,5",
        f"q-{pungli.pk}-jumlah": "50000",  # another category's question: not read
    }
    missing = client.post(url, data).content.decode()
    assert "Wajib diisi untuk kategori ini." in missing
    assert 'value="2,5"' in missing and not Complaint.objects.exists()
    wrong = client.post(url, {**data, f"q-{infra.pk}-jenis": "jembatan", f"q-{infra.pk}-lebar": "dua"})
    assert "Pilihan tidak dikenal." in wrong.content.decode()
    assert "Isi dengan angka, mis. 150000 atau 2,5." in wrong.content.decode()
    client.post(url, {**data, f"q-{infra.pk}-jenis": "jalan"})
    complaint = Complaint.objects.get()
    assert complaint.answers == {"jenis": "jalan", "lebar": 2.5}
    # Staff read the answers by their questions, the choice by its name, the number the Indonesian way.
    staff = Client()
    staff.force_login(petugas_belakang_pondok)
    page = staff.get(reverse("complaints:staff_detail", args=[complaint.code])).content.decode()
    assert "Jenis kerusakan" in page and "Jalan berlubang" in page and "2,50" in page


def test_staff_see_photos_and_choose_which_the_public_sees(
    client: Client,
    padang: Padang,
    category: Category,
    petugas_belakang_pondok: User,
    petugas_alang_laweh: User,
) -> None:
    import io

    from PIL import Image

    from pamong.core.uploads import clean_upload

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, "JPEG")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = clean_upload(SimpleUploadedFile("got.jpg", buffer.getvalue(), content_type="image/jpeg"), field="photos")
    complaint = public_complaint(padang, category, photos=[upload])
    photo = complaint.photos.get()
    staff = Client()
    staff.force_login(petugas_belakang_pondok)
    staff_url = reverse("complaints:staff_photo", args=[complaint.code, photo.pk])
    seen = staff.get(staff_url)
    assert seen.status_code == 200 and seen["Content-Type"] == "image/jpeg"
    other = Client()
    other.force_login(petugas_alang_laweh)
    assert other.get(staff_url).status_code == 404
    assert client.get(staff_url).status_code == 302  # the public is sent to login
    public_url = reverse("complaints:photo", args=[complaint.code, photo.pk])
    assert client.get(public_url).status_code == 404  # not shown until staff choose to
    assert public_url not in client.get(reverse("complaints:detail", args=[complaint.code])).content.decode()
    publish = reverse("complaints:photo_public", args=[complaint.code, photo.pk])
    assert other.post(publish, {"public": "1"}).status_code == 404
    staff.post(publish, {"public": "1"})
    assert client.get(public_url).status_code == 200
    assert public_url in client.get(reverse("complaints:detail", args=[complaint.code])).content.decode()
    note = ComplaintChange.objects.filter(complaint=complaint).last()
    assert note is not None and (note.note, note.public) == ("Foto 1 ditampilkan di halaman publik.", False)
    staff.post(publish, {"public": "0"})
    assert client.get(public_url).status_code == 404
    # A confidential complaint never shows a photo to the public, even one marked to show.
    secret = make_complaint(padang, category, confidential=True, photos=[upload])
    secret_photo = secret.photos.get()
    staff.post(reverse("complaints:photo_public", args=[secret.code, secret_photo.pk]), {"public": "1"})
    assert client.get(reverse("complaints:photo", args=[secret.code, secret_photo.pk])).status_code == 404


@pytest.fixture
def seklur_belakang_pondok(padang: Padang) -> User:
    from pamong.accounts.models import Role
    from pamong.organization.models import Position
    from pamong.testing import make_employee, make_position, make_user

    post = make_position(padang.kantor_lurah_bp, "Sekretaris Lurah", Position.Kind.SEKRETARIS)
    return make_user("seklur_bp", Role.SEKRETARIS, make_employee(padang.kantor_lurah_bp, "Desmawati", post))


def test_each_role_is_offered_only_the_steps_it_may_take(
    client: Client,
    padang: Padang,
    category: Category,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    seklur_belakang_pondok: User,
    camat_padang_selatan: User,
) -> None:
    complaint = make_complaint(padang, category)

    def offered(user: User) -> list[str]:
        return [t.verb_for(complaint) for t in MACHINE.available(user, complaint)]

    merge, reject = "Gabungkan dengan pengaduan yang sama", "Tolak pengaduan"
    assert offered(petugas_belakang_pondok) == ["Verifikasi", merge, reject]
    assert offered(lurah_belakang_pondok) == ["Verifikasi", "Alihkan ke unit lain", merge, reject]
    assert offered(seklur_belakang_pondok) == offered(lurah_belakang_pondok)
    assert offered(camat_padang_selatan) == []  # sees the complaint of a kelurahan below, does not work it
    with pytest.raises(Forbidden, match="Hanya petugas unit yang menangani pengaduan ini"):
        complaint_transition(complaint=complaint, actor=camat_padang_selatan, to_status=Status.DIVERIFIKASI)
    complaint = complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    # Disposition and transfer are the head's or the secretary's: the petugas is not offered them.
    assert offered(petugas_belakang_pondok) == [merge, reject]
    assert offered(lurah_belakang_pondok) == ["Disposisikan ke pejabat", "Alihkan ke unit lain", merge, reject]
    for to, extra in ((Status.DIDISPOSISIKAN, {"position": padang.staf_bp_pos}), (Status.DIALIHKAN, {})):
        with pytest.raises(Forbidden, match="Hanya kepala unit atau sekretaris"):
            complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=to, note="x", **extra)  # type: ignore[arg-type]
    url = reverse("complaints:staff_detail", kwargs={"code": complaint.code})
    client.force_login(petugas_belakang_pondok)
    page = client.get(url).content.decode()
    assert "Tolak pengaduan" in page and "Disposisikan" not in page and "Alihkan ke unit lain" not in page
    client.force_login(seklur_belakang_pondok)
    page = client.get(url).content.decode()
    assert "Disposisikan ke pejabat" in page and "Alihkan ke unit lain" in page
    client.force_login(camat_padang_selatan)
    assert "Tindakan" not in client.get(url).content.decode()
    complaint = complaint_transition(
        complaint=complaint,
        actor=seklur_belakang_pondok,
        to_status=Status.DIDISPOSISIKAN,
        position=padang.staf_bp_pos,
    )
    assert offered(petugas_belakang_pondok) == ["Catat tindak lanjut", merge]
    complaint = complaint_transition(
        complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DITINDAKLANJUTI, note="Sedang diproses."
    )
    assert offered(petugas_belakang_pondok) == ["Catat tindak lanjut", "Selesaikan", merge]
    complaint = complaint_transition(
        complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.SELESAI, note="Sudah selesai."
    )
    # Reopening is the reporter's (by the tracking code), never staff's.
    assert offered(lurah_belakang_pondok) == []
    with pytest.raises(Forbidden, match="Hanya pelapor yang dapat membuka kembali"):
        complaint_transition(
            complaint=complaint, actor=lurah_belakang_pondok, to_status=Status.DITINDAKLANJUTI, note="Belum."
        )


def test_the_history_keeps_the_post_the_actor_held_at_the_time(
    padang: Padang, category: Category, petugas_belakang_pondok: User
) -> None:
    complaint = make_complaint(padang, category)
    complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    from pamong.complaints.services import complaint_reply

    complaint_reply(complaint=complaint, text="Surat saya atas nama ibu saya.")
    # Later the petugas moves to another office with another post.
    padang.staf_bp.unit, padang.staf_bp.position = padang.kantor_lurah_al, padang.staf_al_pos
    padang.staf_bp.save()
    row = ComplaintChange.objects.get(complaint=complaint, to_status=Status.DIVERIFIKASI)
    assert (row.actor, row.actor_unit, row.actor_position, row.kabkota_code) == (
        petugas_belakang_pondok,
        padang.kantor_lurah_bp,
        padang.staf_bp_pos,
        "13.71",
    )
    assert row.actor_label == "Pengadministrasi Umum (Yusnimar)"
    first, _verified, reply = ComplaintChange.objects.filter(complaint=complaint)
    assert (first.actor, first.actor_label, first.actor_position, first.to_status) == (None, "Pelapor", None, "baru")
    # The reporter's addition changes no status: from and to are blank, and the public history leaves it out.
    assert (reply.from_status, reply.to_status, reply.actor_label, reply.public) == ("", "", "Pelapor", False)
    assert reply.heading == "Keterangan dari pelapor" and reply.kabkota_code == "13.71"
    from pamong.complaints.selectors import public_history

    assert [h.to_status for h in public_history(complaint)] == ["baru", "diverifikasi"]


def test_each_step_has_its_own_form_and_a_refused_step_keeps_what_was_typed(
    client: Client, padang: Padang, category: Category, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    complaint = make_complaint(padang, category)
    url = reverse("complaints:act", kwargs={"code": complaint.code})
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("complaints:staff_detail", kwargs={"code": complaint.code})).content.decode()
    transfer = page[page.index('aria-label="Alihkan ke unit lain"') :].split("</form>")[0]
    reject = page[page.index('aria-label="Tolak pengaduan"') :].split("</form>")[0]
    assert 'name="unit"' in transfer and 'name="rejection"' not in transfer and 'name="position"' not in transfer
    assert 'name="rejection"' in reject and 'name="unit"' not in reject
    assert "Bukan pengaduan (spam)" in reject and "Digabung dengan pengaduan lain" not in reject
    # A transfer without the unit: the reason typed for the reporter is still there, next to the message.
    note = "Jalan ini wewenang kantor camat."
    refused = client.post(url, {"from_status": "baru", "to": "dialihkan", "note": note})
    html = refused.content.decode()
    assert refused.status_code == 400 and "Pilih unit lain di kabupaten/kota ini." in html and note in html
    refused = client.post(url, {"from_status": "baru", "to": "ditolak", "note": "Sudah ditangani dinas."})
    html = refused.content.decode()
    assert "Pilih alasan penolakan." in html and "Sudah ditangani dinas." in html
    # The petugas asks for a step that is not theirs (a forged form): refused with the reason (403); nothing
    # changes.
    client.force_login(petugas_belakang_pondok)
    refused = client.post(
        url, {"from_status": "baru", "to": "dialihkan", "note": note, "unit": padang.kantor_camat_ps.pk}
    )
    html = refused.content.decode()
    assert refused.status_code == 403 and "Hanya kepala unit atau sekretaris" in html
    # Two officers at once: the second is told the complaint has just changed, and sees it as it is now.
    client.post(url, {"from_status": "baru", "to": "diverifikasi"})
    client.force_login(lurah_belakang_pondok)
    stale = client.post(url, {"from_status": "baru", "to": "ditolak", "rejection": "spam", "note": "Iklan."})
    html = stale.content.decode()
    assert stale.status_code == 400 and "baru saja diubah" in html and "Iklan." in html
    complaint.refresh_from_db()
    assert complaint.status == Status.DIVERIFIKASI
    done = client.post(
        url,
        {"from_status": "diverifikasi", "to": "didisposisikan", "position": padang.staf_bp_pos.pk, "note": "Segera."},
        follow=True,
    )
    assert "Status diubah menjadi Didisposisikan" in done.content.decode()
    complaint.refresh_from_db()
    assert complaint.position == padang.staf_bp_pos


def test_only_the_handling_unit_chooses_which_photos_the_public_sees(
    client: Client, padang: Padang, category: Category, camat_padang_selatan: User
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from pamong.core.uploads import clean_upload

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "JPEG")
    upload = clean_upload(SimpleUploadedFile("got.jpg", buffer.getvalue(), content_type="image/jpeg"), field="photos")
    complaint = make_complaint(padang, category, photos=[upload])
    photo = complaint.photos.get()
    client.force_login(camat_padang_selatan)  # sees the complaint of a kelurahan below
    page = client.get(reverse("complaints:staff_detail", args=[complaint.code])).content.decode()
    publish = reverse("complaints:photo_public", args=[complaint.code, photo.pk])
    assert publish not in page and "Tampilkan di publik" not in page
    refused = client.post(publish, {"public": "1"}, follow=True).content.decode()
    assert "Hanya petugas unit yang menangani pengaduan ini" in refused
    photo.refresh_from_db()
    assert not photo.public
    assert not ComplaintChange.objects.filter(complaint=complaint, to_status="").exists()


def test_without_the_page_cache_the_board_counts_are_never_stale(
    client: Client, padang: Padang, category: Category, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The board's count and its per-unit record are kept as fragments (the whole-page cache off, as after a write
    elsewhere): a new complaint shows in both at once."""
    settings.PAMONG_PAGE_CACHE = False

    def per_unit(html: str) -> str:
        return html.split("Per unit", 1)[1]

    public_complaint(padang, category, title="Pertama")
    before = client.get(reverse("complaints:board")).content.decode()
    assert client.get(reverse("complaints:board")).content.decode() == before
    assert '<td class="text-end">1</td>' in per_unit(before)
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(2):
            public_complaint(padang, category, title=f"Berikutnya {i}")
    board = client.get(reverse("complaints:board"))
    assert board.context["page"].paginator.count == 3
    html = board.content.decode()
    assert '<td class="text-end">3</td>' in per_unit(html)
    assert "Berikutnya 1" in html


def test_a_phone_number_typed_into_a_complaint_is_masked_on_public_pages(
    client: Client, padang: Padang, category: Category
) -> None:
    complaint = public_complaint(
        padang, category, title="Pungli, hubungi 0812 3456 7001", text="Saksi: budi@contoh.id, wa +62 812-3456-7002."
    )
    board = client.get(reverse("complaints:board")).content.decode()
    page = client.get(reverse("complaints:detail", args=[complaint.code])).content.decode()
    for html in (board, page):
        assert "3456" not in html and "[nomor telepon disamarkan]" in html
    assert "budi@contoh.id" not in page and "[surel disamarkan]" in page


def _complaint_data(padang: Padang, category: Category, **extra: Any) -> dict[str, Any]:
    return {
        "token": "c" * 32,
        "category": category.pk,
        "region": padang.belakang_pondok.code,
        "title": "Lampu jalan mati",
        "text": "Lampu jalan di depan masjid mati sejak dua minggu lalu, gelap sekali.",
        "address": "Jl. Belakang Pondok, depan Masjid Raya",
        "anonymous": "on",
        **extra,
    }


def test_a_location_outside_the_kabupaten_kota_is_refused_and_the_form_kept(
    client: Client, padang: Padang, category: Category, settings: Any
) -> None:
    settings.PAMONG_MAP_BOUNDS = (-1.13, 100.25, -0.70, 100.57)  # Kota Padang
    data = _complaint_data(padang, category, latitude="-6.200000", longitude="106.816666")  # Jakarta
    response = client.post(reverse("complaints:new"), data)
    html = response.content.decode()
    assert "Lokasi itu di luar wilayah Kota Padang" in html
    assert 'value="-6.200000"' in html and "Lampu jalan mati" in html
    assert not Complaint.objects.exists()
    assert 'data-bounds="-1.13,100.25,-0.7,100.57"' in html  # the picker stays on the area
    client.post(reverse("complaints:new"), {**data, "latitude": "-0.950000", "longitude": "100.360000"})
    assert Complaint.objects.get().latitude is not None


def test_the_sender_sees_what_they_sent_and_others_with_the_code_do_not(
    client: Client, padang: Padang, category: Category
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buffer, "JPEG")
    photo = SimpleUploadedFile("lampu.jpg", buffer.getvalue(), content_type="image/jpeg")
    data = _complaint_data(padang, category, latitude="-0.950000", longitude="100.360000", photos=[photo])
    response = client.post(reverse("complaints:new"), data, follow=True)
    complaint = Complaint.objects.get()
    picture = complaint.photos.get()
    html = response.content.decode()
    assert "Yang Anda kirim" in html and "Jl. Belakang Pondok, depan Masjid Raya" in html
    assert 'data-lat="-0.950000"' in html
    photo_url = reverse("complaints:photo", args=[complaint.code, picture.pk])
    assert photo_url in html
    own = client.get(photo_url)
    assert own.status_code == 200 and "private" in own["Cache-Control"]
    assert "private" in response["Cache-Control"]

    stranger = Client()
    html = stranger.get(reverse("complaints:detail", args=[complaint.code])).content.decode()
    assert "Yang Anda kirim" not in html and "depan Masjid Raya" not in html and photo_url not in html
    assert stranger.get(photo_url).status_code == 404  # new, not verified: nothing public yet


def test_the_board_names_a_renamed_category_at_once(
    client: Client, padang: Padang, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Board rows read category, place and office names from kept lookups (the page's query joins nothing): a
    category renamed (the admin) shows on the next board without any complaint changing."""
    settings.PAMONG_PAGE_CACHE = False
    category = make_category()
    public_complaint(padang, category, title="Lampu jalan mati")
    page = client.get(reverse("complaints:board")).content.decode()
    assert f"{category.name} · Belakang Pondok" in page  # the row, not the filter's list
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "Penerangan jalan umum"
        category.save()
    assert "Penerangan jalan umum · Belakang Pondok" in client.get(reverse("complaints:board")).content.decode()
