"""Reads: programme progress per kelurahan/desa, per kecamatan and per kabupaten/kota (counts only, no names),
the figures the camat report takes, and the protected register (already scoped by ``visible_to``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from pamong.programmes.models import (
    AccessLog,
    Programme,
    ProgrammeTarget,
    ProgressChange,
    ProgressReport,
    TargetChange,
    VulnerableResident,
)
from pamong.regions.models import Region

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def _subtree(field_name: str, code: str) -> Q:
    return Q(**{field_name: code}) | Q(**{f"{field_name}__startswith": code + "."})


def expected_at(*, baseline: int, target: int, month: int) -> float:
    """Where the count should be at the end of ``month`` (1–12) on a straight path from baseline to target."""
    return baseline + (target - baseline) * month / 12


def is_on_track(*, programme: Programme, baseline: int, target: int, month: int, count: int) -> bool:
    expected = expected_at(baseline=baseline, target=target, month=month)
    return count <= expected if programme.lower_is_better else count >= expected


@dataclass
class PlaceRow:
    region: Region
    baseline: int | None = None
    target: int | None = None
    months: dict[int, dict[str, Any]] = field(default_factory=dict)
    latest_month: int | None = None
    latest: int | None = None
    reached: int = 0
    on_track: bool | None = None

    @property
    def series(self) -> list[int | None]:
        return [self.months[m]["count"] if m in self.months else None for m in range(1, 13)]


@dataclass
class GroupRow:
    """Sums over a group of kelurahan/desa (a kecamatan, or the whole area)."""

    label: str
    code: str
    places: int = 0
    reported: int = 0
    baseline: int = 0
    target: int = 0
    latest: int = 0
    reached: int = 0
    on_track: int = 0

    @property
    def on_track_share(self) -> float | None:
        return 100 * self.on_track / self.places if self.places else None

    def add(self, row: PlaceRow) -> None:
        self.places += 1
        self.baseline += row.baseline or 0
        self.target += row.target or 0
        self.reached += row.reached
        if row.latest is not None:
            self.reported += 1
            self.latest += row.latest
        if row.on_track:
            self.on_track += 1


@dataclass
class Overview:
    programme: Programme
    region: Region
    year: int
    places: list[PlaceRow]
    groups: list[GroupRow]
    total: GroupRow
    monthly: list[int | None]  # sum of counts per month (None where no place reported)
    monthly_target: list[float | None]


def _place_rows(
    *, programme: Programme, places: list[Region], targets: QuerySet[Any], reports: QuerySet[Any], year: int
) -> list[PlaceRow]:
    rows = {p.code: PlaceRow(region=p) for p in places}
    for place_id, baseline, target in targets.values_list("place_id", "baseline", "target"):
        if place_id in rows:
            rows[place_id].baseline, rows[place_id].target = baseline, target
    for r in reports.values("place_id", "month", "count", "reached", "note"):
        row = rows.get(r["place_id"])
        if row is None:
            continue
        m = r["month"].month
        row.months[m] = r
        row.reached += r["reached"]
        if row.latest_month is None or m > row.latest_month:
            row.latest_month, row.latest = m, r["count"]
    for row in rows.values():
        if row.latest is not None and row.baseline is not None and row.target is not None:
            assert row.latest_month is not None
            row.on_track = is_on_track(
                programme=programme,
                baseline=row.baseline,
                target=row.target,
                month=row.latest_month,
                count=row.latest,
            )
    return list(rows.values())


def programmes_for() -> list[Programme]:
    return list(Programme.objects.filter(active=True))


def overview(*, user: Any, programme: Programme, region: Region, year: int) -> Overview:
    """Progress of one programme in a region (kabupaten/kota, kecamatan or kelurahan/desa) for one year: a row per
    kelurahan/desa, sums per kecamatan (or per kelurahan/desa under a kecamatan), and the monthly series.
    Four queries, whatever the number of places and months."""
    places = list(Region.objects.filter(_subtree("code", region.code), level=Region.Level.DESA).order_by("code"))  # 1
    targets = ProgrammeTarget.objects.visible_to(user).filter(
        _subtree("place__code", region.code), programme=programme, year=year, kabkota_code=region.code[:5]
    )
    reports = ProgressReport.objects.visible_to(user).filter(
        _subtree("place__code", region.code), programme=programme, month__year=year, kabkota_code=region.code[:5]
    )
    rows = _place_rows(programme=programme, places=places, targets=targets, reports=reports, year=year)  # 2, 3
    groups: list[GroupRow] = []
    if region.level <= Region.Level.KABKOTA:
        kecamatan = Region.objects.filter(_subtree("code", region.code), level=Region.Level.KECAMATAN)  # 4
        by_code = {k.code: GroupRow(label=k.name, code=k.code) for k in kecamatan.order_by("code")}
        for row in rows:
            group = by_code.get(row.region.code.rsplit(".", 1)[0])
            if group is not None:
                group.add(row)
        groups = list(by_code.values())
    total = GroupRow(label=region.name, code=region.code)
    monthly: list[int | None] = [None] * 12
    for row in rows:
        total.add(row)
        for m, r in row.months.items():
            monthly[m - 1] = (monthly[m - 1] or 0) + r["count"]
    with_target = [r for r in rows if r.baseline is not None and r.target is not None]
    monthly_target: list[float | None] = [
        sum(expected_at(baseline=r.baseline or 0, target=r.target or 0, month=m) for r in with_target)
        if with_target
        else None
        for m in range(1, 13)
    ]
    return Overview(programme, region, year, rows, groups, total, monthly, monthly_target)


def place_history(*, user: Any, programme: Programme, place: Region, year: int) -> list[ProgressChange]:
    """Every entry and correction of a place's monthly counts in a year, oldest first."""
    return list(
        ProgressChange.objects.filter(
            report__in=ProgressReport.objects.visible_to(user).filter(
                programme=programme, place=place, month__year=year
            )
        )
        .select_related("report", "actor")
        .order_by("at", "id")
    )


def target_history(*, user: Any, programme: Programme, place: Region, year: int) -> list[TargetChange]:
    """Every setting and change of a place's target in a year, oldest first."""
    return list(
        TargetChange.objects.filter(
            target__in=ProgrammeTarget.objects.visible_to(user).filter(programme=programme, place=place, year=year)
        )
        .select_related("target", "actor")
        .order_by("at", "id")
    )


def programme_figures(*, region_code: str, period_start: dt.date, period_end: dt.date) -> dict[str, Any]:
    """Counts of every active programme for a kecamatan or a kelurahan/desa over a period, for the camat report.

    Not scoped by a user: the caller (the report of that kecamatan) decides who reads it. Per programme code:
    ``name``, ``unit_label``, ``lower_is_better``, ``places`` (kelurahan/desa in the area), ``reported`` (places
    with a count in the period), ``count_start`` / ``count_end`` (sum over places of their first / last count in
    the period), ``reached`` (sum of households/children reached in the period), ``baseline`` and ``target`` (sums
    of the targets of the year of ``period_end``), ``on_track`` (places whose last count is on the straight path
    from baseline to target) and ``on_track_share`` (percent of places, or None)."""
    start = period_start.replace(day=1)
    year = period_end.year
    kabkota = region_code[:5]
    places = list(
        Region.objects.filter(_subtree("code", region_code), level=Region.Level.DESA).values_list("code", flat=True)
    )
    programmes = programmes_for()
    targets: dict[tuple[int, str], tuple[int, int]] = {
        (t["programme_id"], t["place_id"]): (t["baseline"], t["target"])
        for t in ProgrammeTarget.objects.filter(
            _subtree("place__code", region_code), kabkota_code=kabkota, year=year
        ).values("programme_id", "place_id", "baseline", "target")
    }
    first: dict[tuple[int, str], dict[str, Any]] = {}
    last: dict[tuple[int, str], dict[str, Any]] = {}
    reached: dict[int, int] = defaultdict(int)
    for r in (
        ProgressReport.objects.filter(
            _subtree("place__code", region_code), kabkota_code=kabkota, month__gte=start, month__lte=period_end
        )
        .order_by("month")
        .values("programme_id", "place_id", "month", "count", "reached")
    ):
        key = (r["programme_id"], r["place_id"])
        first.setdefault(key, r)
        last[key] = r
        reached[r["programme_id"]] += r["reached"]
    result: dict[str, Any] = {}
    for p in programmes:
        on_track = 0
        baseline = target = count_start = count_end = reported = 0
        for code in places:
            key = (p.pk, code)
            t = targets.get(key)
            if t:
                baseline += t[0]
                target += t[1]
            if key in last:
                reported += 1
                count_start += first[key]["count"]
                count_end += last[key]["count"]
                month = last[key]["month"]
                if t and month.year == year:
                    on_track += is_on_track(
                        programme=p, baseline=t[0], target=t[1], month=month.month, count=last[key]["count"]
                    )
        result[p.code] = {
            "name": p.name,
            "unit_label": p.unit_label,
            "lower_is_better": p.lower_is_better,
            "places": len(places),
            "reported": reported,
            "count_start": count_start,
            "count_end": count_end,
            "reached": reached[p.pk],
            "baseline": baseline,
            "target": target,
            "on_track": on_track,
            "on_track_share": round(100 * on_track / len(places), 1) if places else None,
        }
    return result


# --- protected register -------------------------------------------------------------------------------------


def residents_for(*, user: Any, place_code: str = "", category: str = "") -> QuerySet[VulnerableResident]:
    rows = VulnerableResident.objects.visible_to(user).select_related("place")
    if place_code:
        rows = rows.filter(_subtree("place__code", place_code))
    if category:
        rows = rows.filter(category=category)
    return rows.order_by("place_id", "name", "id")


def access_log_for(*, user: Any) -> QuerySet[AccessLog]:
    return AccessLog.objects.visible_to(user).select_related("user", "resident")
