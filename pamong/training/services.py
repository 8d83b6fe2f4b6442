"""Writes for training: events with their topics and trainers, status transitions, participants (one by one, a
whole unit, or every holder of a kind of position), the attendance and score sheet, and certificates.

Who manages an event: the gate (rules in ``pamong.training.rules``): admin and pimpinan daerah for any organiser in
their scope; kepala unit and sekretaris for the events their own unit organises. The status moves through
``MACHINE`` (``pamong.core.transitions``); corrections of an event or of the sheet change no status and keep the
old and new values in their history rows, with the actor's post at the time.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.transitions import Done, Field, Machine, Transition
from pamong.organization.models import Employee, Position, Unit
from pamong.training.models import (
    AbsenceReason,
    Attendance,
    Certificate,
    CertificateSequence,
    EventChange,
    Kind,
    Participant,
    ParticipantChange,
    Status,
    Topic,
    Trainer,
    TrainingEvent,
)

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_DAYS = 180
MAX_HOURS = 2000
DOUBLE_SUBMIT_WINDOW = dt.timedelta(minutes=10)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


MANAGERS_ONLY = (
    "Hanya pimpinan daerah, atau kepala unit dan sekretaris unit penyelenggara, yang dapat mengelola kegiatan ini."
)


def _require_manager(actor: Any, event: TrainingEvent) -> None:
    gate.require(actor, "training.manage", event, MANAGERS_ONLY)


# Events -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventData:
    title: str
    kind: str
    start_date: dt.date
    end_date: dt.date
    place: str
    hours: int
    pass_mark: Decimal | None = None
    description: str = ""
    topics: tuple[tuple[str, int | None], ...] = ()
    trainers: tuple[tuple[str, str], ...] = ()
    host: str = ""  # a studi tiru: the host (free text), its region code when known, the lessons learnt
    host_region_code: str = ""
    lessons: str = ""


REGION_CODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")


def _check_event(data: EventData) -> None:
    if not data.title.strip():
        raise DomainError("Tuliskan judul kegiatan.", field="title")
    if data.kind not in Kind.values:
        raise DomainError("Pilih jenis kegiatan.", field="kind")
    for name, day in (("start_date", data.start_date), ("end_date", data.end_date)):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise DomainError(f"Tanggal kegiatan antara tahun {MIN_YEAR} dan {MAX_YEAR}.", field=name)
    if data.end_date < data.start_date:
        raise DomainError("Tanggal selesai tidak boleh sebelum tanggal mulai.", field="end_date")
    if (data.end_date - data.start_date).days >= MAX_DAYS:
        raise DomainError(f"Satu kegiatan paling lama {MAX_DAYS} hari.", field="end_date")
    if not data.place.strip():
        raise DomainError("Tuliskan tempat kegiatan.", field="place")
    if not 1 <= data.hours <= MAX_HOURS:
        raise DomainError(f"Jumlah JP antara 1 dan {MAX_HOURS}.", field="hours")
    if data.pass_mark is not None and not Decimal(0) <= data.pass_mark <= Decimal(100):
        raise DomainError("Nilai lulus antara 0 dan 100, atau kosongkan.", field="pass_mark")
    if data.kind == Kind.STUDI_TIRU and not data.host.strip():
        raise DomainError("Tuliskan tuan rumah studi tiru (daerah atau instansi yang dikunjungi).", field="host")
    if data.host_region_code.strip() and not REGION_CODE.fullmatch(data.host_region_code.strip()):
        raise DomainError(
            "Kode wilayah ditulis seperti kode Kemendagri, mis. 35.10 atau 35.10.05.", field="host_region_code"
        )
    topic_hours = sum(h or 0 for _t, h in data.topics)
    if topic_hours > data.hours:
        raise DomainError(f"Jumlah JP materi ({topic_hours}) melebihi JP kegiatan ({data.hours}).", field="topics")


def event_create(*, unit: Unit, data: EventData, actor: Any) -> tuple[TrainingEvent, bool]:
    """Plan an event. The same form sent twice by the same person returns the event already made."""
    gate.require(actor, "training.organise", unit, MANAGERS_ONLY)
    _check_event(data)
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()  # serialise double submits of one organiser
        twin = TrainingEvent.objects.filter(
            unit=unit,
            title=data.title.strip(),
            start_date=data.start_date,
            created_by=actor,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        ).first()
        if twin is not None:
            return twin, False
        event = TrainingEvent.objects.create(
            kabkota_code=unit.kabkota_code,
            unit=unit,
            title=data.title.strip(),
            kind=data.kind,
            start_date=data.start_date,
            end_date=data.end_date,
            place=data.place.strip(),
            hours=data.hours,
            pass_mark=data.pass_mark,
            description=data.description.strip(),
            host=data.host.strip(),
            host_region_code=data.host_region_code.strip(),
            lessons=data.lessons.strip(),
            created_by=actor,
        )
        Topic.objects.bulk_create(
            Topic(event=event, order=i, title=title, hours=hours) for i, (title, hours) in enumerate(data.topics)
        )
        Trainer.objects.bulk_create(
            Trainer(event=event, order=i, name=name, institution=inst) for i, (name, inst) in enumerate(data.trainers)
        )
        EventChange.objects.create(
            event=event,
            kabkota_code=event.kabkota_code,
            to_status=Status.DIRENCANAKAN,
            at=timezone.now(),
            **actor_fields(actor),
        )
    return event, True


_EDITABLE = (
    "title",
    "kind",
    "start_date",
    "end_date",
    "place",
    "hours",
    "pass_mark",
    "description",
    "host",
    "host_region_code",
    "lessons",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def event_update(*, event: TrainingEvent, data: EventData, actor: Any) -> list[str]:
    """Correct a planned or running event. The old values of what changed are kept in a change row; topics and
    trainers are replaced by the new list (their old lists too are kept). Returns the fields that changed."""
    _require_manager(actor, event)
    if event.status not in (Status.DIRENCANAKAN, Status.BERLANGSUNG):
        raise DomainError("Kegiatan yang sudah selesai atau dibatalkan tidak dapat diubah lagi.", code="closed")
    _check_event(data)
    new = {f: getattr(data, f) for f in _EDITABLE}
    new["title"], new["place"], new["description"] = data.title.strip(), data.place.strip(), data.description.strip()
    new["host"], new["host_region_code"] = data.host.strip(), data.host_region_code.strip()
    new["lessons"] = data.lessons.strip()
    with transaction.atomic():
        current = TrainingEvent.objects.select_for_update().get(pk=event.pk)
        if current.status != event.status:
            raise DomainError(
                "Kegiatan ini baru saja diubah oleh orang lain. Muat ulang halaman untuk melihat keadaannya sekarang.",
                code="conflict",
            )
        old = {f: getattr(current, f) for f in _EDITABLE}
        old_topics = [[t.title, t.hours] for t in current.topics.all()]
        old_trainers = [[t.name, t.institution] for t in current.trainers.all()]
        changed = [f for f in _EDITABLE if old[f] != new[f]]
        before = {f: _plain(old[f]) for f in changed}
        after = {f: _plain(new[f]) for f in changed}
        if old_topics != [list(t) for t in data.topics]:
            before["topics"], after["topics"] = old_topics, [list(t) for t in data.topics]
            current.topics.all().delete()
            Topic.objects.bulk_create(
                Topic(event=current, order=i, title=title, hours=hours) for i, (title, hours) in enumerate(data.topics)
            )
        if old_trainers != [list(t) for t in data.trainers]:
            before["trainers"], after["trainers"] = old_trainers, [list(t) for t in data.trainers]
            current.trainers.all().delete()
            Trainer.objects.bulk_create(
                Trainer(event=current, order=i, name=name, institution=inst)
                for i, (name, inst) in enumerate(data.trainers)
            )
        if not after:
            return []
        for f in changed:
            setattr(current, f, new[f])
        current.save(update_fields=[*changed, "updated_at"])
        # A correction changes no status: blank from/to, the old and new values kept.
        EventChange.objects.create(
            event=current,
            kabkota_code=current.kabkota_code,
            old=before,
            new=after,
            at=timezone.now(),
            **actor_fields(actor),
        )
    for f in changed:
        setattr(event, f, new[f])
    return list(after)


def _certificates_after_commit(done: Done) -> None:
    """When an event finishes, the certificates of those who passed are numbered in the background."""
    _enqueue_certificates(done.obj.pk)


S = Status
CANCEL_REASON = Field("note", "Alasan pembatalan", message="Tuliskan alasan pembatalan.")

MACHINE = Machine(
    model=TrainingEvent,
    history=EventChange,
    noun="Kegiatan",
    statuses=Status,
    transitions=[
        Transition((S.DIRENCANAKAN,), S.BERLANGSUNG, "Mulai kegiatan", "training.manage", refusal=MANAGERS_ONLY),
        Transition(
            (S.BERLANGSUNG,),
            S.SELESAI,
            "Nyatakan selesai",
            "training.manage",
            after=(_certificates_after_commit,),
            refusal=MANAGERS_ONLY,
        ),
        Transition(
            (S.DIRENCANAKAN, S.BERLANGSUNG),
            S.DIBATALKAN,
            "Batalkan kegiatan",
            "training.manage",
            fields=(CANCEL_REASON,),
            style="danger",
            refusal=MANAGERS_ONLY,
        ),
    ],
)


def event_transition(
    *, event: TrainingEvent, to_status: str, actor: Any, note: str = "", seen: str | None = None
) -> TrainingEvent:
    """Move an event along direncanakan → berlangsung → selesai (or dibatalkan); see ``MACHINE``. ``seen``: the
    status the user saw when choosing the step."""
    now = timezone.now()
    MACHINE.perform(
        event, to=to_status, actor=actor, values={"note": note}, seen=seen, changes={"updated_at": now}, now=now
    )
    return event


def _enqueue_certificates(event_id: int) -> None:
    from pamong.training.tasks import issue_certificates

    issue_certificates.enqueue(event_id)


# Participants -------------------------------------------------------------------------------------------------


def eligible_employees(*, event: TrainingEvent, actor: Any) -> Any:
    """Active employees the actor may add: those they can see (the organiser's region subtree for its head)."""
    return Employee.objects.visible_to(actor).active().filter(kabkota_code=event.kabkota_code)


def participants_add(*, event: TrainingEvent, employees: Iterable[Employee], actor: Any) -> tuple[int, int]:
    """Add employees to an event; those already on the list are skipped. Returns (added, already there)."""
    _require_manager(actor, event)
    if event.status not in (Status.DIRENCANAKAN, Status.BERLANGSUNG):
        raise DomainError("Peserta hanya dapat ditambahkan sebelum kegiatan selesai.", code="closed")
    allowed = eligible_employees(event=event, actor=actor)
    wanted = {e.pk for e in employees}
    if not wanted:
        raise DomainError("Tidak ada pegawai aktif yang cocok dengan pilihan ini.", field="employee")
    with transaction.atomic():
        rows = list(allowed.filter(pk__in=wanted).values_list("pk", "unit_id"))
        if len(rows) < len(wanted):
            raise DomainError("Pegawai tidak ditemukan atau di luar wilayah Anda.", field="employee")
        present = set(
            Participant.objects.filter(event=event, employee_id__in=wanted).values_list("employee_id", flat=True)
        )
        new = [
            Participant(kabkota_code=event.kabkota_code, event=event, employee_id=pk, unit_id=unit_id, added_by=actor)
            for pk, unit_id in rows
            if pk not in present
        ]
        # ignore_conflicts: a participant added by someone else at the same moment is not added twice.
        Participant.objects.bulk_create(new, ignore_conflicts=True)
    return len(new), len(present)


def participant_remove(*, participant: Participant, actor: Any) -> None:
    event = participant.event
    _require_manager(actor, event)
    if event.status != Status.DIRENCANAKAN:
        raise DomainError("Peserta hanya dapat dihapus selama kegiatan masih direncanakan.", code="closed")
    participant.delete()


# The sheet ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    attendance: str
    absence_reason: str
    pre_score: Decimal | None
    post_score: Decimal | None


_ENTRY_FIELDS = ("attendance", "absence_reason", "pre_score", "post_score")


def check_score(value: Decimal | None, *, field: str) -> None:
    if value is None:
        return
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise DomainError("Nilai harus antara 0 dan 100.", field=field)
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise DomainError("Nilai paling banyak dua angka di belakang koma.", field=field)


def check_entry(entry: Entry, *, prefix: str = "") -> None:
    if entry.attendance not in ("", *Attendance.values):
        raise DomainError("Pilih hadir atau tidak hadir.", field=f"{prefix}attendance")
    if entry.attendance == Attendance.TIDAK_HADIR and entry.absence_reason not in AbsenceReason.values:
        raise DomainError("Pilih alasan tidak hadir.", field=f"{prefix}absence_reason")
    if entry.attendance != Attendance.TIDAK_HADIR and entry.absence_reason:
        raise DomainError("Alasan hanya diisi bila peserta tidak hadir.", field=f"{prefix}absence_reason")
    if entry.attendance != Attendance.HADIR and (entry.pre_score is not None or entry.post_score is not None):
        raise DomainError("Nilai hanya diisi untuk peserta yang hadir.", field=f"{prefix}post_score")
    check_score(entry.pre_score, field=f"{prefix}pre_score")
    check_score(entry.post_score, field=f"{prefix}post_score")


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def sheet_record(*, event: TrainingEvent, entries: Mapping[int, Entry], actor: Any) -> int:
    """Save the attendance and scores of many participants at once. Only rows that changed are written, each
    with a change row keeping the old values. Certificates follow: withdrawn when a correction means the
    participant no longer passed, valid again (same number) when they pass again. Returns the rows changed."""
    _require_manager(actor, event)
    if not event.sheet_open:
        raise DomainError("Kehadiran dan nilai diisi saat kegiatan berlangsung atau sesudah selesai.", code="closed")
    for pk, entry in entries.items():
        check_entry(entry, prefix=f"p{pk}-")
    now = timezone.now()
    who = actor_fields(actor)
    with transaction.atomic():
        rows = list(
            Participant.objects.select_for_update(of=("self",))
            .filter(event=event, pk__in=list(entries))
            .prefetch_related("certificate")
            .order_by("pk")
        )
        if len(rows) != len(entries):
            raise DomainError("Daftar peserta berubah sejak halaman dibuka. Muat ulang halaman.", code="conflict")
        changed: list[Participant] = []
        changes: list[ParticipantChange] = []
        revoke: list[int] = []
        restore: list[int] = []
        for participant in rows:
            entry = entries[participant.pk]
            old = {f: getattr(participant, f) for f in _ENTRY_FIELDS}
            new = {f: getattr(entry, f) for f in _ENTRY_FIELDS}
            if old == new:
                continue
            for f, value in new.items():
                setattr(participant, f, value)
            participant.updated_at = now
            changed.append(participant)
            changes.append(
                ParticipantChange(  # a correction: no status, blank from/to
                    participant=participant,
                    kabkota_code=participant.kabkota_code,
                    old={k: _json(v) for k, v in old.items() if new[k] != v},
                    new={k: _json(v) for k, v in new.items() if old[k] != v},
                    at=now,
                    **who,
                )
            )
            certificate = getattr(participant, "certificate", None)  # None when there is none (AttributeError)
            if certificate is not None:
                passes = participant.passed_with(event.pass_mark)
                if certificate.valid and not passes:
                    revoke.append(certificate.pk)
                elif not certificate.valid and passes:
                    restore.append(certificate.pk)
        if changed:
            Participant.objects.bulk_update(changed, [*_ENTRY_FIELDS, "updated_at"])
            ParticipantChange.objects.bulk_create(changes)
        if revoke:
            Certificate.objects.filter(pk__in=revoke).update(valid=False)
        if restore:
            Certificate.objects.filter(pk__in=restore).update(valid=True)
    return len(changed)


# Certificates -------------------------------------------------------------------------------------------------


def certificate_number(*, code: str, year: int, sequence: int) -> str:
    """E.g. 007/SERT-PLT/Kec.PS/2026: sequence per organiser (its letter code) and year."""
    return f"{sequence:03d}/SERT-PLT/{code}/{year}"


def head_of(unit: Unit) -> Employee | None:
    return (
        Employee.objects.filter(unit=unit, position__kind=Position.Kind.KEPALA, active=True)
        .select_related("position")
        .order_by("position__order", "id")
        .first()
    )


def certificates_issue(*, event: TrainingEvent, participants: Iterable[Participant] | None = None) -> list[Certificate]:
    """Number the certificates of the event's passed participants who have none yet. Idempotent: a participant
    who already has a certificate keeps it and its number. Numbers are taken under a lock on the sequence row of
    the organiser's letter code, so two certificates never share a number and no number is skipped or reused."""
    if event.status != Status.SELESAI:
        raise DomainError("Sertifikat diterbitkan setelah kegiatan selesai.", code="not_finished")
    unit = Unit.objects.select_related("region").get(pk=event.unit_id)
    year = event.end_date.year
    key: dict[str, Any] = {"kabkota_code": event.kabkota_code, "code": unit.letter_code, "year": year}
    with transaction.atomic():
        # Lock the sequence row first: issuers of one organiser and year take turns, so each participant is
        # numbered once and two certificates never share a number.
        CertificateSequence.objects.get_or_create(**key)
        sequence = CertificateSequence.objects.select_for_update().get(**key)
        qs = Participant.objects.filter(event=event, certificate__isnull=True, attendance=Attendance.HADIR)
        if participants is not None:
            qs = qs.filter(pk__in=[p.pk for p in participants])
        if event.pass_mark is not None:
            qs = qs.filter(post_score__gte=event.pass_mark)
        todo = list(qs.order_by("employee__name", "pk"))
        if not todo:
            return []
        signer = head_of(unit)
        now = timezone.now()
        made = []
        for participant in todo:
            sequence.last_number += 1
            made.append(
                Certificate(
                    kabkota_code=event.kabkota_code,
                    participant=participant,
                    unit=unit,
                    unit_code=unit.letter_code,
                    year=year,
                    sequence=sequence.last_number,
                    number=certificate_number(code=unit.letter_code, year=year, sequence=sequence.last_number),
                    code="".join(secrets.choice(_CODE_ALPHABET) for _ in range(12)),
                    issued_at=now,
                    signer_name=signer.full_name if signer else "",
                    signer_nip=(signer.nip or "") if signer else "",
                    signer_title=signer.position.title if signer and signer.position else "",
                )
            )
        sequence.save(update_fields=["last_number"])
        return Certificate.objects.bulk_create(made)


def certificate_for(*, participant: Participant) -> Certificate:
    """The participant's certificate, numbered now if it was not yet. Only for a participant who passed."""
    event = participant.event
    existing = Certificate.objects.filter(participant=participant).first()
    if existing is not None:
        if not existing.valid:
            raise DomainError("Sertifikat peserta ini ditarik karena data kehadiran atau nilainya dikoreksi.")
        return existing
    if not participant.passed_with(event.pass_mark):
        raise DomainError("Sertifikat hanya untuk peserta yang hadir dan lulus.", code="not_passed")
    made = certificates_issue(event=event, participants=[participant])
    return made[0] if made else Certificate.objects.get(participant=participant)
