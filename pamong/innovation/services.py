"""Writes for innovations: registering and correcting one, moving its stage, adding evidence, and its approval
through ``MACHINE`` (``pamong.core.transitions``).

Stage and approval are two things: the stage (inisiatif → uji coba → penerapan, each with its date) says how far
the change has reached citizens and moves whenever it does, approved or not; the approval (draf → diajukan →
diterbitkan) says whether the head of the office stands behind the record and the public may read it. Every
write leaves a history row (``InnovationChange``) with the actor's post at the time.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import nh3
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from pamong.catalog.models import ServiceType
from pamong.core import gate, versions
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.transitions import Done, Field, Machine, Transition
from pamong.core.uploads import clean_upload
from pamong.innovation.models import (
    Evidence,
    EvidenceKind,
    Indicator,
    Innovation,
    InnovationChange,
    Kind,
    Stage,
    Status,
)
from pamong.organization.models import Unit
from pamong.training.models import Kind as TrainingKind
from pamong.training.models import TrainingEvent

VERSION = "innovation"  # the version counter of what the public pages and the feed show
MIN_YEAR = 2000
MAX_COST = 1_000_000_000_000  # Rp 1 triliun: anything above is a typing error
MAX_EVIDENCE = 30
DOUBLE_SUBMIT_WINDOW = dt.timedelta(minutes=10)

STAFF_ONLY = "Hanya pegawai kantor pemilik inovasi yang dapat mengubahnya."
HEAD_ONLY = "Hanya kepala unit (lurah, kepala desa atau camat) kantor ini yang dapat menyetujui inovasi."


@dataclass(frozen=True)
class InnovationData:
    name: str
    problem: str
    change: str
    kind: str
    initiated_on: dt.date
    stage: str = Stage.INISIATIF
    trial_on: dt.date | None = None
    applied_on: dt.date | None = None
    services: Sequence[ServiceType] = ()
    indicators: Sequence[str] = ()
    team: str = ""
    cost: int | None = None
    funding: str = ""
    summary: str = ""
    field_visit: TrainingEvent | None = None


def plain_text(raw: str) -> str:
    """Text meant to be shown as typed: any HTML is taken out (nh3 with no tag allowed), entities turned back into
    characters, so that the page escapes it once."""
    return html.unescape(nh3.clean(raw or "", tags=set(), strip_comments=True)).strip()


def _check_dates(*, stage: str, initiated_on: dt.date, trial_on: dt.date | None, applied_on: dt.date | None) -> None:
    today = timezone.localdate()
    if stage not in Stage.values:
        raise DomainError("Pilih tahap inovasi.", field="stage")
    for name, day in (("initiated_on", initiated_on), ("trial_on", trial_on), ("applied_on", applied_on)):
        if day is None:
            continue
        if day.year < MIN_YEAR:
            raise DomainError(f"Tanggal paling awal tahun {MIN_YEAR}.", field=name)
        if day > today:
            raise DomainError("Tanggal tidak boleh di masa depan.", field=name)
    if stage == Stage.UJI_COBA and trial_on is None:
        raise DomainError("Isi tanggal mulai uji coba.", field="trial_on")
    if stage == Stage.PENERAPAN and applied_on is None:
        raise DomainError("Isi tanggal mulai penerapan.", field="applied_on")
    if trial_on is not None and trial_on < initiated_on:
        raise DomainError("Uji coba tidak dapat dimulai sebelum tanggal inisiatif.", field="trial_on")
    if applied_on is not None and applied_on < initiated_on:
        raise DomainError("Penerapan tidak dapat dimulai sebelum tanggal inisiatif.", field="applied_on")
    if trial_on is not None and applied_on is not None and applied_on < trial_on:
        raise DomainError("Penerapan tidak dapat dimulai sebelum uji coba.", field="applied_on")


def _check(data: InnovationData, unit: Unit) -> None:
    if not data.name.strip():
        raise DomainError("Tuliskan nama inovasi.", field="name")
    if not data.problem.strip():
        raise DomainError("Tuliskan masalah yang diatasi.", field="problem")
    if not data.change.strip():
        raise DomainError("Tuliskan apa yang berubah bagi warga.", field="change")
    if data.kind not in Kind.values:
        raise DomainError("Pilih jenis inovasi.", field="kind")
    _check_dates(stage=data.stage, initiated_on=data.initiated_on, trial_on=data.trial_on, applied_on=data.applied_on)
    if any(i not in Indicator.values for i in data.indicators):
        raise DomainError("Pilih indikator dari daftar.", field="indicators")
    if any(s.kabkota_code != unit.kabkota_code for s in data.services):
        raise DomainError("Pilih layanan dari katalog kabupaten/kota ini.", field="services")
    if data.cost is not None and not 0 <= data.cost <= MAX_COST:
        raise DomainError("Biaya tidak masuk akal; periksa kembali angkanya.", field="cost")
    visit = data.field_visit
    if visit is not None and (visit.kind != TrainingKind.STUDI_TIRU or visit.kabkota_code != unit.kabkota_code):
        raise DomainError("Pilih kegiatan studi tiru dari daftar.", field="field_visit")


def _columns(data: InnovationData) -> dict[str, Any]:
    return {
        "name": data.name.strip(),
        "problem": data.problem.strip(),
        "change": data.change.strip(),
        "kind": data.kind,
        "stage": data.stage,
        "initiated_on": data.initiated_on,
        # A date of a stage not reached yet is not kept.
        "trial_on": data.trial_on if data.stage != Stage.INISIATIF else None,
        "applied_on": data.applied_on if data.stage == Stage.PENERAPAN else None,
        "indicators": [i for i in Indicator.values if i in data.indicators],  # in the list's order, once each
        "team": data.team.strip(),
        "cost": data.cost,
        "funding": data.funding.strip(),
        "summary": plain_text(data.summary),
        "field_visit": data.field_visit,
    }


def _bump(*_args: Any) -> None:
    versions.bump(VERSION)


def innovation_create(*, unit: Unit, data: InnovationData, actor: Any) -> tuple[Innovation, bool]:
    """Register an innovation of ``unit`` as a draft. The same form sent twice by the same person within a few
    minutes returns the innovation already made (and False)."""
    gate.require(actor, "innovation.propose", unit, "Hanya pegawai kantor ini yang dapat mencatat inovasinya.")
    _check(data, unit)
    columns = _columns(data)
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()  # serialise double submits of one office
        twin = Innovation.objects.filter(
            unit=unit,
            name=columns["name"],
            created_by=actor,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        ).first()
        if twin is not None:
            return twin, False
        innovation = Innovation.objects.create(kabkota_code=unit.kabkota_code, unit=unit, created_by=actor, **columns)
        innovation.services.set(data.services, through_defaults={"kabkota_code": innovation.kabkota_code})
        InnovationChange.objects.create(
            innovation=innovation,
            kabkota_code=innovation.kabkota_code,
            to_status=Status.DRAF,
            at=timezone.now(),
            **actor_fields(actor),
        )
    return innovation, True


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, TrainingEvent):
        return value.title
    return value


def innovation_update(*, innovation: Innovation, data: InnovationData, actor: Any) -> list[str]:
    """Correct a draft (an innovation submitted or published is first returned or withdrawn by the head). The old
    values of what changed are kept in the history. Returns the names of the fields that changed."""
    gate.require(actor, "innovation.edit", innovation, STAFF_ONLY)
    if innovation.status != Status.DRAF:
        raise DomainError(
            "Inovasi yang sudah diajukan atau diterbitkan tidak dapat diubah. Minta kepala unit mengembalikannya.",
            code="closed",
        )
    _check(data, innovation.unit)
    new = _columns(data)
    with transaction.atomic():
        current = Innovation.objects.select_for_update().get(pk=innovation.pk)
        if current.status != Status.DRAF:
            raise DomainError("Inovasi ini baru saja diubah oleh orang lain. Muat ulang halaman.", code="conflict")
        changed = [f for f, value in new.items() if getattr(current, f) != value]
        before = {f: _plain(getattr(current, f)) for f in changed}
        after = {f: _plain(new[f]) for f in changed}
        old_services = sorted(current.services.values_list("name", flat=True))
        new_services = sorted(s.name for s in data.services)
        if old_services != new_services:
            before["services"], after["services"] = old_services, new_services
            current.services.set(data.services, through_defaults={"kabkota_code": current.kabkota_code})
        if not after:
            return []
        for f in changed:
            setattr(current, f, new[f])
        current.save(update_fields=[*changed, "updated_at"])
        InnovationChange.objects.create(
            innovation=current,
            kabkota_code=current.kabkota_code,
            old=before,
            new=after,
            at=timezone.now(),
            **actor_fields(actor),
        )
    return list(after)


STAGE_ORDER = [Stage.INISIATIF, Stage.UJI_COBA, Stage.PENERAPAN]


def innovation_stage_set(*, innovation: Innovation, stage: str, day: dt.date, actor: Any, note: str = "") -> None:
    """Move the innovation forward to uji coba or penerapan from ``day``. Allowed in any approval status: the
    stage records what happened to citizens; a published innovation's page follows at once."""
    gate.require(actor, "innovation.edit", innovation, STAFF_ONLY)
    if stage not in (Stage.UJI_COBA, Stage.PENERAPAN):
        raise DomainError("Pilih tahap uji coba atau penerapan.", field="stage")
    if STAGE_ORDER.index(Stage(stage)) <= STAGE_ORDER.index(Stage(innovation.stage)):
        raise DomainError(
            f"Inovasi ini sudah pada tahap {innovation.get_stage_display().lower()}; tahap hanya bergerak maju.",
            field="stage",
        )
    trial_on = day if stage == Stage.UJI_COBA else innovation.trial_on
    applied_on = day if stage == Stage.PENERAPAN else innovation.applied_on
    _check_dates(stage=stage, initiated_on=innovation.initiated_on, trial_on=trial_on, applied_on=applied_on)
    if stage == Stage.PENERAPAN and trial_on is not None and day < trial_on:
        raise DomainError("Penerapan tidak dapat dimulai sebelum uji coba.", field="day")
    with transaction.atomic():
        moved = Innovation.objects.filter(pk=innovation.pk, stage=innovation.stage).update(
            stage=stage, trial_on=trial_on, applied_on=applied_on, updated_at=timezone.now()
        )
        if not moved:
            raise DomainError("Inovasi ini baru saja diubah oleh orang lain. Muat ulang halaman.", code="conflict")
        InnovationChange.objects.create(
            innovation=innovation,
            kabkota_code=innovation.kabkota_code,
            old={"stage": innovation.stage},
            new={"stage": stage, "date": day.isoformat()},
            note=note.strip()[:1000],
            at=timezone.now(),
            **actor_fields(actor),
        )
        if innovation.status == Status.DITERBITKAN:
            versions.bump(VERSION)
    innovation.refresh_from_db()


def evidence_add(*, innovation: Innovation, upload: UploadedFile, kind: str, title: str, actor: Any) -> Evidence:
    """Attach a file (SK, SOP, photo): checked by content, images re-encoded without their metadata."""
    gate.require(actor, "innovation.edit", innovation, STAFF_ONLY)
    if kind not in EvidenceKind.values:
        raise DomainError("Pilih jenis bukti.", field="kind")
    if not title.strip():
        raise DomainError("Tuliskan keterangan bukti, mis. “SK Lurah Nomor 12 Tahun 2026”.", field="title")
    if innovation.evidence.count() >= MAX_EVIDENCE:
        raise DomainError(f"Satu inovasi paling banyak {MAX_EVIDENCE} berkas bukti.", field="file")
    clean = clean_upload(upload, field="file")
    with transaction.atomic():
        evidence = Evidence.objects.create(
            innovation=innovation,
            kind=kind,
            title=title.strip()[:200],
            file=clean.content,
            original_name=clean.original_name,
            content_type=clean.content_type,
            size=clean.size,
            sha256=clean.sha256,
            uploaded_by=actor,
        )
        InnovationChange.objects.create(
            innovation=innovation,
            kabkota_code=innovation.kabkota_code,
            new={"evidence": evidence.title},
            at=timezone.now(),
            **actor_fields(actor),
        )
    return evidence


# Approval -----------------------------------------------------------------------------------------------------


def _published(done: Done) -> None:
    Innovation.objects.filter(pk=done.obj.pk).update(published_at=done.now)
    done.obj.published_at = done.now


S = Status
RETURN_REASON = Field("note", "Yang perlu diperbaiki", message="Tuliskan apa yang perlu diperbaiki.")
WITHDRAW_REASON = Field("note", "Alasan penarikan", message="Tuliskan alasan inovasi ditarik dari publikasi.")

MACHINE = Machine(
    model=Innovation,
    history=InnovationChange,
    noun="Inovasi",
    statuses=Status,
    transitions=[
        Transition((S.DRAF,), S.DIAJUKAN, "Ajukan ke kepala unit", "innovation.edit", refusal=STAFF_ONLY),
        Transition(
            (S.DIAJUKAN,),
            S.DITERBITKAN,
            "Setujui dan terbitkan",
            "innovation.approve",
            effects=(_published,),
            after=(_bump,),
            refusal=HEAD_ONLY,
        ),
        Transition(
            (S.DIAJUKAN,),
            S.DRAF,
            "Kembalikan untuk diperbaiki",
            "innovation.approve",
            fields=(RETURN_REASON,),
            style="secondary",
            refusal=HEAD_ONLY,
        ),
        Transition(
            (S.DITERBITKAN,),
            S.DRAF,
            "Tarik dari publikasi",
            "innovation.approve",
            fields=(WITHDRAW_REASON,),
            style="danger",
            after=(_bump,),
            refusal=HEAD_ONLY,
        ),
    ],
)


def innovation_transition(
    *, innovation: Innovation, to_status: str, actor: Any, note: str = "", seen: str | None = None
) -> Innovation:
    """Move the approval along draf → diajukan → diterbitkan (or back to draf); see ``MACHINE``."""
    now = timezone.now()
    MACHINE.perform(
        innovation,
        to=to_status,
        actor=actor,
        values={"note": note},
        seen=seen,
        changes={"updated_at": now},
        now=now,
    )
    return innovation
