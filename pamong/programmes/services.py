"""Writes: targets, monthly progress with correction history, and the protected register with its access log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from lokal import parse_nik

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.scope import scope_of
from pamong.programmes.models import (
    AccessLog,
    Category,
    FollowUpVisit,
    Programme,
    ProgrammeTarget,
    ProgressChange,
    ProgressReport,
    TargetChange,
    VulnerableResident,
)
from pamong.regions.models import Region

MAX_COUNT = 1_000_000


def _check_place(user: Any, place: Region) -> None:
    if place.level != Region.Level.DESA:
        raise DomainError("Pilih kelurahan/desa.", field="place")
    if not scope_of(user).contains(place.code):
        raise DomainError("Kelurahan/desa ini di luar wilayah Anda.", field="place")


def _check_count(value: int, field: str) -> None:
    if value < 0:
        raise DomainError("Jumlah tidak boleh negatif.", field=field)
    if value > MAX_COUNT:
        raise DomainError("Jumlah terlalu besar; periksa kembali angkanya.", field=field)


def nik_problem(nik: str) -> str | None:
    info = parse_nik(nik)
    if not info.valid:
        return " ".join(issue.message for issue in info.errors) or "NIK tidak valid."
    return None


def _locked_or_new(model: Any, *, key: dict[str, Any], fields: dict[str, Any]) -> tuple[Any, bool]:
    """The row under ``key`` locked for update, or a new one with ``fields``. A row another officer (or a double
    submit) created at the same moment is returned as the existing one. Returns (row, created)."""
    existing = model.objects.select_for_update().filter(**key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return model.objects.create(**key, **fields), True
    except IntegrityError:
        return model.objects.select_for_update().get(**key), False


@transaction.atomic
def target_set(
    *,
    user: Any,
    programme: Programme,
    place: Region,
    year: int,
    baseline: int,
    target: int,
    reason: str = "",
) -> tuple[ProgrammeTarget, bool]:
    """Set the baseline and end-of-year target of a place. Changing a target already set needs a reason and keeps
    the old values in a history row; the same values twice change nothing. Returns the row and whether anything
    changed."""
    gate.require(user, "programmes.set_target", message="Anda tidak berwenang menetapkan target.")
    _check_place(user, place)
    _check_count(baseline, "baseline")
    _check_count(target, "target")
    if not 2000 <= year <= 2100:
        raise DomainError("Tahun tidak valid.", field="year")
    kabkota = place.code[:5]
    existing, created = _locked_or_new(
        ProgrammeTarget,
        key={"programme": programme, "place": place, "year": year},
        fields={"baseline": baseline, "target": target, "kabkota_code": kabkota, "updated_by": user},
    )
    if created:
        TargetChange.objects.create(
            target=existing,
            kabkota_code=kabkota,
            kind=TargetChange.Kind.CREATED,
            at=timezone.now(),
            **actor_fields(user),
            new_baseline=baseline,
            new_target=target,
        )
        return existing, True
    if (existing.baseline, existing.target) == (baseline, target):
        return existing, False
    if not reason.strip():
        raise DomainError(
            "Target tahun ini sudah ditetapkan. Untuk mengubahnya, tuliskan alasan perubahan.", field="reason"
        )
    TargetChange.objects.create(
        target=existing,
        kabkota_code=kabkota,
        kind=TargetChange.Kind.CORRECTED,
        at=timezone.now(),
        **actor_fields(user),
        old_baseline=existing.baseline,
        old_target=existing.target,
        new_baseline=baseline,
        new_target=target,
        note=reason.strip()[:300],
    )
    existing.baseline, existing.target, existing.updated_by = baseline, target, user
    existing.save(update_fields=["baseline", "target", "updated_by", "updated_at"])
    return existing, True


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@transaction.atomic
def progress_record(
    *,
    user: Any,
    programme: Programme,
    place: Region,
    month: dt.date,
    count: int,
    reached: int,
    note: str = "",
    reason: str = "",
) -> tuple[ProgressReport, bool]:
    """Record the count at the end of a month. The first entry creates the row; a later one is a correction that
    keeps the old values in a history row (a reason is then required). Submitting the same values twice changes
    nothing. Returns the row and whether anything changed."""
    gate.require(user, "programmes.enter_progress", message="Anda tidak berwenang mengisi capaian program.")
    _check_place(user, place)
    month = first_of_month(month)
    if month > first_of_month(timezone.localdate()):
        raise DomainError("Bulan laporan tidak boleh di masa depan.", field="month")
    _check_count(count, "count")
    _check_count(reached, "reached")
    note = note.strip()
    kabkota = place.code[:5]
    existing, created = _locked_or_new(
        ProgressReport,
        key={"programme": programme, "place": place, "month": month},
        fields={"kabkota_code": kabkota, "count": count, "reached": reached, "note": note, "entered_by": user},
    )
    if created:
        ProgressChange.objects.create(
            report=existing,
            kabkota_code=kabkota,
            kind=ProgressChange.Kind.CREATED,
            at=timezone.now(),
            **actor_fields(user),
            new_count=count,
            new_reached=reached,
            new_note=note,
        )
        return existing, True
    if (existing.count, existing.reached, existing.note) == (count, reached, note):
        return existing, False
    if not reason.strip():
        raise DomainError("Capaian bulan ini sudah diisi. Untuk mengoreksi, tuliskan alasan koreksi.", field="reason")
    ProgressChange.objects.create(
        report=existing,
        kabkota_code=kabkota,
        kind=ProgressChange.Kind.CORRECTED,
        at=timezone.now(),
        **actor_fields(user),
        old_count=existing.count,
        old_reached=existing.reached,
        old_note=existing.note,
        new_count=count,
        new_reached=reached,
        new_note=note,
        note=reason.strip()[:300],
    )
    existing.count, existing.reached, existing.note = count, reached, note
    existing.save(update_fields=["count", "reached", "note", "updated_at"])
    return existing, True


# --- protected register -------------------------------------------------------------------------------------


def access_record(
    *, user: Any, action: str, region_code: str, resident: VulnerableResident | None = None, detail: str = ""
) -> AccessLog:
    """Write one access-log row. Callers run it in the same request as the read it records."""
    return AccessLog.objects.create(
        user=user,
        action=action,
        resident=resident,
        region_code=region_code,
        kabkota_code=region_code[:5],
        detail=detail[:200],
    )


@transaction.atomic
def resident_create(
    *,
    user: Any,
    place: Region,
    name: str,
    nik: str,
    address: str,
    category: str,
    condition: str = "",
) -> VulnerableResident:
    gate.require(user, "programmes.see_register", message="Anda tidak berwenang mencatat data warga rentan.")
    _check_place(user, place)
    nik = "".join(ch for ch in nik if ch.isdigit())
    problem = nik_problem(nik)
    if problem:
        raise DomainError(problem, field="nik")
    if category not in Category.values:
        raise DomainError("Pilih kategori.", field="category")
    if not name.strip():
        raise DomainError("Nama wajib diisi.", field="name")
    if VulnerableResident.objects.filter(kabkota_code=place.code[:5], nik=nik).exists():
        raise DomainError("Warga dengan NIK ini sudah tercatat.", field="nik")
    resident = VulnerableResident.objects.create(
        place=place,
        kabkota_code=place.code[:5],
        name=name.strip(),
        nik=nik,
        address=address.strip(),
        category=category,
        condition=condition.strip(),
        created_by=user,
    )
    access_record(user=user, action=AccessLog.Action.CREATE, region_code=place.code, resident=resident)
    return resident


@transaction.atomic
def visit_record(*, user: Any, resident: VulnerableResident, visited_on: dt.date, note: str) -> FollowUpVisit:
    gate.require(user, "programmes.record_visit", resident, "Anda tidak berwenang mencatat kunjungan.")
    if visited_on > timezone.localdate():
        raise DomainError("Tanggal kunjungan tidak boleh di masa depan.", field="visited_on")
    if not note.strip():
        raise DomainError("Catatan kunjungan wajib diisi.", field="note")
    visit, _ = FollowUpVisit.objects.get_or_create(  # a double submit records one visit
        resident=resident,
        visited_on=visited_on,
        note=note.strip(),
        defaults={"kabkota_code": resident.kabkota_code, "worker": user},
    )
    access_record(user=user, action=AccessLog.Action.VISIT, region_code=resident.place_id, resident=resident)
    return visit
