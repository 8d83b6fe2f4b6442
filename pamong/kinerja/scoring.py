"""The composite index: five sub-scores (0–100) per area and month, weighted and renormalised over the
components that have a value. Reads the daily aggregates only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Sum

from pamong.core import fragments
from pamong.kinerja.models import IndexWeights, UnitDay

COMPONENTS = ("pelayanan", "pengaduan", "kepuasan", "disiplin", "pelaporan")
LABELS = {
    "pelayanan": "Pelayanan",
    "pengaduan": "Pengaduan",
    "kepuasan": "Kepuasan (IKM)",
    "disiplin": "Disiplin",
    "pelaporan": "Pelaporan camat",
}
DEFAULT_WEIGHTS = {"pelayanan": 35, "pengaduan": 20, "kepuasan": 20, "disiplin": 15, "pelaporan": 10}
SUMS = (
    "requests_received",
    "requests_finished",
    "requests_on_time",
    "complaints_received",
    "complaints_answered",
    "complaints_finished",
    "complaints_on_time",
    "rating_sum",
    "rating_count",
    "attendance_expected",
    "attendance_present",
    "actions_due",
    "actions_on_time",
    "reports_due",
    "reports_on_time",
)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _ratio(part: int, whole: int) -> float | None:
    return None if not whole else 100.0 * part / whole


def score_pelayanan(f: dict[str, Any]) -> float | None:
    """Share of requests finished on time (within the service's working-day standard), 0–100."""
    return _ratio(f["requests_on_time"], f["requests_finished"])


def score_pengaduan(f: dict[str, Any]) -> float | None:
    """Mean of: share of complaints finished on time, and mean citizen rating (1–5) scaled to 0–100."""
    parts = [_ratio(f["complaints_on_time"], f["complaints_finished"])]
    if f["rating_count"]:
        parts.append((f["rating_sum"] / f["rating_count"] - 1) * 25.0)
    values = [p for p in parts if p is not None]
    return sum(values) / len(values) if values else None


def score_kepuasan(f: dict[str, Any]) -> float | None:
    """The IKM of the latest survey (unit scale 25–100) mapped to 0–100: (IKM − 25) / 75 × 100."""
    ikm = f.get("ikm")
    return None if ikm is None else max(0.0, (float(ikm) - 25.0) / 75.0 * 100.0)


def score_disiplin(f: dict[str, Any]) -> float | None:
    """Mean of: attendance rate on working days, and share of meeting action items closed by their deadline."""
    values = [
        v
        for v in (
            _ratio(f["attendance_present"], f["attendance_expected"]),
            _ratio(f["actions_on_time"], f["actions_due"]),
        )
        if v is not None
    ]
    return sum(values) / len(values) if values else None


def score_pelaporan(f: dict[str, Any]) -> float | None:
    """Share of the camat's periodic reports due in the period that were first submitted by their deadline.
    Only a kantor camat reports: for a kelurahan/desa alone there is no value and the index is renormalised
    over the other components."""
    return _ratio(f["reports_on_time"], f["reports_due"])


def evidence(f: dict[str, Any]) -> dict[str, str]:
    """What each sub-score is made of, in words, for the drill-down to the causes."""
    from pamong.core.templatetags.pamong import angka

    def of(part: str, whole: str, what: str, none: str) -> str:
        return f"{angka(f[part])} dari {angka(f[whole])} {what}" if f[whole] else none

    pengaduan = of(
        "complaints_on_time", "complaints_finished", "pengaduan selesai tepat waktu", "Tidak ada pengaduan selesai"
    )
    if f["rating_count"]:
        mean = angka(f["rating_sum"] / f["rating_count"], 1)
        pengaduan += f"; penilaian warga rata-rata {mean} dari 5 ({angka(f['rating_count'])} penilaian)"
    disiplin = of("attendance_present", "attendance_expected", "hari-orang hadir", "Tidak ada catatan kehadiran")
    if f["actions_due"]:
        disiplin += f"; {of('actions_on_time', 'actions_due', 'tindak lanjut rapat selesai tepat waktu', '')}"
    return {
        "pelayanan": of(
            "requests_on_time", "requests_finished", "permohonan selesai tepat waktu", "Tidak ada permohonan selesai"
        ),
        "pengaduan": pengaduan,
        "kepuasan": "Belum ada survei kepuasan" if f.get("ikm") is None else f"IKM {angka(f['ikm'], 2)} (skala 25–100)",
        "disiplin": disiplin,
        "pelaporan": of(
            "reports_on_time",
            "reports_due",
            "laporan camat disampaikan tepat waktu",
            "Tidak ada laporan camat yang jatuh tempo",
        ),
    }


SCORERS = {
    "pelayanan": score_pelayanan,
    "pengaduan": score_pengaduan,
    "kepuasan": score_kepuasan,
    "disiplin": score_disiplin,
    "pelaporan": score_pelaporan,
}


def composite(scores: dict[str, float | None], weights: dict[str, int]) -> float | None:
    """Weighted mean of the available sub-scores, weights normalised over those available."""
    total = sum(weights.get(k, 0) for k, v in scores.items() if v is not None)
    if not total:
        return None
    return sum(weights.get(k, 0) * v for k, v in scores.items() if v is not None) / total


WEIGHTS_VERSION = "kinerja-weights"  # bumped on any save of IndexWeights (KinerjaConfig.ready)


def weights_for(kabkota_code: str) -> dict[str, int]:
    """The composite-index weights of a kabupaten/kota (the defaults until set), kept until they change."""

    def build() -> dict[str, int]:
        found = IndexWeights.objects.filter(kabkota_code=kabkota_code).first()
        return found.as_dict() if found else dict(DEFAULT_WEIGHTS)

    return dict(fragments.cached("kinerja.weights", depends_on=[WEIGHTS_VERSION], key=(kabkota_code,), build=build))


@dataclass
class AreaScore:
    key: str
    label: str
    figures: dict[str, Any]
    scores: dict[str, float | None]
    index: float | None
    rank: int | None = None
    previous_rank: int | None = None
    unit_ids: list[int] = field(default_factory=list)
    unit_id: int | None = None

    @property
    def movement(self) -> int | None:
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank

    @property
    def steps(self) -> int:
        """How many places the area moved, either way."""
        return abs(self.movement or 0)

    @property
    def on_time_share(self) -> float | None:
        return _ratio(self.figures["requests_on_time"], self.figures["requests_finished"])


def unit_figures(*, kabkota_code: str, unit_ids: list[int], month: dt.date) -> dict[int, dict[str, Any]]:
    """Month totals per unit, one grouped query. IKM is the mean of the daily latest-survey figure."""
    first, last = month_bounds(month)
    rows = (
        UnitDay.objects.filter(kabkota_code=kabkota_code, day__gte=first, day__lte=last, unit_id__in=unit_ids)
        .order_by()
        .values("unit_id")
        .annotate(**{k: Sum(k) for k in SUMS}, ikm=Avg("ikm"))
    )
    out: dict[int, dict[str, Any]] = {}
    for row in rows:
        figures: dict[str, Any] = dict(row)
        out[int(figures.pop("unit_id"))] = figures
    return out


def combine(figures: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {k: sum((f.get(k) or 0) for f in figures) for k in SUMS}
    ikms = [Decimal(f["ikm"]) for f in figures if f.get("ikm") is not None]
    out["ikm"] = sum(ikms) / len(ikms) if ikms else None
    return out


def score_areas(
    *, groups: list[tuple[str, str, list[int]]], kabkota_code: str, month: dt.date, weights: dict[str, int]
) -> list[AreaScore]:
    """Scores of areas (key, label, unit ids) for a month, ranked, with the rank of the month before."""
    all_units = sorted({pk for _, _, ids in groups for pk in ids})

    def build(m: dt.date) -> list[AreaScore]:
        per_unit = unit_figures(kabkota_code=kabkota_code, unit_ids=all_units, month=m)
        areas = []
        for key, label, ids in groups:
            figures = combine([per_unit[pk] for pk in ids if pk in per_unit])
            scores = {k: SCORERS[k](figures) for k in COMPONENTS}
            areas.append(
                AreaScore(
                    key=key,
                    label=label,
                    figures=figures,
                    scores=scores,
                    index=composite(scores, weights),
                    unit_ids=ids,
                    unit_id=ids[0] if len(ids) == 1 else None,
                )
            )
        ranked = sorted((a for a in areas if a.index is not None), key=lambda a: -(a.index or 0))
        for position, area in enumerate(ranked, start=1):
            area.rank = position
        return areas

    current = build(month)
    before = {a.key: a.rank for a in build(previous_month(month))}
    for area in current:
        area.previous_rank = before.get(area.key)
    return sorted(current, key=lambda a: (a.rank is None, a.rank or 0, a.label))
