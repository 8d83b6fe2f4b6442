"""Excel sheet names: within Excel's 31 characters, without the characters it refuses, unique, and shortened in
their description rather than their period."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from pamong.core.xlsx import Sheet, build_sheets, sheet_name


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Indeks kinerja Padang Selatan 1 Nov–30 Nov 2026", "Indeks… 1 Nov–30 Nov 2026"),
        ("Rekap kehadiran Kantor Lurah Belakang Pondok Oktober 2026", "Rekap kehadiran… Oktober 2026"),
        ("Hasil SKM Kantor Camat Padang Selatan Triwulan III 2026", "Hasil SKM… Triwulan III 2026"),
        ("Profil responden", "Profil responden"),
        ("Laporan: a/b [x]? tanpa periode di akhir yang sangat panjang", "Laporan- a-b -x-- tanpa…"),
    ],
)
def test_sheet_names_fit_excel_and_keep_the_period(title: str, expected: str) -> None:
    name = sheet_name(title)
    assert name == expected and len(name) <= 31


def test_sheet_names_are_unique_in_a_workbook() -> None:
    content = build_sheets([Sheet("Pegawai", ["A"], [[1]]), Sheet("pegawai", ["A"], [[2]])])
    assert load_workbook(io.BytesIO(content)).sheetnames == ["Pegawai", "pegawai (2)"]
