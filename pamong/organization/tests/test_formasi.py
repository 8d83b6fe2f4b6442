from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pamong.accounts.models import User
from pamong.core.errors import DomainError, Forbidden
from pamong.organization.models import Employee, FormasiChange, FormasiNeed, Position
from pamong.organization.selectors import formasi_report
from pamong.organization.services import formasi_set, formasi_years
from pamong.testing import Padang, make_employee, make_position, make_region, make_unit

pytestmark = pytest.mark.django_db
HONORER = Employee.EmploymentType.HONORER


@pytest.fixture
def year() -> int:
    """This year (of the moved clock too): the year the formasi pages show unless asked for another."""
    return timezone.localdate().year


def rows_by_code(report):  # type: ignore[no-untyped-def]
    return {r.code: r for r in report.rows}


def test_need_against_staff_is_counted_per_position(padang: Padang, pimpinan_padang: User, year: int) -> None:
    formasi_set(actor=pimpinan_padang, unit=padang.kantor_lurah_bp, year=year, needs={padang.staf_bp_pos.pk: 3})
    make_employee(padang.kantor_lurah_bp, "Rini", padang.staf_bp_pos, employment_type=HONORER, gender="P")
    # Two more than needed in Alang Laweh: a surplus there must not hide the gap in Belakang Pondok.
    make_employee(padang.kantor_lurah_al, "Dedi", padang.staf_al_pos, employment_type=HONORER)
    make_employee(padang.kantor_lurah_al, "Eka", padang.staf_al_pos, employment_type=HONORER, gender="P")

    row = rows_by_code(formasi_report(user=pimpinan_padang, year=year))["13.71.01"]
    # camat 1 + lurah 1 + staf BP 3 + staf AL 1 (not set: counts as one)
    assert (row.positions, row.needed, row.unset) == (4, 6, 3)
    assert (row.filled, row.vacant, row.excess, row.non_asn) == (7, 1, 2, 3)
    assert row.count(Employee.EmploymentType.PNS) == 4

    units = rows_by_code(formasi_report(user=pimpinan_padang, year=year, area="13.71.01"))
    assert (units["13.71.01.1001"].needed, units["13.71.01.1001"].vacant) == (4, 1)
    assert (units["13.71.01.1002"].needed, units["13.71.01.1002"].excess) == (1, 2)
    # Staff without a position are shown apart and never fill a need.
    barat = rows_by_code(formasi_report(user=pimpinan_padang, year=year))["13.71.03"]
    assert (barat.unassigned, barat.filled, barat.needed) == (1, 0, 0)


def test_every_change_of_a_need_is_kept(padang: Padang, pimpinan_padang: User, year: int) -> None:
    unit, pos = padang.kantor_lurah_bp, padang.staf_bp_pos
    assert formasi_set(actor=pimpinan_padang, unit=unit, year=year, needs={pos.pk: 3}, basis="ABK 2026") == 1
    assert formasi_set(actor=pimpinan_padang, unit=unit, year=year, needs={pos.pk: 3}) == 0
    assert formasi_set(actor=pimpinan_padang, unit=unit, year=year, needs={pos.pk: 5}, basis="Revisi ABK") == 1
    assert FormasiNeed.objects.get(position=pos, year=year).needed == 5
    history = list(FormasiChange.objects.order_by("id").values_list("old_needed", "new_needed", "note"))
    assert history == [(None, 3, "ABK 2026"), (3, 5, "Revisi ABK")]


def test_the_history_keeps_the_post_the_planner_held_at_the_time(
    client: Client, padang: Padang, pimpinan_padang: User, year: int
) -> None:
    unit, pos = padang.kantor_lurah_bp, padang.staf_bp_pos
    kabag = make_position(padang.tapem, "Kepala Bagian Tata Pemerintahan", Position.Kind.KEPALA)
    padang.kabag.position = kabag
    padang.kabag.save()
    formasi_set(actor=pimpinan_padang, unit=unit, year=year, needs={pos.pk: 3}, basis="ABK 2026")
    # Later the kabag moves to the kantor camat of Padang Selatan without a post yet.
    padang.kabag.unit, padang.kabag.position = padang.kantor_camat_ps, None
    padang.kabag.save()
    change = FormasiChange.objects.get()
    assert (change.actor, change.actor_unit, change.actor_position, change.kabkota_code) == (
        pimpinan_padang,
        padang.tapem,
        kabag,
        "13.71",
    )
    assert change.actor_label == "Kepala Bagian Tata Pemerintahan (Firdaus)"
    client.force_login(pimpinan_padang)
    page = client.get(reverse("organization:formasi_unit", args=[unit.pk]), {"tahun": year}).content.decode()
    assert "Kepala Bagian Tata Pemerintahan (Firdaus)" in page and "(ABK 2026)" in page


def test_only_pimpinan_and_admin_set_the_need(
    client: Client, padang: Padang, lurah_belakang_pondok: User, admin_diskominfo: User, year: int
) -> None:
    unit, pos = padang.kantor_lurah_bp, padang.staf_bp_pos
    with pytest.raises(Forbidden, match="pimpinan daerah atau admin"):
        formasi_set(actor=lurah_belakang_pondok, unit=unit, year=year, needs={pos.pk: 9})
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("organization:formasi_unit", args=[unit.pk]))
    assert page.status_code == 200 and "Simpan kebutuhan" not in page.content.decode()
    assert (
        client.post(
            reverse("organization:formasi_unit", args=[unit.pk]), {"tahun": year, f"need_{pos.pk}": 9}
        ).status_code
        == 403
    )
    assert not FormasiNeed.objects.exists()
    assert formasi_set(actor=admin_diskominfo, unit=unit, year=year, needs={pos.pk: 2}) == 1
    other = make_position(padang.kantor_lurah_al, "Operator")
    with pytest.raises(DomainError, match="bukan milik unit ini"):
        formasi_set(actor=admin_diskominfo, unit=unit, year=year, needs={other.pk: 2})


def test_the_form_saves_and_explains_bad_numbers(
    client: Client, padang: Padang, pimpinan_padang: User, year: int
) -> None:
    unit, pos = padang.kantor_lurah_bp, padang.staf_bp_pos
    lurah_pos = pos.reports_to
    assert lurah_pos is not None
    client.force_login(pimpinan_padang)
    url = reverse("organization:formasi_unit", args=[unit.pk])
    bad = client.post(url, {"tahun": year, f"need_{pos.pk}": "-2", f"need_{lurah_pos.pk}": "1", "basis": "ABK"})
    html = bad.content.decode()
    assert bad.status_code == 200 and "Kebutuhan tidak boleh negatif." in html
    assert 'value="-2"' in html and 'value="ABK"' in html  # what the user typed is kept
    assert not FormasiNeed.objects.exists()
    done = client.post(url, {"tahun": year, f"need_{pos.pk}": "4", f"need_{lurah_pos.pk}": "1", "basis": "ABK"})
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "2 jabatan berubah" in page and "ditetapkan 4 orang (ABK)" in page
    assert dict(FormasiNeed.objects.values_list("position_id", "needed")) == {pos.pk: 4, lurah_pos.pk: 1}


def test_each_role_sees_only_its_subtree(
    client: Client, padang: Padang, lurah_belakang_pondok: User, year: int
) -> None:
    report = formasi_report(user=lurah_belakang_pondok, year=year)
    assert [r.code for r in report.rows] == ["13.71.01.1001"] and report.level == "unit"
    # Asking for another kecamatan shows nothing of it.
    assert [r.code for r in formasi_report(user=lurah_belakang_pondok, year=year, area="13.71.03").rows] == [
        "13.71.01.1001"
    ]
    client.force_login(lurah_belakang_pondok)
    assert client.get(reverse("organization:formasi_unit", args=[padang.kantor_lurah_al.pk])).status_code == 404
    assert client.get(reverse("organization:formasi_xlsx") + f"?unit={padang.kantor_lurah_al.pk}").status_code == 404


def formasi_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_report_keeps_a_constant_number_of_queries(client: Client, padang: Padang, pimpinan_padang: User) -> None:
    client.force_login(pimpinan_padang)
    client.get(reverse("organization:formasi"))  # the signed-in user is cached from the second request on
    before = {
        url: formasi_queries(client, url)
        for url in [reverse("organization:formasi"), reverse("organization:formasi") + "?wilayah=13.71.01"]
    }
    for n in range(5):
        region = make_region(f"13.71.0{5 + n}", f"Kecamatan {n}")
        unit = make_unit(region)
        head = make_position(unit, "Camat")
        make_employee(unit, f"Pegawai {n}", head)
        make_employee(padang.kantor_lurah_bp, f"Staf {n}", make_position(padang.kantor_lurah_bp, f"Staf {n}"))
    client.get(reverse("organization:formasi"))  # new staff records reload the signed-in user once
    after = {url: formasi_queries(client, url) for url in before}
    assert after == before
    unit_url = reverse("organization:formasi_unit", args=[padang.kantor_lurah_bp.pk])
    assert formasi_queries(client, unit_url) <= before[reverse("organization:formasi")] + 4


def test_xlsx_has_the_figures_of_the_page(client: Client, padang: Padang, pimpinan_padang: User, year: int) -> None:
    formasi_set(actor=pimpinan_padang, unit=padang.kantor_lurah_bp, year=year, needs={padang.staf_bp_pos.pk: 3})
    client.force_login(pimpinan_padang)
    response = client.get(reverse("organization:formasi_xlsx") + f"?tahun={year}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "Kode")
    selatan = dict(zip(header, next(r for r in rows if r and r[0] == "13.71.01"), strict=False))
    assert (selatan["Kebutuhan"], selatan["Kosong"], selatan["Kebutuhan belum ditetapkan"]) == (6, 2, 3)
    page = client.get(reverse("organization:formasi") + f"?tahun={year}").content.decode()
    assert "Padang Selatan" in page and "jabatan belum ditetapkan kebutuhannya" in page


def test_a_forged_year_falls_back_to_this_year(
    client: Client, padang: Padang, pimpinan_padang: User, year: int
) -> None:
    client.force_login(pimpinan_padang)
    pos = padang.staf_bp_pos
    lurah_pos = pos.reports_to
    assert lurah_pos is not None
    url = reverse("organization:formasi_unit", args=[padang.kantor_lurah_bp.pk])
    assert client.get(url, {"tahun": "dua ribu"}).status_code == 200
    done = client.post(url, {"tahun": "abc", f"need_{pos.pk}": "2", f"need_{lurah_pos.pk}": "1"})
    assert done.status_code == 302
    assert FormasiNeed.objects.get(position=pos).year == year


def test_the_planning_years_begin_with_the_new_year_of_the_deployment(padang: Padang, pimpinan_padang: User) -> None:
    """The years offered on the page and the years the service accepts are the same, in the deployment's time zone:
    at half past midnight on 1 January in Jayapura (WIT) it is still 31 December in Jakarta."""
    jayapura = zoneinfo.ZoneInfo("Asia/Jayapura")
    unit, pos = padang.kantor_lurah_bp, padang.staf_bp_pos
    with (
        # 00:30 WIT on 1 January 2027 (a UTC destination: time-machine would otherwise move the process zone too)
        time_machine.travel(dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC), tick=False),
        timezone.override(jayapura),
    ):
        years = formasi_years(timezone.localdate())
        assert (years[0], years[-1]) == (2026, 2032)
        assert formasi_set(actor=pimpinan_padang, unit=unit, year=2032, needs={pos.pk: 2}) == 1
        with pytest.raises(DomainError, match="di luar rentang"):
            formasi_set(actor=pimpinan_padang, unit=unit, year=2025, needs={pos.pk: 2})
