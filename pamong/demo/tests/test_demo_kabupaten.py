"""The demo for a kabupaten (Konawe Selatan, 336 desa and 15 kelurahan): a kantor desa is staffed by its own
apparatus (an elected kepala desa with the dates of the term, perangkat desa, no NIP, no SKP, no ASN formasi),
and the printed accounts are those of Padang with a kepala desa (``kades``) in place of the lurah."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from pamong.accounts.models import User
from pamong.demo.testing import (
    assert_bulk_histories_name_their_posts,
    assert_every_stage_waits,
    assert_histories_name_their_officers,
)
from pamong.organization.models import Employee, FormasiNeed, Position, Unit
from pamong.skp.models import SkpAssessment

KEPALA_DESA = Employee.EmploymentType.KEPALA_DESA


@pytest.mark.slow
@pytest.mark.whole_region
@pytest.mark.django_db
def test_the_konawe_selatan_demo_staffs_desa_with_their_own_apparatus() -> None:
    out = io.StringIO()
    call_command("load_demo", region="74.05", stdout=out)
    text = out.getvalue()
    assert "Data contoh Kabupaten Konawe Selatan siap." in text
    desa = Unit.objects.filter(kabkota_code="74.05", kind=Unit.Kind.KANTOR_DESA)
    heads = Employee.objects.filter(unit__in=desa, position__kind=Position.Kind.KEPALA, active=True)
    elected = heads.filter(employment_type=KEPALA_DESA)
    # Nearly every desa is headed by its elected kepala desa; a few by a PNS as penjabat.
    assert desa.count() > 300 and elected.count() > 0.9 * heads.count()
    assert not elected.exclude(nip=None).exists() and not elected.filter(term_end=None).exists()
    assert not Employee.objects.filter(unit__in=desa, employment_type="perangkat_desa").exclude(nip=None).exists()
    assert not desa.filter(dusun_count=None).exists()
    assert not SkpAssessment.objects.filter(employee__employment_type__in=Employee.DESA_APPARATUS).exists()
    assert SkpAssessment.objects.filter(kabkota_code="74.05").exists()  # the ASN of the kecamatan are rated
    assert not FormasiNeed.objects.filter(unit__in=desa).exists()
    # The same roles as Padang; the head's account is a kepala desa, the petugas and nakes of that same desa.
    kades = User.objects.select_related("employee__unit").get(username="kades")
    office = kades.employee.unit  # type: ignore[union-attr]
    assert office.kind == Unit.Kind.KANTOR_DESA
    assert f"kades      Kepala unit      Kepala Desa, {office.name}" in text
    for username in ("admin", "pimpinan", "camat", "sekcam", "petugas", "nakes"):
        assert f"\n  {username} " in text
    assert {u.employee.unit_id for u in User.objects.filter(username__in=("petugas", "nakes"))} == {office.pk}  # type: ignore[union-attr]
    assert_every_stage_waits(office=office, lurah=kades)
    assert_histories_name_their_officers(office=office)
    assert_bulk_histories_name_their_posts(kabkota_code="74.05")
