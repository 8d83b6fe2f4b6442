from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from pamong.regions.models import Region, TimeZone
from pamong.regions.services import regions_import

pytestmark = pytest.mark.django_db


def test_kota_padang_has_11_kecamatan_and_104_kelurahan() -> None:
    result = regions_import(under="13.71")
    padang = Region.objects.subtree("13.71")
    assert padang.filter(level=Region.Level.KECAMATAN).count() == 11
    assert padang.filter(level=Region.Level.DESA, kind=Region.Kind.KELURAHAN).count() == 104
    assert Region.objects.get(code="13.71").name == "Kota Padang"
    assert Region.objects.get(code="13").name == "Sumatera Barat"
    assert result.created == 1 + 1 + 11 + 104


def test_second_run_changes_nothing_and_a_renamed_region_is_restored() -> None:
    regions_import(under="13.71")
    before = list(Region.objects.values_list("code", "name", "parent_id", "timezone", "postal_code"))
    again = regions_import(under="13.71")
    assert (again.created, again.updated) == (0, 0)
    assert list(Region.objects.values_list("code", "name", "parent_id", "timezone", "postal_code")) == before

    Region.objects.filter(code="13.71.03").update(name="Nama Lama")
    third = regions_import(under="13.71")
    assert (third.created, third.updated) == (0, 1)
    assert Region.objects.get(code="13.71.03").name == "Padang Barat"


def test_each_kabupaten_kota_knows_its_time_zone() -> None:
    for code in ("13.71", "51.71", "94.01"):
        regions_import(under=code)
    assert Region.objects.get(code="13.71").timezone == TimeZone.WIB  # Kota Padang
    assert Region.objects.get(code="51.71").timezone == TimeZone.WITA  # Kota Denpasar
    assert Region.objects.get(code="94.01").timezone == TimeZone.WIT  # Papua Tengah
    assert Region.objects.get(code="51.71").get_timezone_display() == "WITA"


def test_unknown_code_is_refused_in_indonesian() -> None:
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("import_regions", under="99.99", stdout=io.StringIO())
    assert not Region.objects.exists()


@pytest.mark.slow
def test_all_of_indonesia_prints_counts_per_level_and_a_rerun_changes_nothing() -> None:
    out = io.StringIO()
    call_command("import_regions", stdout=out)
    text = out.getvalue()
    assert "Provinsi                38        38" in text
    assert "Kabupaten/Kota         514       514" in text
    assert Region.objects.filter(level=Region.Level.KECAMATAN).count() == 7285
    assert Region.objects.filter(level=Region.Level.DESA).count() == 83762
    out = io.StringIO()
    call_command("import_regions", stdout=out)
    assert "0 baru, 0 diubah" in out.getvalue()
