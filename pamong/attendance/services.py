"""Writes for attendance: the employee's own check-in and check-out, a single record, the unit's day sheet,
corrections (always with a reason and a change row), and office hours.

One record per employee per day (a unique constraint; the second is refused with a clear message). Dates in
the future are refused; a day off (weekend, libur nasional, cuti bersama) needs a reason. A submission lands
whole or not at all, and the same form sent twice (a double click, a resent page) makes nothing new.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from pamong.attendance.models import AT_OFFICE, Attendance, AttendanceChange, Source, Status, WorkSchedule
from pamong.attendance.schedule import WORK_SCHEDULE_VERSION, evaluate, schedule_for, schedules_for
from pamong.core import gate, geo, versions
from pamong.core.errors import DomainError, Forbidden
from pamong.core.history import actor_fields
from pamong.core.storage import atomic_with_files
from pamong.core.uploads import CleanFile
from pamong.organization.models import Employee, Unit
from pamong.workdays.services import WorkCalendar

NEEDS_EXPLANATION = frozenset({Status.IZIN, Status.SAKIT})
SELF_REPORTED = frozenset({Status.IZIN, Status.SAKIT, Status.CUTI, Status.DINAS_LUAR})
MAX_NOTE = 1000
MAX_DAYS_BACK = 366  # a record or correction older than a year is refused


def local_now(unit: Unit, now: dt.datetime | None = None) -> dt.datetime:
    return timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(unit.region.timezone))


def _hhmm(t: dt.time | None) -> str:
    return f"{t:%H.%M}" if t else "—"


@dataclass
class Entry:
    """What was typed for one employee on one day."""

    status: str
    check_in: dt.time | None = None
    check_out: dt.time | None = None
    note: str = ""
    document: CleanFile | None = None
    has_document: bool = False  # an earlier upload stays on the record (corrections)
    prefix: str = ""  # the form-field prefix of the row (day sheet), so errors land next to the right field
    extra: dict[str, Any] = field(default_factory=dict)

    def f(self, name: str) -> str:
        return f"{self.prefix}{name}"


def check_entry(*, entry: Entry, day: dt.date, today: dt.date, now_time: dt.time, working_day: bool) -> None:
    """Raise DomainError (Bahasa Indonesia, on the field) when the entry cannot be recorded."""
    if entry.status not in Status.values:
        raise DomainError("Pilih status kehadiran.", field=entry.f("status"))
    if day > today:
        raise DomainError("Kehadiran tidak dapat dicatat untuk tanggal yang belum tiba.", field="date")
    if (today - day).days > MAX_DAYS_BACK:
        raise DomainError("Kehadiran lebih dari satu tahun yang lalu tidak dapat dicatat lagi.", field="date")
    entry.note = entry.note.strip()
    if len(entry.note) > MAX_NOTE:
        raise DomainError(f"Keterangan paling panjang {MAX_NOTE} karakter.", field=entry.f("note"))
    if not working_day and not entry.note:
        raise DomainError(
            "Tanggal ini hari libur (akhir pekan, libur nasional atau cuti bersama). Tuliskan alasannya di "
            "keterangan, mis. piket atau dinas luar.",
            field=entry.f("note"),
        )
    if entry.status in AT_OFFICE:
        if entry.status == Status.TERLAMBAT and entry.check_in is None:
            raise DomainError("Isi jam masuk agar menit terlambat dapat dihitung.", field=entry.f("check_in"))
        if entry.status == Status.PULANG_CEPAT and entry.check_out is None:
            raise DomainError("Isi jam pulang agar pulang cepat dapat dihitung.", field=entry.f("check_out"))
        if entry.check_in and entry.check_out and entry.check_out <= entry.check_in:
            raise DomainError("Jam pulang harus sesudah jam masuk.", field=entry.f("check_out"))
        if day == today and entry.check_in and entry.check_in > now_time:
            raise DomainError("Jam masuk belum terjadi.", field=entry.f("check_in"))
        if day == today and entry.check_out and entry.check_out > now_time:
            raise DomainError("Jam pulang belum terjadi.", field=entry.f("check_out"))
    elif entry.check_in or entry.check_out:
        raise DomainError(
            f"Jam masuk dan pulang hanya diisi untuk Hadir, Terlambat atau Pulang cepat, bukan "
            f"{Status(entry.status).label}.",
            field=entry.f("check_in"),
        )
    if entry.status in NEEDS_EXPLANATION and not (entry.note or entry.document or entry.has_document):
        raise DomainError(
            f"{Status(entry.status).label}: tuliskan keterangan atau unggah surat (mis. surat keterangan dokter).",
            field=entry.f("note"),
        )


def _is_working_day(day: dt.date) -> bool:
    return WorkCalendar.load(day, day).is_working_day(day)


def _already(employee: Employee, day: dt.date) -> DomainError:
    from django.utils.formats import date_format

    return DomainError(
        f"Kehadiran {employee.full_name} pada {date_format(day, 'l, j F Y')} sudah tercatat. Untuk mengubahnya, "
        "buka catatan itu dan lakukan koreksi dengan alasan.",
        field="date",
        code="duplicate",
    )


def _build(
    *,
    employee: Employee,
    day: dt.date,
    entry: Entry,
    schedule: WorkSchedule,
    working_day: bool,
    source: str,
    actor: Any,
    batch: str = "",
) -> Attendance:
    outcome = evaluate(
        status=entry.status,
        day=day,
        check_in=entry.check_in,
        check_out=entry.check_out,
        schedule=schedule,
        working_day=working_day,
    )
    record = Attendance(
        kabkota_code=employee.kabkota_code,
        unit_id=employee.unit_id,
        employee=employee,
        date=day,
        status=outcome.status,
        check_in=entry.check_in if entry.status in AT_OFFICE else None,
        check_out=entry.check_out if entry.status in AT_OFFICE else None,
        late_minutes=outcome.late_minutes,
        early_minutes=outcome.early_minutes,
        note=entry.note,
        non_working_day=not working_day,
        source=source,
        recorded_by=actor,
        batch=batch,
    )
    if entry.document is not None:
        record.document = entry.document.content  # type: ignore[assignment]
        record.document_type = entry.document.content_type
    return record


# Single records ------------------------------------------------------------------------------------------------


def attendance_record(
    *, employee: Employee, day: dt.date, entry: Entry, actor: Any, token: str = "", now: dt.datetime | None = None
) -> Attendance:
    """Record one day of one employee: by the unit's kepala/sekretaris (any status), or by the employee for
    themself (izin, sakit, cuti, dinas luar; presence goes through check-in)."""
    unit = employee.unit
    if (
        token
        and (
            sent := Attendance.objects.filter(
                kabkota_code=employee.kabkota_code, batch=token, employee=employee
            ).first()
        )
        is not None
    ):
        return sent  # the same form sent twice
    myself = getattr(actor, "employee_id", None) == employee.pk
    keeps = gate.can(actor, "attendance.record", unit)
    if not keeps:
        if not myself:
            raise Forbidden("Hanya kepala unit atau sekretaris unit ini yang dapat mencatat kehadiran.")
        if entry.status not in SELF_REPORTED:
            raise DomainError(
                "Sendiri Anda hanya dapat melaporkan izin, sakit, cuti atau dinas luar. Kehadiran dicatat lewat "
                "Absen masuk.",
                field="status",
            )
    if not employee.active:
        raise DomainError(f"{employee.full_name} tidak aktif lagi.", field="employee")
    local = local_now(unit, now)
    working = _is_working_day(day)
    check_entry(entry=entry, day=day, today=local.date(), now_time=local.time(), working_day=working)
    if Attendance.objects.filter(employee=employee, date=day).exists():
        raise _already(employee, day)
    source = Source.MANDIRI if myself and not keeps else Source.PETUGAS
    record = _build(
        employee=employee,
        day=day,
        entry=entry,
        schedule=schedule_for(unit),
        working_day=working,
        source=source,
        actor=actor,
        batch=token,
    )
    try:
        with atomic_with_files():  # the doctor's letter goes with the row, or neither stays
            record.save()
    except IntegrityError:
        raise _already(employee, day) from None
    return record


def _coordinates(lat: Decimal | None, lon: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    if lat is None or lon is None:
        return None, None
    if not geo.in_indonesia(lat, lon):
        raise DomainError("Lokasi dari peramban berada di luar wilayah Indonesia; absen tanpa lokasi atau ulangi.")
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def _own_employee(actor: Any) -> Employee:
    employee = getattr(actor, "employee", None)
    if employee is None or not employee.active:
        raise DomainError("Akun ini tidak terhubung dengan pegawai aktif.", code="forbidden")
    return employee


def attendance_check_in(
    *, actor: Any, lat: Decimal | None = None, lon: Decimal | None = None, now: dt.datetime | None = None
) -> Attendance:
    """Absen masuk: today's record of the signed-in employee, at the current local time."""
    employee = _own_employee(actor)
    unit = employee.unit
    local = local_now(unit, now)
    day, at = local.date(), local.time().replace(second=0, microsecond=0)
    existing = Attendance.objects.filter(employee=employee, date=day).first()
    if existing is not None:
        if existing.check_in:
            raise DomainError(f"Anda sudah absen masuk hari ini pukul {_hhmm(existing.check_in)}.", code="duplicate")
        raise DomainError(
            f"Kehadiran Anda hari ini sudah tercatat sebagai {existing.get_status_display()}.", code="duplicate"
        )
    working = _is_working_day(day)
    if not working:
        raise DomainError(
            "Hari ini hari libur. Jika Anda piket atau bertugas, minta sekretaris unit mencatatnya dengan alasan."
        )
    lat, lon = _coordinates(lat, lon)
    record = _build(
        employee=employee,
        day=day,
        entry=Entry(Status.HADIR, check_in=at),
        schedule=schedule_for(unit),
        working_day=True,
        source=Source.MANDIRI,
        actor=actor,
    )
    record.check_in_lat, record.check_in_lon = lat, lon
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise DomainError("Anda sudah absen masuk hari ini.", code="duplicate") from None
    return record


def attendance_check_out(
    *, actor: Any, lat: Decimal | None = None, lon: Decimal | None = None, now: dt.datetime | None = None
) -> Attendance:
    """Absen pulang: sets the time out on today's record (once); leaving before the end makes it pulang cepat."""
    employee = _own_employee(actor)
    unit = employee.unit
    local = local_now(unit, now)
    day, at = local.date(), local.time().replace(second=0, microsecond=0)
    record = Attendance.objects.filter(employee=employee, date=day).first()
    if record is None or record.check_in is None:
        raise DomainError("Anda belum absen masuk hari ini.")
    if record.check_out is not None:
        raise DomainError(f"Anda sudah absen pulang hari ini pukul {_hhmm(record.check_out)}.", code="duplicate")
    lat, lon = _coordinates(lat, lon)
    outcome = evaluate(
        status=record.status,
        day=day,
        check_in=record.check_in,
        check_out=at,
        schedule=schedule_for(unit),
        working_day=not record.non_working_day,
    )
    changed = Attendance.objects.filter(pk=record.pk, check_out__isnull=True, version=record.version).update(
        check_out=at,
        check_out_lat=lat,
        check_out_lon=lon,
        status=outcome.status,
        late_minutes=outcome.late_minutes,
        early_minutes=outcome.early_minutes,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not changed:
        raise DomainError("Catatan hari ini baru saja diubah. Muat ulang halaman.", code="conflict")
    record.refresh_from_db()
    return record


# The unit's day sheet ------------------------------------------------------------------------------------------


class DaySheetErrors(DomainError):
    """Several rows of a day sheet were refused; ``rows`` holds one DomainError per bad row."""

    def __init__(self, rows: list[DomainError]) -> None:
        super().__init__(f"{len(rows)} baris belum dapat disimpan. Periksa baris yang ditandai.", code="rows")
        self.rows = rows


def attendance_record_day(
    *,
    unit: Unit,
    day: dt.date,
    entries: dict[int, Entry],
    actor: Any,
    token: str = "",
    now: dt.datetime | None = None,
) -> int:
    """Record one day for many employees of a unit at once (employee id → entry; blank rows are left out).
    All rows land or none; returns how many were made. Constant queries for any number of rows."""
    gate.require(
        actor, "attendance.record", unit, "Hanya kepala unit atau sekretaris unit ini yang dapat mengisi daftar hadir."
    )
    if token and Attendance.objects.filter(kabkota_code=unit.kabkota_code, batch=token, unit=unit).exists():
        return 0  # the same sheet sent twice
    if not entries:
        raise DomainError("Belum ada baris yang diisi.", field="date")
    local = local_now(unit, now)
    working = _is_working_day(day)
    employees = {e.pk: e for e in Employee.objects.filter(unit=unit, active=True, pk__in=list(entries))}
    taken = set(
        Attendance.objects.filter(unit=unit, date=day, employee_id__in=list(entries)).values_list(
            "employee_id", flat=True
        )
    )
    schedule = schedules_for([unit])[unit.pk]
    problems: list[DomainError] = []
    records: list[Attendance] = []
    for employee_id, entry in entries.items():
        employee = employees.get(employee_id)
        if employee is None:
            problems.append(DomainError("Pegawai ini bukan pegawai aktif unit ini.", field=entry.f("status")))
            continue
        if employee_id in taken:
            problems.append(DomainError(f"{employee.name}: sudah tercatat pada tanggal ini.", field=entry.f("status")))
            continue
        try:
            check_entry(entry=entry, day=day, today=local.date(), now_time=local.time(), working_day=working)
        except DomainError as exc:
            if exc.field == "date":
                raise
            problems.append(exc)
            continue
        records.append(
            _build(
                employee=employee,
                day=day,
                entry=entry,
                schedule=schedule,
                working_day=working,
                source=Source.PETUGAS,
                actor=actor,
                batch=token,
            )
        )
    if problems:
        raise DaySheetErrors(problems)
    try:
        with atomic_with_files():
            Attendance.objects.bulk_create(records)
    except IntegrityError:
        raise DomainError(
            "Sebagian pegawai baru saja dicatat oleh petugas lain. Muat ulang halaman untuk melihatnya.",
            code="conflict",
        ) from None
    return len(records)


# Corrections ---------------------------------------------------------------------------------------------------


def snapshot(record: Attendance) -> dict[str, Any]:
    """The values a correction may change, as they are shown in the history."""
    return {
        "status": record.status,
        "check_in": f"{record.check_in:%H:%M}" if record.check_in else None,
        "check_out": f"{record.check_out:%H:%M}" if record.check_out else None,
        "late_minutes": record.late_minutes,
        "early_minutes": record.early_minutes,
        "note": record.note,
        "document": record.document.name or "",
    }


def attendance_correct(
    *,
    attendance: Attendance,
    actor: Any,
    version: int,
    entry: Entry,
    reason: str,
    now: dt.datetime | None = None,
) -> Attendance:
    """Change a record: only its unit's kepala/sekretaris, always with a reason. The old and new values go to an
    AttendanceChange row in the same transaction; a record changed meanwhile by someone else is not overwritten."""
    unit = attendance.unit
    gate.require(
        actor,
        "attendance.correct",
        attendance,
        "Hanya kepala unit atau sekretaris unit ini yang dapat mengoreksi kehadiran.",
    )
    reason = reason.strip()
    if not reason:
        raise DomainError("Tuliskan alasan koreksi.", field="reason")
    if len(reason) > MAX_NOTE:
        raise DomainError(f"Alasan paling panjang {MAX_NOTE} karakter.", field="reason")
    local = local_now(unit, now)
    day = attendance.date
    working = not attendance.non_working_day
    entry.has_document = bool(attendance.document)
    check_entry(entry=entry, day=day, today=local.date(), now_time=local.time(), working_day=working)
    before = snapshot(attendance)
    updated = _build(
        employee=attendance.employee,
        day=day,
        entry=entry,
        schedule=schedule_for(unit),
        working_day=working,
        source=attendance.source,
        actor=actor,
    )
    values: dict[str, Any] = {
        "status": updated.status,
        "check_in": updated.check_in,
        "check_out": updated.check_out,
        "late_minutes": updated.late_minutes,
        "early_minutes": updated.early_minutes,
        "note": updated.note,
    }
    if entry.document is not None:
        values["document_type"] = entry.document.content_type
    after = {**before, **{k: v for k, v in values.items() if k in before}}
    after["check_in"] = f"{updated.check_in:%H:%M}" if updated.check_in else None
    after["check_out"] = f"{updated.check_out:%H:%M}" if updated.check_out else None
    if entry.document is None and after == before:
        raise DomainError("Tidak ada yang berubah.", field="status")
    when = now or timezone.now()
    with atomic_with_files():  # the new letter is removed again if the change is refused or fails
        if entry.document is not None:
            values["document"] = after["document"] = attendance.document.storage.save(
                attendance.document.field.generate_filename(attendance, entry.document.content.name or "surat"),
                entry.document.content,
            )
        changed = Attendance.objects.filter(pk=attendance.pk, version=version).update(
            **values, version=F("version") + 1, updated_at=when
        )
        if not changed:
            raise DomainError(
                "Catatan ini sudah diubah oleh petugas lain. Muat ulang halaman untuk melihat perubahan itu.",
                code="conflict",
            )
        AttendanceChange.objects.create(
            kabkota_code=attendance.kabkota_code,
            attendance=attendance,
            from_status=before["status"],
            to_status=after["status"],
            old_values=before,
            new_values=after,
            note=reason,
            at=when,
            **actor_fields(actor),
        )
    attendance.refresh_from_db()
    return attendance


# Office hours --------------------------------------------------------------------------------------------------


@dataclass
class Hours:
    weekday_start: dt.time
    weekday_end: dt.time
    friday_start: dt.time
    friday_end: dt.time
    tolerance_minutes: int


def schedule_save(*, kabkota_code: str, unit: Unit | None, hours: Hours, actor: Any) -> WorkSchedule:
    """Set the office hours of a unit (its kepala/sekretaris or an admin) or the kabupaten/kota default (admin)."""
    gate.require(
        actor,
        "attendance.set_hours",
        unit,
        "Hanya admin yang dapat mengubah jam kerja bawaan kabupaten/kota."
        if unit is None
        else "Hanya kepala unit atau sekretaris unit ini yang dapat mengubah jam kerjanya.",
    )
    for start, end, name in (
        (hours.weekday_start, hours.weekday_end, "weekday_end"),
        (hours.friday_start, hours.friday_end, "friday_end"),
    ):
        if end <= start:
            raise DomainError("Jam pulang harus sesudah jam masuk.", field=name)
        if (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute) < 4 * 60:
            raise DomainError("Hari kerja paling singkat 4 jam.", field=name)
    if not 0 <= hours.tolerance_minutes <= 120:
        raise DomainError("Toleransi antara 0 dan 120 menit.", field="tolerance_minutes")
    values = {
        "weekday_start": hours.weekday_start,
        "weekday_end": hours.weekday_end,
        "friday_start": hours.friday_start,
        "friday_end": hours.friday_end,
        "tolerance_minutes": hours.tolerance_minutes,
        "updated_by": actor,
    }
    with transaction.atomic():
        if unit is None:
            row, _ = WorkSchedule.objects.update_or_create(kabkota_code=kabkota_code, unit=None, defaults=values)
        else:
            row, _ = WorkSchedule.objects.update_or_create(
                unit=unit, defaults={**values, "kabkota_code": unit.kabkota_code}
            )
        versions.bump(WORK_SCHEDULE_VERSION)  # the portal shows office hours
    return row
