"""The demo for Kota Pontianak, where offices share initials (Pontianak Timur and Pontianak Tenggara, three
kelurahan "Kel.BL"): every office gets its own letter code, and no letter or certificate number repeats."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from pamong.organization.models import Unit
from pamong.servicerequests.models import Letter, LetterNumbering
from pamong.training.models import Certificate


@pytest.mark.slow
@pytest.mark.django_db
def test_the_pontianak_demo_numbers_every_letter_and_certificate_once() -> None:
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
