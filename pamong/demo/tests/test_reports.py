"""The camat reports demo: a mix of statuses over the past months, the same every run."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pamong.demo import reports as demo
from pamong.reports.models import PeriodicReport, Status
from pamong.testing import Padang
from pamong.workdays.testing import seed_calendar

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
pytestmark = pytest.mark.django_db


def at(day: int, month: int = 10, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=WIB)


def test_the_demo_makes_reports_with_a_mix_of_statuses(padang: Padang, pimpinan_padang: Any) -> None:
    seed_calendar(2026)  # the dates here are fixed in 2026, whatever day the suite runs
    lines: list[str] = []
    with time_machine.travel(at(20, 11), tick=False):
        made = demo.populate(kabkota=padang.kota, progress=lines.append)
    reports = PeriodicReport.objects.all()
    assert made > reports.count() == 2 * (demo.MONTHS_BACK + 1) and len(lines) == 1
    statuses = set(reports.values_list("status", flat=True))
    assert {Status.DRAFT, Status.ACCEPTED, Status.RETURNED, Status.SUBMITTED} <= statuses
    assert reports.filter(late=True, status=Status.ACCEPTED).exists()
    assert reports.get(unit=padang.kantor_camat_ps, period_start=dt.date(2026, 11, 1)).status == Status.DRAFT
    assert reports.filter(figures__isnull=False).count() == reports.exclude(status=Status.DRAFT).count()
    # Every demo report opens for the pimpinan, including history rows written without a person.
    reader = Client()
    reader.force_login(pimpinan_padang)
    for report in reports:
        assert reader.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    snapshot = list(reports.order_by("pk").values_list("status", "late"))
    reports.delete()
    with time_machine.travel(at(20, 11), tick=False):
        demo.populate(kabkota=padang.kota, progress=lines.append)
    assert list(PeriodicReport.objects.order_by("pk").values_list("status", "late")) == snapshot
