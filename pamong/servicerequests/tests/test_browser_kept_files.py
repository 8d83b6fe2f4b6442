"""On a 360×740 phone: the browser's courtesy check stops an obviously incomplete form before it is sent; an error
only the server can find (a NIK that does not match the birth date) comes back with a summary at the top, taking
the focus, and the files shown as attached; the citizen corrects the date and sends again without choosing the
files again.

With PAMONG_SCREENSHOTS=<folder> the page after the error is saved there at 360 px and at 1366 px, to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from pamong.core.models import StagedUpload
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.testing import PDF, make_service, photo_with_gps
from pamong.testing import Padang

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_apply_with_an_error_and_send_again_without_choosing_the_files_again(
    live_server: Any, browser_page: Any, padang: Padang, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page, errors = browser_page
    shots = Path(os.environ.get("PAMONG_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    service = make_service()
    docs = list(service.documents.order_by("order"))
    ktp, pengantar = tmp_path / "ktp.jpg", tmp_path / "pengantar.pdf"
    ktp.write_bytes(photo_with_gps())
    pengantar.write_bytes(PDF)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("servicerequests:apply", args=[service.code]))

    # A scan too large is said as soon as it is chosen.
    besar = tmp_path / "pindah.pdf"
    besar.write_bytes(b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n")
    page.set_input_files(f"#id_doc_{docs[2].pk}", str(besar))
    expect(page.get_by_text("pindah.pdf: ukuran berkas lebih dari 5 MB.")).to_be_visible()

    # Sent half-filled: the browser stops it and says what is missing, at the top and beside each field.
    page.fill("#id_nik", "1371 0142 0485 000")
    page.get_by_role("button", name="Kirim permohonan").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("NIK: NIK harus 16 digit angka (sekarang 15 digit).")
    expect(summary).to_contain_text("Nama lengkap: Wajib diisi.")
    expect(summary).to_contain_text(f"{docs[0].name}: Unggah berkas ini.")
    expect(summary).to_contain_text("pindah.pdf: ukuran berkas lebih dari 5 MB.")
    page.set_input_files(f"#id_doc_{docs[2].pk}", [])
    summary.get_by_role("link", name="Nama lengkap: Wajib diisi.").click()
    expect(page.locator("#id_name")).to_be_focused()
    assert not ServiceRequest.objects.exists()

    # Filled in, with a birth date the NIK does not encode: only the server can tell.
    page.select_option("#id_unit", label="Kantor Lurah Belakang Pondok")
    page.fill("#id_nik", "1371014204850003")
    page.fill("#id_name", "Yusnimar Chaniago")
    page.fill("#id_birth_place", "Padang")
    page.fill("#id_birth_date", "1985-04-03")
    page.select_option("#id_gender", "P")
    page.fill("#id_address", "Jl. Belakang Pondok No. 12")
    page.fill("#id_phone", "0812 3456 7890")
    page.fill("#id_f_keperluan", "Melamar pekerjaan")
    page.set_input_files(f"#id_doc_{docs[0].pk}", str(ktp))
    page.set_input_files(f"#id_doc_{docs[1].pk}", str(pengantar))
    page.check("#id_statement")
    page.get_by_role("button", name="Kirim permohonan").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("NIK ini milik orang yang lahir 02-04-1985, bukan 03-04-1985.")
    expect(page.get_by_text("Sudah terlampir: ktp.jpg")).to_be_visible()
    expect(page.get_by_text("Sudah terlampir: pengantar.pdf")).to_be_visible()
    assert page.input_value("#id_name") == "Yusnimar Chaniago"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert StagedUpload.objects.count() == 2 and not ServiceRequest.objects.exists()
    page.screenshot(path=str(shots / "ajukan-setelah-galat-360.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=str(shots / "ajukan-setelah-galat-1366.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})

    # The date corrected, sent again without touching the files.
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_nik")).to_be_focused()
    page.fill("#id_birth_date", "1985-04-02")
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page.get_by_text("Permohonan Anda sudah diterima")).to_be_visible()
    request = ServiceRequest.objects.get()
    names = sorted(request.documents.values_list("original_name", flat=True))
    assert names == ["ktp.jpg", "pengantar.pdf"]
    assert request.documents.get(original_name="pengantar.pdf").file.read() == PDF
    assert not StagedUpload.objects.exists()
    assert errors == []
