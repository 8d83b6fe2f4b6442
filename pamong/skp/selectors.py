"""Reads for SKP, already scoped: a rater's subordinates for a period, an employee's own history, the recap per
unit or kecamatan, and the section of the employee page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from pamong.core.errors import DomainError
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region
from pamong.skp.matrix import Predikat
from pamong.skp.models import SkpAssessment, Status
from pamong.skp.services import MAX_CHAIN, rater_for


@dataclass
class Subordinate:
    employee: Employee
    position: Position
    vacant: str = ""  # the vacant position in between, when the viewer rates as Plt.
    assessment: SkpAssessment | None = None

    @property
    def pending(self) -> bool:
        """Still to rate: no assessment of the period, or one not final yet."""
        return not (self.assessment and self.assessment.is_final)


def subordinates(*, rater: Employee) -> list[Subordinate]:
    """The employees whose pejabat penilai is ``rater`` (the mirror of ``services.rater_for``): holders of the
    positions that report to the rater's position, and, through a vacant position, the holders below it.

    Two queries per level of the chain, whatever the number of people (a chain has four or five levels)."""
    own = rater.position_id
    if own is None or not rater.active:
        return []
    first_holder = Employee.objects.filter(position_id=own, active=True).order_by("id").values_list("pk", flat=True)
    if first_holder.first() != rater.pk:  # a second holder of the same position does not rate (rater_for)
        return []
    found: list[Subordinate] = []
    frontier: dict[int, str] = {own: ""}  # position id → vacant position title it was reached through
    seen = {own}
    for _level in range(MAX_CHAIN):
        if not frontier:
            break
        positions = list(
            Position.objects.filter(reports_to_id__in=frontier.keys()).exclude(pk__in=seen).order_by("order", "id")
        )
        if not positions:
            break
        seen.update(p.pk for p in positions)
        holders: dict[int, list[Employee]] = {}
        for e in (
            Employee.objects.filter(position__in=positions, active=True, employment_type__in=Employee.ASN)
            .exclude(pk=rater.pk)
            .select_related("unit")
            .order_by("name", "id")
        ):
            holders.setdefault(e.position_id or 0, []).append(e)
        next_frontier: dict[int, str] = {}
        for p in positions:
            via = frontier.get(p.reports_to_id or 0, "")
            if holders.get(p.pk):
                found.extend(Subordinate(employee=e, position=p, vacant=via) for e in holders[p.pk])
            else:
                next_frontier[p.pk] = p.title  # the vacant direct superior of the holders below
        frontier = next_frontier
    return found


@dataclass(frozen=True)
class Assignment:
    employee: Employee
    rater: Employee
    rater_position: Position
    vacant: str = ""


def rater_map(*, kabkota_code: str) -> list[Assignment]:
    """Every active employee of a kabupaten/kota with their pejabat penilai, by the rule of
    ``services.rater_for``, computed in memory from two queries (for the demo data and the reminders)."""
    positions = {p.pk: p for p in Position.objects.filter(kabkota_code=kabkota_code)}
    employees = list(
        Employee.objects.filter(kabkota_code=kabkota_code, active=True, position__isnull=False).order_by("id")
    )
    rated = [e for e in employees if e.employment_type in Employee.ASN]  # SKP is for ASN only (rater_for)
    first_holder: dict[int, Employee] = {}
    for e in employees:
        first_holder.setdefault(e.position_id or 0, e)
    out: list[Assignment] = []
    for e in rated:
        position = positions.get(e.position_id or 0)
        up = position.reports_to_id if position else None
        vacant = ""
        seen = {e.position_id}
        while up is not None and up not in seen and len(seen) < MAX_CHAIN:
            seen.add(up)
            holder = first_holder.get(up)
            if holder is not None and holder.pk != e.pk:
                out.append(Assignment(employee=e, rater=holder, rater_position=positions[up], vacant=vacant))
                break
            vacant = vacant or positions[up].title
            up = positions[up].reports_to_id
    return out


def rater_page(*, user: Any, year: int, quarter: int, pending: bool = False) -> list[Subordinate]:
    """The viewer's subordinates with their assessment of the period, if any (one more query); ``pending``: only
    those whose assessment is not final yet (the desk's "SKP perlu dinilai")."""
    employee = getattr(user, "employee", None)
    if employee is None:
        return []
    rows = subordinates(rater=employee)
    by_employee = {
        a.employee_id: a
        for a in SkpAssessment.objects.visible_to(user).filter(
            year=year, quarter=quarter, employee_id__in=[r.employee.pk for r in rows]
        )
    }
    for row in rows:
        row.assessment = by_employee.get(row.employee.pk)
    if pending:
        return [r for r in rows if r.pending]
    return rows


def own_history(*, user: Any) -> list[SkpAssessment]:
    """The viewer's own final assessments, newest period first."""
    employee_id = getattr(user, "employee_id", None)
    if employee_id is None:
        return []
    return list(
        SkpAssessment.objects.visible_to(user)
        .filter(employee_id=employee_id, status=Status.FINAL)
        .order_by("-year", "-quarter")
    )


@dataclass
class RecapRow:
    key: str
    name: str
    employees: int = 0
    drafts: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Predikat.values, 0))

    @property
    def final(self) -> int:
        return sum(self.counts.values())

    @property
    def not_rated(self) -> int:
        return max(self.employees - self.final - self.drafts, 0)

    @property
    def ordered(self) -> list[int]:
        return [self.counts[p] for p in Predikat.values]

    def add(self, other: RecapRow) -> None:
        self.employees += other.employees
        self.drafts += other.drafts
        for p in Predikat.values:
            self.counts[p] += other.counts[p]


@dataclass
class Recap:
    rows: list[RecapRow]
    total: RecapRow
    by: str


def recap(*, user: Any, year: int, quarter: int, by: str = "unit") -> Recap:
    """Final assessments of a period counted per predikat, per unit or per kecamatan, with the drafts and the
    ASN (holding a position) of each unit. Three queries whatever the number of rows."""
    per_predikat = {p: Count("id", filter=Q(status=Status.FINAL, predikat=p)) for p in Predikat.values}
    grouped = (
        SkpAssessment.objects.visible_to(user)
        .filter(year=year, quarter=quarter)
        .order_by()
        .values("unit_id")
        .annotate(drafts=Count("id", filter=Q(status=Status.DRAFT)), **per_predikat)
    )
    staff = dict(
        Employee.objects.visible_to(user)
        .filter(active=True, position__isnull=False, employment_type__in=Employee.ASN)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    units = {u.pk: u for u in Unit.objects.visible_to(user).only("name", "region_id").order_by("region_id", "kind")}
    by_unit: dict[int, RecapRow] = {}
    for pk, unit in units.items():
        by_unit[pk] = RecapRow(key=unit.region_id, name=unit.name, employees=staff.get(pk, 0))
    for g in grouped:
        values: dict[str, Any] = dict(g)
        row = by_unit.get(values["unit_id"])
        if row is None:
            continue
        row.drafts = values["drafts"]
        for p in Predikat.values:
            row.counts[p] = values[p]
    rows = list(by_unit.values())
    if by == "kecamatan":
        rows = _by_kecamatan(rows)
    total = RecapRow(key="", name="Jumlah")
    for row in rows:
        total.add(row)
    rows = [r for r in rows if r.employees or r.final or r.drafts]
    return Recap(rows=rows, total=total, by=by)


def _by_kecamatan(rows: Iterable[RecapRow]) -> list[RecapRow]:
    groups: dict[str, RecapRow] = {}
    for row in rows:
        code = row.key[:8] if len(row.key) >= 8 else row.key
        group = groups.setdefault(code, RecapRow(key=code, name=""))
        group.add(row)
    names = dict(Region.objects.filter(code__in=groups.keys()).values_list("code", "name"))
    for code, group in groups.items():
        level = len(code.split("."))
        group.name = f"Kecamatan {names.get(code, code)}" if level == 3 else f"Tingkat {names.get(code, code)}"
    return sorted(groups.values(), key=lambda g: (len(g.key.split(".")) != 3, g.key))


def employee_section(*, employee: Employee, viewer: Any) -> dict[str, Any]:
    """The SKP card on the employee page: who rates them (or why nobody can), their latest assessments the
    viewer may see, and whether the viewer rates them. A few queries: two per level of the chain above."""
    try:
        rater = rater_for(employee)
        rater_error = ""
    except DomainError as exc:
        rater, rater_error = None, exc.message
    assessments = list(
        SkpAssessment.objects.visible_to(viewer).filter(employee=employee).order_by("-year", "-quarter")[:6]
    )
    own = getattr(viewer, "employee", None)
    return {
        "employee": employee,
        "rater": rater,
        "rater_error": rater_error,
        "assessments": assessments,
        "viewer_rates": bool(rater and own is not None and own.pk == rater.holder.pk),
    }
