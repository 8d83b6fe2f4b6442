"""What people see: the rater's list, the employee's own history, the recap with its chart and XLSX, the
employee-page section; each role sees only its region subtree; list pages keep a constant number of queries."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import Role, User
from pamong.skp.models import SkpAssessment
from pamong.skp.selectors import employee_section, recap
from pamong.skp.testing import Kecamatan, rate
from pamong.testing import Padang, make_employee, make_position, make_user

pytestmark = pytest.mark.django_db


def counter(client: Client, url: str) -> Callable[[], int]:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    return count


@pytest.fixture
def rated(
    padang: Padang,
    kecamatan: Kecamatan,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    kasi_pemerintahan: User,
) -> dict[str, SkpAssessment]:
    """A hand-made set for Tahun 2026: Belakang Pondok 1 Sangat Baik + 1 Butuh Perbaikan, kantor camat 1 Baik
    (lurah) + 1 Kurang (staf of the kasi) + a draft (sekcam)."""
    second = make_employee(padang.kantor_lurah_bp, "Nofriadi", padang.staf_bp_pos)
    return {
        "staf_bp": rate(padang.staf_bp, lurah_belakang_pondok, hasil="di_atas", perilaku="di_atas"),
        "second": rate(second, lurah_belakang_pondok, hasil="di_bawah", perilaku="sesuai"),
        "lurah": rate(padang.lurah_bp, camat_padang_selatan, hasil="sesuai", perilaku="di_atas"),
        "staf_kec": rate(kecamatan.staf, kasi_pemerintahan, hasil="di_atas", perilaku="di_bawah"),
        "sekcam": rate(kecamatan.sekcam, camat_padang_selatan, final=False),
        "old": rate(padang.staf_bp, lurah_belakang_pondok, year=2025, hasil="sesuai", perilaku="sesuai"),
    }


def test_recap_numbers_per_unit_and_per_kecamatan(rated: dict[str, SkpAssessment], pimpinan_padang: User) -> None:
    per_unit = {r.name: r for r in recap(user=pimpinan_padang, year=2026, quarter=0, by="unit").rows}
    bp = per_unit["Kantor Lurah Belakang Pondok"]
    # The lurah belongs to the kantor lurah: his "Baik" (rated by the camat) counts there.
    assert bp.counts == {"sangat_baik": 1, "baik": 1, "butuh_perbaikan": 1, "kurang": 0, "sangat_kurang": 0}
    assert (bp.final, bp.drafts, bp.employees, bp.not_rated) == (3, 0, 3, 0)
    ps = per_unit["Kantor Camat Padang Selatan"]
    assert (ps.counts["kurang"], ps.final, ps.drafts, ps.employees, ps.not_rated) == (1, 1, 1, 4, 2)
    assert per_unit["Kantor Lurah Alang Laweh"].final == 0
    by_kec = recap(user=pimpinan_padang, year=2026, quarter=0, by="kecamatan")
    names = [r.name for r in by_kec.rows]
    assert names[0] == "Kecamatan Padang Selatan"
    ps_kec = by_kec.rows[0]
    assert ps_kec.counts == {"sangat_baik": 1, "baik": 1, "butuh_perbaikan": 1, "kurang": 1, "sangat_kurang": 0}
    assert by_kec.total.final == 4 and by_kec.total.drafts == 1
    assert recap(user=pimpinan_padang, year=2025, quarter=0).total.counts["baik"] == 1


def test_recap_page_chart_and_xlsx(client: Client, rated: dict[str, SkpAssessment], pimpinan_padang: User) -> None:
    client.force_login(pimpinan_padang)
    html = client.get(reverse("skp:recap"), {"tahun": "2026", "periode": "0"}).content.decode()
    assert "Kecamatan Padang Selatan" in html and "data:image/svg+xml;base64," in html
    assert "25,0%" in html  # each of four predikat is one of four finals
    xlsx = client.get(reverse("skp:recap_xlsx"), {"tahun": "2026", "periode": "0", "menurut": "unit"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert sheet["A3"].value == "Unit" and sheet["C3"].value == "Sangat Baik"
    assert rows["Kantor Lurah Belakang Pondok"][1:8] == (3, 1, 1, 1, 0, 0, 3)  # employees, the five predikat, final
    assert rows["Jumlah"][7] == 4


def test_petugas_get_no_recap(client: Client, padang: Padang, petugas_belakang_pondok: User) -> None:
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("skp:recap")).status_code == 404


def test_each_role_sees_only_its_subtree(
    client: Client,
    rated: dict[str, SkpAssessment],
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    petugas_belakang_pondok: User,
    petugas_alang_laweh: User,
    padang: Padang,
) -> None:
    lurah = recap(user=lurah_belakang_pondok, year=2026, quarter=0)
    assert [r.name for r in lurah.rows] == ["Kantor Lurah Belakang Pondok"] and lurah.total.final == 3
    camat = recap(user=camat_padang_selatan, year=2026, quarter=0)
    assert camat.total.final == 4
    lurah_al = make_user("lurah_al", Role.KEPALA_UNIT, make_employee(padang.kantor_lurah_al, "Syafri"))
    assert recap(user=lurah_al, year=2026, quarter=0).total.final == 0
    client.force_login(lurah_al)
    assert client.get(rated["staf_bp"].get_absolute_url()).status_code == 404
    # A petugas sees their own assessment, not a colleague's.
    client.force_login(petugas_belakang_pondok)
    assert client.get(rated["staf_bp"].get_absolute_url()).status_code == 200
    assert client.get(rated["second"].get_absolute_url()).status_code == 404
    draft = rate(padang.staf_bp, lurah_belakang_pondok, quarter=1, final=False)
    assert client.get(draft.get_absolute_url()).status_code == 404  # the rater's work in progress
    client.force_login(petugas_alang_laweh)
    assert client.get(rated["staf_bp"].get_absolute_url()).status_code == 404
    client.force_login(camat_padang_selatan)
    assert client.get(rated["staf_bp"].get_absolute_url()).status_code == 200


def test_my_history_shows_my_final_assessments(
    client: Client, rated: dict[str, SkpAssessment], petugas_belakang_pondok: User, sekcam_padang_selatan: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    html = client.get(reverse("skp:mine")).content.decode()
    assert "Tahun 2026" in html and "Tahun 2025" in html and "Sangat Baik" in html
    assert html.index("Tahun 2026") < html.index("Tahun 2025")
    client.force_login(sekcam_padang_selatan)  # only a draft so far: not shown
    assert "Belum ada penilaian SKP Anda yang final" in client.get(reverse("skp:mine")).content.decode()


def test_the_print_layout(client: Client, rated: dict[str, SkpAssessment], lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    html = client.get(reverse("skp:print", kwargs={"pk": rated["staf_bp"].pk})).content.decode()
    assert "EVALUASI KINERJA PEGAWAI" in html and "Pejabat penilai kinerja" in html and "Mulyadi" in html
    assert "skp/print.js" in html
    pdf = client.get(reverse("skp:pdf", kwargs={"pk": rated["staf_bp"].pk}))
    assert pdf["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "EVALUASI KINERJA PEGAWAI" in text and "Sangat Baik" in text and "Yusnimar" in text


def test_the_employee_section(
    padang: Padang, rated: dict[str, SkpAssessment], lurah_belakang_pondok: User, petugas_alang_laweh: User
) -> None:
    section = employee_section(employee=padang.staf_bp, viewer=lurah_belakang_pondok)
    assert section["viewer_rates"] and [a.period_label for a in section["assessments"]] == ["Tahun 2026", "Tahun 2025"]
    html = render_to_string("skp/_employee_section.html", {"section": section})
    assert "Pejabat penilai: <strong>Mulyadi</strong>, Lurah" in html and "Sangat Baik" in html
    other = employee_section(employee=padang.staf_bp, viewer=petugas_alang_laweh)
    assert other["assessments"] == [] and not other["viewer_rates"]
    camat = employee_section(employee=padang.camat_ps, viewer=lurah_belakang_pondok)
    assert "tidak memiliki atasan langsung" in render_to_string("skp/_employee_section.html", {"section": camat})


def test_employee_section_queries_do_not_grow(
    padang: Padang, rated: dict[str, SkpAssessment], lurah_belakang_pondok: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for year in (2022, 2023, 2024):
        rate(padang.staf_bp, lurah_belakang_pondok, year=year)
    with django_assert_max_num_queries(6):
        employee_section(employee=padang.staf_bp, viewer=lurah_belakang_pondok)


def test_the_rater_list_and_recap_keep_a_constant_number_of_queries(
    padang: Padang, kecamatan: Kecamatan, camat_padang_selatan: User, pimpinan_padang: User
) -> None:
    camat, pimpinan = Client(), Client()
    camat.force_login(camat_padang_selatan)
    pimpinan.force_login(pimpinan_padang)
    rater_count = counter(camat, reverse("skp:rater"))
    recap_count = counter(pimpinan, reverse("skp:recap"))
    rater_count(), recap_count()  # warm the per-process caches
    before, recap_before = rater_count(), recap_count()
    camat_pos = padang.camat_ps.position
    for n in range(6):  # more people report to the camat, and they are rated
        pos = make_position(padang.kantor_camat_ps, f"Analis {n}", reports_to=camat_pos)
        rate(make_employee(padang.kantor_camat_ps, f"Pegawai {n}", pos), camat_padang_selatan)
    rate(kecamatan.staf, User.objects.create(username="kasi", role=Role.PETUGAS, employee=kecamatan.kasi))
    rater_count(), recap_count()  # the new account invalidates the cached session users once
    assert rater_count() == before
    assert recap_count() == recap_before
