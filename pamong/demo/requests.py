"""Demo and benchmark service requests, written in bulk (no notifications are sent for made-up people).

Older requests are mostly finished, recent ones spread over the open statuses, a few overdue; deadlines come
from the real working-day calendar of each unit's time zone.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import uuid
import zoneinfo
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from pamong.catalog.models import ServiceField, ServiceType
from pamong.core.codes import check_symbol
from pamong.core.formats import ribuan
from pamong.demo.people import PeopleFactory
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region
from pamong.servicerequests.letters import letter_number, letter_pattern
from pamong.servicerequests.models import Letter, LetterSequence, ServiceRequest, Status, StatusChange
from pamong.workdays.services import WorkCalendar

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PATH = [Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD, Status.SELESAI]
_ANSWER = {
    "text": "Keperluan administrasi",
    "textarea": "Untuk keperluan administrasi di bank",
    "number": 2,
    "date": "2024-01-15",
    "address": "Jl. Sawahan No. 5, RT 002/RW 001",
    "nik": "1371015001900001",
}


def answer_for(field: ServiceField, rng: random.Random) -> object:
    if field.kind == ServiceField.Kind.CHOICE:
        return rng.choice(field.choice_list())
    if field.kind == ServiceField.Kind.TEXT and "nomor" in field.code:
        return f"1371{rng.randint(10**11, 10**12 - 1)}"
    return _ANSWER.get(field.kind, "-")


def _code(rng: random.Random) -> str:
    body = "".join(rng.choice(_ALPHABET) for _ in range(8))
    return body + check_symbol(body)


def nik_for(rng: random.Random, region_code: str, birth: dt.date, gender: str) -> str:
    district = region_code.replace(".", "")[:6]
    day = birth.day + (40 if gender == "P" else 0)
    return f"{district}{day:02d}{birth:%m%y}{rng.randint(1, 9999):04d}"


def _steps_done(*, late: bool, rng: random.Random) -> int:
    """How many of the five steps a request has taken: a late one is usually finished, a recent one anywhere."""
    roll = rng.random()
    if late:
        return 5 if roll < 0.88 else rng.randint(1, 4)
    return rng.randint(1, 5) if roll < 0.9 else 5


def requests_populate(
    *,
    kabkota: Region,
    count: int,
    days: int = 60,
    seed: int = 2026,
    with_history: bool = True,
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Create ``count`` requests over the last ``days`` days. Returns how many were created."""
    rng = random.Random(seed)
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(kabkota.timezone)
    services = list(ServiceType.objects.for_kabkota(kabkota.code).published().prefetch_related("fields"))
    if not services:
        return 0
    units = list(Unit.objects.filter(kabkota_code=kabkota.code).select_related("region"))
    desa_units = [u for u in units if u.kind in (Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)]
    camat_units = [u for u in units if u.kind == Unit.Kind.KANTOR_CAMAT]
    staff: dict[int, list[int]] = {}
    for pk, unit_id in Employee.objects.filter(kabkota_code=kabkota.code, active=True).values_list("pk", "unit_id"):
        staff.setdefault(unit_id, []).append(pk)
    heads = dict(
        Position.objects.filter(kabkota_code=kabkota.code, kind=Position.Kind.KEPALA).values_list("unit_id", "pk")
    )
    weights = [8 if s.code in ("sk-domisili", "sktm", "pengantar-ktp-el", "pengantar-kk") else 2 for s in services]
    today = timezone.localtime(now, zone).date()
    calendar = WorkCalendar.load(today - dt.timedelta(days=days + 2), today + dt.timedelta(days=60))
    people = PeopleFactory(rng)
    created = 0
    batch_size = 5000
    with transaction.atomic():
        sequences = {(s.code, s.year): s for s in LetterSequence.objects.filter(kabkota_code=kabkota.code)}
        while created < count:
            rows: list[ServiceRequest] = []
            plans: list[tuple[ServiceRequest, list[tuple[str, dt.datetime]]]] = []
            for _ in range(min(batch_size, count - created)):
                service = rng.choices(services, weights)[0]
                pool = camat_units if service.level == ServiceType.Level.KECAMATAN else desa_units
                unit = rng.choice(pool)
                age_days = rng.random() ** 1.6 * days  # more recent requests than old ones
                local_day = today - dt.timedelta(days=int(age_days))
                while not calendar.is_working_day(local_day):
                    local_day -= dt.timedelta(days=1)
                submitted = dt.datetime.combine(local_day, dt.time(rng.randint(8, 14), rng.randint(0, 59)), zone)
                if submitted > now:
                    submitted = now - dt.timedelta(minutes=rng.randint(5, 300))
                due_day = calendar.add(submitted.astimezone(zone).date(), service.deadline_days)
                due = dt.datetime.combine(due_day, dt.time(23, 59, 59), zone)
                person = people.person(educated=False)
                # How far along: old requests are mostly done; a few were sent back, refused or are late.
                late = due < now
                steps = _steps_done(late=late, rng=rng)
                status = _PATH[steps - 1]
                special = rng.random()
                if special < 0.03:
                    status = Status.DITOLAK
                elif special < 0.06 and status not in (Status.SELESAI,):
                    status = Status.DIKEMBALIKAN
                request = ServiceRequest(
                    kabkota_code=kabkota.code,
                    code=_code(rng),
                    service=service,
                    unit=unit,
                    status=status,
                    assignee_id=rng.choice(staff[unit.pk]) if staff.get(unit.pk) and rng.random() < 0.8 else None,
                    nik=nik_for(rng, unit.region_id, person.birth_date, person.gender),
                    name=person.name,
                    phone=people.phone(),
                    address=f"Jl. {rng.choice(['Sawahan', 'Veteran', 'Proklamasi', 'Belanti', 'Khatib Sulaiman'])} "
                    f"No. {rng.randint(1, 120)}, RT {rng.randint(1, 9):03d}/RW {rng.randint(1, 5):03d}",
                    birth_place="Padang",
                    birth_date=person.birth_date,
                    gender=person.gender,
                    religion="Islam",
                    occupation=rng.choice(["Pedagang", "Wiraswasta", "Karyawan swasta", "Pelajar/Mahasiswa", "Petani"]),
                    answers={f.code: answer_for(f, rng) for f in service.fields.all()},
                    submitted_at=submitted,
                    due_at=None if status == Status.DIKEMBALIKAN else due,
                    paused_days=1 if status == Status.DIKEMBALIKAN else None,
                    overdue=late and status not in (Status.SELESAI, Status.DITOLAK, Status.DIKEMBALIKAN),
                    escalated_to_id=heads.get(unit.pk)
                    if late and status not in (Status.SELESAI, Status.DITOLAK)
                    else None,
                    submit_token=uuid.uuid4().hex,
                )
                history: list[tuple[str, dt.datetime]] = []
                moment = submitted
                for step in _PATH[1:steps] if status not in (Status.DITOLAK, Status.DIKEMBALIKAN) else _PATH[1:2]:
                    moment = moment + dt.timedelta(hours=rng.uniform(1, 20))
                    history.append((step, min(moment, now)))
                if status in (Status.DITOLAK, Status.DIKEMBALIKAN):
                    history.append((status, min(moment + dt.timedelta(hours=3), now)))
                if status in (Status.SELESAI, Status.DITOLAK):
                    request.finished_at = history[-1][1]
                rows.append(request)
                plans.append((request, history))
            ServiceRequest.objects.bulk_create(rows, batch_size=1000)
            if with_history:
                _history(plans, rng, sequences, heads)
            created += len(rows)
            if progress:
                progress(f"  permohonan: {ribuan(created)} dari {ribuan(count)}")
    return created


_NOTES = {
    Status.DIKEMBALIKAN: "Lampirkan surat pengantar RT/RW yang sudah ditandatangani dan distempel.",
    Status.DITOLAK: "Alamat pemohon bukan di wilayah kelurahan ini; ajukan ke kelurahan domisili.",
}


def _history(
    plans: list[tuple[ServiceRequest, list[tuple[str, dt.datetime]]]],
    rng: random.Random,
    sequences: dict[tuple[str, int], LetterSequence],
    heads: dict[int, int],
) -> None:
    """Status history for every request, and a numbered letter (PDF made on first view) for finished ones."""
    changes: list[StatusChange] = []
    letters: list[Letter] = []
    pattern = letter_pattern(plans[0][0].kabkota_code) if plans else ""
    signers = {
        e.position_id: e
        for e in Employee.objects.filter(position_id__in=heads.values(), active=True).select_related("position")
    }
    for request, history in sorted(plans, key=lambda p: p[0].submitted_at):
        changes.append(
            StatusChange(
                request=request,
                from_status="",
                to_status=Status.DIAJUKAN,
                actor_label="Pemohon",
                at=request.submitted_at,
            )
        )
        previous: str = Status.DIAJUKAN
        for status, at in history:
            changes.append(
                StatusChange(
                    request=request,
                    from_status=previous,
                    to_status=status,
                    actor_label="Petugas" if status != Status.SELESAI else "Kepala unit",
                    note=_NOTES.get(Status(status), ""),
                    at=at,
                )
            )
            previous = status
        signer = signers.get(heads.get(request.unit_id, 0))
        if request.status == Status.SELESAI and signer is not None and request.finished_at:
            year = request.finished_at.year
            code = request.unit.letter_code
            sequence = sequences.get((code, year))
            if sequence is None:
                sequence = LetterSequence.objects.create(kabkota_code=request.kabkota_code, code=code, year=year)
                sequences[(code, year)] = sequence
            sequence.last_number += 1
            letters.append(
                Letter(
                    kabkota_code=request.kabkota_code,
                    request=request,
                    number=letter_number(
                        archive_code=request.service.archive_code,
                        sequence=sequence.last_number,
                        code=code,
                        when=request.finished_at.date(),
                        pattern=pattern,
                    ),
                    unit_code=code,
                    sequence=sequence.last_number,
                    year=year,
                    issued_at=request.finished_at,
                    signer_name=signer.full_name,
                    signer_nip=signer.nip or "",
                    signer_title=signer.position.title if signer.position else "",
                    verification_code="".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12)),
                )
            )
    StatusChange.objects.bulk_create(changes, batch_size=2000)
    Letter.objects.bulk_create(letters, batch_size=1000)
    LetterSequence.objects.bulk_update(list(sequences.values()), ["last_number"])
