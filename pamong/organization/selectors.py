"""Reads for units, positions and employees. Every read starts from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Substr

from pamong.core.scope import scope_of
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region


@dataclass
class PositionNode:
    position: Position
    holders: list[Employee]
    children: list[PositionNode] = field(default_factory=list)

    @property
    def vacant(self) -> bool:
        return not self.holders


def unit_chain(unit: Unit) -> list[PositionNode]:
    """The unit's positions as a tree (roots first), each with its active holders. Two queries."""
    positions = list(
        unit.positions.select_related("reports_to__unit").prefetch_related(
            Prefetch(
                "holders", queryset=Employee.objects.filter(active=True).order_by("name"), to_attr="active_holders"
            )
        )
    )
    nodes = {p.pk: PositionNode(position=p, holders=p.active_holders) for p in positions}  # type: ignore[attr-defined]
    roots: list[PositionNode] = []
    for p in positions:
        parent = nodes.get(p.reports_to_id) if p.reports_to_id else None
        (parent.children if parent else roots).append(nodes[p.pk])
    return roots


def unit_list(*, user: Any) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(user)
        .select_related("region")
        .annotate(
            n_employees=Count("employees", filter=Q(employees__active=True), distinct=True),
        )
        .order_by("region_id", "kind")
    )


@dataclass
class DirectoryFilters:
    q: str = ""
    unit: int | None = None
    kecamatan: str = ""
    employment_type: str = ""
    active: str = "1"


def employee_directory(*, user: Any, filters: DirectoryFilters) -> QuerySet[Employee]:
    qs = Employee.objects.visible_to(user).select_related("unit", "position")
    if filters.q:
        term = filters.q.strip()
        digits = term.replace(" ", "")
        qs = qs.filter(
            Q(name__icontains=term) | Q(nip__startswith=digits) if digits.isdigit() else Q(name__icontains=term)
        )
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.kecamatan:
        code = filters.kecamatan
        qs = qs.filter(Q(unit__region__code=code) | Q(unit__region__code__startswith=code + "."))
    if filters.employment_type:
        qs = qs.filter(employment_type=filters.employment_type)
    if filters.active == "1":
        qs = qs.filter(active=True)
    elif filters.active == "0":
        qs = qs.filter(active=False)
    return qs.order_by("unit__region_id", "position__order", "name", "id")


def employee_counts_by_type(qs: QuerySet[Employee]) -> dict[str, int]:
    return dict(
        qs.order_by().values_list("employment_type").annotate(n=Count("id")).values_list("employment_type", "n")
    )


@dataclass
class StaffingRow:
    code: str
    name: str
    units: int = 0
    positions: int = 0
    vacant: int = 0
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_type.values())

    def count(self, employment_type: str) -> int:
        return self.by_type.get(employment_type, 0)

    @property
    def cells(self) -> list[int]:
        """Counts in the order of Employee.EmploymentType, for tables and charts."""
        return [self.count(t) for t in Employee.EmploymentType.values]


@dataclass
class StaffingSummary:
    area_label: str
    rows: list[StaffingRow]
    total: StaffingRow


def staffing_summary(*, user: Any) -> StaffingSummary:
    """Staff, positions and vacancies in the user's scope: per kecamatan for a kabupaten/kota, per unit below it.

    A fixed handful of grouped queries, whatever the number of employees."""
    scope = scope_of(user)
    per_unit = scope.region_code is not None and len(scope.region_code) > 5
    units = Unit.objects.visible_to(user)
    unit_key: Any
    other_key: Any
    names: dict[Any, tuple[str, str]]
    if per_unit:
        unit_key, other_key = F("pk"), F("unit_id")
        names = {u.pk: (u.code, u.name) for u in units.order_by("region_id", "kind")}
    else:
        unit_key, other_key = Substr("region_id", 1, 8), Substr("unit__region_id", 1, 8)
        codes = set(units.annotate(area=unit_key).values_list("area", flat=True))
        regions = Region.objects.filter(code__in=codes).order_by("code")
        # Offices at kabupaten/kota level sit in the regional secretariat (Setda).
        names = {
            r.code: (r.code, f"Setda {r.name}" if r.level == Region.Level.KABKOTA else r.display_name) for r in regions
        }
    rows = {key: StaffingRow(code=code, name=name) for key, (code, name) in names.items()}
    for area, n in units.annotate(area=unit_key).values_list("area").annotate(n=Count("pk")).values_list("area", "n"):
        rows[area].units = n
    employees = Employee.objects.visible_to(user).filter(active=True).annotate(area=other_key)
    for area, kind, n in (
        employees.values_list("area", "employment_type")
        .annotate(n=Count("pk"))
        .values_list("area", "employment_type", "n")
    ):
        rows[area].by_type[kind] = n
    held = Employee.objects.filter(position=OuterRef("pk"), active=True)
    positions = Position.objects.visible_to(user).annotate(area=other_key, filled=Exists(held))
    for area, n_positions, n_vacant in (
        positions.values_list("area")
        .annotate(n_positions=Count("pk"), n_vacant=Count("pk", filter=Q(filled=False)))
        .values_list("area", "n_positions", "n_vacant")
    ):
        rows[area].positions, rows[area].vacant = n_positions, n_vacant
    ordered = [rows[key] for key in names]
    total = StaffingRow(code="", name="Jumlah")
    for row in ordered:
        total.units += row.units
        total.positions += row.positions
        total.vacant += row.vacant
        for kind, n in row.by_type.items():
            total.by_type[kind] = total.by_type.get(kind, 0) + n
    return StaffingSummary(area_label="Unit kerja" if per_unit else "Wilayah", rows=ordered, total=total)
