"""Weak-link analysis: which stage and position of a unit holds most of its late time, compared with the same
position title in peer units (same Unit.kind in the kabupaten/kota). Reads StageDwell/EmployeeDay only."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum

from pamong.kinerja.models import EmployeeDay, StageDwell
from pamong.organization.models import Unit
from pamong.servicerequests.models import Status

SHARE_THRESHOLD = 0.30  # of the unit's late dwell
PEER_FACTOR = 1.5  # times the peers' median hours per stay (and working days per request, for employees)
MIN_FINISHED = 5  # requests an employee must have finished in the period to be compared


@dataclass
class Finding:
    status: str
    status_label: str
    position_id: int | None
    position_title: str
    late_share: float
    hours_per_stay: float
    peers_median: float | None
    peers: int
    first: dt.date
    last: dt.date
    flagged: bool


@dataclass
class EmployeeFinding:
    employee_id: int
    name: str
    position_title: str
    finished: int
    mean_days: float
    peers_median: float
    peers_p90: float
    peers: int


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * 0.9
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def weak_links(*, unit: Unit, first: dt.date, last: dt.date) -> list[Finding]:
    """Findings for the unit's (stage, position) pairs with late time, largest share first. One query."""
    rows = (
        StageDwell.objects.filter(kabkota_code=unit.kabkota_code, day__gte=first, day__lte=last, unit__kind=unit.kind)
        .order_by()
        .values("unit_id", "status", "position_id", "position__title")
        .annotate(stays=Sum("stays"), dwell=Sum("dwell_seconds"), late=Sum("late_seconds"))
    )
    own = [r for r in rows if r["unit_id"] == unit.pk]
    peers: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in rows:
        if r["unit_id"] != unit.pk and r["stays"]:
            peers[(r["status"], r["position__title"] or "")].append(r["dwell"] / r["stays"] / 3600)
    total_late = sum(r["late"] for r in own)
    labels = dict(Status.choices)
    findings = []
    for r in own:
        if not r["late"] or not total_late:
            continue
        share = r["late"] / total_late
        hours = r["dwell"] / r["stays"] / 3600 if r["stays"] else 0.0
        peer_values = peers.get((r["status"], r["position__title"] or ""), [])
        median = statistics.median(peer_values) if peer_values else None
        flagged = share >= SHARE_THRESHOLD and median is not None and hours >= PEER_FACTOR * median
        findings.append(
            Finding(
                status=r["status"],
                status_label=str(labels.get(r["status"], r["status"])),
                position_id=r["position_id"],
                position_title=r["position__title"] or "Pemohon/sistem",
                late_share=share,
                hours_per_stay=hours,
                peers_median=median,
                peers=len(peer_values),
                first=first,
                last=last,
                flagged=flagged,
            )
        )
    return sorted(findings, key=lambda f: -f.late_share)


def slow_employees(*, unit: Unit, first: dt.date, last: dt.date) -> list[EmployeeFinding]:
    """Employees of the unit far outside their peers: with at least MIN_FINISHED requests finished, a mean of
    working days per request above the p90 of the employees of peer units (same kind) holding the same position
    title, and at least PEER_FACTOR times their median. Slowest first. One query."""
    rows = (
        EmployeeDay.objects.filter(kabkota_code=unit.kabkota_code, day__gte=first, day__lte=last, unit__kind=unit.kind)
        .order_by()
        .values("unit_id", "employee_id", "employee__name", "employee__position__title")
        .annotate(n=Sum("finished"), days=Sum("workdays_sum"))
    )
    peers: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r["unit_id"] != unit.pk and r["n"] >= MIN_FINISHED:
            peers[r["employee__position__title"] or ""].append(r["days"] / r["n"])
    out = []
    for r in rows:
        if r["unit_id"] != unit.pk or r["n"] < MIN_FINISHED:
            continue
        title = r["employee__position__title"] or ""
        values = peers.get(title, [])
        if len(values) < 2:
            continue
        mean = r["days"] / r["n"]
        p90 = _p90(values)
        median = statistics.median(values)
        if mean > p90 and mean >= PEER_FACTOR * median:
            out.append(
                EmployeeFinding(
                    employee_id=r["employee_id"],
                    name=r["employee__name"],
                    position_title=title,
                    finished=r["n"],
                    mean_days=mean,
                    peers_median=median,
                    peers_p90=p90,
                    peers=len(values),
                )
            )
    return sorted(out, key=lambda e: -e.mean_days)
