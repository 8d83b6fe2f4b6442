"""The yearly recap for the Indeks Inovasi Daerah: approved innovations only, in XLSX and PDF, scoped."""

from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import User
from pamong.innovation.models import Evidence, Stage, Status
from pamong.innovation.testing import make_innovation
from pamong.testing import Padang


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_recap_lists_approved_innovations_with_their_evidence(padang: Padang, pimpinan_padang: User) -> None:
    approved = make_innovation(
        padang.kantor_lurah_bp, "Surat antar lansia", stage=Stage.UJI_COBA, status=Status.DITERBITKAN, cost=4_500_000
    )
    Evidence.objects.create(
        innovation=approved,
        kind="sop",
        title="SOP antar surat",
        file="inovasi/sop.pdf",
        original_name="sop.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    make_innovation(padang.kantor_lurah_bt, "Draf rahasia", status=Status.DRAF)
    client = _client(pimpinan_padang)
    response = client.get(reverse("innovation:recap_xlsx"), {"tahun": "2026"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [str(c.value) for row in book["Inovasi"].iter_rows() for c in row if c.value is not None]
    assert "Surat antar lansia" in cells and "Draf rahasia" not in cells
    assert "SOP: SOP antar surat" in cells and 4_500_000 in [
        c.value for row in book["Inovasi"].iter_rows() for c in row
    ]
    per_stage = {r[0].value: r[1].value for r in book["Per tahap"].iter_rows(min_row=4) if r[0].value}
    assert per_stage["Uji coba"] == 1
    pdf = client.get(reverse("innovation:recap_pdf"), {"tahun": "2026"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    page = client.get(reverse("innovation:recap"), {"tahun": "2026"}).content.decode()
    assert "Surat antar lansia" in page and "Draf rahasia" not in page


def test_a_lurah_recaps_his_own_office_only(padang: Padang, lurah_belakang_pondok: User) -> None:
    make_innovation(padang.kantor_lurah_bp, "Inovasi sendiri", status=Status.DITERBITKAN)
    make_innovation(padang.kantor_lurah_bt, "Inovasi kecamatan lain", status=Status.DITERBITKAN)
    page = _client(lurah_belakang_pondok).get(reverse("innovation:recap"), {"tahun": "2026"}).content.decode()
    assert "Inovasi sendiri" in page and "Inovasi kecamatan lain" not in page
