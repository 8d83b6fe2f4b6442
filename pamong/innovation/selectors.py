"""Reads for innovations, already scoped: the staff list and the search across the kabupaten/kota, the public list,
the measured effect of one innovation (before and after its start), and the yearly recap.

The measured effect compares the innovation's office over two periods of equal length that meet at the day the
change reached citizens (the start of uji coba, or of penerapan when there was no trial): the period after runs
from that day up to yesterday, at most ``PERIOD_DAYS``; the period before is as long and ends the day before. The
figures are the office's, from the daily aggregates (``kinerja.UnitDay``) for the on-time share and the number of
complaints, from the requests finished in the period for the median working days (a median of the period's
requests, never an average of daily medians), and from the SKM answers given in the period for the IKM.

"Belum cukup data" (not enough data) is said for a side of a figure when
- the period after has lasted fewer than ``MIN_DAYS`` days (every figure);
- the daily aggregates cover fewer than ``MIN_COVERAGE`` of the period's days (on-time share, complaints);
- fewer than ``MIN_FINISHED`` requests were finished in the period (on-time share, median working days);
- fewer than ``MIN_RESPONDENTS`` people answered the SKM in the period (IKM).
"""

from __future__ import annotations

import datetime as dt
import statistics
import zoneinfo
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from pamong.core import fragments
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.innovation.models import Evidence, Indicator, Innovation, Kind, Stage, Status
from pamong.innovation.services import VERSION
from pamong.kinerja.models import UnitDay
from pamong.kinerja.services import VERSION as KINERJA_VERSION
from pamong.regions.models import Region, timezone_for_code
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.models import Status as RequestStatus
from pamong.surveys.models import SurveyResponse
from pamong.surveys.selectors import result_of
from pamong.workdays.services import WorkCalendar

PERIOD_DAYS = 90
MIN_DAYS = 30
MIN_COVERAGE = Decimal("0.8")
MIN_FINISHED = 10
MIN_RESPONDENTS = 10
ONE = Decimal("0.1")

# Staff lists ------------------------------------------------------------------------------------------------


def _listed(qs: QuerySet[Innovation]) -> QuerySet[Innovation]:
    return (
        qs.select_related("unit__region", "field_visit")
        .prefetch_related("services")
        .annotate(n_evidence=Count("evidence", distinct=True))
    )


def innovations_for(user: Any) -> QuerySet[Innovation]:
    """The innovations of the offices in the user's scope, every approval status."""
    return _listed(Innovation.objects.visible_to(user))


def searchable_for(user: Any) -> QuerySet[Innovation]:
    """What a staff member may search: everything in their scope, and every published innovation of the
    kabupaten/kota (to learn what worked in another office)."""
    scope = scope_of(user)
    if scope.everything:
        return _listed(Innovation.objects.all())
    if not scope.region_code:
        return Innovation.objects.none()
    mine = Innovation.objects.visible_to(user).values("pk")
    kab = scope.region_code[:5]
    return _listed(Innovation.objects.filter(Q(pk__in=mine) | Q(status=Status.DITERBITKAN), kabkota_code=kab))


def search(qs: QuerySet[Innovation], *, text: str = "", service_id: int | None = None) -> QuerySet[Innovation]:
    """Innovations whose name, problem or change holds every word of ``text``, for a service of the catalogue."""
    for word in text.split()[:8]:
        qs = qs.filter(Q(name__icontains=word) | Q(problem__icontains=word) | Q(change__icontains=word))
    if service_id:
        qs = qs.filter(services__pk=service_id)
    return qs.distinct()


def evidence_of(innovation: Innovation) -> list[Evidence]:
    return list(innovation.evidence.select_related("uploaded_by").order_by("pk"))


# Public -----------------------------------------------------------------------------------------------------


def published(kabkota_code: str) -> QuerySet[Innovation]:
    return _listed(Innovation.objects.published().filter(kabkota_code=kabkota_code)).order_by("-published_at", "-pk")


def public_filter(
    qs: QuerySet[Innovation], *, kecamatan: str = "", service_id: int | None = None
) -> QuerySet[Innovation]:
    if kecamatan:
        qs = qs.filter(unit__region__code__startswith=kecamatan + ".")
    if service_id:
        qs = qs.filter(services__pk=service_id).distinct()
    return qs


def kecamatan_choices(kabkota_code: str) -> list[tuple[str, str]]:
    return list(
        Region.objects.filter(level=Region.Level.KECAMATAN, code__startswith=kabkota_code + ".")
        .order_by("name")
        .values_list("code", "name")
    )


def service_choices(kabkota_code: str, *, published_only: bool) -> list[tuple[int, str]]:
    """The catalogue's services that some innovation targets (published ones only, for the public)."""
    from pamong.catalog.models import ServiceType

    qs = Innovation.objects.filter(kabkota_code=kabkota_code)
    if published_only:
        qs = qs.filter(status=Status.DITERBITKAN)
    return list(ServiceType.objects.filter(innovations__in=qs).distinct().order_by("name").values_list("pk", "name"))


def for_region(region_code: str) -> list[Innovation]:
    """The published innovations of the offices of one region (a portal page): the same for every visitor, kept
    (``pamong.core.fragments``) until an innovation is published or changed, or an office is renamed."""
    return fragments.cached(
        "innovation.for_region",
        depends_on=[VERSION, "staff"],
        key=(region_code,),
        build=lambda: list(
            Innovation.objects.published()
            .filter(kabkota_code=region_code[:5], unit__region_id=region_code)
            .select_related("unit")
            .order_by("-published_at", "-pk")[:20]
        ),
    )


# Measured effect --------------------------------------------------------------------------------------------


@dataclass
class Side:
    """One period of the comparison and the office's figures in it."""

    first: dt.date
    last: dt.date
    days_with_data: int = 0
    finished: int = 0
    on_time: int = 0
    complaints: int = 0
    workdays: list[int] = field(default_factory=list)
    respondents: int = 0
    ikm: Decimal | None = None

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def covered(self) -> bool:
        return self.days > 0 and Decimal(self.days_with_data) / Decimal(self.days) >= MIN_COVERAGE

    @property
    def median_workdays(self) -> Decimal | None:
        if not self.workdays:
            return None
        return Decimal(str(statistics.median(self.workdays))).quantize(ONE, rounding=ROUND_HALF_UP)


@dataclass
class Measure:
    """One figure before and after; ``None`` on a side with a plain reason why there is not enough data."""

    key: str
    label: str
    unit: str  # how the value is read: "%", "hari kerja", or "" (a count, the IKM)
    higher_is_better: bool
    before: Decimal | None
    after: Decimal | None
    before_basis: str  # what the figure was computed from ("112 permohonan selesai")
    after_basis: str
    before_missing: str = ""
    after_missing: str = ""
    digits: int = 1

    @property
    def compared(self) -> bool:
        return self.before is not None and self.after is not None

    @property
    def change(self) -> Decimal | None:
        return self.after - self.before if self.before is not None and self.after is not None else None

    @property
    def better(self) -> bool | None:
        change = self.change
        if change is None or change == 0:
            return None
        return (change > 0) == self.higher_is_better


@dataclass
class Effect:
    start: dt.date
    before: Side
    after: Side
    measures: list[Measure]
    too_early: str = ""  # the whole comparison waits: the period after is too short

    @property
    def compared(self) -> list[Measure]:
        return [m for m in self.measures if m.compared]

    @property
    def has_figures(self) -> bool:
        return bool(self.compared)


def _share(part: int, whole: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(ONE, rounding=ROUND_HALF_UP)


def _bounds(first: dt.date, last: dt.date, tz: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def _fill(innovation: Innovation, before: Side, after: Side) -> None:
    """The office's figures for both periods: three queries (aggregates, finished requests, SKM answers)."""
    unit_id, kab = innovation.unit_id, innovation.kabkota_code
    tz = zoneinfo.ZoneInfo(timezone_for_code(kab))
    in_before = Q(day__lte=before.last)
    in_after = Q(day__gte=after.first)
    sums = (
        UnitDay.objects.filter(kabkota_code=kab, unit_id=unit_id, day__gte=before.first, day__lte=after.last)
        .order_by()
        .aggregate(
            b_days=Count("pk", filter=in_before),
            a_days=Count("pk", filter=in_after),
            b_finished=Sum("requests_finished", filter=in_before),
            a_finished=Sum("requests_finished", filter=in_after),
            b_on_time=Sum("requests_on_time", filter=in_before),
            a_on_time=Sum("requests_on_time", filter=in_after),
            b_complaints=Sum("complaints_received", filter=in_before),
            a_complaints=Sum("complaints_received", filter=in_after),
        )
    )
    for prefix, side in (("b", before), ("a", after)):
        side.days_with_data = sums[f"{prefix}_days"] or 0
        side.finished = sums[f"{prefix}_finished"] or 0
        side.on_time = sums[f"{prefix}_on_time"] or 0
        side.complaints = sums[f"{prefix}_complaints"] or 0

    # Working days from submission to finishing, both ends counted (as kinerja counts them), of every request
    # finished in each period.
    start, end = _bounds(before.first, after.last, tz)
    finished = list(
        ServiceRequest.objects.filter(
            kabkota_code=kab,
            unit_id=unit_id,
            status=RequestStatus.SELESAI,
            finished_at__gte=start,
            finished_at__lt=end,
        )
        .order_by()
        .values_list("submitted_at", "finished_at")
    )
    if finished:
        first_day = min(s.astimezone(tz).date() for s, _f in finished)
        try:
            calendar = WorkCalendar.load(min(first_day, before.first), after.last)
        except DomainError:
            calendar = None  # a year without holidays: the median is not guessed
        if calendar is not None:
            for submitted_at, finished_at in finished:
                if finished_at is None:
                    continue
                done = finished_at.astimezone(tz).date()
                days = calendar.count_between(submitted_at.astimezone(tz).date(), done)
                (before if done <= before.last else after).workdays.append(days)

    for side in (before, after):
        lo, hi = _bounds(side.first, side.last, tz)
        result = result_of(
            SurveyResponse.objects.filter(
                kabkota_code=kab, survey__unit_id=unit_id, submitted_at__gte=lo, submitted_at__lt=hi
            )
        )
        side.respondents = result.respondents
        side.ikm = result.ikm_unit


def _measures(innovation: Innovation, before: Side, after: Side) -> list[Measure]:
    def on_time(side: Side) -> tuple[Decimal | None, str, str]:
        basis = f"{side.on_time} dari {side.finished} permohonan selesai"
        if not side.covered:
            return None, basis, "agregat harian belum lengkap"
        if side.finished < MIN_FINISHED:
            return None, basis, f"baru {side.finished} permohonan selesai (perlu minimal {MIN_FINISHED})"
        return _share(side.on_time, side.finished), basis, ""

    def median(side: Side) -> tuple[Decimal | None, str, str]:
        n = len(side.workdays)
        basis = f"median dari {n} permohonan selesai"
        if n < MIN_FINISHED:
            return None, basis, f"baru {n} permohonan selesai (perlu minimal {MIN_FINISHED})"
        return side.median_workdays, basis, ""

    def complaints(side: Side) -> tuple[Decimal | None, str, str]:
        basis = f"{side.days} hari"
        if not side.covered:
            return None, basis, "agregat harian belum lengkap"
        return Decimal(side.complaints), basis, ""

    def ikm(side: Side) -> tuple[Decimal | None, str, str]:
        basis = f"{side.respondents} responden SKM"
        if side.respondents < MIN_RESPONDENTS or side.ikm is None:
            return None, basis, f"baru {side.respondents} responden SKM (perlu minimal {MIN_RESPONDENTS})"
        return side.ikm, basis, ""

    specs: dict[str, tuple[str, str, bool, Any, int]] = {
        Indicator.TEPAT_WAKTU: ("Permohonan selesai tepat waktu", "%", True, on_time, 1),
        Indicator.LAMA: ("Lama penyelesaian, median", "hari kerja", False, median, 1),
        Indicator.PENGADUAN: ("Pengaduan diterima", "", False, complaints, 0),
        Indicator.IKM: ("Indeks Kepuasan Masyarakat", "", True, ikm, 2),
    }
    wanted = [i for i in Indicator.values if i in innovation.indicators] or list(Indicator.values)
    out = []
    for key in wanted:
        label, unit, higher, compute, digits = specs[key]
        b, b_basis, b_missing = compute(before)
        a, a_basis, a_missing = compute(after)
        out.append(Measure(key, label, unit, higher, b, a, b_basis, a_basis, b_missing, a_missing, digits))
    return out


def effect_of(innovation: Innovation, *, today: dt.date | None = None) -> Effect | None:
    """The before/after comparison of an innovation in uji coba or penerapan; None before it has started."""
    start = innovation.started_on
    if start is None:
        return None
    today = today or timezone.localdate()
    last = today - dt.timedelta(days=1)  # the aggregates are built each night up to yesterday
    elapsed = (last - start).days + 1
    length = max(0, min(PERIOD_DAYS, elapsed))
    after = Side(first=start, last=start + dt.timedelta(days=length - 1))
    before = Side(first=start - dt.timedelta(days=max(length, 1)), last=start - dt.timedelta(days=1))
    if elapsed < MIN_DAYS:
        days = max(elapsed, 0)
        reason = f"Belum cukup data: baru {days} hari sejak {innovation.get_stage_display().lower()} dimulai"
        too_early = f"{reason}; perlu minimal {MIN_DAYS} hari."
        return Effect(start=start, before=before, after=after, measures=[], too_early=too_early)

    def build() -> Effect:
        _fill(innovation, before, after)
        return Effect(start=start, before=before, after=after, measures=_measures(innovation, before, after))

    return fragments.cached(
        "innovation.effect",
        depends_on=[KINERJA_VERSION, VERSION],
        key=(innovation.pk, innovation.unit_id, start, today, tuple(innovation.indicators)),
        build=build,
    )


# Yearly recap -----------------------------------------------------------------------------------------------


@dataclass
class Recap:
    kabkota: Region | None
    year: int
    rows: list[Innovation]
    by_stage: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    by_office: list[tuple[str, int]]
    evidence: dict[int, list[Evidence]]


def recap(*, user: Any, year: int) -> Recap:
    """The innovations approved and published by the end of ``year`` that were initiated by then, in the user's
    scope, for the yearly submission to the Indeks Inovasi Daerah: by stage, kind and office, with evidence."""
    end = dt.date(year, 12, 31)
    rows = list(
        Innovation.objects.visible_to(user)
        .filter(status=Status.DITERBITKAN, initiated_on__lte=end)
        .select_related("unit__region", "field_visit")
        .prefetch_related("services", Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by("unit__region_id", "unit__kind", "name", "pk")
    )
    region_code = scope_of(user).region_code or ""
    code = region_code[:5] or (rows[0].kabkota_code if rows else "")
    kabkota = Region.objects.filter(code=code).first() if code else None
    by_stage = [(str(s.label), sum(1 for r in rows if r.stage == s.value)) for s in Stage]
    by_kind = [(str(k.label), sum(1 for r in rows if r.kind == k.value)) for k in Kind]
    offices: dict[str, int] = {}
    for r in rows:
        offices[r.unit.name] = offices.get(r.unit.name, 0) + 1
    return Recap(
        kabkota=kabkota,
        year=year,
        rows=rows,
        by_stage=by_stage,
        by_kind=by_kind,
        by_office=sorted(offices.items()),
        evidence={r.pk: list(r.evidence.all()) for r in rows},
    )
