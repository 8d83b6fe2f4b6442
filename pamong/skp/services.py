"""Writes for SKP: who rates whom, saving a draft, making it final, re-opening it.

Who rates (PP 30/2019 and PermenPANRB 6/2022: the pejabat penilai kinerja is the employee's direct superior):
the active holder of the position that the employee's position ``reports_to``. When that position is vacant,
the rating falls to the active holder of the next position up the chain, as pelaksana tugas (Plt.) of the
vacant one; the assessment records that and names the vacant position. Nobody else may rate: not a higher
superior while the direct one is in office, not an admin. Pimpinan daerah and admins may only re-open a final
assessment, with a reason; its final values stay in the history.

Every transition goes through ``MACHINE`` (pamong.core.transitions; who may: ``rules.py``): it updates with a
condition on the current status (two people at once: the second is told it was just changed) and writes an
SkpChange row with the values as they stood in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.transitions import Done, Field, Machine, Transition
from pamong.organization.models import Employee, Position
from pamong.skp.matrix import CoreValue, Predikat, Rating, predikat_for
from pamong.skp.models import SkpAssessment, SkpChange, SkpItem, Status, period_bounds, period_label

FIRST_YEAR = 2022  # PermenPANRB 6/2022 applies from the 2022 performance year
MAX_ITEMS = 15
MAX_CHAIN = 12  # guards a cycle in a hand-edited reports_to chain
MIN_REASON = 10
REOPENERS_ONLY = "Hanya pimpinan daerah atau admin yang dapat membuka kembali penilaian."


@dataclass(frozen=True)
class Rater:
    """The pejabat penilai of an employee: the holder, their position, and the vacant positions skipped."""

    holder: Employee
    position: Position
    vacant: tuple[str, ...] = ()

    @property
    def acting(self) -> bool:
        return bool(self.vacant)

    @property
    def explanation(self) -> str:
        if not self.vacant:
            return f"Atasan langsung: {self.position.title} ({self.holder.full_name})."
        return (
            f"Jabatan atasan langsung ({self.vacant[0]}) kosong. Penilaian dilakukan oleh {self.position.title} "
            f"({self.holder.full_name}) sebagai pelaksana tugas (Plt.)."
        )


def check_asn(employee: Employee) -> None:
    if employee.employment_type not in Employee.ASN:
        label = Employee.EmploymentType(employee.employment_type).label
        raise DomainError(
            f"SKP hanya untuk ASN (PNS dan PPPK); {employee.full_name} berstatus {label.lower()}, "
            "sehingga tidak dinilai dengan SKP.",
            code="not_asn",
        )


def rater_for(employee: Employee) -> Rater:
    """Walk up the reports_to chain from the employee's position to the first position with an active holder.

    SKP (PP 30/2019) is the performance assessment of ASN only: honorer, kontrak, the elected kepala desa and the
    perangkat desa have none, so nobody rates them here."""
    check_asn(employee)
    position = employee.position
    if position is None:
        raise DomainError(
            "Pegawai ini belum memiliki jabatan di Pamong, sehingga atasan langsungnya tidak diketahui. "
            "Lengkapi jabatannya di data pegawai.",
            code="no_rater",
        )
    vacant: list[str] = []
    seen = {position.pk}
    up_id = position.reports_to_id
    while up_id is not None and up_id not in seen and len(seen) < MAX_CHAIN:
        seen.add(up_id)
        up = Position.objects.get(pk=up_id)
        holder = (
            Employee.objects.filter(position_id=up_id, active=True)
            .exclude(pk=employee.pk)
            .select_related("position", "unit")
            .order_by("id")
            .first()
        )
        if holder is not None:
            return Rater(holder=holder, position=up, vacant=tuple(vacant))
        vacant.append(up.title)
        up_id = up.reports_to_id
    if vacant:
        raise DomainError(
            f"Jabatan atasan langsung ({vacant[0]}) dan jabatan di atasnya kosong; belum ada pejabat penilai.",
            code="no_rater",
        )
    raise DomainError(
        f"Jabatan {position.title} tidak memiliki atasan langsung di Pamong; SKP-nya dinilai di luar aplikasi ini.",
        code="no_rater",
    )


def check_rater(*, employee: Employee, actor: Any) -> Rater:
    """The rater, if the actor is it; otherwise a DomainError that says who rates."""
    rater = rater_for(employee)
    own = getattr(actor, "employee", None)
    if own is None or not own.active or own.pk != rater.holder.pk:
        raise DomainError(
            f"Hanya pejabat penilai yang dapat menilai SKP {employee.full_name}: {rater.position.title} "
            f"({rater.holder.full_name}){' sebagai Plt.' if rater.acting else ''}.",
            code="forbidden",
        )
    return rater


def check_period(year: int, quarter: int, *, today: dt.date) -> None:
    if quarter not in (0, 1, 2, 3, 4):
        raise DomainError("Periode tidak dikenal.", field="period")
    if year < FIRST_YEAR:
        raise DomainError(f"SKP menurut PermenPANRB 6/2022 dimulai tahun {FIRST_YEAR}.", field="period")
    start, _end = period_bounds(year, quarter)
    if start > today:
        raise DomainError(f"{period_label(year, quarter)} belum dimulai.", field="period")


@dataclass
class ItemData:
    indicator: str
    target: str = ""
    realisasi: str = ""
    note: str = ""


@dataclass
class AssessmentData:
    hasil_rating: str = ""
    hasil_note: str = ""
    behaviours: dict[str, dict[str, str]] = field(default_factory=dict)
    perilaku_rating: str = ""
    perilaku_note: str = ""
    items: list[ItemData] = field(default_factory=list)


def _clean(data: AssessmentData) -> AssessmentData:
    for name in ("hasil_rating", "perilaku_rating"):
        value = getattr(data, name)
        if value and value not in Rating.values:
            raise DomainError("Pilih salah satu rating.", field=name)
    behaviours: dict[str, dict[str, str]] = {}
    for code in CoreValue.values:
        entry = data.behaviours.get(code) or {}
        rating = entry.get("rating", "") or ""
        if rating and rating not in Rating.values:
            raise DomainError("Pilih salah satu rating.", field=f"nilai_{code}")
        note = (entry.get("note", "") or "").strip()[:500]
        if rating or note:
            behaviours[code] = {"rating": rating, "note": note}
    items = [
        ItemData(
            indicator=i.indicator.strip()[:300],
            target=i.target.strip()[:120],
            realisasi=i.realisasi.strip()[:120],
            note=i.note.strip()[:300],
        )
        for i in data.items
        if i.indicator.strip()
    ]
    if len(items) > MAX_ITEMS:
        raise DomainError(f"Paling banyak {MAX_ITEMS} baris rencana hasil kerja.", field="items")
    return AssessmentData(
        hasil_rating=data.hasil_rating,
        hasil_note=data.hasil_note.strip()[:3000],
        behaviours=behaviours,
        perilaku_rating=data.perilaku_rating,
        perilaku_note=data.perilaku_note.strip()[:3000],
        items=items,
    )


def _check_complete(data: AssessmentData) -> None:
    """What a final assessment must hold; checked before anything is written."""
    if not data.hasil_rating:
        raise DomainError("Pilih rating hasil kerja sebelum memfinalkan.", field="hasil_rating")
    for code, label in CoreValue.choices:
        if not (data.behaviours.get(code) or {}).get("rating"):
            raise DomainError(f"Beri rating nilai {label} sebelum memfinalkan.", field=f"nilai_{code}")
    if not data.perilaku_rating:
        raise DomainError("Pilih rating perilaku kerja sebelum memfinalkan.", field="perilaku_rating")


def _same(assessment: SkpAssessment, data: AssessmentData) -> bool:
    return (
        assessment.hasil_rating == data.hasil_rating
        and assessment.perilaku_rating == data.perilaku_rating
        and assessment.behaviours == data.behaviours
        and assessment.hasil_note == data.hasil_note
        and assessment.perilaku_note == data.perilaku_note
    )


def snapshot_of(assessment: SkpAssessment) -> dict[str, Any]:
    """The assessed values as they stand, for a history row."""
    return {
        "hasil_rating": assessment.hasil_rating,
        "hasil_note": assessment.hasil_note,
        "behaviours": assessment.behaviours,
        "perilaku_rating": assessment.perilaku_rating,
        "perilaku_note": assessment.perilaku_note,
        "predikat": assessment.predikat,
        "rater": assessment.rater.full_name if assessment.rater_id else "",
        "rater_position": assessment.rater_position_title,
        "rater_acting": assessment.rater_acting,
        "items": [
            {"indicator": i.indicator, "target": i.target, "realisasi": i.realisasi, "note": i.note}
            for i in assessment.items.all()
        ],
    }


def _draft_for(
    *, employee: Employee, year: int, quarter: int, rater: Rater, actor: Any, now: dt.datetime
) -> SkpAssessment:
    """The assessment of the period, created as a draft on first save. A double submit finds the same row."""
    existing = SkpAssessment.objects.filter(employee=employee, year=year, quarter=quarter).first()
    if existing is not None:
        return existing
    position = employee.position
    assert position is not None  # rater_for refused an employee without a position
    try:
        with transaction.atomic():
            assessment = SkpAssessment.objects.create(
                kabkota_code=employee.kabkota_code,
                unit_id=employee.unit_id,
                employee=employee,
                year=year,
                quarter=quarter,
                employee_position=position,
                employee_position_title=position.title,
                rater=rater.holder,
                rater_position=rater.position,
                rater_position_title=rater.position.title,
                rater_acting=rater.acting,
                vacant_position_title=rater.vacant[0] if rater.vacant else "",
                created_at=now,
                updated_at=now,
            )
            # Created, not moved: the first history row is written here, with the rater's post at the time.
            SkpChange.objects.create(
                assessment=assessment,
                kabkota_code=assessment.kabkota_code,
                from_status="",
                to_status=Status.DRAFT,
                at=now,
                **actor_fields(actor),
            )
    except IntegrityError:
        return SkpAssessment.objects.get(employee=employee, year=year, quarter=quarter)
    return assessment


@transaction.atomic
def assessment_save(
    *,
    employee: Employee,
    year: int,
    quarter: int,
    actor: Any,
    data: AssessmentData,
    finalize: bool = False,
    now: dt.datetime | None = None,
) -> SkpAssessment:
    """The rater saves the assessment of one employee for one period as a draft, or saves and makes it final.

    Only the rater (``rater_for``) may; a final assessment cannot be changed until it is re-opened."""
    now = now or timezone.now()
    check_period(year, quarter, today=timezone.localdate(now))
    rater = check_rater(employee=employee, actor=actor)
    data = _clean(data)
    if finalize:
        _check_complete(data)
    assessment = _draft_for(employee=employee, year=year, quarter=quarter, rater=rater, actor=actor, now=now)
    if assessment.status == Status.FINAL:
        if finalize and _same(assessment, data):  # the same "Finalkan" sent twice: one final assessment
            return assessment
        raise DomainError(
            "Penilaian ini sudah final dan tidak dapat diubah. Minta pimpinan daerah atau admin membukanya "
            "kembali dengan alasan bila perlu dikoreksi.",
            code="final",
        )
    position = employee.position
    assert position is not None
    values: dict[str, Any] = {
        "unit_id": employee.unit_id,
        "employee_position": position,
        "employee_position_title": position.title,
        "rater": rater.holder,
        "rater_position": rater.position,
        "rater_position_title": rater.position.title,
        "rater_acting": rater.acting,
        "vacant_position_title": rater.vacant[0] if rater.vacant else "",
        "hasil_rating": data.hasil_rating,
        "hasil_note": data.hasil_note,
        "behaviours": data.behaviours,
        "perilaku_rating": data.perilaku_rating,
        "perilaku_note": data.perilaku_note,
        "predikat": predikat_for(data.hasil_rating, data.perilaku_rating),
        "updated_at": now,
    }
    if not SkpAssessment.objects.filter(pk=assessment.pk, status=Status.DRAFT).update(**values):
        raise DomainError(
            "Penilaian ini baru saja diubah (sudah difinalkan). Muat ulang halaman untuk melihatnya.",
            code="conflict",
        )
    SkpItem.objects.filter(assessment=assessment).delete()
    SkpItem.objects.bulk_create(
        [
            SkpItem(
                assessment=assessment,
                order=n,
                indicator=i.indicator,
                target=i.target,
                realisasi=i.realisasi,
                note=i.note,
            )
            for n, i in enumerate(data.items, start=1)
        ]
    )
    assessment.refresh_from_db()
    if finalize:
        MACHINE.perform(
            assessment,
            to=Status.FINAL,
            actor=actor,
            changes={"updated_at": now, "finalized_at": now},
            history={"snapshot": snapshot_of(assessment)},  # the values as they stand at this step
            now=now,
        )
    return assessment


def _notify_employee(assessment: SkpAssessment) -> None:
    from pamong.notifications.models import Notification
    from pamong.notifications.services import notification_queue

    employee = assessment.employee
    if not employee.email:
        return
    notification_queue(
        channel=Notification.Channel.EMAIL,
        recipient=employee.email,
        subject=f"SKP {assessment.period_label} Anda sudah final",
        body=(
            f"Yth. {employee.full_name},\n\nPenilaian SKP {assessment.period_label} Anda telah difinalkan oleh "
            f"{assessment.rater_position_title}. Predikat kinerja: {Predikat(assessment.predikat).label}.\n"
            "Lihat rinciannya di Pamong, menu SKP saya."
        ),
        reference=f"skp:{assessment.pk}",
        kabkota_code=assessment.kabkota_code,
    )


def _told_when_final(done: Done) -> None:
    _notify_employee(done.obj)


MACHINE = Machine(
    model=SkpAssessment,
    history=SkpChange,
    noun="Penilaian",
    statuses=Status,
    transitions=[
        Transition(
            (Status.DRAFT,),
            Status.FINAL,
            "Simpan dan finalkan",  # on the assessment form: the values are saved, then made final
            "skp.rate",
            effects=(_told_when_final,),
            refusal="Hanya pejabat penilai yang dapat memfinalkan penilaian ini.",
        ),
        Transition(
            (Status.FINAL,),
            Status.DRAFT,
            "Buka kembali untuk koreksi",
            "skp.reopen",
            fields=(Field("note", "Alasan membuka kembali", message="Tuliskan alasan membuka kembali."),),
            style="secondary",
            refusal=REOPENERS_ONLY,
        ),
    ],
)


@transaction.atomic
def assessment_reopen(
    *, assessment: SkpAssessment, actor: Any, reason: str, seen: str | None = None, now: dt.datetime | None = None
) -> SkpAssessment:
    """Pimpinan daerah or admin re-open a final assessment so that the rater can correct it. The final values
    are kept in the history row with the reason."""
    now = now or timezone.now()
    gate.require(actor, "skp.reopen", assessment, REOPENERS_ONLY)
    if assessment.status != Status.FINAL and seen is None:
        raise DomainError("Hanya penilaian yang sudah final yang dapat dibuka kembali.", code="invalid_transition")
    reason = reason.strip()
    if len(reason) < MIN_REASON:
        raise DomainError(f"Tuliskan alasan membuka kembali (paling sedikit {MIN_REASON} huruf).", field="reason")
    MACHINE.perform(
        assessment,
        to=Status.DRAFT,
        actor=actor,
        values={"note": reason[:2000]},
        seen=seen,
        changes={"updated_at": now, "finalized_at": None},
        history={"snapshot": snapshot_of(assessment)},
        now=now,
    )
    return assessment


REMIND_DAYS = 14  # after a quarter ends, raters are reminded once within this many days


def periods_just_ended(today: dt.date) -> list[tuple[int, int]]:
    """The periods whose end lies within REMIND_DAYS before ``today``: the last quarter, and the year after Q4."""
    for quarter, year in ((4, today.year - 1), (1, today.year), (2, today.year), (3, today.year)):
        _start, end = period_bounds(year, quarter)
        if dt.timedelta(days=0) < today - end <= dt.timedelta(days=REMIND_DAYS):
            return [(year, quarter), (year, 0)] if quarter == 4 else [(year, quarter)]
    return []


def skp_remind_raters(*, now: dt.datetime | None = None) -> int:
    """After a period ends, one e-mail to each rater who still has subordinates without a final assessment,
    listing them. Sent once per rater and period whatever how often the scheduler runs (the queued message's
    reference marks it). Returns how many were queued."""
    from pamong.notifications.models import Notification
    from pamong.notifications.services import notification_queue
    from pamong.organization.models import Unit
    from pamong.skp.models import period_slug
    from pamong.skp.selectors import rater_map

    now = now or timezone.now()
    sent = 0
    for kabkota_code in sorted(set(Unit.objects.values_list("kabkota_code", flat=True))):
        tz_today = timezone.localdate(now)
        for year, quarter in periods_just_ended(tz_today):
            done = set(
                SkpAssessment.objects.filter(
                    kabkota_code=kabkota_code, year=year, quarter=quarter, status=Status.FINAL
                ).values_list("employee_id", flat=True)
            )
            waiting: dict[int, list[Any]] = {}
            raters: dict[int, Employee] = {}
            for a in rater_map(kabkota_code=kabkota_code):
                if a.employee.pk not in done and a.rater.email:
                    waiting.setdefault(a.rater.pk, []).append(a)
                    raters[a.rater.pk] = a.rater
            prefix = f"skp-pengingat:{period_slug(year, quarter)}:"
            already = set(
                Notification.objects.filter(kabkota_code=kabkota_code, reference__startswith=prefix).values_list(
                    "reference", flat=True
                )
            )
            for rater_pk, rows in waiting.items():
                reference = f"{prefix}{rater_pk}"
                if reference in already:
                    continue
                names = "\n".join(
                    f"- {r.employee.full_name}{' (Plt. ' + r.vacant + ')' if r.vacant else ''}" for r in rows[:30]
                )
                with transaction.atomic():
                    notification_queue(
                        channel=Notification.Channel.EMAIL,
                        recipient=raters[rater_pk].email,
                        subject=f"Pengingat penilaian SKP {period_label(year, quarter)}",
                        body=(
                            f"Yth. {raters[rater_pk].full_name},\n\n{period_label(year, quarter)} telah berakhir. "
                            f"{len(rows)} pegawai yang Anda nilai belum memiliki penilaian SKP final:\n{names}\n\n"
                            "Silakan isi di Pamong, menu Penilaian SKP."
                        ),
                        reference=reference,
                        kabkota_code=kabkota_code,
                    )
                sent += 1
    return sent
