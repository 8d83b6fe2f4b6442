"""Reads for attendance, already scoped to the viewer: the monthly recap (a few grouped queries, never one per
employee), a unit's day sheet, an employee's own month, and the section of the employee page."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils.formats import date_format

from pamong.attendance.models import PRESENT, Attendance, AttendanceChange, Status
from pamong.core import gate
from pamong.core.formats import MONTHS
from pamong.core.scope import scope_of
from pamong.organization.models import Employee, Unit
from pamong.regions.models import Region
from pamong.workdays.services import WorkCalendar

# Discipline flags on the monthly recap.
FLAG_TANPA_KETERANGAN = 3  # days without explanation in the month
FLAG_TERLAMBAT = 5  # times late in the month
FLAG_NO_RECORD = 3  # working days with no record at all

STATUSES: tuple[str, ...] = tuple(Status.values)  # Status.values is rebuilt on every access; loops use this


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


@dataclass
class Counts:
    """Counts per status on working days, late minutes, and how many working days they cover."""

    by_status: dict[str, int] = field(default_factory=dict)
    late_minutes: int = 0
    working_days: int = 0  # person-days for a group
    off_day_records: int = 0  # records on days off (piket, dinas luar at the weekend)

    def n(self, status: str) -> int:
        return self.by_status.get(status, 0)

    @property
    def recorded(self) -> int:
        return sum(self.by_status.values())

    @property
    def present(self) -> int:
        return sum(self.by_status.get(s, 0) for s in PRESENT)

    @property
    def no_record(self) -> int:
        return max(0, self.working_days - self.recorded)

    @property
    def rate(self) -> float | None:
        """Hadir + terlambat + pulang cepat + dinas luar over working days."""
        return self.present / self.working_days if self.working_days else None

    @property
    def rate_label(self) -> str:
        """The rate as people read it: 89,5% (rounded, not cut off), or a dash without working days."""
        rate = self.rate
        return "—" if rate is None else f"{100 * rate:.1f}".replace(".", ",") + "%"

    def add(self, other: Counts) -> None:
        for status, n in other.by_status.items():
            self.by_status[status] = self.by_status.get(status, 0) + n
        self.late_minutes += other.late_minutes
        self.working_days += other.working_days
        self.off_day_records += other.off_day_records

    def column(self, status: str) -> int:
        return self.n(status)

    def status_columns(self) -> list[int]:
        return [self.n(s) for s in STATUSES]


@dataclass
class EmployeeRow:
    employee_id: int
    name: str
    nip: str | None
    position: str
    unit_id: int
    unit_name: str
    counts: Counts

    @property
    def flags(self) -> list[str]:
        c = self.counts
        found = []
        if c.n(Status.TANPA_KETERANGAN) >= FLAG_TANPA_KETERANGAN:
            found.append(f"Tanpa keterangan {c.n(Status.TANPA_KETERANGAN)} hari")
        if c.n(Status.TERLAMBAT) >= FLAG_TERLAMBAT:
            found.append(f"Terlambat {c.n(Status.TERLAMBAT)} kali")
        if c.no_record >= FLAG_NO_RECORD:
            found.append(f"{c.no_record} hari tanpa catatan")
        return found

    @property
    def nip_display(self) -> str:
        from pamong.organization.nip import format_nip

        return format_nip(self.nip) if self.nip else "—"


@dataclass
class GroupRow:
    key: str
    name: str
    employees: int = 0
    flagged: int = 0
    counts: Counts = field(default_factory=Counts)


@dataclass
class MonthRecap:
    year: int
    month: int
    first: dt.date
    until: dt.date | None  # the last day counted (yesterday in the running month); None before the month began
    working_days: int
    employees: list[EmployeeRow]
    units: list[GroupRow]
    kecamatan: list[GroupRow]
    total: GroupRow

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)

    @property
    def until_label(self) -> str:
        return date_format(self.until, "j F Y") if self.until else "—"

    @property
    def flagged(self) -> list[EmployeeRow]:
        return [e for e in self.employees if e.flags]


def recap_employees(viewer: Any) -> Any:
    """The employees whose recap the viewer may read: a petugas only themself, others their scope."""
    qs = Employee.objects.visible_to(viewer).filter(active=True)
    if not gate.can(viewer, "attendance.see_colleagues"):
        qs = qs.filter(pk=getattr(viewer, "employee_id", None) or 0)
    return qs


def month_bounds(year: int, month: int, today: dt.date) -> tuple[dt.date, dt.date | None]:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    until = min(last, today - dt.timedelta(days=1))
    return first, (until if until >= first else None)


def _status_counts(rows: Any) -> Any:
    return rows.annotate(
        **{f"n_{s}": Count("id", filter=Q(status=s, non_working_day=False)) for s in STATUSES},
        late=Sum("late_minutes", filter=Q(non_working_day=False)),
        off=Count("id", filter=Q(non_working_day=True)),
    )


def _counts(row: dict[str, Any], working_days: int) -> Counts:
    return Counts(
        by_status={s: row[f"n_{s}"] for s in STATUSES if row[f"n_{s}"]},
        late_minutes=row["late"] or 0,
        working_days=working_days,
        off_day_records=row["off"],
    )


def monthly_recap(
    *,
    viewer: Any,
    year: int,
    month: int,
    today: dt.date,
    unit_id: int | None = None,
    kecamatan: str = "",
    kabkota_code: str = "",
) -> MonthRecap:
    """The month of every employee the viewer may see (optionally one unit or one kecamatan), grouped by unit,
    kecamatan and in total. Four queries whatever the number of employees. ``viewer=None`` is the system itself
    (background tasks): then ``kabkota_code`` says whose employees."""
    first, until = month_bounds(year, month, today)
    if viewer is None:
        employees = Employee.objects.filter(kabkota_code=kabkota_code, active=True)
    else:
        employees = recap_employees(viewer)
    if unit_id:
        employees = employees.filter(unit_id=unit_id)
    if kecamatan:
        employees = employees.filter(
            Q(unit__region__code=kecamatan) | Q(unit__region__code__startswith=kecamatan + ".")
        )
    people = list(
        employees.order_by(
            "unit__region_id", "unit_id", F("position__order").asc(nulls_last=True), "name", "id"
        ).values_list(
            "pk",
            "name",
            "title_prefix",
            "title_suffix",
            "nip",
            "position__title",
            "unit_id",
            "unit__name",
            "unit__region_id",
            "kabkota_code",
        )
    )
    working_days = 0
    by_employee: dict[int, dict[str, Any]] = {}
    if until is not None and people:
        calendar_ = WorkCalendar.load(first, until)
        working_days = calendar_.count_between(first, until)
        codes = sorted({p[9] for p in people})
        rows = (
            Attendance.objects.filter(kabkota_code__in=codes, date__range=(first, until), employee__in=employees)
            .order_by()
            .values("employee_id")
        )
        by_employee = {r["employee_id"]: r for r in _status_counts(rows)}
    empty = {f"n_{s}": 0 for s in STATUSES} | {"late": 0, "off": 0}
    result: list[EmployeeRow] = []
    units: dict[int, GroupRow] = {}
    districts: dict[str, GroupRow] = {}
    total = GroupRow("", "Jumlah")
    for pk, name, prefix, suffix, nip, position, u_id, u_name, region, _code in people:
        full = f"{prefix} {name}".strip()
        full = f"{full}, {suffix}" if suffix else full
        row = EmployeeRow(
            pk, full, nip, position or "", u_id, u_name, _counts(by_employee.get(pk, empty), working_days)
        )
        result.append(row)
        flagged = 1 if row.flags else 0
        district = region[:8] if len(region) >= 8 else region
        for group in (
            units.setdefault(u_id, GroupRow(str(u_id), u_name)),
            districts.setdefault(district, GroupRow(district, district)),
        ):
            group.employees += 1
            group.flagged += flagged
            group.counts.add(row.counts)
        total.employees += 1
        total.flagged += flagged
        total.counts.add(row.counts)
    names = dict(Region.objects.filter(code__in=list(districts)).values_list("code", "name")) if districts else {}
    for code, district_row in districts.items():
        name = names.get(code, code)
        district_row.name = name if len(code) > 5 else f"{name} (tingkat kabupaten/kota)"
    return MonthRecap(
        year=year,
        month=month,
        first=first,
        until=until,
        working_days=working_days,
        employees=result,
        units=list(units.values()),
        kecamatan=sorted(districts.values(), key=lambda g: g.key),
        total=total,
    )


def recap_rows(recap: MonthRecap) -> list[list[Any]]:
    """The per-employee recap as spreadsheet rows (the same columns as the page; a count of zero is a blank
    cell, which also keeps a workbook of thousands of employees quick to write)."""
    out = []
    for e in recap.employees:
        c = e.counts
        out.append(
            [
                e.name,
                e.nip or None,
                e.position or None,
                e.unit_name,
                c.working_days,
                *(n or None for n in c.status_columns()),  # blank for zero: the sheet reads like the page
                c.late_minutes,
                c.no_record,
                round(100 * c.rate, 1) if c.rate is not None else None,
                c.off_day_records or None,
                "; ".join(e.flags) or None,
            ]
        )
    return out


def group_rows(groups: list[GroupRow]) -> list[list[Any]]:
    return [
        [
            g.name,
            g.employees,
            g.counts.working_days,
            *g.counts.status_columns(),
            g.counts.late_minutes,
            g.counts.no_record,
            round(100 * g.counts.rate, 1) if g.counts.rate is not None else None,
            g.flagged,
        ]
        for g in groups
    ]


# Day sheet, own month, a record -------------------------------------------------------------------------------


def day_sheet(*, unit: Unit, day: dt.date) -> tuple[list[Employee], dict[int, Attendance]]:
    """The unit's active employees and their records on ``day``: two queries for any size of unit."""
    people = list(
        Employee.objects.filter(unit=unit, active=True)
        .select_related("position")
        .order_by(F("position__order").asc(nulls_last=True), "name", "id")
    )
    records = {
        r.employee_id: r
        for r in Attendance.objects.filter(kabkota_code=unit.kabkota_code, unit=unit, date=day, employee__in=people)
    }
    return people, records


def own_month(*, employee: Employee, year: int, month: int) -> list[Attendance]:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return list(
        Attendance.objects.filter(
            kabkota_code=employee.kabkota_code, employee=employee, date__range=(first, last)
        ).order_by("-date")
    )


def history(attendance: Attendance) -> list[AttendanceChange]:
    """Corrections of a record, oldest first, with the status labels of both sides."""
    changes = list(AttendanceChange.objects.filter(attendance=attendance).order_by("at", "id"))
    labels = dict(Status.choices)
    for c in changes:
        c.old_label = labels.get(c.old_values.get("status"), "—")  # type: ignore[attr-defined]
        c.new_label = labels.get(c.new_values.get("status"), "—")  # type: ignore[attr-defined]
    return changes


def managed_units(viewer: Any) -> list[Unit]:
    """Units whose day sheet the viewer fills (the gate's ``attendance.record``): their own unit (kepala unit,
    sekretaris), any unit for admins."""
    if not gate.can(viewer, "attendance.keep_day_sheet"):
        return []
    if scope_of(viewer).everything:
        candidates = Unit.objects.all()
    else:
        employee = getattr(viewer, "employee", None)
        candidates = Unit.objects.filter(pk=employee.unit_id) if employee is not None else Unit.objects.none()
    units = candidates.select_related("region").order_by("region_id", "kind")
    return [u for u in units if gate.can(viewer, "attendance.record", u)]


def recap_filters(viewer: Any) -> tuple[list[Unit], list[Region]]:
    """The units and kecamatan the viewer may narrow the recap to."""
    scope = scope_of(viewer)
    if not scope.everything and not scope.region_code:
        return [], []
    units = list(Unit.objects.visible_to(viewer).order_by("region_id", "kind"))
    codes = {u.region_id[:8] for u in units if len(u.region_id) >= 8}
    kecamatan = list(Region.objects.filter(code__in=codes).order_by("code"))
    return units, kecamatan


# The employee page --------------------------------------------------------------------------------------------


def employee_section(*, employee: Employee, viewer: Any, today: dt.date | None = None) -> dict[str, Any]:
    """This month so far and the last records of an employee, for the employee page. Empty when the viewer may
    not see the employee's attendance. A few queries whatever the history."""
    from django.utils import timezone

    today = today or timezone.localdate()
    visible = Attendance.objects.visible_to(viewer).filter(employee=employee)
    allowed = recap_employees(viewer).filter(pk=employee.pk).exists()
    if not allowed:
        return {"visible": False}
    first, until = month_bounds(today.year, today.month, today)
    counts = Counts()
    if until is not None:
        working_days = WorkCalendar.load(first, until).count_between(first, until)
        rows = _status_counts(
            Attendance.objects.filter(kabkota_code=employee.kabkota_code, employee=employee, date__range=(first, until))
            .order_by()
            .values("employee_id")
        )
        row = next(iter(rows), None)
        empty = {f"n_{s}": 0 for s in STATUSES} | {"late": 0, "off": 0}
        counts = _counts(row or empty, working_days)
    line = EmployeeRow(employee.pk, employee.full_name, employee.nip, "", employee.unit_id, "", counts)
    return {
        "visible": True,
        "employee": employee,
        "month": month_label(today.year, today.month),
        "until": date_format(until, "j F Y") if until else "",
        "counts": counts,
        "flags": line.flags,
        "recent": list(visible.order_by("-date")[:5]),
        "statuses": [(label, counts.n(value)) for value, label in Status.choices],
    }
