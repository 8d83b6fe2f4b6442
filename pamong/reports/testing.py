"""Test builders for the camat reports: the October report of Padang Selatan with its narrative."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pamong.reports.models import PeriodicReport
from pamong.reports.services import report_open, report_update
from pamong.testing import Padang

OCTOBER = dt.date(2026, 10, 15)
NARRATIVE = {"pelayanan": "Pelayanan berjalan baik; antrean berkurang.", "permasalahan": "Jaringan internet lambat."}


def october_report(padang: Padang, camat: Any) -> PeriodicReport:
    report = report_open(unit=padang.kantor_camat_ps, day=OCTOBER)
    return report_update(report=report, actor=camat, narratives=NARRATIVE)
