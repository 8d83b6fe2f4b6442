"""Reads for the dashboards, already scoped to what the user may see. Aggregates only, never raw rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from pamong.core.scope import scope_of
from pamong.kinerja.scoring import AreaScore, month_bounds, previous_month, score_areas, weights_for
from pamong.organization.models import Unit
from pamong.regions.models import Region


@dataclass
class Dashboard:
    region: Region
    month: dt.date
    areas: list[AreaScore]
    trend: list[tuple[dt.date, float | None]]
    weights: dict[str, int]


def home_region(user: Any) -> Region:
    """The region a user's dashboard opens on: their scope (the kabupaten/kota for pimpinan)."""
    scope = scope_of(user)
    if scope.region_code:
        return Region.objects.get(code=scope.region_code)
    region = Region.objects.filter(level=2).order_by("code").first()
    if region is None:
        raise Http404
    return region


def dashboard(*, user: Any, region_code: str, month: dt.date) -> Dashboard:
    """Areas one level below the chosen region (kecamatan of a kabupaten/kota, the units of a kecamatan, or the
    unit itself), scored and ranked for the month, with the chosen region's index over six months."""
    scope = scope_of(user)
    region = Region.objects.filter(code=region_code).first() if region_code else None
    if region is None or not scope.contains(region.code):
        region = home_region(user)
    kabkota = region.code[:5]
    units = list(Unit.objects.visible_to(user).filter(kabkota_code=kabkota).select_related("region"))
    inside = [u for u in units if u.region.code == region.code or u.region.code.startswith(region.code + ".")]
    groups: list[tuple[str, str, list[int]]] = []
    if region.level == 2:
        kecamatan = {u.region.code[:8] for u in inside if len(u.region.code) >= 8}
        names = dict(Region.objects.filter(code__in=kecamatan).values_list("code", "name"))
        for code in sorted(kecamatan):
            ids = [u.pk for u in inside if u.region.code.startswith(code)]
            groups.append((code, f"Kecamatan {names.get(code, code)}", ids))
    else:
        groups = [(u.region.code + ":" + str(u.pk), u.name, [u.pk]) for u in inside]
    weights = weights_for(kabkota)
    areas = score_areas(groups=groups, kabkota_code=kabkota, month=month, weights=weights)
    all_ids = [u.pk for u in inside]
    trend = []
    m = month
    for _ in range(6):
        scored = score_areas(groups=[("all", region.name, all_ids)], kabkota_code=kabkota, month=m, weights=weights)
        trend.append((m, scored[0].index if scored else None))
        m = previous_month(m)
    return Dashboard(region=region, month=month, areas=areas, trend=list(reversed(trend)), weights=weights)


def month_span(month: dt.date) -> tuple[dt.date, dt.date]:
    return month_bounds(month)
