"""In a real browser: a citizen whose request is finished answers the survey from the tracking page, and the
lurah sees the result change and downloads the report as PDF and XLSX."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from pamong.accounts.models import Role
from pamong.servicerequests.testing import finish, make_request, make_service
from pamong.surveys.models import SurveyResponse
from pamong.surveys.services import request_key
from pamong.surveys.testing import add_responses, make_survey
from pamong.testing import Padang, make_user, sign_in

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.mark.slow  # a real browser through the whole path: over 3 s
def test_citizen_answers_and_the_lurah_sees_the_result_and_downloads_the_report(
    live_server: Any, browser_page: Any, padang: Padang, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page, errors = browser_page
    base = live_server.url
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    survey = make_survey(padang.kantor_lurah_bp)
    add_responses(survey, [[2, 2, 2, 2, 2, 2, 2, 2, 2]])  # one earlier, unhappy respondent: IKM 50,00
    request = finish(make_request(padang.kantor_lurah_bp, make_service()), petugas, lurah)

    # The citizen opens the tracking page of the finished request and follows the survey link.
    page.goto(f"{base}/lacak/{request.code}/")
    page.get_by_role("link", name="Isi survei kepuasan").click()
    expect(page.get_by_text("Kantor Lurah Belakang Pondok")).to_be_visible()
    page.get_by_role("button", name="Kirim jawaban").click()  # nothing chosen yet: nine clear messages
    expect(page.locator("fieldset.question .invalid-feedback", has_text="Pilih salah satu jawaban.")).to_have_count(9)
    summary = page.locator(".error-summary")  # and the same nine on top, each linking to its question
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(9)
    summary.get_by_role("link").nth(8).click()
    expect(page.locator("#id_u9_0")).to_be_focused()
    for question in page.locator("fieldset.question").all():
        question.locator("label.answer").last.click()  # the best answer of each question
    page.locator("label.answer", has_text="Perempuan").click()
    page.fill("#id_age", "38")
    page.fill("#id_suggestion", "Terima kasih, cepat sekali.")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("heading", name="Terima kasih")).to_be_visible()
    assert SurveyResponse.objects.filter(request_key=request_key(request)).count() == 1

    # The lurah sees the result change: (9 × 2 + 9 × 4) / 18 = 3 → 75,00.
    staff = page.context.browser.new_page()
    sign_in(staff, base, "lurah_bp")
    staff.goto(f"{base}/skm/{survey.pk}/")
    expect(staff.locator(".stat").first).to_have_text("75,00")
    expect(staff.get_by_text("Terima kasih, cepat sekali.")).to_be_visible()
    with staff.expect_download() as pdf_download:
        staff.evaluate(f"window.location.href = '{reverse('surveys:pdf', args=[survey.pk])}?unduh=1'")
    pdf_path = tmp_path / "laporan.pdf"
    pdf_download.value.save_as(pdf_path)
    text = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "75,00" in text and "Kurang baik" in text
    with staff.expect_download() as xlsx_download:
        staff.get_by_role("link", name="Unduh XLSX").click()
    book = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    assert book["Tabulasi responden"].max_row >= 3 + 2
    assert errors == []
