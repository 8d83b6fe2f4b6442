"""A day at the desk in a real browser: a petugas, a lurah (on desktop and on a 360×740 phone), a camat and the
pimpinan daerah each sign in, land on their Meja kerja, and work every queue it lists from the count on the
landing to its list, the oldest item first, with the verb on its button and "Berikutnya" where offered, back to
the landing, until nothing waits for them. Queues that are oversight only (the pimpinan's region) are checked to
show, count and link to the rows they count. No console errors on the way."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.complaints.models import Complaint
from pamong.complaints.models import Status as CS
from pamong.complaints.services import complaint_transition, complaints_sweep_overdue
from pamong.complaints.testing import make_category, make_complaint
from pamong.kinerja.models import UnitDay
from pamong.meetings.testing import make_item, make_meeting
from pamong.organization.models import Employee, Position
from pamong.reports.models import PeriodicReport
from pamong.reports.models import Status as ReportStatus
from pamong.reports.services import report_open, report_transition
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.models import Status as S
from pamong.servicerequests.services import request_transition, requests_sweep_overdue
from pamong.servicerequests.testing import make_request, make_service
from pamong.skp.forms import last_ended_period
from pamong.skp.services import assessment_save
from pamong.skp.testing import full_data
from pamong.testing import Padang, make_employee, make_position, make_user, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

LATE = dt.timedelta(days=30)  # long enough for any Standar Pelayanan and complaint stage to be over


# -- seeding, through the apps' own services ------------------------------------------------------------------


def walk(request: ServiceRequest, actor: User | None, *statuses: str) -> ServiceRequest:
    for to in statuses:
        note = "Lengkapi fotokopi KK." if to == S.DIKEMBALIKAN else ""
        request = request_transition(request=request, actor=actor, to_status=to, note=note)
    return request


def late_letter(unit: Any, service: Any, petugas: User) -> ServiceRequest:
    """A request sent a month ago and prepared for signature, past its deadline now (swept, escalated)."""
    with time_machine.travel(timezone.now() - LATE, tick=False):
        request = walk(make_request(unit, service), petugas, S.DIVERIFIKASI, S.DIPROSES, S.MENUNGGU_TTD)
    requests_sweep_overdue()
    return request


def late_verified_complaint(padang: Padang, category: Any, petugas: User, **kw: Any) -> Complaint:
    """A complaint verified a month ago and still waiting for its disposition, past its stage deadline now."""
    with time_machine.travel(timezone.now() - LATE, tick=False):
        complaint = make_complaint(padang, category, title="Drainase tersumbat sejak sebulan", **kw)
        complaint = complaint_transition(complaint=complaint, actor=petugas, to_status=CS.DIVERIFIKASI)
    complaints_sweep_overdue()
    return complaint


def own_action_item(chair_user: User, unit: Any, owner: Employee, title: str) -> None:
    """An action item of a meeting of ``unit``, owned by ``owner``, due in three days; and one due next month,
    not yet on the desk."""
    now = timezone.now()
    meeting = make_meeting(chair_user, unit, chair_user.employee, title="Rapat staf mingguan", start=now)  # type: ignore[arg-type]
    make_item(chair_user, owner, timezone.localdate() + dt.timedelta(days=3), meeting=meeting, title=title, now=now)
    later = timezone.localdate() + dt.timedelta(days=30)
    make_item(chair_user, owner, later, meeting=meeting, title="Susun rencana kerja tahun depan", now=now)


def report_sent(unit: Any, camat: User, reviewer: User | None, *, days_ago: int, late: bool) -> PeriodicReport:
    """A camat report of an earlier period, sent (on time or a week late) and accepted by ``reviewer`` (or still
    waiting for review without one)."""
    report = report_open(unit=unit, day=timezone.localdate() - dt.timedelta(days=days_ago))
    sent = report.due_at + (dt.timedelta(days=7) if late else -dt.timedelta(days=1))
    with time_machine.travel(sent, tick=False):
        report = report_transition(
            report=report, actor=camat, to_status=ReportStatus.SUBMITTED, narratives={"pelayanan": "Lancar."}
        )
    if reviewer is None:
        return report
    return report_transition(report=report, actor=reviewer, to_status=ReportStatus.ACCEPTED)


# -- the browser ---------------------------------------------------------------------------------------------


def landing(page: Any, base: str) -> dict[str, int]:
    """Open the Meja kerja and read each queue's count as the page shows it."""
    page.goto(base + reverse("desk:home"))
    counts = {}
    for card in page.locator(".desk-queue").all():
        key = (card.get_attribute("id") or "")[len("queue-") :]
        counts[key] = int(card.get_attribute("data-count") or "0")
        # The number a person reads is the number counted.
        assert card.locator(".display-6").inner_text().strip() == str(counts[key]), key
    return counts


PHONE_WIDTH = 400
TOO_WIDE: list[str] = []  # pages that scrolled sideways on a phone, this test


def check_width(page: Any) -> None:
    """On a phone, a page the day passes through must not scroll sideways (tables scroll inside their box)."""
    viewport = page.viewport_size or {"width": 1280}
    if viewport["width"] < PHONE_WIDTH and page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        TOO_WIDE.append(page.url)


def open_queue(page: Any, base: str, key: str) -> None:
    """From the landing, follow a queue's count to its list."""
    page.goto(base + reverse("desk:home"))
    check_width(page)
    page.locator(f"#queue-{key} a").first.click()
    page.wait_for_load_state()
    check_width(page)


# The rows of the list each queue opens (its first table: "Tindak lanjut saya" lists what the user chairs below).
ROWS = {
    "action_items": "main table >> nth=0 >> tbody a[href*='/tindak-lanjut/']",
    "skp": "main table tbody tr:has(a[href*='/skp/'])",
    "camat_report": "main table tbody a[href*='/laporan/']",
    "late_reports": "main table tbody a[href*='/laporan/']",
    "reports_review": "main table tbody a[href*='/laporan/']",
}


def assert_lists_match(page: Any, base: str, counts: dict[str, int]) -> None:
    """Every count on the landing opens a list of exactly that many rows."""
    for key, n in counts.items():
        if key == "resubmitted" or not n:
            continue
        open_queue(page, base, key)
        if key in ROWS:
            selector = ROWS[key]
        elif page.url.startswith(base + reverse("complaints:queue")):
            selector = COMPLAINT_ROWS
        else:
            selector = REQUEST_ROWS
        assert page.locator(selector).count() == n, (key, page.url, page.locator(selector).count(), n)


def open_oldest(page: Any, selector: str) -> None:
    """Open the first (oldest deadline) row of the list on the page."""
    page.locator(selector).first.click()
    page.wait_for_load_state()
    check_width(page)


REQUEST_ROWS = "main table tbody a[href*='/permohonan/']"
COMPLAINT_ROWS = "main table tbody a[href*='/pengaduan/kotak/']"


def step(page: Any, verb: str, **fields: str) -> None:
    """Take a step of a request or action item page (core/_steps.html): fill its fields, press its verb."""
    form = page.locator("form", has=page.get_by_role("button", name=verb, exact=True))
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=verb, exact=True).click()
    page.wait_for_load_state()
    check_width(page)


def complaint_step(page: Any, verb: str, *, select: dict[str, str] | None = None, **fields: str) -> None:
    form = page.get_by_role("form", name=verb)
    for name, label in (select or {}).items():
        form.locator(f"select[name={name}]").select_option(label=label)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=verb, exact=True).click()
    page.wait_for_load_state()
    check_width(page)


def clear_request_queue(page: Any, base: str, key: str, verb: str, n: int) -> None:
    """Open the queue's list, its oldest request, take ``verb``; "Berikutnya" opens the next; the last one ends
    on the queue's list, which says it is done."""
    from playwright.sync_api import expect

    open_queue(page, base, key)
    assert page.locator(REQUEST_ROWS).count() == n, key
    open_oldest(page, REQUEST_ROWS)
    for i in range(n):
        if i < n - 1:
            expect(page.locator("#next-in-queue")).to_be_visible()
        step(page, verb)
        if i < n - 1:
            expect(page.get_by_text("Berikutnya:").first).to_be_visible()
    expect(page.get_by_text("Antrean ini sudah habis.")).to_be_visible()


def finish_action_item(page: Any, base: str) -> None:
    from playwright.sync_api import expect

    open_queue(page, base, "action_items")
    open_oldest(page, ROWS["action_items"])
    step(page, "Tandai selesai", note="Sudah dikerjakan dan dilaporkan.")
    expect(page.get_by_text("Status tindak lanjut: Selesai.")).to_be_visible()


def rate_skp(page: Any, base: str, n: int) -> None:
    from playwright.sync_api import expect

    for _ in range(n):
        open_queue(page, base, "skp")
        page.get_by_role("link", name="Nilai").first.click()
        page.wait_for_load_state()
        check_width(page)
        for radio in page.locator("input[type=radio][value=sesuai]").all():
            radio.check()
        page.get_by_role("button", name="Simpan dan finalkan").click()
        page.wait_for_load_state()
        expect(page.get_by_text("difinalkan").first).to_be_visible()


def all_clear(page: Any, base: str, keys: set[str]) -> None:
    counts = landing(page, base)
    assert keys <= set(counts), (keys, counts)
    assert {k: n for k, n in counts.items() if n} == {}, counts
    assert page.locator("#desk-total").inner_text().strip() == "Tidak ada yang menunggu Anda saat ini."


# -- the petugas ---------------------------------------------------------------------------------------------


def test_a_petugas_day(live_server: Any, browser_page: Any, padang: Padang) -> None:
    from playwright.sync_api import expect

    started = time.monotonic()
    page, errors = browser_page
    base = live_server.url
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    bp = padang.kantor_lurah_bp
    service = make_service()
    make_request(bp, service)  # new
    sent_back = walk(make_request(bp, service), petugas, S.DIKEMBALIKAN)
    request_transition(request=sent_back, actor=None, to_status=S.DIAJUKAN, note="Sudah dilengkapi")
    walk(make_request(bp, service), petugas, S.DIVERIFIKASI)
    walk(make_request(bp, service), petugas, S.DIVERIFIKASI, S.DIPROSES)
    waiting = walk(make_request(bp, service), petugas, S.DIVERIFIKASI, S.DIPROSES, S.MENUNGGU_TTD)
    category = make_category()
    make_complaint(padang, category, title="Sampah menumpuk di pasar")
    disposed = complaint_transition(
        complaint=make_complaint(padang, category, title="Lampu jalan mati"), actor=petugas, to_status=CS.DIVERIFIKASI
    )
    complaint_transition(complaint=disposed, actor=lurah, to_status=CS.DIDISPOSISIKAN, position=padang.staf_bp_pos)
    own_action_item(lurah, bp, padang.staf_bp, "Perbarui papan informasi layanan")

    sign_in(page, base, "petugas_bp")
    counts = landing(page, base)
    assert counts == {
        "verify": 2,
        "resubmitted": 1,
        "process": 1,
        "in_process": 1,
        "complaints_verify": 1,
        "complaints_follow_up": 1,
        "action_items": 1,
    }
    assert page.locator("#queue-sign").count() == 0 and page.locator("#queue-dispose").count() == 0
    assert_lists_match(page, base, counts)

    # The request its applicant sent back is one of the berkas to verify, listed on its own.
    open_queue(page, base, "resubmitted")
    assert page.locator(REQUEST_ROWS).count() == 1
    assert sent_back.code_display in page.locator(REQUEST_ROWS).first.inner_text()

    # The office's own inbox names the applicants (masking is for other readers).
    open_queue(page, base, "verify")
    expect(page.locator("main table tbody").get_by_text("Yusnimar Chaniago").first).to_be_visible()

    # Berkas: verify both, then process the three, then send the four to the lurah.
    clear_request_queue(page, base, "verify", "Berkas lengkap", 2)
    assert landing(page, base)["process"] == 3
    clear_request_queue(page, base, "process", "Mulai proses", 3)
    assert landing(page, base)["in_process"] == 4
    clear_request_queue(page, base, "in_process", "Kirim ke Lurah untuk ditandatangani", 4)

    # Complaints: verify the new one (the lurah disposes it), follow up and finish the one disposed to this post.
    open_queue(page, base, "complaints_verify")
    open_oldest(page, COMPLAINT_ROWS)
    complaint_step(page, "Verifikasi")
    expect(page.get_by_text("Status diubah menjadi Diverifikasi. Antrean ini sudah habis.")).to_be_visible()
    open_queue(page, base, "complaints_follow_up")
    open_oldest(page, COMPLAINT_ROWS)
    complaint_step(page, "Catat tindak lanjut", note="Petugas PLN dijadwalkan datang Kamis.")
    expect(page.get_by_text("Status diubah menjadi Ditindaklanjuti.")).to_be_visible()
    # Still in the queue after the follow-up: the same complaint stays open, to be finished.
    expect(page.locator("#next-in-queue")).to_have_count(0)
    complaint_step(page, "Selesaikan", note="Lampu sudah diganti dan menyala.")
    expect(page.get_by_text("Status diubah menjadi Selesai. Antrean ini sudah habis.")).to_be_visible()

    finish_action_item(page, base)

    # A letter waiting for the lurah's signature: the petugas is offered no signature.
    page.goto(base + reverse("servicerequests:detail", args=[waiting.code]))
    expect(page.get_by_text("Menunggu tanda tangan").first).to_be_visible()
    assert page.get_by_role("button", name=re.compile("Tanda tangan", re.I)).count() == 0

    all_clear(page, base, set(counts))
    assert errors == []
    print(f"petugas: {time.monotonic() - started:.1f} s")


# -- the lurah, on desktop and on a phone ------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [(1280, 900), (360, 740)], ids=["desktop", "phone"])
def test_a_lurah_day(live_server: Any, browser_page: Any, padang: Padang, viewport: tuple[int, int]) -> None:
    from playwright.sync_api import expect

    started = time.monotonic()
    page, errors = browser_page
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    base = live_server.url
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    bp = padang.kantor_lurah_bp
    service = make_service()
    late = late_letter(bp, service, petugas)
    walk(make_request(bp, service), petugas, S.DIVERIFIKASI, S.DIPROSES, S.MENUNGGU_TTD)
    category = make_category()
    late_verified_complaint(padang, category, petugas)
    complaint_transition(
        complaint=make_complaint(padang, category, title="Lampu jalan mati"), actor=petugas, to_status=CS.DIVERIFIKASI
    )
    own_action_item(lurah, bp, padang.lurah_bp, "Laporkan data stunting ke camat")
    # A second subordinate, already rated for the period: not on the desk.
    kasi_post = make_position(bp, "Kasi Pemerintahan", reports_to=padang.lurah_bp.position)
    year, quarter = last_ended_period(timezone.localdate())
    assessment_save(
        employee=make_employee(bp, "Desmawati", kasi_post, gender="P"),
        year=year,
        quarter=quarter,
        actor=lurah,
        data=full_data(),
        finalize=True,
    )

    sign_in(page, base, "lurah_bp")
    counts = landing(page, base)
    assert counts == {
        "sign": 2,
        "dispose": 2,
        "late_requests": 1,
        "late_complaints": 1,
        "skp": 1,  # Yusnimar, the petugas, reports to the lurah
        "action_items": 1,
    }
    assert_lists_match(page, base, counts)
    TOO_WIDE.clear()

    # The late request is the letter waiting longest: it opens first from either list.
    open_queue(page, base, "late_requests")
    assert page.locator(REQUEST_ROWS).count() == 1
    assert late.code_display in page.locator(REQUEST_ROWS).first.inner_text()

    # Letters: the lurah reads the DRAF preview of the exact letter, then signs; the next one opens.
    open_queue(page, base, "sign")
    assert page.locator(REQUEST_ROWS).count() == 2
    open_oldest(page, REQUEST_ROWS)
    for i in range(2):
        preview = page.locator("#letter-preview")
        expect(preview).to_contain_text("DRAF")
        frame = preview.locator("iframe")
        expect(frame).to_have_attribute("src", re.compile(r"/pratinjau-surat/$"))
        opened = page.request.get(base + (frame.get_attribute("src") or ""))
        assert opened.ok and opened.body().startswith(b"%PDF-")
        step(page, "Tanda tangani dan selesaikan")
        expect(page.get_by_text("Berikutnya:" if i == 0 else "Antrean ini sudah habis.").first).to_be_visible()

    # The signed letter's number is on the request's page.
    page.goto(base + reverse("servicerequests:detail", args=[late.code]))
    late.refresh_from_db()
    expect(page.locator("#letter")).to_contain_text(late.letter.number)

    # Complaints: dispose both to the petugas's post, the late one first and the next opening after it; the late
    # one is late no more.
    open_queue(page, base, "dispose")
    open_oldest(page, COMPLAINT_ROWS)
    for i in range(2):
        expect(page.locator("#next-in-queue")).to_have_count(1 if i == 0 else 0)
        complaint_step(
            page,
            "Disposisikan ke pejabat",
            select={"position": "Pengadministrasi Umum"},
            note="Tolong cek ke lokasi hari ini.",
        )
        done = "Berikutnya:" if i == 0 else "Antrean ini sudah habis."
        expect(page.get_by_text(f"Status diubah menjadi Didisposisikan. {done}")).to_be_visible()
    assert landing(page, base)["late_complaints"] == 0

    rate_skp(page, base, 1)
    finish_action_item(page, base)

    all_clear(page, base, set(counts))
    assert errors == []
    assert TOO_WIDE == []  # on the phone, no page of the day scrolls sideways
    print(f"lurah {viewport}: {time.monotonic() - started:.1f} s")


# -- the camat ------------------------------------------------------------------------------------------------


def test_a_camat_day(live_server: Any, browser_page: Any, padang: Padang) -> None:
    from playwright.sync_api import expect

    started = time.monotonic()
    page, errors = browser_page
    base = live_server.url
    camat = make_user("camat_ps", Role.KEPALA_UNIT, padang.camat_ps)
    office = padang.kantor_camat_ps
    camat_post = padang.camat_ps.position
    staff_post = make_position(office, "Kasi Pelayanan Umum", reports_to=camat_post)
    kasi = make_user("kasi_ps", Role.PETUGAS, make_employee(office, "Rahmat", staff_post))
    service = make_service(code="sk-ahli-waris", name="Surat Keterangan Ahli Waris", level="kecamatan")
    late_letter(office, service, kasi)
    category = make_category()
    late_verified_complaint(padang, category, kasi, region=padang.padang_selatan)
    # Last period's report of the kecamatan, still a draft.
    report = report_open(unit=office, day=timezone.localdate() - dt.timedelta(days=40))
    pimpinan = make_user("pimpinan", Role.PIMPINAN_DAERAH, padang.kabag)
    report_sent(office, camat, pimpinan, days_ago=75, late=False)
    own_action_item(camat, office, padang.camat_ps, "Rakor Forkopimcam: siapkan bahan")

    sign_in(page, base, "camat_ps")
    counts = landing(page, base)
    assert counts == {
        "sign": 1,
        "dispose": 1,
        "late_requests": 1,
        "late_complaints": 1,
        "skp": 2,  # the lurah of Belakang Pondok and the kasi
        "camat_report": 1,
        "action_items": 1,
    }
    assert_lists_match(page, base, counts)

    # The letter of the kantor camat, late: preview, sign; the queue is done.
    open_queue(page, base, "sign")
    open_oldest(page, REQUEST_ROWS)
    expect(page.locator("#letter-preview")).to_contain_text("DRAF")
    step(page, "Tanda tangani dan selesaikan")
    expect(page.get_by_text("Antrean ini sudah habis.")).to_be_visible()

    open_queue(page, base, "dispose")
    open_oldest(page, COMPLAINT_ROWS)
    complaint_step(
        page, "Disposisikan ke pejabat", select={"position": "Kasi Pelayanan Umum"}, note="Koordinasikan dengan PU."
    )
    expect(page.get_by_text("Status diubah menjadi Didisposisikan. Antrean ini sudah habis.")).to_be_visible()

    rate_skp(page, base, 2)

    # The report: write the narrative and submit it (what was typed is saved with the submission).
    open_queue(page, base, "camat_report")
    page.locator(f"a[href='{reverse('reports:detail', args=[report.pk])}']").first.click()
    page.fill("#id_pelayanan", "Satu surat ahli waris terlambat karena menunggu tanda tangan; sudah diselesaikan.")
    page.get_by_role("button", name="Sampaikan laporan").click()
    expect(page.get_by_text("Status laporan: Disampaikan.")).to_be_visible()
    report.refresh_from_db()
    assert "ahli waris" in report.pelayanan

    finish_action_item(page, base)

    all_clear(page, base, set(counts))
    assert errors == []
    print(f"camat: {time.monotonic() - started:.1f} s")


# -- the pimpinan daerah --------------------------------------------------------------------------------------


def test_a_pimpinan_day(live_server: Any, browser_page: Any, padang: Padang) -> None:
    from playwright.sync_api import expect

    started = time.monotonic()
    page, errors = browser_page
    base = live_server.url
    pimpinan = make_user("pimpinan", Role.PIMPINAN_DAERAH, padang.kabag)
    # Belakang Tangsi (Padang Barat): a petugas and a lurah; a letter and a complaint wait too long there.
    bt = padang.kantor_lurah_bt
    lurah_bt_post = make_position(bt, "Lurah", Position.Kind.KEPALA)
    staf_bt_post = make_position(bt, "Pengadministrasi Umum", reports_to=lurah_bt_post)
    padang.staf_bt.position = staf_bt_post
    padang.staf_bt.save()
    petugas_bt = make_user("petugas_bt", Role.PETUGAS, padang.staf_bt)
    lurah_bt = make_user("lurah_bt", Role.KEPALA_UNIT, make_employee(bt, "Syafril", lurah_bt_post))
    late = late_letter(bt, make_service(), petugas_bt)
    late_complaint = late_verified_complaint(padang, make_category(), petugas_bt, region=padang.belakang_tangsi)
    # Padang Barat has not sent last period's report; Padang Selatan sent an earlier one a week late and it
    # waits for review.
    camat_pb_post = make_position(padang.kantor_camat_pb, "Camat", Position.Kind.KEPALA)
    camat_pb = make_user("camat_pb", Role.KEPALA_UNIT, make_employee(padang.kantor_camat_pb, "Afdal", camat_pb_post))
    report = report_open(unit=padang.kantor_camat_pb, day=timezone.localdate() - dt.timedelta(days=40))
    assert report.due_at < timezone.now()
    camat_ps = make_user("camat_ps", Role.KEPALA_UNIT, padang.camat_ps)
    sent_late = report_sent(padang.kantor_camat_ps, camat_ps, None, days_ago=75, late=True)
    # The index: two months ago Padang Selatan led, last month (the last complete one, which the desk and the
    # dashboard show) Padang Barat did.
    month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    last_month = (month - dt.timedelta(days=1)).replace(day=1)
    for unit, day, on_time in (
        (padang.kantor_lurah_bp, last_month, 10),
        (bt, last_month, 2),
        (padang.kantor_lurah_bp, month, 2),
        (bt, month, 10),
    ):
        UnitDay.objects.create(kabkota_code="13.71", unit=unit, day=day, requests_finished=10, requests_on_time=on_time)
    own_action_item(pimpinan, padang.tapem, padang.kabag, "Siapkan evaluasi camat triwulan")

    sign_in(page, base, "pimpinan")
    counts = landing(page, base)
    assert counts == {
        "late_reports": 1,
        "reports_review": 1,
        "late_requests": 1,
        "late_complaints": 1,
        "action_items": 1,
    }
    assert_lists_match(page, base, counts)

    # Ranking movement: both kecamatan moved, each with its place, linking to the dashboard.
    page.goto(base + reverse("desk:home"))
    movements = page.locator("#movements li")
    expect(movements).to_have_count(2)
    expect(movements.first).to_contain_text("Padang Barat")
    expect(movements.first).to_contain_text("naik 1")
    # Each opens the dashboard of the month shown, the kecamatan itself with its offices.
    movements.first.get_by_role("link").click()
    expect(page.get_by_role("heading", name=re.compile("Padang Barat"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Kantor Lurah Belakang Tangsi"))).to_be_visible()
    assert f"bulan={month:%Y-%m}" in page.url
    page.goto(base + reverse("desk:home"))
    page.get_by_role("link", name="Buka dasbor kinerja →").click()
    expect(page.get_by_role("heading", name=re.compile("Kinerja"))).to_be_visible()
    assert f"bulan={month:%Y-%m}" in page.url

    # Oversight: the oldest row of each late list opens; the pimpinan reads, the office acts.
    open_queue(page, base, "late_reports")
    expect(page.get_by_role("heading", name="Laporan camat terlambat")).to_be_visible()
    open_oldest(page, ROWS["late_reports"])
    expect(page.get_by_text("Padang Barat").first).to_be_visible()
    assert page.get_by_role("button", name="Terima laporan").count() == 0  # a draft: nothing to review yet

    open_queue(page, base, "late_requests")
    open_oldest(page, REQUEST_ROWS)
    expect(page.get_by_text(late.code_display).first).to_be_visible()
    expect(page.get_by_text("dieskalasi ke Lurah")).to_be_visible()
    assert page.get_by_role("button", name="Tanda tangani dan selesaikan").count() == 0

    open_queue(page, base, "late_complaints")
    open_oldest(page, COMPLAINT_ROWS)
    expect(page.get_by_text(late_complaint.title).first).to_be_visible()
    assert page.get_by_role("button", name="Disposisikan ke pejabat").count() == 0

    # The escalated offices act: the lurah signs and disposes, the camat of Padang Barat sends the report.
    request_transition(request=late, actor=lurah_bt, to_status=S.SELESAI)
    complaint_transition(complaint=late_complaint, actor=lurah_bt, to_status=CS.DIDISPOSISIKAN, position=staf_bt_post)
    report_transition(
        report=report, actor=camat_pb, to_status=ReportStatus.SUBMITTED, narratives={"pelayanan": "Terlambat."}
    )
    counts = landing(page, base)
    assert (counts["late_reports"], counts["reports_review"], counts["late_requests"], counts["late_complaints"]) == (
        0,
        2,
        0,
        0,
    )

    # The reports waiting for review, the longest waiting first: the pimpinan accepts both.
    for expected in (sent_late, report):
        open_queue(page, base, "reports_review")
        assert page.locator(ROWS["reports_review"]).first.get_attribute("href") == reverse(
            "reports:detail", args=[expected.pk]
        )
        open_oldest(page, ROWS["reports_review"])
        step(page, "Terima laporan", note="Diterima; terima kasih.")
        expect(page.get_by_text("Status laporan: Diterima.")).to_be_visible()

    finish_action_item(page, base)
    all_clear(page, base, set(counts))
    assert errors == []
    print(f"pimpinan: {time.monotonic() - started:.1f} s")
