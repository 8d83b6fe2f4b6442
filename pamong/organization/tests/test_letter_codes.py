"""Letter codes: every office has its own, unique in its kabupaten/kota, set by admin or given by default."""

from __future__ import annotations

import random

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.errors import DomainError
from pamong.organization.letter_codes import Office, letter_codes_assign
from pamong.organization.models import Unit
from pamong.organization.services import unit_create, units_scaffold
from pamong.testing import Padang, make_region, make_unit

pytestmark = pytest.mark.django_db

# Kota Padang's kelurahan with the initials BP, and two that have initials of their own.
PADANG_BP = [
    Office("belakang_pondok", "kantor_lurah", "13.71.01.1001", "Belakang Pondok"),
    Office("batipuh_panjang", "kantor_lurah", "13.71.11.1007", "Batipuh Panjang"),
    Office("bungo_pasang", "kantor_lurah", "13.71.11.1011", "Bungo Pasang"),
    Office("alang_laweh", "kantor_lurah", "13.71.01.1002", "Alang Laweh"),
    Office("padang_selatan", "kantor_camat", "13.71.01", "Padang Selatan"),
]


def test_offices_sharing_initials_each_get_a_suffix_from_their_region_code() -> None:
    codes = letter_codes_assign(PADANG_BP)
    assert codes == {
        "belakang_pondok": "Kel.BP.01.1001",
        "batipuh_panjang": "Kel.BP.11.1007",
        "bungo_pasang": "Kel.BP.11.1011",
        "alang_laweh": "Kel.AL",
        "padang_selatan": "Kec.PS",
    }
    shuffled = PADANG_BP[:]
    random.Random(7).shuffle(shuffled)
    assert letter_codes_assign(shuffled) == codes  # deterministic, whatever the order


def test_a_new_office_whose_initials_are_taken_gets_the_suffix() -> None:
    office = Office("x", "kantor_lurah", "13.71.11.1007", "Batipuh Panjang")
    assert letter_codes_assign([office], taken=["KEL.BP"]) == {"x": "Kel.BP.11.1007"}
    # Even the suffixed code may have been given by admin: then a counter follows.
    assert letter_codes_assign([office], taken=["Kel.BP", "Kel.BP.11.1007"]) == {"x": "Kel.BP.11.1007-2"}


def test_two_offices_of_a_kabupaten_kota_can_never_share_a_letter_code(padang: Padang) -> None:
    assert padang.kantor_lurah_bp.letter_code == "Kel.BP"
    make_region("13.71.11", "Koto Tangah")
    batipuh = make_region("13.71.11.1007", "Batipuh Panjang")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_unit(batipuh, letter_code="Kel.BP")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_unit(batipuh, letter_code="kel.bp")  # case does not make a code different
    # Another kabupaten/kota may use the same code.
    for code, name in [("61", "Kalimantan Barat"), ("61.71", "Kota Pontianak"), ("61.71.01", "Pontianak Selatan")]:
        make_region(code, name)
    other = make_unit(make_region("61.71.01.1002", "Benuamelayu Laut"), letter_code="Kel.BP")
    assert other.letter_code == "Kel.BP"


def test_unit_create_gives_a_default_code_and_refuses_a_taken_one_in_indonesian(padang: Padang) -> None:
    make_region("13.71.11", "Koto Tangah")
    batipuh = make_region("13.71.11.1007", "Batipuh Panjang")
    with pytest.raises(DomainError) as refused:
        unit_create(
            region=batipuh, kind=Unit.Kind.KANTOR_LURAH, name="Kantor Lurah Batipuh Panjang", letter_code="Kel.BP"
        )
    assert refused.value.message == "Kode surat ini sudah dipakai kantor lain di kabupaten/kota yang sama."
    assert refused.value.field == "letter_code"
    unit = unit_create(region=batipuh, kind=Unit.Kind.KANTOR_LURAH, name="Kantor Lurah Batipuh Panjang")
    assert unit.letter_code == "Kel.BP.11.1007"


def test_scaffolding_a_kabupaten_kota_gives_every_office_its_own_code(db: None) -> None:
    make_region("61", "Kalimantan Barat")
    kota = make_region("61.71", "Kota Pontianak")
    for code, name in [
        ("61.71.02", "Pontianak Timur"),
        ("61.71.06", "Pontianak Tenggara"),
        ("61.71.01", "Pontianak Selatan"),
        ("61.71.01.1002", "Benuamelayu Laut"),
        ("61.71.06.1001", "Bansir Laut"),
        ("61.71.06.1003", "Bangkabelitung Laut"),
        ("61.71.01.1005", "Kotabaru"),
    ]:
        make_region(code, name)
    units_scaffold(kabkota=kota)
    codes = dict(Unit.objects.values_list("region_id", "letter_code"))
    assert codes == {
        "61.71": "Tapem.KP",
        "61.71.01": "Kec.PS",
        "61.71.01.1002": "Kel.BL.01.1002",
        "61.71.01.1005": "Kel.K",
        "61.71.02": "Kec.PT.02",
        "61.71.06": "Kec.PT.06",
        "61.71.06.1001": "Kel.BL.06.1001",
        "61.71.06.1003": "Kel.BL.06.1003",
    }
    # A kelurahan added later whose initials are taken gets the suffix; the offices already there keep theirs.
    make_region("61.71.02.1001", "Paritmayor")
    make_region("61.71.02.1004", "Kotabaru Hulu")
    units_scaffold(kabkota=kota)
    assert Unit.objects.get(region_id="61.71.02.1001").letter_code == "Kel.P"
    assert Unit.objects.get(region_id="61.71.02.1004").letter_code == "Kel.KH"
    assert Unit.objects.get(region_id="61.71.01.1005").letter_code == "Kel.K"


def test_admin_sets_the_letter_code_and_a_taken_one_is_refused_keeping_what_was_typed(
    client: Client, padang: Padang, admin_diskominfo: User
) -> None:
    client.force_login(admin_diskominfo)
    unit = padang.kantor_lurah_al
    url = reverse("admin:organization_unit_change", args=[unit.pk])
    page = client.get(url).content.decode()
    assert 'name="letter_code"' in page and 'value="Kel.AL"' in page
    form = {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "region": unit.region_id,
        "letter_code": "kel.bp",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
    }
    page = client.post(url, form).content.decode()
    assert "Kode surat ini sudah dipakai kantor lain di kabupaten/kota yang sama." in page
    assert 'value="kel.bp"' in page
    page = client.post(url, {**form, "letter_code": "Kel/AL"}).content.decode()
    assert "tanpa spasi atau garis miring" in page and 'value="Kel/AL"' in page
    response = client.post(url, {**form, "letter_code": "Kel.ALW"})
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.letter_code == "Kel.ALW"


def test_admin_adding_an_office_without_a_code_gets_the_default(
    client: Client, padang: Padang, admin_diskominfo: User
) -> None:
    client.force_login(admin_diskominfo)
    make_region("13.71.11", "Koto Tangah")
    region = make_region("13.71.11.1011", "Bungo Pasang")
    response = client.post(
        reverse("admin:organization_unit_add"),
        {
            "code": region.code,
            "name": "Kantor Lurah Bungo Pasang",
            "kind": Unit.Kind.KANTOR_LURAH,
            "region": region.code,
            "letter_code": "",
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(region=region)
    assert (unit.letter_code, unit.kabkota_code) == ("Kel.BP.11.1011", "13.71")
