"""The figures of a camat report, defined in one place.

Each figure has a key, its Indonesian label, the section (one of the four functions, see models.Section) and a
function that computes it for a kecamatan and a period. Adding a figure is one line: ``register(Figure(...))``
(or one more entry in FIGURES). Values are plain JSON numbers (int, float) or None when there is nothing to
measure; a submitted report keeps them as a frozen snapshot.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from pamong.organization.models import Employee, Unit

Value = int | float | str | None


@dataclass(frozen=True)
class Context:
    """The kecamatan (its kantor camat) and the period a figure is computed for."""

    unit: Unit
    start: dt.date
    end: dt.date

    @property
    def region_code(self) -> str:
        return self.unit.region.code

    @property
    def kabkota_code(self) -> str:
        return self.unit.kabkota_code

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.unit.region.timezone)

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=self.zone)

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=self.zone)

    def units(self) -> QuerySet[Unit]:
        """The kantor camat and the kantor lurah/desa of its kelurahan/desa."""
        code = self.region_code
        return Unit.objects.filter(kabkota_code=self.kabkota_code).filter(
            Q(region__code=code) | Q(region__code__startswith=code + ".")
        )

    def scoped(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.filter(kabkota_code=self.kabkota_code, unit_id__in=self.units().values("pk"))


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    section: str
    compute: Callable[[Context], Value]
    unit: str = ""  # "%" for shares; shown after the number
    key_figure: bool = False  # shown as a column in the bupati's side-by-side view


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- pelayanan -----------------------------------------------------------------------------------------------


def _requests(ctx: Context) -> QuerySet[Any]:
    from pamong.servicerequests.models import ServiceRequest

    return ctx.scoped(ServiceRequest.objects.all())


def requests_received(ctx: Context) -> Value:
    return _requests(ctx).filter(submitted_at__gte=ctx.start_at, submitted_at__lt=ctx.end_at).count()


def _requests_finished(ctx: Context) -> QuerySet[Any]:
    from pamong.servicerequests.models import Status

    return _requests(ctx).filter(status=Status.SELESAI, finished_at__gte=ctx.start_at, finished_at__lt=ctx.end_at)


def requests_finished(ctx: Context) -> Value:
    return _requests_finished(ctx).count()


def requests_on_time(ctx: Context) -> Value:
    done = _requests_finished(ctx)
    return _share(done.filter(Q(due_at__isnull=True) | Q(finished_at__lte=F("due_at"))).count(), done.count())


def _complaints(ctx: Context) -> QuerySet[Any]:
    from pamong.complaints.models import Complaint

    return ctx.scoped(Complaint.objects.all())


def complaints_received(ctx: Context) -> Value:
    return _complaints(ctx).filter(submitted_at__gte=ctx.start_at, submitted_at__lt=ctx.end_at).count()


def _complaints_finished(ctx: Context) -> QuerySet[Any]:
    from pamong.complaints.models import Status

    return _complaints(ctx).filter(status=Status.SELESAI, finished_at__gte=ctx.start_at, finished_at__lt=ctx.end_at)


def complaints_finished(ctx: Context) -> Value:
    return _complaints_finished(ctx).count()


def complaints_on_time(ctx: Context) -> Value:
    done = _complaints_finished(ctx)
    return _share(done.filter(finished_at__lte=F("due_at")).count(), done.count())


def _survey_result(ctx: Context) -> Any:
    from pamong.surveys.models import SurveyResponse
    from pamong.surveys.selectors import result_of

    responses = SurveyResponse.objects.filter(
        kabkota_code=ctx.kabkota_code,
        survey__unit__in=ctx.units(),
        submitted_at__gte=ctx.start_at,
        submitted_at__lt=ctx.end_at,
    )
    return result_of(responses)


def ikm(ctx: Context) -> Value:
    value = _survey_result(ctx).ikm_unit
    return None if value is None else float(value)


def ikm_mutu(ctx: Context) -> Value:
    band = _survey_result(ctx).band
    return None if band is None else band.mutu


# --- pengaturan (coordination, apparatus discipline) --------------------------------------------------------------


def attendance_rate(ctx: Context) -> Value:
    from pamong.attendance.models import PRESENT, Attendance

    rows = ctx.scoped(Attendance.objects.all()).filter(date__gte=ctx.start, date__lte=ctx.end, non_working_day=False)
    return _share(rows.filter(status__in=PRESENT).count(), rows.count())


def meetings_held(ctx: Context) -> Value:
    from pamong.meetings.models import Meeting, MeetingStatus

    return (
        ctx.scoped(Meeting.objects.all())
        .filter(status=MeetingStatus.SELESAI, starts_at__gte=ctx.start_at, starts_at__lt=ctx.end_at)
        .count()
    )


def action_items_open(ctx: Context) -> Value:
    from pamong.meetings.models import OPEN_ACTIONS, ActionItem

    return ctx.scoped(ActionItem.objects.all()).filter(status__in=OPEN_ACTIONS, created_at__lt=ctx.end_at).count()


def action_items_overdue(ctx: Context) -> Value:
    from pamong.meetings.models import OPEN_ACTIONS, ActionItem

    return ctx.scoped(ActionItem.objects.all()).filter(status__in=OPEN_ACTIONS, deadline__lte=ctx.end).count()


def visits(ctx: Context) -> Value:
    from pamong.meetings.models import Visit

    return ctx.scoped(Visit.objects.all()).filter(visited_on__gte=ctx.start, visited_on__lte=ctx.end).count()


# --- pembangunan / pemberdayaan of the apparatus: training and formasi -------------------------------------------


def training_coverage(ctx: Context) -> Value:
    from pamong.training.models import Attendance, Participant

    trained = (
        ctx.scoped(Participant.objects.all())
        .filter(attendance=Attendance.HADIR, event__end_date__gte=ctx.start, event__end_date__lte=ctx.end)
        .values("employee_id")
        .distinct()
        .count()
    )
    staff = Employee.objects.filter(kabkota_code=ctx.kabkota_code, unit__in=ctx.units(), active=True).count()
    return _share(trained, staff)


def formasi_vacancies(ctx: Context) -> Value:
    from pamong.organization.models import FormasiNeed

    needed = ctx.scoped(FormasiNeed.objects.all()).filter(year=ctx.end.year)
    by_position = dict(needed.values_list("position_id", "needed"))
    if not by_position:
        return 0
    filled: dict[int, int] = {}
    for position_id in Employee.objects.filter(
        kabkota_code=ctx.kabkota_code, active=True, position_id__in=list(by_position)
    ).values_list("position_id", flat=True):
        filled[position_id] = filled.get(position_id, 0) + 1
    return sum(max(n - filled.get(pk, 0), 0) for pk, n in by_position.items())


def _programme(ctx: Context, code: str, field: str) -> Value:
    """One figure of a priority programme (programmes app) for the kecamatan; None where nothing was reported."""
    from pamong.programmes.selectors import programme_figures

    found = programme_figures(region_code=ctx.region_code, period_start=ctx.start, period_end=ctx.end).get(code)
    return found[field] if found and found["reported"] else None


def poverty_households(ctx: Context) -> Value:
    return _programme(ctx, "kemiskinan-ekstrem", "count_end")


def poverty_on_track(ctx: Context) -> Value:
    return _programme(ctx, "kemiskinan-ekstrem", "on_track_share")


def stunting_children(ctx: Context) -> Value:
    return _programme(ctx, "stunting", "count_end")


def stunting_on_track(ctx: Context) -> Value:
    return _programme(ctx, "stunting", "on_track_share")


FIGURES: list[Figure] = [
    Figure("requests_received", "Permohonan layanan diterima", "pelayanan", requests_received, key_figure=True),
    Figure("requests_finished", "Permohonan layanan selesai", "pelayanan", requests_finished),
    Figure("requests_on_time", "Permohonan selesai tepat waktu", "pelayanan", requests_on_time, "%", True),
    Figure("complaints_received", "Pengaduan diterima", "pelayanan", complaints_received, key_figure=True),
    Figure("complaints_finished", "Pengaduan selesai", "pelayanan", complaints_finished),
    Figure("complaints_on_time", "Pengaduan selesai tepat waktu", "pelayanan", complaints_on_time, "%"),
    Figure("ikm", "Indeks Kepuasan Masyarakat (IKM)", "pelayanan", ikm, key_figure=True),
    Figure("ikm_mutu", "Mutu pelayanan (SKM)", "pelayanan", ikm_mutu),
    Figure("attendance_rate", "Tingkat kehadiran pegawai", "pengaturan", attendance_rate, "%", True),
    Figure("meetings_held", "Rapat koordinasi dilaksanakan", "pengaturan", meetings_held),
    Figure("action_items_open", "Tindak lanjut rapat/kunjungan terbuka", "pengaturan", action_items_open),
    Figure("action_items_overdue", "Tindak lanjut lewat batas waktu", "pengaturan", action_items_overdue),
    Figure("visits", "Kunjungan kerja/evaluasi", "pembangunan", visits),
    Figure("training_coverage", "Pegawai yang mengikuti pelatihan", "pemberdayaan", training_coverage, "%"),
    Figure("formasi_vacancies", "Formasi jabatan yang masih kosong", "pemberdayaan", formasi_vacancies),
    Figure("poverty_households", "Rumah tangga miskin ekstrem (akhir periode)", "pemberdayaan", poverty_households),
    Figure(
        "poverty_on_track",
        "Kelurahan/desa sesuai jalur target kemiskinan ekstrem",
        "pemberdayaan",
        poverty_on_track,
        "%",
    ),
    Figure("stunting_children", "Anak stunting (akhir periode)", "pemberdayaan", stunting_children, key_figure=True),
    Figure("stunting_on_track", "Kelurahan/desa sesuai jalur target stunting", "pemberdayaan", stunting_on_track, "%"),
]


def display(value: Value, unit: str = "") -> str:
    """A figure's value as people read it: 1.234, 87,5%, 82,40 (IKM), A (mutu), — when there is none."""
    from pamong.core.templatetags.pamong import angka

    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if unit == "%":
        return angka(value, 1) + "%"
    if isinstance(value, float):
        return angka(value, 2)
    return angka(value)


def register(figure: Figure) -> None:
    """Add a figure (e.g. from the priority-programme app). A key registered twice replaces the earlier one."""
    FIGURES[:] = [f for f in FIGURES if f.key != figure.key] + [figure]


def by_key() -> dict[str, Figure]:
    return {f.key: f for f in FIGURES}


def compute_all(ctx: Context) -> dict[str, Value]:
    return {f.key: f.compute(ctx) for f in FIGURES}


def snapshot(ctx: Context) -> dict[str, Any]:
    """The frozen form stored on a submitted report: values, their labels, and when they were computed."""
    return {
        "computed_at": timezone.now().isoformat(),
        "figures": [
            {"key": f.key, "label": f.label, "section": f.section, "unit": f.unit, "value": f.compute(ctx)}
            for f in FIGURES
        ],
    }
