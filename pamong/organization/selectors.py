"""Reads for units, positions and employees. Every read starts from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from pamong.organization.models import Employee, Position, Unit


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
