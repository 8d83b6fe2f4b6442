"""Who sees which events (each role its region subtree), the list's constant query count, the coverage of
staff trained per unit and per kecamatan on a hand-made set, the exports, and the employee page's section."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import User
from pamong.testing import Padang, make_employee
from pamong.training.models import Status
from pamong.training.selectors import coverage, employee_section
from pamong.training.testing import enrol, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def events(padang: Padang) -> dict[str, object]:
    return {
        "tapem": make_event(padang.tapem, "Pelatihan SIPD"),
        "camat_ps": make_event(padang.kantor_camat_ps, "Bimtek PATEN"),
        "lurah_bp": make_event(padang.kantor_lurah_bp, "Sosialisasi Netralitas"),
        "lurah_bt": make_event(padang.kantor_lurah_bt, "Workshop Pelayanan Prima"),
    }


def _titles(client: Client) -> set[str]:
    html = client.get(reverse("training:list")).content.decode()
    return {
        t for t in ("Pelatihan SIPD", "Bimtek PATEN", "Sosialisasi Netralitas", "Workshop Pelayanan Prima") if t in html
    }


def test_each_role_sees_only_the_events_of_its_region_subtree(
    client: Client,
    padang: Padang,
    events: dict,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
    admin_diskominfo: User,
    lurah_belakang_tangsi: User,
) -> None:  # type: ignore[type-arg]
    client.force_login(lurah_belakang_pondok)
    assert _titles(client) == {"Sosialisasi Netralitas"}
    assert client.get(events["lurah_bt"].get_absolute_url()).status_code == 404
    assert client.get(events["tapem"].get_absolute_url()).status_code == 404
    client.force_login(camat_padang_selatan)
    assert _titles(client) == {"Bimtek PATEN", "Sosialisasi Netralitas"}
    client.force_login(lurah_belakang_tangsi)
    assert _titles(client) == {"Workshop Pelayanan Prima"}
    assert client.get(reverse("training:xlsx", args=[events["lurah_bp"].pk])).status_code == 404
    client.force_login(pimpinan_padang)
    assert len(_titles(client)) == 4
    client.force_login(admin_diskominfo)
    assert len(_titles(client)) == 4
    client.logout()
    assert client.get(reverse("training:list")).status_code == 302


def test_a_camat_sees_a_lurah_event_in_the_kecamatan_but_does_not_run_it(
    client: Client, padang: Padang, events: dict, camat_padang_selatan: User
) -> None:  # type: ignore[type-arg]
    client.force_login(camat_padang_selatan)
    page = client.get(events["lurah_bp"].get_absolute_url()).content.decode()
    assert "Sosialisasi Netralitas" in page and "Mulai kegiatan" not in page
    url = reverse("training:transition", args=[events["lurah_bp"].pk])
    client.post(url, {"to_status": "berlangsung"})
    events["lurah_bp"].refresh_from_db()
    assert events["lurah_bp"].status == Status.DIRENCANAKAN


def test_the_list_takes_the_same_queries_for_2_or_20_events(
    client: Client, padang: Padang, pimpinan_padang: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(2):
        enrol(make_event(padang.kantor_lurah_bp, f"Acara {i}"), padang.staf_bp)
    client.force_login(pimpinan_padang)
    client.get(reverse("training:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("training:list"))
    for i in range(18):
        event = make_event(padang.kantor_camat_ps, f"Kegiatan {i}")
        enrol(event, padang.staf_bp)
        enrol(event, padang.staf_al, attendance="hadir")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("training:list"))
    assert "Kegiatan 17" in page.content.decode()


def test_the_list_exports_what_it_shows(
    client: Client, padang: Padang, events: dict, camat_padang_selatan: User
) -> None:  # type: ignore[type-arg]
    client.force_login(camat_padang_selatan)
    book = load_workbook(io.BytesIO(client.get(reverse("training:list_xlsx")).content))
    titles = sorted(row[0] for row in book.active.iter_rows(min_row=4, values_only=True))
    assert titles == ["Bimtek PATEN", "Sosialisasi Netralitas"]


@pytest.fixture
def trained(padang: Padang) -> None:
    """Hand-made: Belakang Pondok 4 active staff (+1 inactive), 2 trained; Alang Laweh 1 staff, 1 trained;
    kantor camat PS 1 staff, 0 trained; Belakang Tangsi 1 staff, 0 trained; tapem 1 staff, 1 trained."""
    extra = make_employee(padang.kantor_lurah_bp, "Staf Baru")
    make_employee(padang.kantor_lurah_bp, "Staf Lama")
    gone = make_employee(padang.kantor_lurah_bp, "Sudah Pindah", active=False)
    recent = make_event(padang.tapem, "Pelatihan 1", status=Status.SELESAI, start_date=dt.date(2026, 3, 2))
    another = make_event(padang.kantor_camat_ps, "Pelatihan 2", status=Status.SELESAI, start_date=dt.date(2026, 9, 1))
    old = make_event(padang.tapem, "Pelatihan lama", status=Status.SELESAI, start_date=dt.date(2025, 10, 1))
    running = make_event(
        padang.tapem, "Pelatihan berjalan", status=Status.BERLANGSUNG, start_date=dt.date(2026, 11, 23)
    )
    enrol(recent, padang.staf_bp, attendance="hadir")
    enrol(another, padang.staf_bp, attendance="hadir")  # trained twice, counted once
    enrol(recent, padang.lurah_bp, attendance="hadir")
    enrol(recent, extra, attendance="tidak_hadir", absence_reason="sakit")
    enrol(recent, gone, attendance="hadir")  # no longer active
    enrol(another, padang.staf_al, attendance="hadir")
    enrol(recent, padang.kabag, attendance="hadir")
    enrol(old, padang.staf_bt, attendance="hadir")  # more than 12 months ago
    enrol(running, padang.camat_ps, attendance="hadir")  # not finished yet


def test_coverage_counts_active_staff_who_attended_a_finished_event_in_the_last_12_months(
    padang: Padang, trained: None, pimpinan_padang: User, camat_padang_selatan: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(4):
        data = coverage(user=pimpinan_padang, today=dt.date(2026, 11, 25))
    units = {r.label: (r.staff, r.trained, r.share) for r in data.units}
    assert units["Kantor Lurah Belakang Pondok"] == (4, 2, pytest.approx(50))
    assert units["Kantor Lurah Alang Laweh"] == (1, 1, 100)
    assert units["Kantor Camat Padang Selatan"] == (1, 0, 0)
    assert units["Kantor Lurah Belakang Tangsi"] == (1, 0, 0)
    assert units["Bagian Tata Pemerintahan Kota Padang"] == (1, 1, 100)
    kecamatan = {r.label: (r.staff, r.trained) for r in data.kecamatan}
    assert kecamatan == {
        "Tingkat kabupaten/kota": (1, 1),
        "Kecamatan Padang Selatan": (6, 3),
        "Kecamatan Padang Barat": (1, 0),
    }
    assert (data.total.staff, data.total.trained, str(data.total.share)) == (8, 4, "50.0")
    assert data.by_kecamatan
    mine = coverage(user=camat_padang_selatan, today=dt.date(2026, 11, 25))
    assert [r.label for r in mine.units] == [
        "Kantor Camat Padang Selatan",
        "Kantor Lurah Belakang Pondok",
        "Kantor Lurah Alang Laweh",
    ]
    assert not mine.by_kecamatan and (mine.total.staff, mine.total.trained) == (6, 3)


def test_the_coverage_page_shows_the_chart_and_the_export_the_same_numbers(
    client: Client, padang: Padang, trained: None, pimpinan_padang: User
) -> None:
    client.force_login(pimpinan_padang)
    html = client.get(reverse("training:coverage")).content.decode()
    assert "data:image/svg+xml;base64," in html
    assert "Kecamatan Padang Selatan" in html and "50,0%" in html
    book = load_workbook(io.BytesIO(client.get(reverse("training:coverage_xlsx")).content))
    assert book.sheetnames == ["Per kecamatan", "Per unit"]
    rows = {r[1]: r[2:] for r in book["Per kecamatan"].iter_rows(min_row=4, values_only=True) if r[1]}
    assert rows["Kecamatan Padang Selatan"] == (6, 3, 50.0)


def test_the_employee_section_lists_the_history_with_a_few_queries(
    padang: Padang,
    trained: None,
    lurah_belakang_pondok: User,
    lurah_belakang_tangsi: User,
    django_assert_max_num_queries,
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(3):
        section = employee_section(employee=padang.staf_bp, viewer=lurah_belakang_pondok)
    assert [r.event.title for r in section["rows"]] == ["Pelatihan 2", "Pelatihan 1"]
    assert section["count"] == 2 and section["total_hours"] == 48 and section["trained_recently"]
    html = render_to_string("training/_employee_section.html", {"section": section})
    assert "Riwayat pelatihan" in html and "Pelatihan 2" in html and "48 JP" in html
    hidden = employee_section(employee=padang.staf_bp, viewer=lurah_belakang_tangsi)
    assert hidden["rows"] == [] and not hidden["visible"]
    assert "di luar wilayah Anda" in render_to_string("training/_employee_section.html", {"section": hidden})
    empty = render_to_string(
        "training/_employee_section.html",
        {
            "section": employee_section(
                employee=make_employee(padang.kantor_lurah_bp, "Baru"), viewer=lurah_belakang_pondok
            )
        },
    )
    assert "Belum pernah mengikuti pelatihan" in empty


def test_staff_find_their_own_trainings_on_the_list_even_when_another_office_organised_them(
    client: Client, padang: Padang, trained: None, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    html = client.get(reverse("training:list")).content.decode()
    assert "Pelatihan saya (2 kegiatan selesai, 48 JP)" in html
    assert "Pelatihan 1" in html  # organised by the Bagian Tata Pemerintahan, outside the petugas' scope
