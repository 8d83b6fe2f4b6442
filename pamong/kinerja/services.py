"""Writes: the daily aggregates and the index weights.

``indicators_build`` rebuilds one (kabupaten/kota, local date): it deletes that day's rows and inserts them
again in one transaction, so running it twice gives the same rows with the same values.

Where the figures come from:

- requests: received = submitted that day; finished = reached ``selesai`` that day (``finished_at``); on time =
  finished no later than ``due_at``; backlog = submitted by the end of the day and not finished by then;
  median/p90 working days = working days (workdays calendar, both ends counted) from submission to finishing
  of the requests finished that day only.
- dwell: consecutive StatusChange rows of a request; the stay in ``to_status`` of one row lasts until the next
  row. It is counted on the day the stay ended, at the post and office the user who ended it held at that moment
  (the history's ``actor_position`` and ``actor_unit``: the officer who held and moved the work, as they were
  then — rebuilding a day after they moved gives the same rows), or at no position in the request's office for
  the applicant/system. The late part is the part after ``due_at``.
- complaints: received = submitted that day; answered = first change made by a staff user that day;
  finished/on time by ``finished_at`` vs ``due_at``; rating of complaints finished that day.
- IKM: the latest survey of the unit that started by that day (unit scale 25–100).
- attendance: records of the day on working days; present = hadir, terlambat, pulang cepat, dinas luar.
- meeting action items: due that day (not cancelled), closed on time = finished by the end of the deadline.
- camat reports: due = deadline on that day (``reports.selectors.punctuality_on``), on time = first submitted by
  the deadline; a period with no report at all counts as due and late."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from pamong.attendance.models import PRESENT, Attendance
from pamong.complaints.models import Complaint, ComplaintChange
from pamong.core import gate, versions
from pamong.core.errors import DomainError
from pamong.kinerja.models import EmployeeDay, IndexWeights, StageDwell, UnitDay
from pamong.meetings.models import ActionItem, ActionStatus
from pamong.organization.models import Unit
from pamong.regions.models import Region
from pamong.reports.selectors import punctuality_on
from pamong.servicerequests.models import CLOSED_STATUSES, ServiceRequest, Status, StatusChange
from pamong.surveys.models import Survey
from pamong.surveys.selectors import results_by_survey
from pamong.workdays.services import WorkCalendar

VERSION = "kinerja"
ONE_PLACE = Decimal("0.1")


def _bounds(day: dt.date, tz: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=1)


def _percentile(values: list[int], p: float) -> Decimal | None:
    """Linear-interpolated percentile (as PostgreSQL percentile_cont)."""
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    value = ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
    return Decimal(str(value)).quantize(ONE_PLACE)


def _local_date(value: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.date:
    return value.astimezone(tz).date()


@transaction.atomic
def indicators_build(*, day: dt.date, kabkota_code: str) -> int:
    """Rebuild every aggregate of one kabupaten/kota for one local date. Returns the number of rows written."""
    region = Region.objects.filter(code=kabkota_code).first()
    if region is None:
        raise DomainError("Kabupaten/kota tidak dikenal.")
    tz = zoneinfo.ZoneInfo(region.timezone)
    start, end = _bounds(day, tz)
    units = list(Unit.objects.filter(kabkota_code=kabkota_code).values_list("pk", flat=True))
    rows: dict[int, dict[str, Any]] = {pk: {} for pk in units}

    def put(unit_id: int, field: str, value: Any) -> None:
        if unit_id in rows:
            rows[unit_id][field] = value

    requests = ServiceRequest.objects.filter(kabkota_code=kabkota_code).order_by()
    for row in requests.filter(submitted_at__gte=start, submitted_at__lt=end).values("unit_id").annotate(n=Count("pk")):
        put(row["unit_id"], "requests_received", row["n"])
    backlog = requests.filter(submitted_at__lt=end).filter(
        Q(finished_at__isnull=True) & ~Q(status__in=CLOSED_STATUSES) | Q(finished_at__gte=end)
    )
    for row in backlog.values("unit_id").annotate(n=Count("pk")):
        put(row["unit_id"], "backlog", row["n"])

    finished: list[Any] = list(
        requests.filter(status=Status.SELESAI, finished_at__gte=start, finished_at__lt=end).values_list(
            "unit_id", "assignee_id", "submitted_at", "finished_at", "due_at"
        )
    )
    calendar = WorkCalendar.load(
        min((_local_date(f[2], tz) for f in finished), default=day) - dt.timedelta(days=1), day
    )
    by_unit: dict[int, list[int]] = defaultdict(list)
    by_employee: dict[tuple[int, int], list[int]] = defaultdict(list)
    on_time: dict[int, int] = defaultdict(int)
    for unit_id, assignee_id, submitted_at, finished_at, due_at in finished:
        days = calendar.count_between(_local_date(submitted_at, tz), _local_date(finished_at, tz))
        by_unit[unit_id].append(days)
        if assignee_id:
            by_employee[(assignee_id, unit_id)].append(days)
        if due_at is None or finished_at <= due_at:
            on_time[unit_id] += 1
    for unit_id, values in by_unit.items():
        put(unit_id, "requests_finished", len(values))
        put(unit_id, "requests_on_time", on_time[unit_id])
        put(unit_id, "median_workdays", _percentile(values, 0.5))
        put(unit_id, "p90_workdays", _percentile(values, 0.9))

    # Complaints.
    complaints = Complaint.objects.filter(kabkota_code=kabkota_code).order_by()
    for row in (
        complaints.filter(submitted_at__gte=start, submitted_at__lt=end).values("unit_id").annotate(n=Count("pk"))
    ):
        put(row["unit_id"], "complaints_received", row["n"])
    staff_changes = ComplaintChange.objects.filter(complaint__kabkota_code=kabkota_code, actor__isnull=False)
    today_ids = set(staff_changes.filter(at__gte=start, at__lt=end).values_list("complaint_id", flat=True))
    earlier = set(staff_changes.filter(complaint_id__in=today_ids, at__lt=start).values_list("complaint_id", flat=True))
    answered: dict[int, int] = defaultdict(int)
    for unit_id in complaints.filter(pk__in=today_ids - earlier).values_list("unit_id", flat=True):
        answered[unit_id] += 1
    for unit_id, n in answered.items():
        put(unit_id, "complaints_answered", n)
    done: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for unit_id, finished_at, due_at, rating in complaints.filter(
        finished_at__gte=start, finished_at__lt=end
    ).values_list("unit_id", "finished_at", "due_at", "rating"):
        figures = done[unit_id]
        figures[0] += 1
        figures[1] += 1 if finished_at is not None and finished_at <= due_at else 0
        if rating:
            figures[2] += rating
            figures[3] += 1
    for unit_id, (n, timely, rating_sum, rating_count) in done.items():
        put(unit_id, "complaints_finished", n)
        put(unit_id, "complaints_on_time", timely)
        put(unit_id, "rating_sum", rating_sum)
        put(unit_id, "rating_count", rating_count)

    # IKM: the latest survey of each unit that started by this day.
    latest: dict[int, Survey] = {}
    for survey in Survey.objects.filter(kabkota_code=kabkota_code, period_start__lte=day).order_by(
        "unit_id", "-period_start", "-pk"
    ):
        latest.setdefault(survey.unit_id, survey)
    for survey_pk, result in results_by_survey(latest.values()).items():
        ikm = result.ikm_unit
        if ikm is not None:
            unit_id = next(s.unit_id for s in latest.values() if s.pk == survey_pk)
            put(unit_id, "ikm", ikm.quantize(Decimal("0.01")))

    # Attendance.
    for row in (
        Attendance.objects.filter(kabkota_code=kabkota_code, date=day, non_working_day=False)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), present=Count("pk", filter=Q(status__in=list(PRESENT))))
    ):
        put(row["unit_id"], "attendance_expected", row["n"])
        put(row["unit_id"], "attendance_present", row["present"])

    # Meeting action items due this day.
    for row in (
        ActionItem.objects.filter(kabkota_code=kabkota_code, deadline=day)
        .exclude(status=ActionStatus.DIBATALKAN)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"), timely=Count("pk", filter=Q(status=ActionStatus.SELESAI, finished_at__lt=end)))
    ):
        put(row["unit_id"], "actions_due", row["n"])
        put(row["unit_id"], "actions_on_time", row["timely"])

    # Camat reports due this day.
    for unit_id, (due, timely) in punctuality_on(kabkota_code=kabkota_code, day=day, tz=tz).items():
        put(unit_id, "reports_due", due)
        put(unit_id, "reports_on_time", timely)

    # Dwell per stage and position: stays that ended this day.
    dwell: dict[tuple[int, str, int | None], list[int]] = defaultdict(lambda: [0, 0, 0])
    ended_today = StatusChange.objects.filter(request__kabkota_code=kabkota_code, at__gte=start, at__lt=end).values(
        "request_id"
    )
    history = (
        StatusChange.objects.filter(request_id__in=ended_today, at__lt=end)
        .order_by("request_id", "at", "id")
        .values_list(
            "request_id",
            "to_status",
            "at",
            "actor_position_id",
            Coalesce("actor_unit_id", "request__unit_id"),
            "request__due_at",
        )
    )
    previous: tuple[Any, ...] | None = None
    for change in history:
        if previous is not None and previous[0] == change[0] and change[2] >= start:
            seconds = int((change[2] - previous[2]).total_seconds())
            due_at = change[5]
            late = 0
            if due_at is not None and change[2] > due_at:
                late = int((change[2] - max(previous[2], due_at)).total_seconds())
            figures = dwell[(change[4], previous[1], change[3])]
            figures[0] += 1
            figures[1] += seconds
            figures[2] += late
        previous = change

    UnitDay.objects.filter(kabkota_code=kabkota_code, day=day).delete()
    EmployeeDay.objects.filter(kabkota_code=kabkota_code, day=day).delete()
    StageDwell.objects.filter(kabkota_code=kabkota_code, day=day).delete()
    made = UnitDay.objects.bulk_create(
        [UnitDay(kabkota_code=kabkota_code, unit_id=pk, day=day, **fields) for pk, fields in rows.items()]
    )
    employees = EmployeeDay.objects.bulk_create(
        [
            EmployeeDay(
                kabkota_code=kabkota_code,
                unit_id=unit_id,
                employee_id=employee_id,
                day=day,
                finished=len(values),
                workdays_sum=sum(values),
                median_workdays=_percentile(values, 0.5),
            )
            for (employee_id, unit_id), values in by_employee.items()
        ]
    )
    stays = StageDwell.objects.bulk_create(
        [
            StageDwell(
                kabkota_code=kabkota_code,
                unit_id=unit_id,
                day=day,
                status=status,
                position_id=position_id,
                stays=n,
                dwell_seconds=seconds,
                late_seconds=late,
            )
            for (unit_id, status, position_id), (n, seconds, late) in dwell.items()
            if unit_id in rows
        ]
    )
    transaction.on_commit(lambda: versions.bump(VERSION))
    return len(made) + len(employees) + len(stays)


def indicators_backfill(
    *, first: dt.date, last: dt.date, kabkota_code: str, progress: Callable[[str], None] | None = None
) -> int:
    """Rebuild every day from ``first`` to ``last`` (each day in its own transaction)."""
    if last < first:
        raise DomainError("Tanggal akhir sebelum tanggal awal.")
    total = 0
    day = first
    while day <= last:
        made = indicators_build(day=day, kabkota_code=kabkota_code)
        total += made
        if progress:
            progress(f"{day:%Y-%m-%d}: {made} baris")
        day += dt.timedelta(days=1)
    return total


@transaction.atomic
def weights_update(*, actor: Any, kabkota_code: str, values: dict[str, int]) -> IndexWeights:
    """Save the composite-index weights of a kabupaten/kota. At least one weight must be above zero."""
    gate.require(actor, "kinerja.edit_weights")
    if not any(values.get(k, 0) > 0 for k in ("pelayanan", "pengaduan", "kepuasan", "disiplin", "pelaporan")):
        raise DomainError("Setidaknya satu bobot harus lebih dari nol.")
    weights, _ = IndexWeights.objects.select_for_update().get_or_create(kabkota_code=kabkota_code)
    for key, value in values.items():
        setattr(weights, key, value)
    weights.save()
    transaction.on_commit(lambda: versions.bump(VERSION))
    return weights
