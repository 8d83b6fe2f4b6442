"""The whole path in a real browser: a citizen applies with documents, the petugas verifies and processes,
the lurah signs, the citizen downloads the letter and the verification page confirms it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.servicerequests.models import Letter, ServiceRequest
from pamong.servicerequests.testing import PDF, make_service
from pamong.testing import Padang, make_user, sign_in

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.mark.slow  # a real browser through the whole path: over 3 s
def test_citizen_to_signed_letter_and_back(
    live_server: Any,
    browser_page: Any,
    padang: Padang,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    page, errors = browser_page
    base = live_server.url
    make_service()
    make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    ktp = tmp_path / "ktp.pdf"
    ktp.write_bytes(PDF)

    # The citizen finds the service and applies, without an account.
    page.goto(base + reverse("catalog:catalogue"))
    page.get_by_role("link", name="Surat Keterangan Domisili").click()
    page.get_by_role("link", name="Ajukan permohonan").click()
    page.select_option("#id_unit", label="Kantor Lurah Belakang Pondok")
    page.fill("#id_nik", "1371014204850003")
    page.fill("#id_name", "Yusnimar Chaniago")
    page.fill("#id_birth_place", "Padang")
    page.fill("#id_birth_date", "1985-04-02")
    page.select_option("#id_gender", "P")
    page.fill("#id_address", "Jl. Belakang Pondok No. 12")
    page.fill("#id_phone", "0812 3456 7890")
    page.fill("#id_f_keperluan", "Melamar pekerjaan")
    for field in page.locator("input[type=file][required], input[type=file]").all()[:2]:
        field.set_input_files(str(ktp))
    page.check("#id_statement")
    page.get_by_role("button", name="Kirim permohonan").click()
    expect(page.get_by_text("Permohonan Anda sudah diterima")).to_be_visible()
    request = ServiceRequest.objects.get()
    assert request.code_display in page.content()

    # The petugas of the kelurahan verifies and processes it.
    staff = page.context.browser.new_page()
    sign_in(staff, base, "petugas_bp")
    staff.goto(f"{base}/permohonan/{request.code}/")
    for verb, status in (
        ("Berkas lengkap", "Diverifikasi"),
        ("Mulai proses", "Diproses"),
        ("Kirim ke Lurah untuk ditandatangani", "Menunggu tanda tangan"),
    ):
        staff.get_by_role("button", name=verb, exact=True).click()
        expect(staff.get_by_text(f"Status diubah menjadi {status}.")).to_be_visible()
    # The petugas is not offered the signature.
    assert staff.get_by_role("button", name="Tanda tangani dan selesaikan").count() == 0

    # The lurah signs.
    lurah = page.context.browser.new_page()
    sign_in(lurah, base, "lurah_bp")
    lurah.goto(f"{base}/permohonan/{request.code}/")
    lurah.get_by_role("button", name="Tanda tangani dan selesaikan").click()
    expect(lurah.get_by_text("Status diubah menjadi Selesai.")).to_be_visible()

    # The citizen downloads the letter with the NIK.
    page.goto(f"{base}/lacak/{request.code}/")
    page.fill("#nik", "1371014204850003")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh surat (PDF)").click()
    letter_path = tmp_path / "surat.pdf"
    download_info.value.save_as(letter_path)
    assert letter_path.read_bytes().startswith(b"%PDF-")

    # Whoever receives the letter scans its QR code and checks the file.
    letter = Letter.objects.get(request=request)
    page.goto(f"{base}/verifikasi/{letter.verification_code}/")
    expect(page.get_by_text(letter.number)).to_be_visible()
    page.set_input_files("input[name=pdf]", str(letter_path))
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_text("Cocok.", exact=True)).to_be_visible()
    assert errors == []
