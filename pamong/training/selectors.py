"""Reads for training, already scoped: event lists with their counts, one event's participants, an employee's
training history, and the coverage of active staff trained per unit and per kecamatan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pamong.organization.models import Employee, Unit
from pamong.regions.models import Region
from pamong.training.models import Attendance, Participant, Status, TrainingEvent

COVERAGE_DAYS = 365


def events_for(user: Any) -> QuerySet[TrainingEvent]:
    """The events the user sees, with their participant counts (one query however many rows)."""
    return (
        TrainingEvent.objects.visible_to(user)
        .select_related("unit")
        .annotate(
            n_participants=Count("participants", distinct=True),
            n_present=Count("participants", filter=Q(participants__attendance=Attendance.HADIR), distinct=True),
        )
    )


def participants_of(event: TrainingEvent) -> list[Participant]:
    """The event's participants with their employee, unit and certificate, in two queries (the certificate's
    key is unique together with kabkota_code, not alone: docs/SCALE.md)."""
    return list(
        Participant.objects.filter(event=event)
        .select_related("employee__position", "unit")
        .prefetch_related("certificate")
        .order_by("unit__region_id", "employee__name", "pk")
    )


@dataclass
class EventSummary:
    total: int = 0
    present: int = 0
    absent: int = 0
    passed: int = 0
    mean_pre: Decimal | None = None
    mean_post: Decimal | None = None

    @property
    def mean_improvement(self) -> Decimal | None:
        if self.mean_pre is None or self.mean_post is None:
            return None
        return self.mean_post - self.mean_pre


def summary_of(event: TrainingEvent, participants: list[Participant]) -> EventSummary:
    s = EventSummary(total=len(participants))
    pre = [p.pre_score for p in participants if p.pre_score is not None]
    post = [p.post_score for p in participants if p.post_score is not None]
    s.present = sum(1 for p in participants if p.attendance == Attendance.HADIR)
    s.absent = sum(1 for p in participants if p.attendance == Attendance.TIDAK_HADIR)
    s.passed = sum(1 for p in participants if p.passed_with(event.pass_mark))
    s.mean_pre = (sum(pre, Decimal(0)) / len(pre)).quantize(Decimal("0.01")) if pre else None
    s.mean_post = (sum(post, Decimal(0)) / len(post)).quantize(Decimal("0.01")) if post else None
    return s


# The employee page --------------------------------------------------------------------------------------------


def employee_section(*, employee: Employee, viewer: Any) -> dict[str, Any]:
    """The training history of one employee for the employee page: every event they were put on, newest first,
    with attendance, scores and certificate; the JP of finished events attended; whether they were trained in
    the last 12 months. Three queries at most."""
    if not Employee.objects.visible_to(viewer).filter(pk=employee.pk).exists():
        return {"employee": employee, "visible": False, "rows": [], "total_hours": 0, "count": 0}
    rows = list(
        Participant.objects.filter(employee=employee)
        .exclude(event__status=Status.DIBATALKAN)
        .select_related("event__unit")
        .prefetch_related("certificate")
        .order_by("-event__start_date", "-pk")
    )
    today = timezone.localdate()
    done = [r for r in rows if r.event.status == Status.SELESAI and r.attendance == Attendance.HADIR]
    return {
        "employee": employee,
        "visible": True,
        "rows": rows,
        "count": len(done),
        "total_hours": sum(r.event.hours for r in done),
        "trained_recently": any(r.event.end_date >= today - dt.timedelta(days=COVERAGE_DAYS) for r in done),
    }


# Coverage -----------------------------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    label: str
    code: str
    staff: int = 0
    trained: int = 0
    units: list[CoverageRow] = field(default_factory=list)

    @property
    def share(self) -> Decimal | None:
        if not self.staff:
            return None
        return (Decimal(100) * self.trained / self.staff).quantize(Decimal("0.1"))


@dataclass
class Coverage:
    since: dt.date
    until: dt.date
    units: list[CoverageRow]
    kecamatan: list[CoverageRow]
    total: CoverageRow

    @property
    def by_kecamatan(self) -> bool:
        """Leaders who see more than one kecamatan read the per-kecamatan table first."""
        return len([k for k in self.kecamatan if k.code]) > 1


def coverage(*, user: Any, today: dt.date) -> Coverage:
    """Share of active staff who attended a finished event that ended in the last 12 months, per unit and per
    kecamatan, in the user's scope. Two grouped queries (staff per unit, trained employees per unit), plus the
    units and kecamatan names."""
    since = today - dt.timedelta(days=COVERAGE_DAYS)
    units = list(Unit.objects.visible_to(user).order_by("region_id", "kind"))
    unit_ids = Unit.objects.visible_to(user).values("pk")
    staff = dict(
        Employee.objects.filter(active=True, unit_id__in=unit_ids)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    trained = dict(
        Participant.objects.filter(
            attendance=Attendance.HADIR,
            event__status=Status.SELESAI,
            event__end_date__gte=since,
            event__end_date__lte=today,
            employee__active=True,
            employee__unit_id__in=unit_ids,
        )
        .order_by()
        .values("employee__unit_id")
        .annotate(n=Count("employee_id", distinct=True))
        .values_list("employee__unit_id", "n")
    )
    names = dict(
        Region.objects.filter(
            Q(level=Region.Level.KECAMATAN, code__in={u.region_id[:8] for u in units if len(u.region_id) >= 8})
        ).values_list("code", "name")
    )
    rows: list[CoverageRow] = []
    groups: dict[str, CoverageRow] = {}
    for unit in units:
        row = CoverageRow(label=unit.name, code=unit.code, staff=staff.get(unit.pk, 0), trained=trained.get(unit.pk, 0))
        rows.append(row)
        kec = unit.region_id[:8] if len(unit.region_id) >= 8 else ""
        group = groups.get(kec)
        if group is None:
            label = f"Kecamatan {names[kec]}" if kec in names else "Tingkat kabupaten/kota"
            group = groups[kec] = CoverageRow(label=label, code=kec)
        group.staff += row.staff
        group.trained += row.trained
        group.units.append(row)
    total = CoverageRow(label="Jumlah", code="", staff=sum(staff.values()), trained=sum(trained.values()))
    return Coverage(
        since=since,
        until=today,
        units=rows,
        kecamatan=sorted(groups.values(), key=lambda g: (g.code != "", g.code)),
        total=total,
    )
