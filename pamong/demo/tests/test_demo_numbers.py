"""The demo for Kota Pontianak, where offices share initials (Pontianak Timur and Pontianak Tenggara, three
kelurahan "Kel.BL"): every office gets its own letter code, and no letter or certificate number repeats; and the
whole command leaves work at every stage in the queues of the printed lurah and petugas."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from pamong.accounts.models import User
from pamong.demo.testing import (
    assert_bulk_histories_name_their_posts,
    assert_every_stage_waits,
    assert_histories_name_their_officers,
)
from pamong.organization.models import Unit
from pamong.servicerequests.letters import letterhead_logo
from pamong.servicerequests.models import Letter, LetterNumbering
from pamong.training.models import Certificate


@pytest.mark.slow
@pytest.mark.whole_region
@pytest.mark.django_db
def test_the_pontianak_demo_numbers_every_letter_once_and_leaves_work_at_every_stage() -> None:
    out = io.StringIO()
    call_command("load_demo", region="61.71", stdout=out)
    assert "Data contoh Kota Pontianak siap." in out.getvalue()
    codes = list(Unit.objects.filter(kabkota_code="61.71").values_list("letter_code", flat=True))
    assert len(codes) == 36 and len({c.lower() for c in codes}) == 36
    assert {"Kec.PT.02", "Kec.PT.06"} <= set(codes)
    assert Letter.objects.count() > 500 and Certificate.objects.count() > 100
    for model in (Letter, Certificate):
        assert not model.objects.values("number").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert LetterNumbering.objects.filter(kabkota_code="61.71").exists()
    # The kop surat carries a logo (the demo's own emblem), as the admin's upload would.
    logo = letterhead_logo("61.71")
    assert logo is not None and logo.startswith("data:image/png;base64,")
    # The printed accounts find work at every stage in their kelurahan.
    lurah = User.objects.select_related("employee__unit").get(username="lurah")
    assert (
        lurah.employee is not None
        and f"lurah      Kepala unit      Lurah, {lurah.employee.unit.name}" in out.getvalue()
    )
    assert_every_stage_waits(office=lurah.employee.unit, lurah=lurah)
    assert_histories_name_their_officers(office=lurah.employee.unit)
    assert_bulk_histories_name_their_posts(kabkota_code="61.71")
    assert "pengaduan di " in out.getvalue() and "menunggu tanda tangan " in out.getvalue()
