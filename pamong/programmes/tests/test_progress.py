"""Monthly programme counts: entry with Indonesian validation, corrections that keep history, the pages and
their XLSX, scope, constant query counts, and the figures the camat report takes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import User
from pamong.core.errors import DomainError, Forbidden
from pamong.programmes.models import Programme, ProgrammeTarget, ProgressChange, ProgressReport, TargetChange
from pamong.programmes.selectors import programme_figures
from pamong.programmes.services import progress_record, target_set
from pamong.testing import Padang, make_region

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def record(user: User, programme: Programme, place, month: dt.date, count: int, reached: int = 0, **kw):  # type: ignore[no-untyped-def]
    return progress_record(user=user, programme=programme, place=place, month=month, count=count, reached=reached, **kw)


def test_entry_form_saves_a_month_and_the_place_page_shows_it(
    padang: Padang, petugas_belakang_pondok: User, kemiskinan: Programme
) -> None:
    c = client_for(petugas_belakang_pondok)
    url = reverse("programmes:entry", args=["kemiskinan-ekstrem"])
    response = c.post(url, {"place": padang.belakang_pondok.code, "month": "2026-10", "count": "1234", "reached": "7"})
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.month, report.count, report.reached) == (dt.date(2026, 10, 1), 1234, 7)
    page = c.get(response["Location"]).content.decode()
    assert "1.234" in page and "Diisi" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"count": "-1"}, "count", "Jumlah tidak boleh negatif."),
        ({"count": "dua"}, "count", "Isi dengan bilangan bulat"),
        ({"month": "2026-12"}, "month", "Bulan laporan tidak boleh di masa depan."),
        ({"month": "Oktober"}, "month", "Isi bulan dengan format tahun-bulan"),
        ({"place": "13.71.03.1001"}, "place", "Pilih kelurahan/desa."),  # outside the lurah's kelurahan
    ],
)
def test_entry_form_refuses_bad_input_in_indonesian_and_keeps_what_was_typed(
    padang: Padang, petugas_belakang_pondok: User, kemiskinan: Programme, data: dict, field: str, message: str
) -> None:
    typed = {
        "place": padang.belakang_pondok.code,
        "month": "2026-10",
        "count": "12",
        "reached": "3",
        "note": "catatan saya",
        **data,
    }
    response = client_for(petugas_belakang_pondok).post(reverse("programmes:entry", args=["kemiskinan-ekstrem"]), typed)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in e for e in form.errors[field])
    assert "catatan saya" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_second_entry_is_a_correction_with_reason_and_history(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User, kemiskinan: Programme
) -> None:
    oct1 = dt.date(2026, 10, 1)
    record(petugas_belakang_pondok, kemiskinan, padang.belakang_pondok, oct1, 20, 5, note="awal")
    with pytest.raises(DomainError) as error:
        record(lurah_belakang_pondok, kemiskinan, padang.belakang_pondok, oct1, 18, 5)
    assert error.value.field == "reason"
    _, changed = record(lurah_belakang_pondok, kemiskinan, padang.belakang_pondok, oct1, 18, 6, reason="salah hitung")
    assert changed
    report = ProgressReport.objects.get()
    assert (report.count, report.reached) == (18, 6)
    created, corrected = ProgressChange.objects.order_by("id")
    assert (created.kind, created.new_count, created.actor) == ("created", 20, petugas_belakang_pondok)
    assert (corrected.old_count, corrected.new_count, corrected.old_note, corrected.note) == (
        20,
        18,
        "awal",
        "salah hitung",
    )
    page = (
        client_for(lurah_belakang_pondok)
        .get(
            reverse("programmes:programme", args=["kemiskinan-ekstrem"])
            + f"?wilayah={padang.belakang_pondok.code}&tahun=2026"
        )
        .content.decode()
    )
    assert "Dikoreksi" in page and "salah hitung" in page and "<del>20</del>" in page


def test_the_history_keeps_the_post_the_officer_held_at_the_time(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User, kemiskinan: Programme
) -> None:
    oct1 = dt.date(2026, 10, 1)
    record(petugas_belakang_pondok, kemiskinan, padang.belakang_pondok, oct1, 20, 5)
    target_set(
        user=petugas_belakang_pondok,
        programme=kemiskinan,
        place=padang.belakang_pondok,
        year=2026,
        baseline=20,
        target=8,
    )
    # Later the officer moves to the kantor lurah of Alang Laweh.
    padang.staf_bp.unit, padang.staf_bp.position = padang.kantor_lurah_al, padang.staf_al_pos
    padang.staf_bp.save()
    for row in (ProgressChange.objects.get(), TargetChange.objects.get()):
        assert (row.actor, row.actor_unit, row.actor_position, row.kabkota_code) == (
            petugas_belakang_pondok,
            padang.kantor_lurah_bp,
            padang.staf_bp_pos,
            "13.71",
        )
        assert row.actor_label == "Pengadministrasi Umum (Yusnimar)"
    page = (
        client_for(lurah_belakang_pondok)
        .get(reverse("programmes:programme", args=["kemiskinan-ekstrem"]), {"wilayah": padang.belakang_pondok.code})
        .content.decode()
    )
    assert page.count("Pengadministrasi Umum (Yusnimar)") == 2


def test_each_role_is_offered_only_the_entries_it_may_make(
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    pimpinan_padang: User,
    admin_diskominfo: User,
    kesehatan_belakang_pondok: User,
    kemiskinan: Programme,
) -> None:
    """Offices enter counts and targets; the pimpinan daerah and health workers read them only, and are refused
    with a clear message when they try."""
    enters = {petugas_belakang_pondok, lurah_belakang_pondok, admin_diskominfo}
    for user in (
        petugas_belakang_pondok,
        lurah_belakang_pondok,
        pimpinan_padang,
        admin_diskominfo,
        kesehatan_belakang_pondok,
    ):
        c = client_for(user)
        page = c.get(reverse("programmes:programme", args=["kemiskinan-ekstrem"])).content.decode()
        assert ("Isi capaian" in page) == (user in enters), user
        assert ("Tetapkan target" in page) == (user in enters), user
        if user not in enters:
            assert c.get(reverse("programmes:entry", args=["kemiskinan-ekstrem"])).status_code == 404
            assert c.get(reverse("programmes:target", args=["kemiskinan-ekstrem"])).status_code == 404
            with pytest.raises(Forbidden, match="Anda tidak berwenang mengisi capaian program"):
                record(user, kemiskinan, padang.belakang_pondok, dt.date(2026, 10, 1), 3)
            with pytest.raises(Forbidden, match="Anda tidak berwenang menetapkan target"):
                target_set(
                    user=user, programme=kemiskinan, place=padang.belakang_pondok, year=2026, baseline=3, target=1
                )


def test_double_submit_of_the_same_values_makes_one_row_and_one_history_entry(
    padang: Padang, petugas_belakang_pondok: User, kemiskinan: Programme
) -> None:
    c = client_for(petugas_belakang_pondok)
    url = reverse("programmes:entry", args=["kemiskinan-ekstrem"])
    data = {"place": padang.belakang_pondok.code, "month": "2026-10", "count": "9", "reached": "1"}
    c.post(url, data)
    c.post(url, data)
    assert ProgressReport.objects.count() == 1 and ProgressChange.objects.count() == 1


def test_a_lurah_cannot_enter_counts_for_another_kelurahan(
    padang: Padang, petugas_belakang_pondok: User, kemiskinan: Programme
) -> None:
    with pytest.raises(DomainError, match="di luar wilayah"):
        record(petugas_belakang_pondok, kemiskinan, padang.alang_laweh, dt.date(2026, 10, 1), 3)


def test_pimpinan_reads_but_does_not_enter(pimpinan_padang: User, kemiskinan: Programme) -> None:
    c = client_for(pimpinan_padang)
    assert c.get(reverse("programmes:programme", args=["kemiskinan-ekstrem"])).status_code == 200
    assert c.get(reverse("programmes:entry", args=["kemiskinan-ekstrem"])).status_code == 404


def _hand_made(padang: Padang, lurah: User, camat: User, kemiskinan: Programme, stunting: Programme) -> None:
    """Belakang Pondok: 20 → target 0; Alang Laweh: 10 → target 0; Belakang Tangsi (other kecamatan): 50."""
    target_set(user=camat, programme=kemiskinan, place=padang.belakang_pondok, year=2026, baseline=24, target=0)
    target_set(user=camat, programme=kemiskinan, place=padang.alang_laweh, year=2026, baseline=12, target=0)
    for month, bp, al in ((8, 10, 12), (9, 8, 12), (10, 6, 11)):
        record(camat, kemiskinan, padang.belakang_pondok, dt.date(2026, month, 1), bp, 2)
        record(camat, kemiskinan, padang.alang_laweh, dt.date(2026, month, 1), al, 1)
    record(camat, stunting, padang.alang_laweh, dt.date(2026, 9, 1), 4, 4)


def test_programme_figures_on_a_hand_made_set(
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    kemiskinan: Programme,
    stunting: Programme,
) -> None:
    _hand_made(padang, lurah_belakang_pondok, camat_padang_selatan, kemiskinan, stunting)
    record(
        pimpinan_padang.__class__.objects.get(username="camat_ps"),
        kemiskinan,
        padang.alang_laweh,
        dt.date(2025, 12, 1),
        99,
        0,
    )  # before the period: not counted
    figures = programme_figures(
        region_code=padang.padang_selatan.code, period_start=dt.date(2026, 9, 1), period_end=dt.date(2026, 10, 31)
    )
    k = figures["kemiskinan-ekstrem"]
    assert k["places"] == 2 and k["reported"] == 2
    assert (k["count_start"], k["count_end"]) == (8 + 12, 6 + 11)
    assert k["reached"] == 2 * 2 + 2 * 1
    assert (k["baseline"], k["target"]) == (36, 0)
    # October path: BP 24→0 expects 4 (6 > 4, behind); AL 12→0 expects 2 (11 > 2, behind)
    assert k["on_track"] == 0 and k["on_track_share"] == 0.0
    s = figures["stunting"]
    assert (s["reported"], s["count_end"], s["reached"], s["on_track_share"]) == (1, 4, 4, 0.0)
    one = programme_figures(
        region_code=padang.belakang_pondok.code, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31)
    )["kemiskinan-ekstrem"]
    assert (one["places"], one["count_start"], one["count_end"]) == (1, 10, 6)


def test_on_track_when_the_count_is_under_the_straight_path(
    padang: Padang, camat_padang_selatan: User, kemiskinan: Programme
) -> None:
    target_set(
        user=camat_padang_selatan, programme=kemiskinan, place=padang.belakang_pondok, year=2026, baseline=24, target=0
    )
    record(camat_padang_selatan, kemiskinan, padang.belakang_pondok, dt.date(2026, 6, 1), 12)  # path at June: 12
    figures = programme_figures(
        region_code=padang.padang_selatan.code, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30)
    )["kemiskinan-ekstrem"]
    assert figures["on_track"] == 1 and figures["on_track_share"] == 50.0


def test_kota_page_sums_per_kecamatan_and_shows_the_chart(
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    kemiskinan: Programme,
    stunting: Programme,
) -> None:
    _hand_made(padang, lurah_belakang_pondok, camat_padang_selatan, kemiskinan, stunting)
    response = client_for(pimpinan_padang).get(reverse("programmes:programme", args=["kemiskinan-ekstrem"]))
    page = response.content.decode()
    groups = {g.label: g for g in response.context["data"].groups}
    assert groups["Padang Selatan"].latest == 17 and groups["Padang Barat"].latest == 0
    assert groups["Padang Selatan"].baseline == 36
    assert 'src="data:image/svg+xml;base64,' in page and "Per kecamatan" in page
    assert "Tahun 2026." in page and "tahun=2026" in page and "2.026" not in page


def test_camat_sees_only_his_kecamatan(
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    kemiskinan: Programme,
    stunting: Programme,
) -> None:
    _hand_made(padang, lurah_belakang_pondok, camat_padang_selatan, kemiskinan, stunting)
    c = client_for(camat_padang_selatan)
    url = reverse("programmes:programme", args=["kemiskinan-ekstrem"])
    page = c.get(url).content.decode()
    assert "Belakang Pondok" in page and "Belakang Tangsi" not in page
    assert c.get(url + "?wilayah=13.71.03").status_code == 404
    assert c.get(url + "?wilayah=13.71").status_code == 404
    lurah = client_for(lurah_belakang_pondok)
    assert lurah.get(url + f"?wilayah={padang.alang_laweh.code}").status_code == 404


def test_xlsx_export_has_the_monthly_counts_per_place(
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    kemiskinan: Programme,
    stunting: Programme,
) -> None:
    _hand_made(padang, lurah_belakang_pondok, camat_padang_selatan, kemiskinan, stunting)
    response = client_for(pimpinan_padang).get(reverse("programmes:xlsx", args=["kemiskinan-ekstrem"]) + "?tahun=2026")
    wb = load_workbook(io.BytesIO(response.content))
    rows = {r[1]: r for r in wb["Per kelurahan-desa"].iter_rows(min_row=4, values_only=True)}
    bp = rows["Belakang Pondok"]
    assert bp[0] == "13.71.01.1001" and bp[2:4] == (24, 0) and bp[4 + 7 : 4 + 10] == (10, 8, 6)
    assert bp[-1] == "Tertinggal"
    assert "Per kecamatan" in wb.sheetnames


def test_the_kota_page_keeps_a_constant_query_count(
    padang: Padang,
    pimpinan_padang: User,
    camat_padang_selatan: User,
    kemiskinan: Programme,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    c = client_for(pimpinan_padang)
    url = reverse("programmes:programme", args=["kemiskinan-ekstrem"])
    c.get(url)
    with django_assert_max_num_queries(12) as few:
        c.get(url)
    for i in range(11, 17):
        place = make_region(f"13.71.01.10{i:02d}", f"Kelurahan {i}")
        target_set(user=camat_padang_selatan, programme=kemiskinan, place=place, year=2026, baseline=9, target=0)
        for month in range(1, 11):
            record(camat_padang_selatan, kemiskinan, place, dt.date(2026, month, 1), 9 - month % 9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = c.get(url)
    assert len(response.context["data"].places) == 9


def test_the_public_is_sent_to_login(kemiskinan: Programme) -> None:
    c = Client()
    for url in (reverse("programmes:index"), reverse("programmes:programme", args=["stunting"])):
        response = c.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_targets_are_kept_once_per_year_and_a_change_keeps_history(
    padang: Padang, camat_padang_selatan: User, kemiskinan: Programme
) -> None:
    c = client_for(camat_padang_selatan)
    url = reverse("programmes:target", args=["kemiskinan-ekstrem"])
    base = {"place": padang.belakang_pondok.code, "year": "2026", "baseline": "12"}
    c.post(url, {**base, "target": "3"})
    # Changing it without a reason is refused next to the field, and what was typed stays in the form.
    page = c.post(url, {**base, "target": "0"}).content.decode()
    assert "Target tahun ini sudah ditetapkan. Untuk mengubahnya, tuliskan alasan perubahan." in page
    assert 'name="target" value="0"' in page
    assert list(ProgrammeTarget.objects.values_list("baseline", "target")) == [(12, 3)]
    c.post(url, {**base, "target": "0", "reason": "Sesuai Perbup penghapusan kemiskinan ekstrem 2026"})
    c.post(url, {**base, "target": "0", "reason": "dikirim dua kali"})  # the same values: no new history row
    assert list(ProgrammeTarget.objects.values_list("baseline", "target")) == [(12, 0)]
    history = list(TargetChange.objects.order_by("at", "id").values_list("kind", "old_target", "new_target", "note"))
    assert history == [
        ("created", None, 3, ""),
        ("corrected", 3, 0, "Sesuai Perbup penghapusan kemiskinan ekstrem 2026"),
    ]
    place = c.get(
        reverse("programmes:programme", args=["kemiskinan-ekstrem"]),
        {"wilayah": padang.belakang_pondok.code, "tahun": "2026"},
    ).content.decode()
    assert "Riwayat target" in place and "Sesuai Perbup penghapusan kemiskinan ekstrem 2026" in place
    response = c.post(url, {**base, "baseline": "-4", "target": "0"})
    assert "Jumlah tidak boleh negatif." in response.content.decode()
