"""Reads for camat reports, already scoped with ``visible_to``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from pamong.accounts.predicates import employee_of
from pamong.organization.models import Unit
from pamong.reports import figures
from pamong.reports.models import PeriodicReport, Status
from pamong.reports.periods import due_at, period_of, previous_period
from pamong.reports.services import schedule_of


def report_list(*, user: Any) -> QuerySet[PeriodicReport]:
    return PeriodicReport.objects.visible_to(user).select_related("unit__region").order_by("-period_start", "unit_id")


def reports_to_send(*, user: Any) -> QuerySet[PeriodicReport]:
    """The reports of the user's own kantor camat still to be sent (a draft, or returned for correction), the
    nearest deadline first: what the camat's desk counts and the list it opens."""
    unit_id = getattr(employee_of(user), "unit_id", None) or 0
    return (
        report_list(user=user)
        .filter(unit_id=unit_id, status__in=[Status.DRAFT, Status.RETURNED])
        .order_by("due_at", "id")
    )


def reports_to_review(*, user: Any) -> QuerySet[PeriodicReport]:
    """Reports the camat has sent and nobody has accepted or returned yet, the longest waiting first: what the
    pimpinan's desk counts and the list it opens (the caller checks ``reports.oversee``)."""
    return report_list(user=user).filter(status=Status.SUBMITTED).order_by("submitted_at", "id")


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


def late_unsent(*, user: Any, now: dt.datetime | None = None) -> QuerySet[PeriodicReport]:
    """Reports still not sent though their deadline has passed (the pimpinan's desk counts these), the oldest
    deadline first."""
    return late_reports(user=user, now=now).filter(status=Status.DRAFT).order_by("due_at", "id")


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


def punctuality_on(*, kabkota_code: str, day: dt.date, tz: Any) -> dict[int, tuple[int, int]]:
    """Camat reports whose deadline falls on the local date ``day``, per kantor camat: (reports due, reports first
    submitted by their deadline). Read by the daily performance aggregates.

    A report's own ``due_at`` decides the day. A kantor camat with no report at all for a period that the
    schedule makes due on ``day`` counts as due and not on time, but only for periods from the first one the
    kabupaten/kota reported online (before that the application was not in use)."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end = start + dt.timedelta(days=1)
    out: dict[int, tuple[int, int]] = {}
    rows = PeriodicReport.objects.filter(kabkota_code=kabkota_code, due_at__gte=start, due_at__lt=end)
    for unit_id, first_submitted_at, deadline in rows.values_list("unit_id", "first_submitted_at", "due_at"):
        due, on_time = out.get(unit_id, (0, 0))
        timely = first_submitted_at is not None and first_submitted_at <= deadline
        out[unit_id] = (due + 1, on_time + int(timely))
    first_period = (
        PeriodicReport.objects.filter(kabkota_code=kabkota_code)
        .order_by("period_start")
        .values_list("period_start", flat=True)
    ).first()
    if first_period is None:
        return out
    schedule = schedule_of(kabkota_code)
    # The deadline is up to 60 working days after a period ends: look back over the last four periods.
    expected = []
    period_start, _end = period_of(schedule.frequency, day)
    for _ in range(4):
        period_start, period_end = previous_period(schedule.frequency, period_start)
        deadline = due_at(period_end=period_end, due_days=schedule.due_days, tz=str(tz))
        if period_start >= first_period and deadline.astimezone(tz).date() == day:
            expected.append(period_start)
    if expected:
        camat = list(
            Unit.objects.filter(kabkota_code=kabkota_code, kind=Unit.Kind.KANTOR_CAMAT).values_list("pk", flat=True)
        )
        opened = set(
            PeriodicReport.objects.filter(unit_id__in=camat, period_start__in=expected).values_list(
                "unit_id", "period_start"
            )
        )
        for unit_id in camat:
            for period in expected:
                if (unit_id, period) not in opened:
                    due, on_time = out.get(unit_id, (0, 0))
                    out[unit_id] = (due + 1, on_time)
    return out
