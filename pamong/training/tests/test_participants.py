"""Participants: added one by one, a whole unit or all holders of a position, never twice; the attendance and
score sheet with its checks, corrections that keep the old values, and a constant number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position
from pamong.training.models import Participant, ParticipantChange, Status
from pamong.training.testing import enrol, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


def _names(event) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(Participant.objects.filter(event=event).values_list("employee__name", flat=True))


def test_participants_come_one_by_one_by_unit_or_by_position_and_never_twice(
    client: Client, padang: Padang, pimpinan_padang: User
) -> None:
    lurah_al = make_employee(
        padang.kantor_lurah_al, "Darmawan", make_position(padang.kantor_lurah_al, "Lurah", Position.Kind.KEPALA)
    )
    make_employee(padang.kantor_lurah_bp, "Pensiunan", active=False)
    event = make_event(padang.tapem)
    client.force_login(pimpinan_padang)
    url = reverse("training:participants_add", args=[event.pk])

    one = client.post(url, {"mode": "pegawai", "pegawai-employee": padang.staf_bt.pk}, follow=True)
    assert "1 peserta ditambahkan." in one.content.decode()
    lurahs = client.post(url, {"mode": "jabatan", "jabatan-group": "lurah"}, follow=True)
    assert "2 peserta ditambahkan." in lurahs.content.decode()
    assert _names(event) == ["Darmawan", "Hendri", "Mulyadi"]
    unit = client.post(url, {"mode": "unit", "unit-unit": padang.kantor_lurah_bp.pk}, follow=True).content.decode()
    # Mulyadi (the lurah) was already there; the retired employee is not active.
    assert "1 peserta ditambahkan. 1 pegawai sudah terdaftar dan tidak ditambahkan lagi." in unit
    again = client.post(url, {"mode": "pegawai", "pegawai-employee": padang.staf_bt.pk}, follow=True)
    assert "0 peserta ditambahkan. 1 pegawai sudah terdaftar" in again.content.decode()
    assert _names(event) == ["Darmawan", "Hendri", "Mulyadi", "Yusnimar"]
    assert lurah_al.training_participations.get().unit == padang.kantor_lurah_al


def test_a_camat_adds_only_staff_of_the_kecamatan(client: Client, padang: Padang, camat_padang_selatan: User) -> None:
    event = make_event(padang.kantor_camat_ps)
    client.force_login(camat_padang_selatan)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Yusnimar" in page and "Hendri" not in page  # Belakang Tangsi is in Padang Barat
    url = reverse("training:participants_add", args=[event.pk])
    other = client.post(url, {"mode": "pegawai", "pegawai-employee": padang.staf_bt.pk})
    assert other.status_code == 400 and "Pilih pegawai dari daftar." in other.content.decode()
    staf = client.post(url, {"mode": "jabatan", "jabatan-group": "staf"}, follow=True).content.decode()
    assert "2 peserta ditambahkan." in staf
    assert _names(event) == ["Rosmawati", "Yusnimar"]


def test_a_finished_event_takes_no_new_participants(client: Client, padang: Padang, camat_padang_selatan: User) -> None:
    event = make_event(padang.kantor_camat_ps, status=Status.SELESAI)
    client.force_login(camat_padang_selatan)
    page = client.post(
        reverse("training:participants_add", args=[event.pk]),
        {"mode": "pegawai", "pegawai-employee": padang.staf_bp.pk},
        follow=True,
    )
    assert "Peserta hanya dapat ditambahkan sebelum kegiatan selesai." in page.content.decode()
    assert not Participant.objects.exists()


def _sheet(event, rows: dict[int, tuple[str, str, str, str]]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {}
    for pk, (attendance, reason, pre, post) in rows.items():
        data.update(
            {
                f"p{pk}-attendance": attendance,
                f"p{pk}-absence_reason": reason,
                f"p{pk}-pre_score": pre,
                f"p{pk}-post_score": post,
            }
        )
    return data


def test_scores_are_checked_with_indonesian_messages_and_nothing_is_saved_until_all_rows_are_right(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG, pass_mark=Decimal(70))
    a, b, c = (enrol(event, e) for e in (padang.staf_bp, padang.staf_al, padang.lurah_bp))
    client.force_login(camat_padang_selatan)
    url = reverse("training:sheet", args=[event.pk])
    bad = client.post(
        url,
        _sheet(
            event,
            {
                a.pk: ("hadir", "", "55,5", "101"),
                b.pk: ("tidak_hadir", "", "", ""),
                c.pk: ("hadir", "", "delapan", "87,555"),
            },
        ),
    )
    html = bad.content.decode()
    assert bad.status_code == 400
    assert "Nilai harus antara 0 dan 100." in html
    assert "Nilai harus berupa angka, mis. 87,5." in html
    assert "Pilih alasan tidak hadir." in html
    assert "Periksa 3 baris yang ditandai merah" in html
    assert 'value="55,5"' in html and 'value="delapan"' in html  # what was typed stays
    assert not Participant.objects.exclude(attendance="").exists()

    good = client.post(
        url,
        _sheet(
            event,
            {
                a.pk: ("hadir", "", "55,5", "80"),
                b.pk: ("tidak_hadir", "sakit", "", ""),
                c.pk: ("hadir", "", "60", "65.25"),
            },
        ),
        follow=True,
    )
    assert "Kehadiran dan nilai disimpan (3 peserta berubah)." in good.content.decode()
    a.refresh_from_db()
    c.refresh_from_db()
    assert (a.pre_score, a.post_score, a.improvement) == (Decimal("55.5"), Decimal(80), Decimal("24.5"))
    assert a.passed and not c.passed  # 65,25 is under the pass mark of 70
    assert not Participant.objects.get(pk=b.pk).passed


def test_a_correction_keeps_the_old_values_and_resending_changes_nothing(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps, status=Status.SELESAI)
    p = enrol(event, padang.staf_bp, attendance="hadir", pre_score=50, post_score=70)
    client.force_login(camat_padang_selatan)
    url = reverse("training:sheet", args=[event.pk])
    form = client.get(url).content.decode()
    assert 'value="50"' in form and 'value="70"' in form
    client.post(url, _sheet(event, {p.pk: ("hadir", "", "50", "75")}))
    resent = client.post(url, _sheet(event, {p.pk: ("hadir", "", "50", "75")}), follow=True)
    assert "(0 peserta berubah)" in resent.content.decode()
    change = ParticipantChange.objects.get()
    assert change.old == {"post_score": "70.00"} and change.new == {"post_score": "75"}
    assert change.actor == camat_padang_selatan


def test_scores_only_for_those_present_and_reasons_only_for_those_absent(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    a, b = enrol(event, padang.staf_bp), enrol(event, padang.staf_al)
    client.force_login(camat_padang_selatan)
    html = client.post(
        reverse("training:sheet", args=[event.pk]),
        _sheet(event, {a.pk: ("tidak_hadir", "izin", "", "90"), b.pk: ("hadir", "sakit", "", "")}),
    ).content.decode()
    assert "Nilai hanya diisi untuk peserta yang hadir." in html
    assert "Alasan hanya diisi bila peserta tidak hadir." in html


def test_the_sheet_is_closed_while_planned_and_to_a_petugas(
    client: Client, padang: Padang, camat_padang_selatan: User, petugas_belakang_pondok: User
) -> None:
    event = make_event(padang.kantor_camat_ps)
    client.force_login(camat_padang_selatan)
    closed = client.get(reverse("training:sheet", args=[event.pk]), follow=True)
    assert "Kehadiran dan nilai diisi saat kegiatan berlangsung" in closed.content.decode()
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("training:sheet", args=[event.pk])).status_code == 404


@pytest.mark.parametrize("view", ["training:sheet", "training:event"])
def test_the_sheet_and_the_event_page_take_the_same_queries_for_3_or_12_participants(
    client: Client, padang: Padang, camat_padang_selatan: User, django_assert_max_num_queries, view: str
) -> None:  # type: ignore[no-untyped-def]
    small = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    big = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    people = [make_employee(padang.kantor_lurah_bp, f"Pegawai {i}") for i in range(12)]
    for e in people[:3]:
        enrol(small, e, attendance="hadir", pre_score=50, post_score=70)
    for e in people:
        enrol(big, e, attendance="hadir", pre_score=50, post_score=70)
    client.force_login(camat_padang_selatan)
    client.get(reverse(view, args=[small.pk]))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse(view, args=[small.pk]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(view, args=[big.pk]))


def test_saving_the_sheet_takes_the_same_queries_for_3_or_12_participants(
    client: Client, padang: Padang, camat_padang_selatan: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    big = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    people = [make_employee(padang.kantor_lurah_bp, f"Pegawai {i}") for i in range(12)]
    few_rows = [enrol(small, e) for e in people[:3]]
    many_rows = [enrol(big, e) for e in people]
    client.force_login(camat_padang_selatan)
    client.get(reverse("training:list"))
    with CaptureQueriesContext(connection) as few:
        client.post(
            reverse("training:sheet", args=[small.pk]),
            _sheet(small, {p.pk: ("hadir", "", "60", "80") for p in few_rows}),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.post(
            reverse("training:sheet", args=[big.pk]), _sheet(big, {p.pk: ("hadir", "", "60", "80") for p in many_rows})
        )
    assert Participant.objects.filter(attendance="hadir").count() == 15
    assert ParticipantChange.objects.count() == 15


def test_a_participant_is_removed_only_while_the_event_is_planned(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps)
    p = enrol(event, padang.staf_bp)
    client.force_login(camat_padang_selatan)
    done = client.post(reverse("training:participant_remove", args=[p.pk]), follow=True)
    assert "Yusnimar dihapus dari daftar peserta." in done.content.decode()
    running = make_event(padang.kantor_camat_ps, status=Status.BERLANGSUNG)
    kept = enrol(running, padang.staf_bp)
    refused = client.post(reverse("training:participant_remove", args=[kept.pk]), follow=True)
    assert "Peserta hanya dapat dihapus selama kegiatan masih direncanakan." in refused.content.decode()
    assert list(Participant.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_participants_export_has_nip_as_text_scores_and_results(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    import io

    from openpyxl import load_workbook

    event = make_event(padang.kantor_camat_ps, status=Status.SELESAI, pass_mark=Decimal(75))
    enrol(event, padang.staf_bp, attendance="hadir", pre_score="60.5", post_score=80)
    enrol(event, padang.staf_al, attendance="tidak_hadir", absence_reason="dinas_luar")
    client.force_login(camat_padang_selatan)
    book = load_workbook(io.BytesIO(client.get(reverse("training:xlsx", args=[event.pk])).content))
    rows = [r for r in book.active.iter_rows(min_row=4, values_only=True) if r[0]]
    by_name = {r[1]: r for r in rows}
    assert by_name["Yusnimar"][2] == padang.staf_bp.nip  # digit for digit, as text
    assert by_name["Yusnimar"][5:11] == ("Hadir", None, 60.5, 80.0, 19.5, "Lulus")
    assert by_name["Rosmawati"][5:7] == ("Tidak hadir", "Dinas luar")


def test_the_printed_attendance_list_has_a_signature_column_per_day(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    event = make_event(padang.kantor_camat_ps, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 3))
    enrol(event, padang.staf_bp)
    client.force_login(camat_padang_selatan)
    html = client.get(reverse("training:attendance_list", args=[event.pk])).content.decode()
    assert "Daftar hadir peserta" in html and "Yusnimar" in html
    assert html.count("tanda tangan</div>") == 3 and "1/12" in html and "3/12" in html
