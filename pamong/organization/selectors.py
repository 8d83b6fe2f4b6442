"""Reads for units, positions and employees. Every read starts from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Substr

from pamong.core.scope import scope_of
from pamong.organization.models import Employee, FormasiNeed, Position, Unit
from pamong.regions.models import Region
from pamong.regions.selectors import overview_version, region_breadcrumbs, region_totals


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
    # A desa's kepala dusun post is one position with a holder per dusun: as many posts as the desa has dusun.
    dusun_posts = (
        positions.filter(kind=Position.Kind.KEPALA_DUSUN, unit__dusun_count__isnull=False)
        .annotate(n_held=Count("holders", filter=Q(holders__active=True)))
        .values_list("area", "unit__dusun_count", "n_held")
    )
    for area, dusun, n_held in dusun_posts:
        need = dusun or 0
        rows[area].positions += need - 1
        rows[area].vacant += max(need - n_held, 0) - (1 if n_held == 0 else 0)
    ordered = [rows[key] for key in names]
    total = StaffingRow(code="", name="Jumlah")
    for row in ordered:
        total.units += row.units
        total.positions += row.positions
        total.vacant += row.vacant
        for kind, n in row.by_type.items():
            total.by_type[kind] = total.by_type.get(kind, 0) + n
    return StaffingSummary(area_label="Unit kerja" if per_unit else "Wilayah", rows=ordered, total=total)


@dataclass
class FormasiRow:
    """Need against staff for one area, unit or position. ``vacant`` and ``excess`` are summed per position, so
    a surplus in one position never hides a gap in another."""

    code: str
    name: str
    link: str = ""
    positions: int = 0
    needed: int = 0
    unset: int = 0
    vacant: int = 0
    excess: int = 0
    unassigned: int = 0
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def filled(self) -> int:
        """Staff holding a position (those without a position are counted apart, in ``unassigned``)."""
        return sum(self.by_type.values()) - self.unassigned

    @property
    def staff(self) -> int:
        return sum(self.by_type.values())

    @property
    def non_asn(self) -> int:
        """Staff who are not ASN: honorer, kontrak, kepala desa and perangkat desa."""
        return sum(n for kind, n in self.by_type.items() if kind not in Employee.ASN)

    @property
    def covered(self) -> int:
        """The part of the need that is filled (a surplus elsewhere does not count)."""
        return self.needed - self.vacant

    def count(self, employment_type: str) -> int:
        return self.by_type.get(employment_type, 0)

    @property
    def cells(self) -> list[int]:
        return [self.count(t) for t in Employee.EmploymentType.values]

    def add(self, other: FormasiRow) -> None:
        self.positions += other.positions
        self.needed += other.needed
        self.unset += other.unset
        self.vacant += other.vacant
        self.excess += other.excess
        self.unassigned += other.unassigned
        for kind, n in other.by_type.items():
            self.by_type[kind] = self.by_type.get(kind, 0) + n


@dataclass
class FormasiReport:
    year: int
    level: str  # "wilayah", "unit" or "jabatan"
    area_label: str
    rows: list[FormasiRow]
    total: FormasiRow
    area: Region | None = None
    unit: Unit | None = None


def desa_position_need(kind: str, dusun_count: int | None) -> int | None:
    """The need of a kantor desa's position, set by the desa's organisation (Permendagri 84/2015), not by ASN
    formasi: one person per post, and a kepala dusun per dusun (None while the number of dusun is unknown)."""
    if kind == Position.Kind.KEPALA_DUSUN:
        return dusun_count
    return 1


def _formasi_by_position(positions: QuerySet[Any], year: int) -> tuple[dict[int, FormasiRow], dict[int, Any]]:
    """One row per position with its need and its holders by type. Three queries whatever the size.

    Returns the rows and, for each position, the key it is grouped under (``area``)."""
    listing = list(positions.values_list("pk", "title", "area", "kind", "unit__kind", "unit__dusun_count"))
    needs = dict(
        FormasiNeed.objects.filter(year=year, position_id__in=positions.values("pk")).values_list(
            "position_id", "needed"
        )
    )
    holders: dict[int, dict[str, int]] = {}
    for position_id, kind, n in (
        Employee.objects.filter(active=True, position_id__in=positions.values("pk"))
        .values_list("position_id", "employment_type")
        .annotate(n=Count("pk"))
        .values_list("position_id", "employment_type", "n")
    ):
        holders.setdefault(position_id, {})[kind] = n
    rows: dict[int, FormasiRow] = {}
    areas: dict[int, Any] = {}
    for pk, title, area, kind, unit_kind, dusun_count in listing:
        by_type = holders.get(pk, {})
        filled = sum(by_type.values())
        # A kantor desa's needs follow the desa's organisation; other offices' the formasi set for the year.
        needed = desa_position_need(kind, dusun_count) if unit_kind == Unit.Kind.KANTOR_DESA else needs.get(pk)
        need = 1 if needed is None else needed
        rows[pk] = FormasiRow(
            code=str(pk),
            name=title,
            positions=1,
            needed=need,
            unset=int(needed is None),
            vacant=max(need - filled, 0),
            excess=max(filled - need, 0),
            by_type=dict(by_type),
        )
        areas[pk] = area
    return rows, areas


def formasi_report(*, user: Any, year: int, area: str = "", unit: Unit | None = None) -> FormasiReport:
    """Formasi need against staff in the user's scope: per kecamatan for a kabupaten/kota, per unit inside a
    kecamatan (``area``), per position inside one ``unit``. Positions without a need for the year count as one."""
    scope = scope_of(user)
    region: Region | None = None
    positions: QuerySet[Any]
    names: dict[Any, FormasiRow] = {}
    if unit is not None:
        units = Unit.objects.filter(pk=unit.pk)
        positions = Position.objects.filter(unit=unit).annotate(area=F("pk")).order_by("order", "pk")
        level, label = "jabatan", "Jabatan"
    else:
        if area and scope.contains(area):
            region = Region.objects.filter(code=area).first()
        per_unit = region is not None or (scope.region_code is not None and len(scope.region_code) > 5)
        units = Unit.objects.visible_to(user)
        if region is not None:
            units = units.filter(Q(region__code=region.code) | Q(region__code__startswith=region.code + "."))
        level, label = ("unit", "Unit kerja") if per_unit else ("wilayah", "Wilayah")
        if per_unit:
            for u in units.order_by("region_id", "kind"):
                names[u.pk] = FormasiRow(code=u.code, name=u.name, link=str(u.pk))
        else:
            codes = units.annotate(area=Substr("region_id", 1, 8)).values("area")
            for r in Region.objects.filter(code__in=codes).order_by("code"):
                name = f"Setda {r.name}" if r.level == Region.Level.KABKOTA else r.display_name
                names[r.code] = FormasiRow(code=r.code, name=name, link=r.code if len(r.code) > 5 else "")
        key = F("unit_id") if per_unit else Substr("unit__region_id", 1, 8)
        positions = Position.objects.filter(unit__in=units.values("pk")).annotate(area=key)
    by_position, areas = _formasi_by_position(positions, year)
    if level == "jabatan":
        names = dict(by_position)
    else:
        for pk, row in by_position.items():
            names[areas[pk]].add(row)

    # Staff without a position are on the payroll but on no formasi: shown apart, never as filling a need.
    if level != "jabatan":
        unassigned = Employee.objects.filter(
            active=True, position__isnull=True, unit_id__in=units.values("pk")
        ).annotate(area=F("unit_id") if level == "unit" else Substr("unit__region_id", 1, 8))
        for key, kind, n in (
            unassigned.values_list("area", "employment_type")
            .annotate(n=Count("pk"))
            .values_list("area", "employment_type", "n")
        ):
            if key in names:
                names[key].unassigned += n
                names[key].by_type[kind] = names[key].by_type.get(kind, 0) + n
    rows = list(names.values())
    total = FormasiRow(code="", name="Jumlah")
    for row in rows:
        total.add(row)
    if unit is not None:
        extra = dict(
            Employee.objects.filter(unit=unit, active=True, position__isnull=True)
            .values_list("employment_type")
            .annotate(n=Count("pk"))
            .values_list("employment_type", "n")
        )
        total.unassigned = sum(extra.values())
        for kind, n in extra.items():
            total.by_type[kind] = total.by_type.get(kind, 0) + n
    return FormasiReport(year=year, level=level, area_label=label, rows=rows, total=total, area=region, unit=unit)


# --- the public region browser: a region with its children, totals and offices ----------------------------


def _count_subquery(qs: QuerySet, group_field: str) -> Coalesce:
    sub = (
        qs.filter(**{group_field: OuterRef("code")}).order_by().values(group_field).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def region_children(region: Region) -> QuerySet[Region]:
    """Children of a region with, for each, how many kelurahan and desa lie below it and how many offices."""
    children = region.children.all()
    if region.level < Region.Level.KECAMATAN:
        # Count the kelurahan/desa of each child in one grouped subquery per kind.
        villages = Region.objects.filter(level=Region.Level.DESA)
        if region.level == Region.Level.KABKOTA:
            children = children.annotate(
                n_kelurahan=_count_subquery(villages.filter(kind=Region.Kind.KELURAHAN), "parent_id"),
                n_desa=_count_subquery(villages.exclude(kind=Region.Kind.KELURAHAN), "parent_id"),
            )
        else:
            children = children.annotate(n_kecamatan=Count("children", distinct=True))
    return children.annotate(n_units=_count_subquery(Unit.objects.all(), "region_id")).order_by("code")


@dataclass
class RegionOverview:
    """What the public region pages show, evaluated and ready to cache."""

    region: Region
    crumbs: list[Region]
    children: list[Region]
    totals: dict[str, int]
    units: list[Unit]


_OVERVIEW_TTL = 600  # seconds; imports and office changes also clear it at once


def region_overview(code: str) -> RegionOverview | None:
    """A region with its breadcrumbs, children and their counts, totals and offices; cached across requests."""
    key = f"region-overview:{overview_version()}:{code}"
    overview = caches["local"].get(key)
    if overview is None:
        region = Region.objects.filter(code=code).first()
        if region is None:
            return None
        overview = RegionOverview(
            region=region,
            crumbs=region_breadcrumbs(region),
            children=list(region_children(region)) if region.level < Region.Level.DESA else [],
            totals=region_totals(region),
            units=list(Unit.objects.filter(region=region).order_by("kind")),
        )
        caches["local"].set(key, overview, _OVERVIEW_TTL)
    return overview
