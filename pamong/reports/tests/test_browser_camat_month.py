"""A camat's month in a real browser: the camat reads the performance dashboard of the kecamatan and drills down to
a kelurahan, fills in and submits last month's report with an attachment, the bupati's office (pimpinan daerah)
finds it in the period overview, returns it with a note, the camat corrects and sends it again, the report is
accepted and its PDF carries the frozen figures and the narratives."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pamong.accounts.models import Role
from pamong.kinerja.services import indicators_backfill
from pamong.kinerja.testing import WIB, make_history
from pamong.organization.models import Position
from pamong.reports.models import PeriodicReport, Status
from pamong.reports.periods import label_of, previous_period
from pamong.servicerequests.models import Status as RequestStatus
from pamong.servicerequests.testing import make_service
from pamong.testing import Padang, make_employee, make_position, make_user, sign_in

pytestmark = [pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Whether leaving the page now would ask first (the page cancels its beforeunload event).
LEAVING = (
    "() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); "
    "return e.defaultPrevented; }"
)


@pytest.mark.slow  # a real browser through the whole path: over 3 s
def test_camat_month_from_dashboard_to_accepted_report(
    live_server: Any, browser_page: Any, padang: Padang, camat_padang_selatan: Any, pimpinan_padang: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page, errors = browser_page
    base = live_server.url
    # Last month's work in Kantor Lurah Belakang Pondok: three letters, the lurah kept the last one waiting.
    start, end = previous_period("bulanan", timezone.localdate())
    service = make_service()
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    # Alang Laweh, a peer with the same chain, signs within hours (one late letter there too).
    al = padang.kantor_lurah_al
    lurah_al_position = make_position(al, "Lurah", Position.Kind.KEPALA)
    staff_al_position = Position.objects.filter(unit=al, title="Pengadministrasi Umum").first() or make_position(
        al, "Pengadministrasi Umum", reports_to=lurah_al_position
    )
    lurah_al = make_user("lurah_al", Role.KEPALA_UNIT, make_employee(al, "Lurah AL", lurah_al_position))
    petugas_al = make_user("petugas_al", Role.PETUGAS, make_employee(al, "Staf AL", staff_al_position))
    for unit, who, waits in (
        (padang.kantor_lurah_bp, (petugas, lurah), (2, 3, 100)),
        (al, (petugas_al, lurah_al), (2, 3, 50)),
    ):
        for i, wait in enumerate(waits):
            submitted = dt.datetime.combine(start + dt.timedelta(days=7 + i), dt.time(9), tzinfo=WIB)
            make_history(
                unit,
                service,
                submitted=submitted,
                due=submitted + dt.timedelta(days=2),
                steps=[
                    (RequestStatus.DIVERIFIKASI, dt.timedelta(hours=1), who[0]),
                    (RequestStatus.MENUNGGU_TTD, dt.timedelta(hours=1), who[0]),
                    (RequestStatus.SELESAI, dt.timedelta(hours=wait), who[1]),
                ],
                assignee=who[0].employee,
            )
    indicators_backfill(first=start, last=end, kabkota_code="13.71")
    label = label_of("bulanan", start)

    # 1. The camat opens the dashboard of the kecamatan and drills down to the kelurahan.
    sign_in(page, base, "camat_ps")
    page.get_by_role("button", name="Kinerja", exact=True).click()
    page.get_by_role("link", name="Dasbor kinerja").click()
    expect(page.get_by_role("heading", name="Kinerja Padang Selatan")).to_be_visible()
    page.get_by_role("link", name="Kantor Lurah Belakang Pondok").click()
    expect(page.get_by_text("2 dari 3 permohonan selesai tepat waktu")).to_be_visible()
    expect(page.get_by_text("Lurah — mata rantai lemah")).to_be_visible()
    expect(page.locator("tr.table-danger")).to_contain_text("Menunggu tanda tangan")

    # 2. The camat opens last month's report, writes the narratives, attaches a file and submits.
    page.goto(base + reverse("reports:list"))
    page.get_by_role("button", name="Buka laporan periode lalu").click()
    expect(page.get_by_role("heading", name=label)).to_be_visible()
    page.fill("#id_pelayanan", "Tiga surat keterangan selesai; satu tertahan di meja lurah.")
    page.fill("#id_pengaturan", "Rakor Forkopimcam bersama Danramil dan Kapolsek; situasi kondusif.")
    page.get_by_role("button", name="Simpan uraian").click()
    expect(page.get_by_text("Uraian laporan disimpan.")).to_be_visible()
    notulen = tmp_path / "notulen-rakor.pdf"
    notulen.write_bytes(PDF)
    page.set_input_files("input[type=file]", str(notulen))
    page.get_by_role("button", name="Unggah lampiran").click()
    expect(page.get_by_text("Lampiran notulen-rakor.pdf ditambahkan.")).to_be_visible()
    page.get_by_role("button", name="Sampaikan laporan").click()
    expect(page.get_by_text("Status laporan: Disampaikan.")).to_be_visible()
    report = PeriodicReport.objects.get(unit=padang.kantor_camat_ps, period_start=start)
    assert report.figures is not None

    # 3. The bupati's office sees every kecamatan of the period side by side and returns the report.
    bupati = page.context.browser.new_page()
    sign_in(bupati, base, "pimpinan")
    bupati.goto(base + reverse("reports:overview"))
    expect(bupati.get_by_role("heading", name=f"Laporan camat periode {label}")).to_be_visible()
    row = bupati.locator("tr", has_text="Padang Selatan")
    expect(row).to_contain_text("Disampaikan")
    expect(bupati.locator("tr", has_text="Padang Barat")).to_contain_text("Belum dibuat")
    row.get_by_role("link", name="Buka").click()
    bupati.get_by_role("button", name="Kembalikan ke camat").click()
    expect(bupati.get_by_text("Tuliskan catatan perbaikan untuk camat.", exact=True)).to_be_visible()
    bupati.fill("#note-dikembalikan", "Lengkapi uraian pembangunan: Dana Desa dan jalan lingkungan.")
    bupati.get_by_role("button", name="Kembalikan ke camat").click()
    expect(bupati.get_by_text("Status laporan: Dikembalikan")).to_be_visible()

    # 4. The camat reads the note, completes the report and sends it again at once, without "Simpan uraian":
    # what was typed is sent with it.
    page.reload()
    expect(page.locator(".alert-warning")).to_contain_text("Lengkapi uraian pembangunan")
    expect(page.get_by_role("button", name="Sampaikan laporan")).to_be_visible()
    assert not page.evaluate(LEAVING) and page.evaluate("() => document.readyState") == "complete"
    page.fill("#id_pembangunan", "Perbaikan drainase dan jalan lingkungan dari Dana Kelurahan selesai 80 persen.")
    assert page.evaluate(LEAVING)  # leaving now would warn: the text is not saved yet
    page.get_by_role("button", name="Sampaikan laporan").click()
    expect(page.get_by_text("Status laporan: Disampaikan.")).to_be_visible()
    expect(page.get_by_text("Dana Kelurahan selesai 80 persen")).to_be_visible()

    # 5. Accepted; the PDF carries the kecamatan, the period, the narratives and the frozen figures.
    bupati.reload()
    bupati.get_by_role("button", name="Terima laporan").click()
    expect(bupati.get_by_text("Status laporan: Diterima.")).to_be_visible()
    response = bupati.request.get(f"{base}/laporan/{report.pk}/pdf/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    text = " ".join(text.split())
    assert f"PERIODE {label.upper()}" in text  # the heading is set in capitals
    for expected in (
        "KANTOR CAMAT PADANG SELATAN",
        "Dana Kelurahan selesai 80 persen",
        "Rakor Forkopimcam",
        "Permohonan selesai tepat waktu 66,7%",  # the frozen figure: 4 of 6 letters on time
        "Lampiran notulen-rakor.pdf",
    ):
        assert expected in text, expected
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert [c.to_status for c in report.changes.order_by("at", "pk")] == [
        Status.SUBMITTED,
        Status.RETURNED,
        Status.SUBMITTED,
        Status.ACCEPTED,
    ]
    assert errors == []
