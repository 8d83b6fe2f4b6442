"""Attendance pages: Kehadiran saya (check in/out), a single record, the unit's day sheet, a record with its
corrections, office hours, and the monthly recap with its spreadsheet."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from pamong.attendance.forms import (
    CheckForm,
    CorrectionForm,
    DaySheetForm,
    RecordForm,
    ScheduleForm,
    new_token,
    parse_day,
    parse_month,
)
from pamong.attendance.models import Attendance, DocumentAccess, Status, WorkSchedule
from pamong.attendance.report import recap_chart, recap_xlsx
from pamong.attendance.schedule import BUILT_IN, schedules_for
from pamong.attendance.selectors import (
    FLAG_NO_RECORD,
    FLAG_TANPA_KETERANGAN,
    FLAG_TERLAMBAT,
    day_sheet,
    employee_section,
    history,
    managed_units,
    monthly_recap,
    own_month,
    recap_filters,
)
from pamong.attendance.services import (
    DaySheetErrors,
    attendance_check_in,
    attendance_check_out,
    attendance_correct,
    attendance_record,
    attendance_record_day,
    local_now,
    schedule_save,
)
from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.uploads import stored_file_response
from pamong.core.xlsx import xlsx_response
from pamong.organization.models import Employee, Unit
from pamong.workdays.services import WorkCalendar

EMPLOYEE_ROWS = 300


def _employee(request: HttpRequest) -> Employee | None:
    employee = getattr(request.user, "employee", None)
    return employee if employee is not None and employee.active else None


def _today(request: HttpRequest) -> dt.date:
    employee = _employee(request)
    if employee is not None:
        return local_now(employee.unit).date()
    return timezone.localdate()


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Kehadiran saya: today, the buttons, and this month."""
    employee = _employee(request)
    if employee is None:
        return redirect("attendance:recap")
    employee = Employee.objects.select_related("unit__region", "position").get(pk=employee.pk)
    now = local_now(employee.unit)
    records = own_month(employee=employee, year=now.year, month=now.month)
    today = next((r for r in records if r.date == now.date()), None)
    start, end = schedules_for([employee.unit])[employee.unit_id].hours_on(now.date())
    return render(
        request,
        "attendance/mine.html",
        {
            "employee": employee,
            "now": now,
            "today": today,
            "hours": (start, end),
            "records": records,
            "section": employee_section(employee=employee, viewer=request.user, today=now.date()),
            "form": CheckForm(),
            "can_manage": bool(managed_units(request.user)),
        },
    )


def _check(request: HttpRequest, action: str) -> HttpResponse:
    form = CheckForm(request.POST)
    if not form.is_valid():
        problems = sorted({str(e) for errors in form.errors.values() for e in errors})
        messages.error(request, " ".join(problems) + " Absen belum tercatat; ulangi.")
        return redirect("attendance:mine")
    lat, lon = form.coordinates()
    try:
        if action == "in":
            record = attendance_check_in(actor=request.user, lat=lat, lon=lon)
            text = f"Absen masuk pukul {record.check_in:%H.%M} tercatat"
            if record.late_minutes:
                text += f" (terlambat {record.late_minutes} menit)"
        else:
            record = attendance_check_out(actor=request.user, lat=lat, lon=lon)
            text = f"Absen pulang pukul {record.check_out:%H.%M} tercatat"
            if record.early_minutes:
                text += f" ({record.early_minutes} menit sebelum jam pulang)"
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, text + ".")
    return redirect("attendance:mine")


@login_required
@require_POST
def check_in(request: HttpRequest) -> HttpResponse:
    return _check(request, "in")


@login_required
@require_POST
def check_out(request: HttpRequest) -> HttpResponse:
    return _check(request, "out")


def _recordable(request: HttpRequest) -> tuple[list[Employee], bool]:
    """Employees the user may record a day for, and whether it is only themself."""
    units = managed_units(request.user)
    if units:
        people = list(
            Employee.objects.filter(unit__in=units, active=True).select_related("unit__region").order_by("name")
        )
        return people, False
    employee = _employee(request)
    if employee is None:
        return [], True
    return [Employee.objects.select_related("unit__region").get(pk=employee.pk)], True


@login_required
def record_new(request: HttpRequest) -> HttpResponse:
    employees, self_only = _recordable(request)
    if not employees:
        raise Http404("Tidak ada pegawai yang dapat Anda catat kehadirannya.")
    today = _today(request)
    initial = {"token": new_token(), "date": today, "employee": employees[0].pk if self_only else None}
    if request.GET.get("pegawai", "").isdigit():
        initial["employee"] = int(request.GET["pegawai"])
    form = RecordForm(
        request.POST or None, request.FILES or None, employees=employees, self_only=self_only, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = attendance_record(
                employee=form.employee_instance(),
                day=form.cleaned_data["date"],
                entry=form.entry(),
                actor=request.user,
                token=form.cleaned_data["token"],
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Kehadiran {record.employee.full_name} tercatat: {record.get_status_display()}.")
            return redirect("attendance:detail", pk=record.pk)
    return render(
        request,
        "attendance/record_new.html",
        {"form": form, "self_only": self_only},
        status=400 if form.errors else 200,
    )


@login_required
def day_sheet_view(request: HttpRequest) -> HttpResponse:
    """Daftar hadir harian: every active employee of the unit on one day, one submit."""
    units = managed_units(request.user)
    if not units:
        raise Http404("Daftar hadir harian diisi oleh kepala unit atau sekretaris.")
    unit = units[0]
    if len(units) > 1 and request.GET.get("unit", "").isdigit():
        unit = next((u for u in units if u.pk == int(request.GET["unit"])), unit)
    today = local_now(unit).date()
    error = ""
    try:
        day = parse_day(request.GET.get("tanggal", ""), today)
    except DomainError as exc:
        day, error = today, exc.message
    people, recorded = day_sheet(unit=unit, day=day)
    form = DaySheetForm(
        request.POST or None,
        employees=people,
        recorded=recorded,
        prefill=request.GET.get("isi", ""),
        initial={"token": new_token()},
    )
    if request.method == "POST" and form.is_valid():
        entries = form.entries()
        if form.is_valid():
            try:
                made = attendance_record_day(
                    unit=unit, day=day, entries=entries, actor=request.user, token=form.cleaned_data["token"]
                )
            except DaySheetErrors as exc:
                for row in exc.rows:
                    row.attach_to(form)
                form.add_error(None, exc.message)
            except DomainError as exc:
                exc.attach_to(form)
            else:
                messages.success(request, f"{made} catatan kehadiran disimpan.")
                return redirect(f"{reverse('attendance:day')}?tanggal={day.isoformat()}&unit={unit.pk}")
    schedule = schedules_for([unit])[unit.pk]
    return render(
        request,
        "attendance/day.html",
        {
            "form": form,
            "unit": unit,
            "units": units,
            "day": day,
            "today": today,
            "error": error,
            "hours": schedule.hours_on(day),
            "tolerance": schedule.tolerance_minutes,
            "day_off": not WorkCalendar.load(day, day).is_working_day(day),
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1) if day < today else None,
            "statuses": Status.choices,
        },
        status=400 if form.errors or error else 200,
    )


def _record(request: HttpRequest, pk: int) -> Attendance:
    return get_object_or_404(
        Attendance.objects.visible_to(request.user).select_related(
            "employee__position", "unit__region", "recorded_by__employee"
        ),
        pk=pk,
    )


def _detail(request: HttpRequest, record: Attendance, form: CorrectionForm | None = None) -> HttpResponse:
    can_correct = gate.can(request.user, "attendance.correct", record)
    return render(
        request,
        "attendance/detail.html",
        {
            "r": record,
            "history": history(record),
            "can_correct": can_correct,
            "form": form or (CorrectionForm(attendance=record) if can_correct else None),
            "sees_document": bool(record.document) and _sees_document(request, record),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _record(request, pk))


@login_required
@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    if not gate.can(request.user, "attendance.correct", record):
        raise Http404("Hanya kepala unit atau sekretaris unit ini yang dapat mengoreksi kehadiran.")
    form = CorrectionForm(request.POST, request.FILES, attendance=record)
    if form.is_valid():
        try:
            attendance_correct(
                attendance=record,
                actor=request.user,
                version=form.cleaned_data["version"],
                entry=form.entry(),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Koreksi disimpan; nilai lama tetap tercatat di riwayat.")
            return redirect("attendance:detail", pk=record.pk)
    return _detail(request, record, form)


def _sees_document(request: HttpRequest, record: Attendance) -> bool:
    """A doctor's letter is health data: the employee themself and the unit's kepala/sekretaris only."""
    return gate.can(request.user, "attendance.see_document", record)


@login_required
def document(request: HttpRequest, pk: int) -> FileResponse:
    record = _record(request, pk)
    if not record.document or not _sees_document(request, record):
        raise Http404("Surat ini hanya dapat dibuka oleh pegawai yang bersangkutan dan pimpinan unitnya.")
    DocumentAccess.objects.create(attendance=record, user=request.user)  # type: ignore[misc]
    name = (record.document.name or "surat").rsplit("/", 1)[-1]
    return stored_file_response(
        record.document, record.document_type or "application/pdf", cache="private, no-store", name=name
    )


@login_required
def recap(request: HttpRequest) -> HttpResponse:
    """Rekap bulanan: per employee, per unit, per kecamatan (as far as the viewer sees), with flags and XLSX."""
    today = _today(request)
    units, kecamatan = recap_filters(request.user)
    error = ""
    try:
        year, month = parse_month(request.GET.get("bulan", ""), today)
    except DomainError as exc:
        (year, month), error = (today.year, today.month), exc.message
    unit_id = int(request.GET["unit"]) if request.GET.get("unit", "").isdigit() else None
    if unit_id and unit_id not in {u.pk for u in units}:
        unit_id = None
    district = request.GET.get("kecamatan", "")
    if district not in {k.code for k in kecamatan}:
        district = ""
    result = monthly_recap(
        viewer=request.user, year=year, month=month, today=today, unit_id=unit_id, kecamatan=district
    )
    if request.GET.get("format") == "xlsx" and not error:
        suffix = f"-{unit_id}" if unit_id else (f"-{district}" if district else "")
        return xlsx_response(f"rekap-kehadiran-{year}-{month:02d}{suffix}.xlsx", recap_xlsx(result))
    months = []
    y, m = today.year, today.month
    for _ in range(12):
        months.append((f"{y}-{m:02d}", f"{m:02d}/{y}"))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    query = request.GET.copy()
    query["format"] = "xlsx"
    return render(
        request,
        "attendance/recap.html",
        {
            "recap": result,
            "units": units,
            "kecamatan": kecamatan,
            "unit_id": unit_id,
            "district": district,
            "months": months,
            "selected_month": f"{year}-{month:02d}",
            "xlsx_query": query.urlencode(),
            "chart": recap_chart(result) if len(result.units) > 1 else "",
            "statuses": Status.choices,
            "error": error,
            "flag_rules": (FLAG_TANPA_KETERANGAN, FLAG_TERLAMBAT, FLAG_NO_RECORD),
            "show_units": len(result.units) > 1,
            # A whole kabupaten/kota is thousands of rows: the page lists the flagged ones, the XLSX everyone.
            "all_employees": len(result.employees) <= EMPLOYEE_ROWS or bool(unit_id),
            "employee_rows": result.employees
            if len(result.employees) <= EMPLOYEE_ROWS or unit_id
            else result.flagged[:EMPLOYEE_ROWS],
            "show_kecamatan": len(result.kecamatan) > 1,
        },
        status=400 if error else 200,
    )


@login_required
def schedules(request: HttpRequest) -> HttpResponse:
    """Jam kerja: the kabupaten/kota default and the units' own hours; a unit's kepala/sekretaris set theirs."""
    user = request.user
    # Who may set the kabupaten/kota default (admins) picks any unit; a unit's head or secretary gets their own.
    sets_default = gate.can(user, "attendance.set_hours", None)
    own = managed_units(user)
    unit: Unit | None = None
    if own and not sets_default:
        unit = own[0]
    elif sets_default and request.GET.get("unit", "").isdigit():
        unit = Unit.objects.select_related("region").filter(pk=int(request.GET["unit"])).first()
    employee = _employee(request)
    kabkota = unit.kabkota_code if unit else (employee.kabkota_code if employee else request.GET.get("kabkota", ""))
    if sets_default and not kabkota:
        kabkota = Unit.objects.values_list("kabkota_code", flat=True).first() or ""
    can_edit = gate.can(user, "attendance.set_hours", unit)
    current = (
        schedules_for([unit])[unit.pk]
        if unit
        else (WorkSchedule.objects.filter(kabkota_code=kabkota, unit=None).first() or BUILT_IN)
    )
    initial = {f: getattr(current, f) for f in ScheduleForm.base_fields}
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise Http404("Jam kerja diubah oleh kepala unit, sekretaris atau admin.")
        if form.is_valid():
            try:
                schedule_save(kabkota_code=kabkota, unit=unit, hours=form.hours(), actor=user)
            except DomainError as exc:
                exc.attach_to(form)
            else:
                messages.success(request, "Jam kerja disimpan. Berlaku untuk catatan berikutnya.")
                return redirect(request.get_full_path())
    own_rows = list(
        WorkSchedule.objects.filter(kabkota_code=kabkota, unit__in=Unit.objects.visible_to(user))
        .select_related("unit")
        .order_by("unit__region_id")
    )
    default = WorkSchedule.objects.filter(kabkota_code=kabkota, unit=None).first() or BUILT_IN
    return render(
        request,
        "attendance/schedules.html",
        {
            "form": form,
            "unit": unit,
            "can_edit": can_edit,
            "default": default,
            "own_rows": own_rows,
            "uses_default": unit is not None and current.unit_id is None,
        },
        status=400 if form.errors else 200,
    )
