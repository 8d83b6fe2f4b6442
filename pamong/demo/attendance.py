"""Demo and benchmark attendance: office hours (the kabupaten/kota default and a few units of their own) and a
record per employee per working day, written in bulk. Each employee has a character (most are diligent, some
are often late, a few often absent without explanation), so that the recap and its flags show something real.
Deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from pamong.attendance.models import Attendance, AttendanceChange, Source, Status, WorkSchedule
from pamong.attendance.schedule import evaluate, schedules_for
from pamong.core.formats import ribuan
from pamong.organization.models import Employee, Unit
from pamong.regions.models import Region
from pamong.workdays.services import WorkCalendar

S = Status
# (weights of hadir, terlambat, pulang cepat, izin, sakit, cuti, dinas luar, tanpa keterangan, no record)
CHARACTERS: tuple[tuple[tuple[float, ...], float], ...] = (
    ((86, 5, 1.5, 1, 1.5, 1, 3, 0.3, 0.7), 0.72),  # diligent
    ((62, 24, 4, 2, 2, 1, 3, 1, 1), 0.16),  # often late
    ((66, 8, 6, 4, 4, 1, 2, 5, 4), 0.08),  # often absent
    ((40, 6, 2, 2, 1, 45, 2, 1, 1), 0.04),  # on long leave this month
)
OUTCOMES = (S.HADIR, S.TERLAMBAT, S.PULANG_CEPAT, S.IZIN, S.SAKIT, S.CUTI, S.DINAS_LUAR, S.TANPA_KETERANGAN, "")
NOTES: dict[str, tuple[str, ...]] = {
    S.IZIN: ("Mengurus anak sakit", "Keperluan keluarga", "Urusan ke kantor pertanahan", "Menghadiri pernikahan"),
    S.SAKIT: ("Demam", "Sakit gigi", "Rawat jalan di puskesmas", "Diare"),
    S.CUTI: ("Cuti tahunan", "Cuti alasan penting", "Cuti melahirkan"),
    S.DINAS_LUAR: ("Rakor di kantor wali kota", "Bimtek di BKPSDM", "Monitoring posyandu", "Verifikasi lapangan DTKS"),
}
BATCH = 5000


def _minutes(t: dt.time, delta: int) -> dt.time:
    total = max(5 * 60, min(22 * 60, t.hour * 60 + t.minute + delta))
    return dt.time(total // 60, total % 60)


def schedules_populate(*, kabkota: Region, rng: random.Random) -> int:
    """The kabupaten/kota default (07.30–16.00, Friday 07.30–16.30) and own hours for about one unit in ten,
    unless the kabupaten/kota has office hours already."""
    if WorkSchedule.objects.filter(kabkota_code=kabkota.code).exists():
        return 0  # set already (by the demo or by people): leave it
    WorkSchedule.objects.create(kabkota_code=kabkota.code, unit=None, tolerance_minutes=0)
    units = list(Unit.objects.filter(kabkota_code=kabkota.code).order_by("region_id", "pk"))
    own = [u for u in units if rng.random() < 0.1]
    WorkSchedule.objects.bulk_create(
        [
            WorkSchedule(
                kabkota_code=u.kabkota_code,
                unit=u,
                weekday_start=dt.time(7, 30),
                weekday_end=dt.time(16, 0),
                friday_start=dt.time(8, 0),  # senam pagi, then the office opens
                friday_end=dt.time(16, 30),
                tolerance_minutes=rng.choice((5, 10, 15)),
            )
            for u in own
        ]
    )
    return 1 + len(own)


def attendance_build(
    *,
    kabkota_code: str,
    start: dt.date,
    end: dt.date,
    seed: int = 71,
    progress: Callable[[str], None] = lambda _m: None,
) -> int:
    """A record for every active employee on every working day from ``start`` to ``end`` that has none yet
    (some days are left without a record on purpose). Returns the number of records written."""
    rng = random.Random(seed)
    calendar = WorkCalendar.load(start, end)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    days = [d for d in days if calendar.is_working_day(d)]
    employees = list(
        Employee.objects.filter(kabkota_code=kabkota_code, active=True).select_related("unit").order_by("pk")
    )
    if not days or not employees:
        return 0
    schedules = schedules_for(list({e.unit_id: e.unit for e in employees}.values()))
    taken = set(
        Attendance.objects.filter(kabkota_code=kabkota_code, date__range=(start, end)).values_list(
            "employee_id", "date"
        )
    )
    weights = [c[1] for c in CHARACTERS]
    made = 0
    batch: list[Attendance] = []

    def flush() -> None:
        nonlocal made
        with transaction.atomic():
            Attendance.objects.bulk_create(batch, batch_size=1000)
        made += len(batch)
        batch.clear()

    for employee in employees:
        character = rng.choices(CHARACTERS, weights=weights, k=1)[0][0]
        schedule = schedules[employee.unit_id]
        for day in days:
            # Every draw happens whether or not the day is taken, so that a second run makes the same choices.
            status = rng.choices(OUTCOMES, weights=character, k=1)[0]
            late, early, pick, mandiri = rng.randint(1, 75), rng.randint(15, 150), rng.random(), rng.random()
            on_time, stays = rng.randint(0, 25), rng.randint(0, 45)
            if not status or (employee.pk, day) in taken:
                continue
            start_at, end_at = schedule.hours_on(day)
            check_in = check_out = None
            if status in (S.HADIR, S.TERLAMBAT, S.PULANG_CEPAT):
                check_in = _minutes(start_at, schedule.tolerance_minutes + late if status == S.TERLAMBAT else -on_time)
                check_out = _minutes(end_at, -early if status == S.PULANG_CEPAT else stays)
            outcome = evaluate(status=status, day=day, check_in=check_in, check_out=check_out, schedule=schedule)
            batch.append(
                Attendance(
                    kabkota_code=employee.kabkota_code,
                    unit_id=employee.unit_id,
                    employee_id=employee.pk,
                    date=day,
                    status=outcome.status,
                    check_in=check_in,
                    check_out=check_out,
                    late_minutes=outcome.late_minutes,
                    early_minutes=outcome.early_minutes,
                    note=NOTES[status][int(pick * len(NOTES[status]))] if status in NOTES else "",
                    source=Source.MANDIRI if check_in and mandiri < 0.7 else Source.PETUGAS,
                )
            )
            if len(batch) >= BATCH:
                flush()
                progress(f"  kehadiran: {ribuan(made)} catatan")
    if batch:
        flush()
    return made


def corrections_populate(*, kabkota_code: str, start: dt.date, end: dt.date, rng: random.Random) -> int:
    """Some 'tanpa keterangan' days turn out to be sick days reported late: corrected with a reason."""
    if AttendanceChange.objects.filter(kabkota_code=kabkota_code, attendance__date__range=(start, end)).exists():
        return 0
    candidates = list(
        Attendance.objects.filter(
            kabkota_code=kabkota_code, date__range=(start, end), status=S.TANPA_KETERANGAN
        ).order_by("pk")[:2000]
    )
    chosen = [a for a in candidates if rng.random() < 0.15]
    now = timezone.now()
    changes = []
    for a in chosen:
        before = {
            "status": a.status,
            "check_in": None,
            "check_out": None,
            "late_minutes": 0,
            "early_minutes": 0,
            "note": a.note,
            "document": "",
        }
        a.status, a.note, a.version = S.SAKIT, "Sakit, surat keterangan dokter menyusul", a.version + 1
        changes.append(
            AttendanceChange(
                kabkota_code=a.kabkota_code,
                attendance=a,
                from_status=S.TANPA_KETERANGAN,
                to_status=a.status,
                old_values=before,
                new_values={**before, "status": a.status, "note": a.note},
                note="Pegawai melapor sakit melalui telepon pada hari itu; baru dicatat kemudian.",
                actor_label="Sekretaris unit",
                at=now,
            )
        )
    with transaction.atomic():
        Attendance.objects.bulk_update(chosen, ["status", "note", "version"], batch_size=1000)
        AttendanceChange.objects.bulk_create(changes, batch_size=1000)
    return len(changes)


def populate(*, kabkota: Region, progress: Callable[[str], None], today: dt.date | None = None, seed: int = 71) -> int:
    """Office hours, last month and this month up to yesterday for every active employee of the kabupaten/kota,
    and a few corrections. Returns how many rows were made."""
    today = today or timezone.localdate()
    first_this = today.replace(day=1)
    start = (first_this - dt.timedelta(days=1)).replace(day=1)
    end = today - dt.timedelta(days=1)
    made = schedules_populate(kabkota=kabkota, rng=random.Random(seed))
    progress("Kehadiran pegawai …")
    made += attendance_build(kabkota_code=kabkota.code, start=start, end=end, seed=seed, progress=progress)
    made += corrections_populate(kabkota_code=kabkota.code, start=start, end=end, rng=random.Random(seed + 1))
    return made
