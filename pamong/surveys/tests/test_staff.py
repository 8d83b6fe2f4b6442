"""What staff and leaders do with the SKM: open a survey, read its result, download the report, publish it,
plan and follow up on the weak unsur, and compare units."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pamong.accounts.models import Role, User
from pamong.core import gate
from pamong.core.errors import Forbidden
from pamong.surveys.models import FollowUp, FollowUpChange, Survey
from pamong.surveys.services import FOLLOW_UP, follow_up_create, follow_up_transition
from pamong.surveys.testing import add_responses, make_survey
from pamong.testing import Padang, make_employee, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def test_a_lurah_opens_a_survey_for_the_year(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("surveys:new"))
    assert 'value="2026-01-01"' in page.content.decode()
    done = client.post(
        reverse("surveys:new"),
        {"unit": padang.kantor_lurah_bp.pk, "period_start": "2026-01-01", "period_end": "2026-12-31"},
        follow=True,
    )
    survey = Survey.objects.get()
    assert survey.unit == padang.kantor_lurah_bp and survey.created_by == lurah_belakang_pondok
    assert "Survei Tahun 2026 untuk Kantor Lurah Belakang Pondok dibuka" in done.content.decode()


def test_overlapping_periods_and_bad_dates_are_refused_and_the_form_kept(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    make_survey(padang.kantor_lurah_bp)
    client.force_login(lurah_belakang_pondok)
    url = reverse("surveys:new")
    overlap = client.post(
        url, {"unit": padang.kantor_lurah_bp.pk, "period_start": "2026-07-01", "period_end": "2026-12-31"}
    )
    assert "bertumpang tindih dengan survei Tahun 2026" in overlap.content.decode()
    assert 'value="2026-07-01"' in overlap.content.decode()
    backwards = client.post(
        url, {"unit": padang.kantor_lurah_bp.pk, "period_start": "2027-06-01", "period_end": "2027-01-01"}
    )
    assert "Akhir periode tidak boleh sebelum awal periode" in backwards.content.decode()
    garbage = client.post(
        url, {"unit": padang.kantor_lurah_bp.pk, "period_start": "kemarin", "period_end": "2027-01-01"}
    )
    assert "Tanggal tidak valid" in garbage.content.decode()
    assert Survey.objects.count() == 1


def test_a_petugas_cannot_open_a_survey_and_no_one_opens_one_for_another_unit(
    client: Client, padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("surveys:new")).status_code == 404
    client.force_login(lurah_belakang_pondok)
    other = client.post(
        reverse("surveys:new"),
        {"unit": padang.kantor_lurah_al.pk, "period_start": "2026-01-01", "period_end": "2026-12-31"},
    )
    assert "Pilih unit." in other.content.decode()  # only the lurah's own office is offered
    assert not Survey.objects.exists()


def test_the_survey_page_shows_the_result_the_weakest_unsur_and_a_sample_warning(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    survey = make_survey(padang.kantor_lurah_bp, population=1000)
    add_responses(survey, [[4, 4, 2, 4, 4, 4, 3, 4, 4]] * 10)
    client.force_login(lurah_belakang_pondok)
    html = client.get(survey.get_absolute_url()).content.decode()
    assert "91,67" in html  # 33 / 9 × 25
    assert "Waktu penyelesaian" in html and "terlemah" in html
    assert "10 dari minimal 278" in html and "Kurang 268 responden" in html


def test_survey_list_keeps_a_constant_number_of_queries(client: Client, padang: Padang, pimpinan_padang: User) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("surveys:list")).status_code == 200
        return len(ctx)

    client.force_login(pimpinan_padang)
    count()  # warm the per-process caches (the deployment's region)
    add_responses(make_survey(padang.kantor_lurah_bp), [[3] * 9])
    few = count()
    for unit in (padang.kantor_lurah_al, padang.kantor_lurah_bt, padang.kantor_camat_ps, padang.kantor_camat_pb):
        add_responses(make_survey(unit), [[4] * 9, [2] * 9])
    assert count() == few


def test_the_report_pdf_and_xlsx_hold_the_figures(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    survey = make_survey(padang.kantor_lurah_bp)
    add_responses(survey, [[4, 3, 3, 3, 3, 3, 3, 3, 4], [2, 3, 3, 3, 3, 3, 3, 3, 4], [3, 3, 3, None, 3, 3, 3, 3, 4]])
    client.force_login(lurah_belakang_pondok)
    pdf = client.get(reverse("surveys:pdf", kwargs={"pk": survey.pk}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text.upper()
    assert "77,78" in text  # IKM unit: NRR 3,3,3,3,3,3,3,3,4 → 28/9 × 25
    xlsx = client.get(reverse("surveys:xlsx", kwargs={"pk": survey.pk}))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Rekap per unsur", "Tabulasi responden", "Profil responden", "Rencana tindak lanjut"]
    recap = book["Rekap per unsur"]
    biaya = next(row for row in recap.iter_rows(values_only=True) if row[0] == "U4")
    assert biaya[2:5] == (6, 2, 3.0)  # total, answered, NRR: the blank answer is left out
    labels = {row[1]: row[2] for row in recap.iter_rows(values_only=True) if row and row[1]}
    assert labels["IKM unit pelayanan (IKM × 25)"] == 77.78
    assert labels["IKM dengan bobot 0,111 (× 25)"] == 77.7
    tab = list(book["Tabulasi responden"].iter_rows(values_only=True))
    assert tab[2][9:18] == ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")
    assert [r[0] for r in tab[3:6]] == [1, 2, 3]
    totals = next(r for r in tab if r[1] == "Jumlah nilai per unsur")
    assert totals[9:18] == (9, 9, 9, 6, 9, 9, 9, 9, 12)


def test_publishing_puts_the_result_on_the_public_portal(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    survey = make_survey(padang.kantor_lurah_bp)
    public = reverse("surveys:public_unit", kwargs={"unit_code": padang.kantor_lurah_bp.code})
    assert Client().get(public).status_code == 404
    client.force_login(lurah_belakang_pondok)
    empty = client.post(reverse("surveys:publish", kwargs={"pk": survey.pk}), {"published": "1"}, follow=True)
    assert "belum memiliki jawaban" in empty.content.decode()
    add_responses(survey, [[4] * 9])
    client.post(reverse("surveys:publish", kwargs={"pk": survey.pk}), {"published": "1"})
    anonymous = Client()
    html = anonymous.get(public).content.decode()
    assert "100,00" in html and "Sangat baik" in html
    assert padang.kantor_lurah_bp.name in anonymous.get(reverse("surveys:public_index")).content.decode()


def test_a_petugas_cannot_publish(client: Client, padang: Padang, petugas_belakang_pondok: User) -> None:
    survey = make_survey(padang.kantor_lurah_bp)
    add_responses(survey, [[4] * 9])
    client.force_login(petugas_belakang_pondok)
    page = client.post(reverse("surveys:publish", kwargs={"pk": survey.pk}), {"published": "1"}, follow=True)
    assert "Hanya kepala unit atau sekretaris" in page.content.decode()
    survey.refresh_from_db()
    assert not survey.published


def test_the_follow_up_plan_for_the_weak_unsur_keeps_its_history(
    client: Client, padang: Padang, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    survey = make_survey(padang.kantor_lurah_bp)
    add_responses(survey, [[4, 4, 2, 4, 4, 4, 3, 4, 4]])
    client.force_login(lurah_belakang_pondok)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert '<option value="3" selected>U3 Waktu penyelesaian</option>' in page  # the weakest, proposed first
    url = reverse("surveys:follow_up_new", kwargs={"pk": survey.pk})
    bad = client.post(url, {"unsur": "3", "action": "cepat", "owner": padang.staf_bp.pk, "due_date": "2026-01-01"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "paling sedikit 10 karakter" in html or "masa lalu" in html
    client.post(
        url,
        {
            "unsur": "3",
            "action": "Tambah satu petugas loket pada hari Senin.",
            "owner": padang.staf_bp.pk,
            "due_date": "2026-12-31",
        },
    )
    follow_up = FollowUp.objects.get()
    # The owner (a petugas) starts it; finishing needs a note.
    client.force_login(petugas_belakang_pondok)
    change = reverse("surveys:follow_up_change", kwargs={"pk": follow_up.pk})
    client.post(change, {"to": "berjalan"})
    no_note = client.post(change, {"to": "selesai"}, follow=True)
    assert "Tuliskan apa yang sudah dilakukan" in no_note.content.decode()
    client.post(change, {"to": "selesai", "note": "Petugas kedua bertugas sejak 2 Desember."})
    follow_up.refresh_from_db()
    assert follow_up.status == "selesai"
    history = list(FollowUpChange.objects.filter(follow_up=follow_up).values_list("from_status", "to_status"))
    assert history == [("", "rencana"), ("rencana", "berjalan"), ("berjalan", "selesai")]
    refused = client.post(change, {"to": "berjalan"}, follow=True)
    assert "tidak dapat diubah menjadi" in refused.content.decode()


def _follow_up(survey: Survey, lurah: User, owner: Any) -> FollowUp:
    return follow_up_create(
        survey=survey,
        unsur=3,
        action="Tambah satu petugas loket pada hari Senin.",
        owner=owner,
        due_date=dt.date(2026, 12, 31),
        actor=lurah,
    )


def test_each_role_is_offered_only_the_steps_it_may_take(
    client: Client,
    padang: Padang,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
) -> None:
    survey = make_survey(padang.kantor_lurah_bp)
    add_responses(survey, [[4, 4, 2, 4, 4, 4, 3, 4, 4]])
    owner = padang.staf_bp
    follow_up = _follow_up(survey, lurah_belakang_pondok, owner)
    other_staff = make_user("petugas_bp2", Role.PETUGAS, make_employee(padang.kantor_lurah_bp, "Desi"))

    def offered(user: User) -> list[str]:
        return [str(t.verb) for t in FOLLOW_UP.available(user, follow_up)]

    everything = ["Mulai kerjakan", "Tandai selesai", "Batalkan"]
    assert offered(lurah_belakang_pondok) == offered(petugas_belakang_pondok) == everything  # head; the owner
    for outsider in (other_staff, camat_padang_selatan, pimpinan_padang):
        assert offered(outsider) == []
    with pytest.raises(Forbidden, match="Hanya penanggung jawab, kepala unit atau sekretaris"):
        follow_up_transition(follow_up=follow_up, to_status="berjalan", actor=other_staff)
    follow_up_transition(follow_up=follow_up, to_status="berjalan", actor=petugas_belakang_pondok)
    assert offered(petugas_belakang_pondok) == ["Tandai selesai", "Batalkan"]
    # Publishing the result and planning follow-up belong to the head or secretary of the unit.
    assert gate.can(lurah_belakang_pondok, "surveys.publish", survey)
    assert not gate.can(petugas_belakang_pondok, "surveys.publish", survey)
    assert not gate.can(camat_padang_selatan, "surveys.publish", survey)  # another office, though in scope
    client.force_login(petugas_belakang_pondok)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Umumkan di portal" not in page and "Tambah tindakan" not in page and "Tandai selesai" in page
    client.force_login(other_staff)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Tandai selesai" not in page and "Entri kuesioner kertas" in page
    client.force_login(lurah_belakang_pondok)
    page = client.get(survey.get_absolute_url()).content.decode()
    assert "Umumkan di portal" in page and "Tambah tindakan" in page and "Tandai selesai" in page


def test_the_history_keeps_the_post_the_actor_held_at_the_time(
    padang: Padang, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    survey = make_survey(padang.kantor_lurah_bp)
    follow_up = _follow_up(survey, lurah_belakang_pondok, padang.staf_bp)
    follow_up_transition(follow_up=follow_up, to_status="berjalan", actor=petugas_belakang_pondok)
    # Later the petugas moves to another office with another post.
    padang.staf_bp.unit, padang.staf_bp.position = padang.kantor_lurah_al, padang.staf_al_pos
    padang.staf_bp.save()
    created, started = FollowUpChange.objects.filter(follow_up=follow_up).order_by("at", "id")
    assert (created.actor_label, created.kabkota_code, follow_up.kabkota_code) == ("Lurah (Mulyadi)", "13.71", "13.71")
    assert (started.actor_unit, started.actor_position, started.get_to_status_display()) == (
        padang.kantor_lurah_bp,
        padang.staf_bp_pos,
        "Sedang dikerjakan",
    )


def test_a_refused_follow_up_step_keeps_what_was_typed(
    client: Client, padang: Padang, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    survey = make_survey(padang.kantor_lurah_bp)
    follow_up = _follow_up(survey, lurah_belakang_pondok, padang.staf_bp)
    # The lurah cancels it while the petugas, on the page opened before, writes what was done.
    follow_up_transition(follow_up=follow_up, to_status="batal", actor=lurah_belakang_pondok, note="Anggaran habis")
    client.force_login(petugas_belakang_pondok)
    change = reverse("surveys:follow_up_change", kwargs={"pk": follow_up.pk})
    typed = "Petugas kedua bertugas sejak 2 Desember."
    page = client.post(change, {"from_status": "rencana", "to": "selesai", "note": typed})
    assert page.status_code == 400
    html = page.content.decode()
    assert "baru saja diubah" in html and typed in html
    follow_up.refresh_from_db()
    assert follow_up.status == "batal"
    # A step refused for a missing note keeps the page, with the field marked.
    other = _follow_up(survey, lurah_belakang_pondok, padang.staf_bp)
    page = client.post(
        reverse("surveys:follow_up_change", kwargs={"pk": other.pk}),
        {"from_status": "rencana", "to": "batal", "note": " "},
    )
    assert page.status_code == 400 and "Tuliskan alasan pembatalan." in page.content.decode()


def test_pimpinan_compares_all_units_and_downloads_xlsx(
    client: Client, padang: Padang, pimpinan_padang: User, camat_padang_selatan: User
) -> None:
    add_responses(make_survey(padang.kantor_lurah_bp), [[4] * 9])
    add_responses(make_survey(padang.kantor_lurah_bt), [[2] * 9])
    client.force_login(pimpinan_padang)
    html = client.get(reverse("surveys:comparison")).content.decode()
    assert html.index("Kantor Lurah Belakang Pondok") < html.index("Kantor Lurah Belakang Tangsi")
    assert "?tahun=2026&format=xlsx" in html
    # Per kecamatan: Padang Selatan (all 4s) above Padang Barat (all 2s); one kecamatan's units alone.
    assert html.index(">Padang Selatan</a>") < html.index(">Padang Barat</a>")
    one = client.get(reverse("surveys:comparison") + "?tahun=2026&kecamatan=13.71.03").content.decode()
    assert "Belakang Tangsi" in one and "Kantor Lurah Belakang Pondok" not in one
    xlsx = client.get(reverse("surveys:comparison") + "?tahun=2026&format=xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[3][1] == "Kantor Lurah Belakang Pondok" and rows[3][5] == 100.0 and rows[4][6] == "D"
    # A camat sees only the units of their kecamatan.
    client.force_login(camat_padang_selatan)
    html = client.get(reverse("surveys:comparison") + "?tahun=2026").content.decode()
    assert "Belakang Pondok" in html and "Belakang Tangsi" not in html


@pytest.mark.parametrize(
    ("population", "says"),
    [
        (None, "Hanya 1 permohonan tercatat di Pamong dalam periode ini, lebih sedikit dari 5 responden"),
        (3, "Populasi yang diisi (3) lebih kecil dari jumlah responden (5)"),
    ],
)
def test_a_population_smaller_than_the_respondents_is_not_used_and_no_minimum_of_0_is_shown(
    client: Client, padang: Padang, lurah_belakang_pondok: User, population: int | None, says: str
) -> None:
    from pamong.servicerequests.testing import make_request, make_service

    survey = make_survey(padang.kantor_lurah_bp, population=population)
    make_request(
        padang.kantor_lurah_bp,
        make_service(),
        now=timezone.make_aware(dt.datetime.combine(survey.period_start + dt.timedelta(days=5), dt.time(10))),
    )
    add_responses(survey, [[4, 4, 3, 4, 4, 4, 3, 4, 4]] * 5)
    client.force_login(lurah_belakang_pondok)
    html = client.get(survey.get_absolute_url()).content.decode()
    assert "Sampel minimum belum dapat dihitung" in html and says in html
    assert "minimal 0" not in html and "minimal 1 " not in html and "Responden belum cukup" not in html
    pdf_text = client.get(reverse("surveys:pdf", args=[survey.pk]))
    assert pdf_text.status_code == 200
