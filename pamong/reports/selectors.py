"""Reads for camat reports, already scoped with ``visible_to``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from pamong.organization.models import Unit
from pamong.reports import figures
from pamong.reports.models import PeriodicReport, Status


def report_list(*, user: Any) -> QuerySet[PeriodicReport]:
    return PeriodicReport.objects.visible_to(user).select_related("unit__region").order_by("-period_start", "unit_id")


def figure_rows(report: PeriodicReport) -> list[dict[str, Any]]:
    """The figures of a report: the frozen snapshot once submitted, live values while a draft."""
    if report.figures:
        rows = [dict(row) for row in report.figures["figures"]]
    else:
        ctx = figures.Context(unit=report.unit, start=report.period_start, end=report.period_end)
        rows = [
            {"key": f.key, "label": f.label, "section": f.section, "unit": f.unit, "value": f.compute(ctx)}
            for f in figures.FIGURES
        ]
    for row in rows:
        row["shown"] = figures.display(row["value"], row["unit"])
    return rows


def figures_computed_at(report: PeriodicReport) -> dt.datetime:
    if report.figures_at:
        return report.figures_at
    return timezone.now()


def late_reports(*, user: Any, now: dt.datetime | None = None) -> QuerySet[PeriodicReport]:
    """Reports not submitted by their deadline, or submitted late."""
    now = now or timezone.now()
    not_in = Q(status__in=[Status.DRAFT], due_at__lt=now)
    return report_list(user=user).filter(not_in | Q(late=True))


@dataclass
class OverviewRow:
    unit: Unit
    report: PeriodicReport | None
    values: dict[str, Any]

    @property
    def late(self) -> bool:
        if self.report is None:
            return False
        return self.report.late or (self.report.status == Status.DRAFT and self.report.due_at < timezone.now())


def period_overview(*, user: Any, start: dt.date) -> list[OverviewRow]:
    """One row per kantor camat the user sees: its report of the period starting ``start`` (if any) and the key
    figures of the submitted ones. Two queries whatever the number of kecamatan."""
    units = list(
        Unit.objects.visible_to(user).filter(kind=Unit.Kind.KANTOR_CAMAT).select_related("region").order_by("code")
    )
    reports = {r.unit_id: r for r in report_list(user=user).filter(period_start=start)}
    rows = []
    for unit in units:
        report = reports.get(unit.pk)
        values: dict[str, Any] = {}
        if report is not None and report.figures:
            values = {f["key"]: f["value"] for f in report.figures["figures"]}
        rows.append(OverviewRow(unit=unit, report=report, values=values))
    return rows


def key_figures() -> list[figures.Figure]:
    return [f for f in figures.FIGURES if f.key_figure]
