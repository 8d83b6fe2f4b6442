"""The formasi demo: a need for every position, once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pamong.accounts.models import User
from pamong.demo.formasi import formasi_populate
from pamong.organization.models import FormasiChange, FormasiNeed
from pamong.organization.selectors import formasi_report
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_demo_formasi_sets_every_position_once(padang: Padang, pimpinan_padang: User) -> None:
    year = timezone.localdate().year
    made = formasi_populate(kabkota=padang.kota)
    assert made == FormasiNeed.objects.count() == 4 == FormasiChange.objects.count()
    report = formasi_report(user=pimpinan_padang, year=year)
    assert report.total.unset == 0 and report.total.needed >= 4
