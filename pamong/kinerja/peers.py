"""Peer comparison: a kelurahan/desa office beside the other kelurahan/desa offices of its kecamatan, for the lurah
or kepala desa whose dashboard would otherwise rank one row. Unit-level aggregates only (UnitDay, StageDwell):
no employee of a peer office is named, and a peer's own page is linked only for a user who may open it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from pamong.kinerja.models import StageDwell, UnitDay
from pamong.kinerja.scoring import AreaScore, month_bounds, score_areas
from pamong.organization.models import Position, Unit
from pamong.regions.models import Region

OFFICES = (Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)
# Late time by the kind of post that held it: the head's signature, the secretary's, the staff's stages, and the
# time with the citizen or the system (a returned request waiting for its correction).
HOLDERS = (
    ("kepala", "Kepala unit"),
    ("sekretaris", "Sekretaris"),
    ("petugas", "Petugas dan kasi"),
    ("pemohon", "Pemohon/sistem"),
)
_HOLDER_OF_KIND: dict[str, str] = {
    Position.Kind.KEPALA: "kepala",
    Position.Kind.SEKRETARIS: "sekretaris",
    Position.Kind.KEPALA_SEKSI: "petugas",
    Position.Kind.KEPALA_DUSUN: "petugas",
    Position.Kind.STAF: "petugas",
}


@dataclass
class PeerRow:
    unit: Unit
    area: AreaScore
    own: bool
    linked: bool  # the user may open this office's own page
    median_workdays: float | None
    late_hours: dict[str, float] = field(default_factory=dict)  # by HOLDERS key
    top_title: str = ""  # the post holding most of the late time
    top_share: float | None = None

    @property
    def name(self) -> str:
        return self.unit.region.name

    @property
    def late_total(self) -> float:
        return sum(self.late_hours.values())


@dataclass
class Peers:
    kecamatan: Region
    unit: Unit
    month: dt.date
    rows: list[PeerRow]

    @property
    def own(self) -> PeerRow | None:
        return next((r for r in self.rows if r.own), None)


def peer_offices(unit: Unit) -> list[Unit]:
    """The kelurahan/desa offices of the unit's kecamatan (the unit among them), by region code."""
    kecamatan = unit.region_id[:8]
    return list(
        Unit.objects.filter(kabkota_code=unit.kabkota_code, kind__in=OFFICES, region__parent_id=kecamatan)
        .select_related("region")
        .order_by("region_id")
    )


def _weighted_median(pairs: list[tuple[float, int]]) -> float | None:
    """The median of the daily medians, each day weighted by the requests finished that day."""
    pairs = sorted((v, n) for v, n in pairs if n)
    total = sum(n for _, n in pairs)
    if not total:
        return None
    seen = 0
    for value, n in pairs:
        seen += n
        if seen * 2 >= total:
            return value
    return pairs[-1][0]


def peer_comparison(*, unit: Unit, visible_ids: set[int], month: dt.date, weights: dict[str, int]) -> Peers | None:
    """The unit with its peers for the month: index and rank (``score_areas``), on-time share, IKM, median working
    days and late hours by the kind of post that held them. Four grouped queries (two of them the ranking's)."""
    if unit.kind not in OFFICES:
        return None
    kecamatan = Region.objects.filter(code=unit.region_id[:8], level=Region.Level.KECAMATAN).first()
    if kecamatan is None:
        return None
    offices = peer_offices(unit)
    ids = [u.pk for u in offices]
    areas = {
        a.unit_id: a
        for a in score_areas(
            groups=[(str(u.pk), u.region.name, [u.pk]) for u in offices],
            kabkota_code=unit.kabkota_code,
            month=month,
            weights=weights,
        )
    }
    first, last = month_bounds(month)
    medians: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for unit_id, median, n in UnitDay.objects.filter(
        kabkota_code=unit.kabkota_code, day__gte=first, day__lte=last, unit_id__in=ids, median_workdays__isnull=False
    ).values_list("unit_id", "median_workdays", "requests_finished"):
        if median is not None:
            medians[unit_id].append((float(median), n))
    late: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    by_title: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in (
        StageDwell.objects.filter(kabkota_code=unit.kabkota_code, day__gte=first, day__lte=last, unit_id__in=ids)
        .order_by()
        .values("unit_id", "position__kind", "position__title")
        .annotate(late=Sum("late_seconds"))
    ):
        if not row["late"]:
            continue
        hours = row["late"] / 3600
        late[row["unit_id"]][_HOLDER_OF_KIND.get(row["position__kind"], "pemohon")] += hours
        by_title[row["unit_id"]][row["position__title"] or "Pemohon/sistem"] += hours
    rows = []
    for office in offices:
        titles = by_title.get(office.pk, {})
        total = sum(titles.values())
        top = max(titles.items(), key=lambda item: item[1]) if titles else ("", 0.0)
        rows.append(
            PeerRow(
                unit=office,
                area=areas[office.pk],
                own=office.pk == unit.pk,
                linked=office.pk in visible_ids,
                median_workdays=_weighted_median(medians.get(office.pk, [])),
                late_hours=dict(late.get(office.pk, {})),
                top_title=top[0],
                top_share=top[1] / total if total else None,
            )
        )
    rows.sort(key=lambda r: (r.area.rank is None, r.area.rank or 0, r.name))
    return Peers(kecamatan=kecamatan, unit=unit, month=month, rows=rows)


def holders_series(peers: Peers) -> list[tuple[str, list[int]]]:
    """Late hours of each office by the kind of post that held them, for a stacked chart (rounded hours)."""
    return [(label, [round(r.late_hours.get(key, 0.0)) for r in peers.rows]) for key, label in HOLDERS]
