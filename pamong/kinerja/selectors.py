"""Reads for the dashboards, already scoped to what the user may see. Aggregates only, never raw rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Avg, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404

from pamong.core import fragments, gate
from pamong.core.scope import scope_of
from pamong.kinerja.models import UnitDay
from pamong.kinerja.peers import Peers, peer_comparison
from pamong.kinerja.scoring import (
    COMPONENTS,
    SCORERS,
    SUMS,
    AreaScore,
    composite,
    month_bounds,
    previous_month,
    score_areas,
    weights_for,
)
from pamong.kinerja.services import VERSION
from pamong.organization.models import Unit
from pamong.regions.models import Region


@dataclass
class Dashboard:
    region: Region
    month: dt.date
    areas: list[AreaScore]
    trend: list[tuple[dt.date, float | None]]
    weights: dict[str, int]
    peers: Peers | None = None


def _scope_key(user: Any) -> str:
    scope = scope_of(user)
    return "*" if scope.everything else (scope.region_code or "-")


def home_region(user: Any) -> Region:
    """The region a user's dashboard opens on: their scope (the kabupaten/kota for pimpinan). Kept under the
    regions' version and the scope's region code."""
    scope = scope_of(user)

    def build() -> Region | None:
        if scope.region_code:
            return Region.objects.get(code=scope.region_code)
        return Region.objects.filter(level=2).order_by("code").first()

    region = fragments.cached(
        "kinerja.home_region", depends_on=["region-overview"], key=(scope.region_code or "",), build=build
    )
    if region is None:
        raise Http404
    return region


def region_choices(user: Any) -> list[tuple[str, str]]:
    """The regions a user may open the dashboard on: the kabupaten/kota and its kecamatan for pimpinan and
    admin, the kecamatan for a camat, the kelurahan/desa for a lurah."""
    home = home_region(user)

    def build() -> list[tuple[str, str]]:
        regions = Region.objects.filter(
            Q(code=home.code) | Q(code__startswith=home.code + ".", level=Region.Level.KECAMATAN)
        ).order_by("code")
        return [
            (r.code, r.name if r.level == Region.Level.KABKOTA else f"{r.get_level_display()} {r.name}")
            for r in regions
        ]

    return fragments.cached("kinerja.region_choices", depends_on=["region-overview"], key=(home.code,), build=build)


class _UnitRow(NamedTuple):
    pk: int
    name: str
    region_code: str


def dashboard(*, user: Any, region_code: str, month: dt.date) -> Dashboard:
    """Areas one level below the chosen region (kecamatan of a kabupaten/kota, the units of a kecamatan, or the
    unit itself), scored and ranked for the month, with the chosen region's index over six months. On a
    kelurahan/desa (a lurah's or kepala desa's own dashboard) the office is set beside the other kelurahan/desa
    offices of its kecamatan (``peers``), unit-level figures only."""
    scope = scope_of(user)
    region = Region.objects.filter(code=region_code).first() if region_code else None
    if region is None or not scope.contains(region.code):
        region = home_region(user)
    kabkota = region.code[:5]
    # The units of the user's scope: kept under the offices' versions, keyed by the scope itself.
    # Plain (pk, name, region code) rows, not model instances: read on every render, so cheap to unpickle.
    units: list[_UnitRow] = fragments.cached(
        "kinerja.units",
        depends_on=["staff", "region-overview"],
        key=(_scope_key(user), kabkota),
        build=lambda: [
            _UnitRow(*row)
            for row in Unit.objects.visible_to(user).filter(kabkota_code=kabkota).values_list("pk", "name", "region_id")
        ],
    )
    inside = [u for u in units if u.region_code == region.code or u.region_code.startswith(region.code + ".")]
    groups: list[tuple[str, str, list[int]]] = []
    if region.level == 2:
        kecamatan = {u.region_code[:8] for u in inside if len(u.region_code) >= 8}
        codes = sorted(kecamatan)
        names = fragments.cached(
            "kinerja.kecamatan_names",
            depends_on=["region-overview"],
            key=tuple(codes),
            build=lambda: dict(Region.objects.filter(code__in=codes).values_list("code", "name")),
        )
        for code in sorted(kecamatan):
            ids = [u.pk for u in inside if u.region_code.startswith(code)]
            groups.append((code, f"Kecamatan {names.get(code, code)}", ids))
    else:
        groups = [(u.region_code + ":" + str(u.pk), u.name, [u.pk]) for u in inside]
    weights = weights_for(kabkota)
    trend_units = None if region.level == 2 else [u.pk for u in inside]
    # The scores and the trend are read from the daily aggregates; they are kept under the aggregates' version and
    # the exact inputs (the areas with their unit ids, the month, the weights), so the same inputs give the same
    # figures whoever asks and nothing is shared that the key does not select.
    weighted = tuple(sorted(weights.items()))
    areas = fragments.cached(
        "kinerja.areas",
        depends_on=[VERSION],
        key=(kabkota, month, repr(groups), weighted),
        build=lambda: score_areas(groups=groups, kabkota_code=kabkota, month=month, weights=weights),
    )
    trend = fragments.cached(
        "kinerja.trend",
        depends_on=[VERSION],
        key=(kabkota, month, repr(trend_units), weighted),
        build=lambda: region_trend(kabkota_code=kabkota, unit_ids=trend_units, month=month, weights=weights),
    )
    peers = None
    own = (
        Unit.objects.filter(pk=inside[0].pk).first() if region.level == Region.Level.DESA and len(inside) == 1 else None
    )
    if own is not None and gate.can(user, "kinerja.compare_peers", own):
        peers = peer_comparison(unit=own, visible_ids={u.pk for u in units}, month=month, weights=weights)
    return Dashboard(region=region, month=month, areas=areas, trend=trend, weights=weights, peers=peers)


def region_trend(
    *, kabkota_code: str, unit_ids: list[int] | None, month: dt.date, weights: dict[str, int], months: int = 6
) -> list[tuple[dt.date, float | None]]:
    """The composite index of a whole region for the last ``months`` months, from one grouped query."""
    first = month
    for _ in range(months - 1):
        first = previous_month(first)
    rows = UnitDay.objects.filter(kabkota_code=kabkota_code, day__gte=first, day__lte=month_bounds(month)[1])
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    found: dict[dt.date, dict[str, Any]] = {}
    grouped = rows.order_by().annotate(month=TruncMonth("day")).values("month")
    for row in grouped.annotate(**{k: Sum(k) for k in SUMS}, ikm=Avg("ikm")):
        figures: dict[str, Any] = dict(row)
        found[figures.pop("month")] = figures
    out = []
    m = first
    for _ in range(months):
        month_figures = found.get(m)
        index = None
        if month_figures is not None:
            index = composite({k: SCORERS[k](month_figures) for k in COMPONENTS}, weights)
        out.append((m, index))
        m = month_bounds(m)[1] + dt.timedelta(days=1)
    return out


def month_span(month: dt.date) -> tuple[dt.date, dt.date]:
    return month_bounds(month)
