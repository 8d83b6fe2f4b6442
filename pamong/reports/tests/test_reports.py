from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from pamong.core.errors import DomainError, Forbidden
from pamong.notifications.models import Notification
from pamong.reports import figures
from pamong.reports.models import PeriodicReport, ReportChange, Status
from pamong.reports.selectors import figure_rows, late_reports
from pamong.reports.services import (
    NARRATIVE_FIELDS,
    report_open,
    report_transition,
    report_update,
    reports_remind,
    schedule_set,
)
from pamong.reports.testing import NARRATIVE, OCTOBER, october_report
from pamong.servicerequests.testing import make_request, make_service
from pamong.testing import Padang

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
pytestmark = pytest.mark.django_db


def at(day: int, month: int = 10, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=WIB)


def value(report: PeriodicReport, key: str) -> Any:
    return {row["key"]: row["value"] for row in figure_rows(report)}[key]


def test_deadline_is_counted_in_working_days_after_the_period(padang: Padang) -> None:
    report = report_open(unit=padang.kantor_camat_ps, day=OCTOBER)
    assert (report.period_start, report.period_end) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    # 31 October 2026 is a Saturday: the 10th working day after it is Friday 13 November.
    assert report.due_at.astimezone(WIB).date() == dt.date(2026, 11, 13)
    assert report.period_label == "Oktober 2026"
    assert report_open(unit=padang.kantor_camat_ps, day=dt.date(2026, 10, 2)) == report  # one per period


def test_quarterly_schedule_set_by_pimpinan(padang: Padang, pimpinan_padang: Any, camat_padang_selatan: Any) -> None:
    with pytest.raises(Forbidden):
        schedule_set(actor=camat_padang_selatan, kabkota_code="13.71", frequency="triwulan", due_days=10)
    schedule_set(actor=pimpinan_padang, kabkota_code="13.71", frequency="triwulan", due_days=5)
    report = report_open(unit=padang.kantor_camat_ps, day=OCTOBER)
    assert (report.period_start, report.period_end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert report.period_label == "Triwulan IV 2026"


def test_submitted_figures_are_frozen_while_a_draft_shows_live_figures(
    padang: Padang, camat_padang_selatan: Any, client: Any
) -> None:
    service = make_service()
    make_request(padang.kantor_lurah_bp, service, now=at(10))
    make_request(padang.kantor_lurah_bt, service, now=at(11))  # Padang Barat: not this kecamatan
    with time_machine.travel(at(3, 11), tick=False):
        report = october_report(padang, camat_padang_selatan)
        assert value(report, "requests_received") == 1
        make_request(padang.kantor_lurah_al, service, now=at(12))
        assert value(report, "requests_received") == 2  # the draft follows the data
        report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    make_request(padang.kantor_lurah_bp, service, now=at(20))  # arrives after submission
    report.refresh_from_db()
    assert value(report, "requests_received") == 2
    assert report.figures_at == at(3, 11)
    client.force_login(camat_padang_selatan)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Angka dibekukan saat laporan disampaikan pada 3 November 2026" in page
    live = figures.compute_all(figures.Context(unit=report.unit, start=report.period_start, end=report.period_end))
    assert live["requests_received"] == 3


def test_status_flow_and_who_may_do_what(
    padang: Padang,
    camat_padang_selatan: Any,
    sekcam_padang_selatan: Any,
    camat_padang_barat: Any,
    lurah_belakang_pondok: Any,
    pimpinan_padang: Any,
) -> None:
    report = october_report(padang, sekcam_padang_selatan)
    for outsider in (lurah_belakang_pondok, camat_padang_barat, pimpinan_padang):
        with pytest.raises(Forbidden, match="tidak berwenang"):
            report_transition(report=report, actor=outsider, to_status=Status.SUBMITTED)
    report_transition(report=report, actor=sekcam_padang_selatan, to_status=Status.SUBMITTED)
    with pytest.raises(DomainError, match="tidak dapat diubah"):
        report_update(report=report, actor=camat_padang_selatan, narratives=NARRATIVE)
    with pytest.raises(Forbidden, match="tidak berwenang"):
        report_transition(report=report, actor=camat_padang_selatan, to_status=Status.ACCEPTED)
    with pytest.raises(DomainError, match="catatan"):
        report_transition(report=report, actor=pimpinan_padang, to_status=Status.RETURNED)
    stale = PeriodicReport.objects.get(pk=report.pk)
    report_transition(report=report, actor=pimpinan_padang, to_status=Status.RETURNED, note="Lengkapi data pemilu.")
    with pytest.raises(DomainError, match="baru saja diubah"):  # a second reviewer on the old page
        report_transition(report=stale, actor=pimpinan_padang, to_status=Status.ACCEPTED)
    report_update(report=report, actor=camat_padang_selatan, narratives={**NARRATIVE, "pengaturan": "Pemilu aman."})
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    report_transition(report=report, actor=pimpinan_padang, to_status=Status.ACCEPTED)
    with pytest.raises(DomainError, match="tidak dapat diubah menjadi"):
        report_transition(report=report, actor=pimpinan_padang, to_status=Status.RETURNED, note="x")
    steps = list(ReportChange.objects.filter(report=report).values_list("from_status", "to_status"))
    assert steps == [
        ("draf", "disampaikan"),
        ("disampaikan", "dikembalikan"),
        ("dikembalikan", "disampaikan"),
        ("disampaikan", "diterima"),
    ]
    assert PeriodicReport.objects.get(pk=report.pk).pengaturan == "Pemilu aman."


def test_return_without_note_shows_error_next_to_the_field(
    padang: Padang, camat_padang_selatan: Any, pimpinan_padang: Any, client: Any
) -> None:
    report = october_report(padang, camat_padang_selatan)
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    client.force_login(pimpinan_padang)
    url = reverse("reports:status", args=[report.pk])
    response = client.post(url, {"to_status": "dikembalikan", "note": ""})
    assert response.status_code == 400
    assert "Tuliskan catatan perbaikan untuk camat." in response.content.decode()
    response = client.post(url, {"to_status": "dikembalikan", "note": "Tambahkan data stunting."})
    assert response.status_code == 302
    client.force_login(camat_padang_selatan)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Tambahkan data stunting." in page and "Simpan uraian" in page


def test_camat_edits_and_submits_through_the_pages(padang: Padang, camat_padang_selatan: Any, client: Any) -> None:
    client.force_login(camat_padang_selatan)
    with time_machine.travel(at(3, 11), tick=False):
        response = client.post(reverse("reports:open"))
        report = PeriodicReport.objects.get()
        assert response.url == reverse("reports:detail", args=[report.pk])
        assert report.period_start == dt.date(2026, 10, 1)
        url = reverse("reports:status", args=[report.pk])
        response = client.post(url, {"to_status": "disampaikan"})
        assert "Isi sekurang-kurangnya satu uraian" in response.content.decode()
        client.post(reverse("reports:detail", args=[report.pk]), {"pelayanan": "Pelayanan <b>baik</b>."})
        client.post(url, {"to_status": "disampaikan"})
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and not report.late
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Pelayanan &lt;b&gt;baik&lt;/b&gt;." in page  # plain text, escaped


def test_scope_camat_sees_own_kecamatan_pimpinan_all(
    padang: Padang, camat_padang_selatan: Any, camat_padang_barat: Any, pimpinan_padang: Any, client: Any
) -> None:
    ps = report_open(unit=padang.kantor_camat_ps, day=OCTOBER)
    pb = report_open(unit=padang.kantor_camat_pb, day=OCTOBER)
    client.force_login(camat_padang_barat)
    assert client.get(reverse("reports:detail", args=[ps.pk])).status_code == 404
    assert client.get(reverse("reports:pdf", args=[ps.pk])).status_code == 404
    assert client.get(reverse("reports:detail", args=[pb.pk])).status_code == 200
    page = client.get(reverse("reports:list")).content.decode()
    assert "Padang Barat" in page and "Padang Selatan" not in page
    assert client.get(reverse("reports:overview")).status_code == 404
    client.force_login(pimpinan_padang)
    page = client.get(reverse("reports:list")).content.decode()
    assert "Padang Barat" in page and "Padang Selatan" in page


def test_reminders_go_once_through_the_queue(padang: Padang) -> None:
    padang.camat_ps.email = "camat.ps@padang.go.id"
    padang.camat_ps.save()
    report_open(unit=padang.kantor_camat_ps, day=OCTOBER)
    reminders = Notification.objects.filter(reference__startswith="laporan:")
    with time_machine.travel(at(9, 11), tick=False):
        assert reports_remind() == 0  # 4 working days before the deadline
    with time_machine.travel(at(10, 11), tick=False):  # 3 working days before Friday 13 November
        assert reports_remind() == 2  # both kecamatan (the sweep opens Padang Barat's report too)
        assert reports_remind() == 0
    assert reminders.count() == 1
    assert "paling lambat 13-11-2026" in reminders.get().body
    with time_machine.travel(at(13, 11, hour=8), tick=False):
        reports_remind()
        reports_remind()
    assert list(reminders.values_list("reference", flat=True).order_by("id"))[1].endswith(":h-0")
    assert reminders.count() == 2


def test_late_list(padang: Padang, camat_padang_selatan: Any, camat_padang_barat: Any, pimpinan_padang: Any) -> None:
    on_time = october_report(padang, camat_padang_selatan)
    with time_machine.travel(at(5, 11), tick=False):
        report_transition(report=on_time, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    not_sent = report_open(unit=padang.kantor_camat_pb, day=OCTOBER)
    september = report_open(unit=padang.kantor_camat_ps, day=dt.date(2026, 9, 10))
    report_update(report=september, actor=camat_padang_selatan, narratives=NARRATIVE)
    with time_machine.travel(at(20, 11), tick=False):
        report_transition(report=september, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
        assert set(late_reports(user=pimpinan_padang)) == {not_sent, september}
    with time_machine.travel(at(10, 11), tick=False):  # before October's deadline only September is late
        assert set(late_reports(user=pimpinan_padang)) == {september}


def test_pdf_contains_the_kecamatan(padang: Padang, camat_padang_selatan: Any, client: Any) -> None:
    report = october_report(padang, camat_padang_selatan)
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    client.force_login(camat_padang_selatan)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "PADANG SELATAN" in text
    assert "Jaringan internet lambat." in text
    assert "Zulfahmi" in text  # the camat signs


def test_adding_a_figure_is_one_line(padang: Padang, camat_padang_selatan: Any, client: Any) -> None:
    saved = list(figures.FIGURES)
    try:
        figures.register(figures.Figure("stunting_cases", "Balita stunting", "pemberdayaan", lambda ctx: 7))
        report = october_report(padang, camat_padang_selatan)
        report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
        assert value(report, "stunting_cases") == 7
        client.force_login(camat_padang_selatan)
        assert "Balita stunting" in client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    finally:
        figures.FIGURES[:] = saved


def test_overview_side_by_side_and_xlsx(
    padang: Padang, camat_padang_selatan: Any, pimpinan_padang: Any, client: Any
) -> None:
    report = october_report(padang, camat_padang_selatan)
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    client.force_login(pimpinan_padang)
    page = client.get(reverse("reports:overview"), {"periode": "2026-10"}).content.decode()
    assert "Laporan camat periode Oktober 2026" in page
    assert "Padang Barat" in page and "Belum dibuat" in page and "Disampaikan" in page
    response = client.get(reverse("reports:overview"), {"periode": "2026-10", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_list_and_overview_query_counts_do_not_grow(
    padang: Padang, pimpinan_padang: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(pimpinan_padang)
    for unit in (padang.kantor_camat_ps, padang.kantor_camat_pb):
        report_open(unit=unit, day=OCTOBER)
    client.get(reverse("reports:list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("reports:list"))
        client.get(reverse("reports:overview"), {"periode": "2026-10"})
    for month in range(1, 10):
        for unit in (padang.kantor_camat_ps, padang.kantor_camat_pb):
            report_open(unit=unit, day=dt.date(2026, month, 5))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("reports:list"))
        client.get(reverse("reports:overview"), {"periode": "2026-10"})


def test_figures_are_shown_in_indonesian_format() -> None:
    assert figures.display(1234) == "1.234"
    assert figures.display(87.5, "%") == "87,5%"
    assert figures.display(82.4) == "82,40"
    assert figures.display("B") == "B"
    assert figures.display(None) == "—"


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_attachments_checked_and_served_only_to_those_who_see_the_report(
    padang: Padang, camat_padang_selatan: Any, camat_padang_barat: Any, client: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    report = october_report(padang, camat_padang_selatan)
    client.force_login(camat_padang_selatan)
    url = reverse("reports:attach", args=[report.pk])
    response = client.post(url, {"file": SimpleUploadedFile("catatan.pdf", b"bukan pdf")})
    assert response.status_code == 400 and "isi berkas bukan PDF, JPEG atau PNG" in response.content.decode()
    for _ in range(2):  # sent twice: attached once
        client.post(url, {"file": SimpleUploadedFile("notulen rakor.pdf", PDF_BYTES)})
    attachment = report.attachments.get()
    file_url = reverse("reports:attachment", args=[attachment.pk])
    assert b"".join(client.get(file_url).streaming_content) == PDF_BYTES
    client.force_login(camat_padang_barat)
    assert client.get(file_url).status_code == 404
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    client.force_login(camat_padang_selatan)
    response = client.post(url, {"file": SimpleUploadedFile("lain.pdf", PDF_BYTES + b" ")})
    assert "lampiran tidak dapat ditambah" in response.content.decode()


def test_priority_programme_counts_are_figures_of_the_report(padang: Padang, camat_padang_selatan: Any) -> None:
    from pamong.programmes.models import Programme, ProgrammeTarget, ProgressReport

    stunting = Programme.objects.get(code="stunting")
    for place, (baseline, target, sep, oct_) in {
        padang.belakang_pondok: (20, 10, 14, 12),
        padang.alang_laweh: (10, 0, 9, 9),
        padang.belakang_tangsi: (50, 40, 45, 44),  # Padang Barat: not this kecamatan
    }.items():
        ProgrammeTarget.objects.create(
            programme=stunting, place=place, kabkota_code="13.71", year=2026, baseline=baseline, target=target
        )
        for month, count in ((9, sep), (10, oct_)):
            ProgressReport.objects.create(
                programme=stunting, place=place, kabkota_code="13.71", month=dt.date(2026, month, 1), count=count
            )
    with time_machine.travel(at(3, 11), tick=False):
        report = october_report(padang, camat_padang_selatan)
        assert value(report, "stunting_children") == 21  # 12 + 9 at the end of October
        assert value(report, "poverty_households") is None  # nothing reported


def test_each_role_is_offered_only_the_steps_it_may_take(
    padang: Padang,
    camat_padang_selatan: Any,
    sekcam_padang_selatan: Any,
    camat_padang_barat: Any,
    lurah_belakang_pondok: Any,
    pimpinan_padang: Any,
    client: Client,
) -> None:
    from pamong.reports.services import MACHINE

    report = october_report(padang, camat_padang_selatan)

    def offered(user: Any) -> list[str]:
        return [t.verb_for(report) for t in MACHINE.available(user, report)]

    assert offered(camat_padang_selatan) == offered(sekcam_padang_selatan) == ["Sampaikan laporan"]
    for outsider in (pimpinan_padang, camat_padang_barat, lurah_belakang_pondok):
        assert offered(outsider) == []
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    assert offered(pimpinan_padang) == ["Terima laporan", "Kembalikan ke camat"]
    assert offered(camat_padang_selatan) == offered(camat_padang_barat) == []
    with pytest.raises(Forbidden, match=r"Anda tidak berwenang melakukan tindakan ini pada laporan ini\."):
        report_transition(report=report, actor=camat_padang_selatan, to_status=Status.ACCEPTED)
    # The pages show the same: the reviewer the two verbs, the camat none of them.
    url = reverse("reports:detail", args=[report.pk])
    client.force_login(camat_padang_selatan)
    page = client.get(url).content.decode()
    assert "Terima laporan" not in page and "Kembalikan ke camat" not in page and "Sampaikan laporan" not in page
    client.force_login(pimpinan_padang)
    page = client.get(url).content.decode()
    assert "Terima laporan" in page and "Kembalikan ke camat" in page and "Catatan perbaikan untuk camat" in page


def test_the_history_keeps_the_post_the_actor_held_at_the_time(
    padang: Padang, camat_padang_selatan: Any, pimpinan_padang: Any
) -> None:
    report = october_report(padang, camat_padang_selatan)
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    report_transition(report=report, actor=pimpinan_padang, to_status=Status.RETURNED, note="Lengkapi data pemilu.")
    # Later the camat moves to Padang Barat with another post.
    padang.camat_ps.unit = padang.kantor_camat_pb
    padang.camat_ps.position = None
    padang.camat_ps.save()
    sent, returned = ReportChange.objects.filter(report=report).order_by("at", "id")
    assert (sent.actor_unit, sent.actor_position.title, sent.kabkota_code) == (  # type: ignore[union-attr]
        padang.kantor_camat_ps,
        "Camat",
        "13.71",
    )
    assert sent.actor_label == "Camat (Zulfahmi)"
    assert (returned.actor_unit, returned.note, returned.get_to_status_display()) == (
        padang.tapem,
        "Lengkapi data pemilu.",
        "Dikembalikan untuk diperbaiki",
    )


def test_submitting_a_returned_report_sends_what_was_typed_in_the_sections(
    padang: Padang, camat_padang_selatan: Any, pimpinan_padang: Any, client: Client
) -> None:
    """Issue 15, "Data loss": text typed into a section of a returned report and then "Sampaikan laporan", without
    "Simpan uraian" first, is in the submitted report."""
    report = october_report(padang, camat_padang_selatan)
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    report_transition(report=report, actor=pimpinan_padang, to_status=Status.RETURNED, note="Lengkapi pembangunan.")
    client.force_login(camat_padang_selatan)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    # "Sampaikan laporan" belongs to the form of the section texts.
    assert 'form="uraian"' in page and 'name="to_status" value="disampaikan"' in page
    typed = {k: getattr(report, k) for k in NARRATIVE_FIELDS}
    typed["pembangunan"] = "Drainase Jalan Bandar Olo selesai 80 persen dari Dana Kelurahan."
    sent = {**typed, "from_status": "dikembalikan", "to_status": "disampaikan"}
    response = client.post(reverse("reports:status", args=[report.pk]), sent)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.pembangunan == "Drainase Jalan Bandar Olo selesai 80 persen dari Dana Kelurahan."
    assert report.pelayanan == NARRATIVE["pelayanan"]
    client.force_login(pimpinan_padang)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Drainase Jalan Bandar Olo selesai 80 persen" in page


def test_a_refused_submission_keeps_the_typed_text_on_the_page_and_saves_nothing(
    padang: Padang, camat_padang_selatan: Any, sekcam_padang_selatan: Any, pimpinan_padang: Any, client: Client
) -> None:
    report = october_report(padang, camat_padang_selatan)
    report_transition(report=report, actor=camat_padang_selatan, to_status=Status.SUBMITTED)
    report_transition(report=report, actor=pimpinan_padang, to_status=Status.RETURNED, note="Lengkapi pembangunan.")
    # The sekcam sends the report while the camat is still typing on the page opened before.
    report_transition(report=report, actor=sekcam_padang_selatan, to_status=Status.SUBMITTED)
    client.force_login(camat_padang_selatan)
    typed = {**{k: getattr(report, k) for k in NARRATIVE_FIELDS}, "pembangunan": "Uraian yang baru diketik camat."}
    sent = {**typed, "from_status": "dikembalikan", "to_status": "disampaikan"}
    response = client.post(reverse("reports:status", args=[report.pk]), sent)
    page = response.content.decode()
    assert response.status_code == 400
    assert "baru saja diubah" in page and "Uraian yang baru diketik camat." in page
    report.refresh_from_db()
    assert report.pembangunan == "" and report.changes.count() == 3
    # An empty report is refused as a whole too: nothing typed is lost, nothing half-saved.
    other = report_open(unit=padang.kantor_camat_ps, day=dt.date(2026, 9, 10))
    blank = dict.fromkeys(NARRATIVE_FIELDS, "  ")
    response = client.post(reverse("reports:status", args=[other.pk]), {**blank, "to_status": "disampaikan"})
    assert response.status_code == 400
    assert "Isi sekurang-kurangnya satu uraian" in response.content.decode()
    other.refresh_from_db()
    assert other.status == Status.DRAFT and not other.changes.exists()
