"""Writes for service requests: submission, every status transition, assignment, and the overdue sweep.

Every transition goes through ``request_transition``: it checks the table of allowed transitions and who may
make them, updates with a condition on the current status (two officers acting at once: the second is told it
already changed) and writes a StatusChange row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pamong.catalog.models import ServiceType
from pamong.core import gate, staging, versions
from pamong.core.codes import new_code
from pamong.core.errors import DomainError, Forbidden
from pamong.core.storage import atomic_with_files
from pamong.core.transitions import Done, Field, Machine, Transition
from pamong.core.uploads import CleanFile
from pamong.organization.models import Employee, Position, Unit
from pamong.servicerequests.models import OPEN_STATUSES, RequestDocument, ServiceRequest, Status, StatusChange
from pamong.servicerequests.notify import applicant_notify, escalation_notify
from pamong.servicerequests.selectors import inbox_version_names
from pamong.servicerequests.signing import nik_reads_kept, signing_backend
from pamong.workdays.services import WorkCalendar, deadline_after

S = Status


def _signer_title(req: ServiceRequest) -> str:
    return req.unit.secretary_title if req.service.signer == Position.Kind.SEKRETARIS else req.unit.head_title


def _notify(done: Done) -> None:
    applicant_notify(request=done.obj, status=done.entry.to_status, note=done.entry.note)


def _issue_letter(done: Done) -> None:
    from pamong.servicerequests.letters import letter_issue, letter_render_pdf

    backend = signing_backend()
    signer = done.actor.employee
    if not backend.asks_passphrase:
        # The number is taken in this transaction: no gaps, no duplicates. The PDF follows in the background.
        letter = letter_issue(request=done.obj, signer=signer, now=done.now)
        transaction.on_commit(lambda: _render_letter(letter.pk))
        return
    # The signer's own certificate (BSrE), unlocked by the passphrase just typed, which is never stored: the letter
    # is numbered, rendered and signed now, in this transaction. A refusal (wrong passphrase, signer not
    # registered, service down) raises SigningError and rolls it all back: the number, the status, the history
    # row, the stored file.
    passphrase = done.values.get("passphrase", "")
    backend.check_signer(signer=signer, actor=done.actor, passphrase=passphrase)
    letter = letter_issue(request=done.obj, signer=signer, now=done.now)
    letter_render_pdf(letter=letter, passphrase=passphrase, actor=done.actor)


def _render_letter(letter_id: int) -> None:
    from pamong.servicerequests.tasks import render_letter

    render_letter.enqueue(letter_id)


def _pages_changed(done: Done) -> None:
    inbox_changed(region_codes=[done.obj.unit.region_id])
    tracking_changed(code=done.obj.code)


NOTE_FOR_APPLICANT = Field("note", "Yang harus dilengkapi atau diperbaiki pemohon")
REASON = Field("note", "Alasan penolakan", message="Tuliskan alasan penolakan untuk pemohon.")
NOTE_FOR_STAFF = Field("note", "Yang harus diperbaiki petugas")
SIGN_NOTE = Field("note", "Catatan", required=False)
PASSPHRASE = Field(
    "passphrase",
    "Passphrase TTE",
    help="Passphrase sertifikat elektronik BSrE Anda. Tidak disimpan.",
    message="Isi passphrase tanda tangan elektronik (TTE) Anda.",
    secret=True,
    when=lambda: signing_backend().asks_passphrase,
)
WORKING = (S.DIAJUKAN, S.DIVERIFIKASI, S.DIPROSES)
_common: dict[str, Any] = {"effects": (_notify,), "after": (_pages_changed,)}
_work: dict[str, Any] = {
    **_common,
    "refusal": "Hanya petugas unit yang menangani permohonan ini yang dapat mengubahnya.",
}

MACHINE = Machine(
    model=ServiceRequest,
    history=StatusChange,
    noun="Permohonan",
    statuses=Status,
    transitions=[
        Transition((S.DIAJUKAN,), S.DIVERIFIKASI, "Berkas lengkap", "servicerequests.work", **_work),
        Transition((S.DIVERIFIKASI,), S.DIPROSES, "Mulai proses", "servicerequests.work", **_work),
        Transition(
            (S.DIPROSES,),
            S.MENUNGGU_TTD,
            lambda req: f"Kirim ke {_signer_title(req)} untuk ditandatangani",
            "servicerequests.work",
            **_work,
        ),
        Transition(
            (S.MENUNGGU_TTD,),
            S.SELESAI,
            "Tanda tangani dan selesaikan",
            "servicerequests.sign",
            fields=(SIGN_NOTE, PASSPHRASE),
            effects=(_issue_letter, _notify),
            after=(_pages_changed,),
            refusal="Hanya pejabat penanda tangan layanan ini yang dapat menandatangani.",
        ),
        Transition(
            (S.MENUNGGU_TTD,),
            S.DIPROSES,
            "Kembalikan ke petugas",
            "servicerequests.sign",
            fields=(NOTE_FOR_STAFF,),
            style="secondary",
            refusal="Hanya pejabat penanda tangan layanan ini yang dapat mengembalikannya.",
            **_common,
        ),
        Transition(
            WORKING,
            S.DIKEMBALIKAN,
            "Kembalikan ke pemohon",
            "servicerequests.work",
            fields=(NOTE_FOR_APPLICANT,),
            style="secondary",
            **_work,
        ),
        Transition(
            WORKING, S.DITOLAK, "Tolak permohonan", "servicerequests.work", fields=(REASON,), style="danger", **_work
        ),
        Transition(
            (S.DIKEMBALIKAN,),
            S.DIAJUKAN,
            "Kirim kembali",
            None,
            fields=(Field("note", "Keterangan", required=False),),
            refusal="Hanya pemohon yang dapat mengirim kembali permohonan yang dikembalikan.",
            **_common,
        ),
    ],
)


@dataclass
class Applicant:
    nik: str
    name: str
    birth_place: str
    birth_date: dt.date
    gender: str
    address: str
    phone: str = ""
    email: str = ""
    religion: str = ""
    occupation: str = ""


@dataclass
class Submission:
    service: ServiceType
    unit: Unit
    applicant: Applicant
    answers: dict[str, Any]
    token: str
    documents: list[tuple[int | None, str, CleanFile]] = field(default_factory=list)  # (requirement id, field, file)


def _unit_timezone(unit: Unit) -> str:
    return unit.region.timezone


def request_submit(*, submission: Submission, now: dt.datetime | None = None) -> tuple[ServiceRequest, bool]:
    """Create the request with its documents and first StatusChange, all or nothing.

    The form's one-time token makes a double click or a resent form return the request already made:
    returns (request, created).
    """
    existing = ServiceRequest.objects.filter(submit_token=submission.token).first()
    if existing is not None:
        return existing, False
    now = now or timezone.now()
    if submission.applicant.phone:
        recent = ServiceRequest.objects.filter(
            phone=submission.applicant.phone, submitted_at__gte=now - dt.timedelta(days=1)
        ).count()
        if recent >= PHONE_DAILY_LIMIT:
            raise DomainError(
                f"Nomor ponsel ini sudah dipakai untuk {recent} permohonan hari ini. "
                "Datang ke kantor untuk permohonan berikutnya.",
                field="phone",
            )
    service, unit, a = submission.service, submission.unit, submission.applicant
    if service.kabkota_code != unit.kabkota_code:
        raise DomainError("Layanan ini tidak tersedia di unit yang dipilih.", field="unit")
    expected_kind = Unit.Kind.KANTOR_CAMAT if service.level == ServiceType.Level.KECAMATAN else None
    if expected_kind and unit.kind != expected_kind:
        raise DomainError("Layanan ini diselenggarakan di kantor camat.", field="unit")
    if not expected_kind and unit.kind not in (Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA):
        raise DomainError("Layanan ini diselenggarakan di kantor lurah atau kantor desa.", field="unit")
    request = ServiceRequest(
        kabkota_code=unit.kabkota_code,
        service=service,
        unit=unit,
        nik=a.nik,
        name=a.name.strip(),
        phone=a.phone,
        email=a.email,
        address=a.address.strip(),
        birth_place=a.birth_place.strip(),
        birth_date=a.birth_date,
        gender=a.gender,
        religion=a.religion,
        occupation=a.occupation,
        answers=submission.answers,
        submitted_at=now,
        due_at=deadline_after(now, service.deadline_days, _unit_timezone(unit)),
        submit_token=submission.token,
    )
    try:
        with atomic_with_files():  # a rollback (storage, database, the same form twice) removes the stored files
            for _attempt in range(5):
                request.code = new_code()
                if not ServiceRequest.objects.filter(code=request.code).exists():
                    break
            request.save()
            _attach_documents(request, submission.documents)
            StatusChange.objects.create(
                request=request, from_status="", to_status=S.DIAJUKAN, actor_label="Pemohon", at=now
            )
            applicant_notify(request=request, status=S.DIAJUKAN)
            transaction.on_commit(lambda: inbox_changed(region_codes=[unit.region_id]))
    except IntegrityError:
        # The same form was sent twice at the same moment: the unique token let only one through.
        existing = ServiceRequest.objects.filter(submit_token=submission.token).first()
        if existing is None:
            raise
        return existing, False
    return request, True


def _attach_documents(request: ServiceRequest, documents: Sequence[tuple[int | None, str, CleanFile]]) -> None:
    staging.release_on_commit(clean for _requirement, _field, clean in documents)
    for requirement_id, field_code, clean in documents:
        RequestDocument.objects.create(
            request=request,
            requirement_id=requirement_id,
            field_code=field_code,
            file=clean.content,
            original_name=clean.original_name,
            content_type=clean.content_type,
            size=clean.size,
            sha256=clean.sha256,
        )


def request_transition(
    *,
    request: ServiceRequest,
    actor: Any,
    to_status: str,
    note: str = "",
    seen: str | None = None,
    now: dt.datetime | None = None,
    passphrase: str = "",
) -> ServiceRequest:
    """Move a request (see ``MACHINE``). ``seen``: the status the officer saw when choosing the action.
    ``passphrase``: typed by the signer when letters are signed by BSrE; passed on, never stored or logged."""
    now = now or timezone.now()
    from_status = request.status
    changes: dict[str, Any] = {"updated_at": now}
    tz = _unit_timezone(request.unit)
    if to_status == S.DIKEMBALIKAN:
        # The clock stops: keep the working days that were left.
        changes["paused_days"] = _working_days_left(request.due_at, now, tz)
        changes["due_at"] = None
    elif from_status == S.DIKEMBALIKAN:
        changes["due_at"] = deadline_after(now, request.paused_days or 0, tz)
        changes["paused_days"] = None
        changes["overdue"] = False
    if to_status in (S.SELESAI, S.DITOLAK):
        changes["finished_at"] = now
    with nik_reads_kept():  # a refused BSrE signing rolls back; the reads of the signer's NIK stay recorded
        MACHINE.perform(
            request,
            to=to_status,
            actor=actor,
            values={"note": note, "passphrase": passphrase},
            seen=seen,
            changes=changes,
            actor_label="Pemohon" if actor is None else "",
            now=now,
        )
    return request


def _working_days_left(due_at: dt.datetime | None, now: dt.datetime, tz: str) -> int:
    if due_at is None:
        return 0
    today = timezone.localtime(now, _zone(tz)).date()
    due_day = timezone.localtime(due_at, _zone(tz)).date()
    if due_day <= today:
        return 0
    calendar = WorkCalendar.load(today, due_day)
    return calendar.count_between(today + dt.timedelta(days=1), due_day)


def _zone(tz: str) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(tz)


def requests_assign(*, requests: Sequence[ServiceRequest], assignee: Employee, actor: Any) -> int:
    """Give open requests to a petugas of the same unit. Returns how many were assigned."""
    employee = getattr(actor, "employee", None)
    if employee is None or not gate.can(actor, "servicerequests.assign", employee.unit):
        raise Forbidden("Hanya kepala unit atau sekretaris yang dapat membagi permohonan.")
    ids = [r.pk for r in requests if r.unit_id == employee.unit_id == assignee.unit_id]
    if len(ids) != len(requests):
        raise DomainError("Permohonan hanya dapat dibagikan kepada petugas unit yang sama.", field="assignee")
    if not assignee.active:
        raise DomainError(f"{assignee.full_name} tidak aktif.", field="assignee")
    assigned = ServiceRequest.objects.filter(pk__in=ids, status__in=OPEN_STATUSES).update(
        assignee=assignee, updated_at=timezone.now()
    )
    region_code = employee.unit.region_id
    transaction.on_commit(lambda: inbox_changed(region_codes=[region_code]))
    return assigned


@dataclass
class SweepResult:
    marked: int = 0


def requests_sweep_overdue(*, now: dt.datetime | None = None) -> SweepResult:
    """Mark open requests past their deadline as overdue and escalate each to the next position up the chain.

    Idempotent: a request already marked is not touched again. Two set-based updates, whatever the volume.
    """
    now = now or timezone.now()
    # One kabupaten/kota at a time, so the partial index (kabkota_code, due_at) of open, unmarked work is used.
    kabkota_codes = sorted(set(Unit.objects.values_list("kabkota_code", flat=True)))
    late = ServiceRequest.objects.filter(
        kabkota_code__in=kabkota_codes, status__in=OPEN_STATUSES, overdue=False, due_at__lt=now
    )
    above_assignee = Employee.objects.filter(pk=OuterRef("assignee_id")).values("position__reports_to_id")[:1]
    head_of_unit = Position.objects.filter(unit_id=OuterRef("unit_id"), kind=Position.Kind.KEPALA).values("pk")[:1]
    target = Coalesce(Subquery(above_assignee), Subquery(head_of_unit))
    with transaction.atomic():
        marked = late.update(overdue=True, escalated_to=target, updated_at=now)
        if marked:
            escalation_notify(stamp=now)
            # Marked requests show "terlambat" in inboxes and on tracking pages everywhere: all are built again.
            transaction.on_commit(inbox_reloaded)
    return SweepResult(marked=marked)


NIK_ATTEMPTS = 5
PHONE_DAILY_LIMIT = 10
NIK_LOCK = dt.timedelta(hours=24)


def request_check_nik(*, request: ServiceRequest, nik: str, now: dt.datetime | None = None) -> None:
    """The applicant's NIK guards the letter download and the correction page. Wrong guesses are counted on
    the request itself (atomically, whatever the client's address): after NIK_ATTEMPTS the request is locked
    for a day."""
    now = now or timezone.now()
    current = ServiceRequest.objects.filter(pk=request.pk).values("nik_failures", "nik_locked_until").get()
    if current["nik_locked_until"] and current["nik_locked_until"] > now:
        raise DomainError(
            "Terlalu banyak NIK salah untuk permohonan ini. Coba lagi besok, atau datang ke kantor dengan KTP-el.",
            field="nik",
            code="locked",
        )
    if secrets.compare_digest(nik, request.nik):
        if current["nik_failures"]:
            ServiceRequest.objects.filter(pk=request.pk).update(nik_failures=0, nik_locked_until=None)
        return
    ServiceRequest.objects.filter(pk=request.pk).update(nik_failures=F("nik_failures") + 1)
    ServiceRequest.objects.filter(pk=request.pk, nik_failures__gte=NIK_ATTEMPTS).update(
        nik_locked_until=now + NIK_LOCK, nik_failures=0
    )
    raise DomainError("NIK tidak sama dengan NIK pemohon.", field="nik")


def request_correct(
    *,
    request: ServiceRequest,
    nik: str,
    reply: str,
    documents: Sequence[tuple[int | None, str, CleanFile]],
    now: dt.datetime | None = None,
) -> ServiceRequest:
    """The citizen sends a returned request back, with new documents; the deadline clock starts again."""
    if request.status != S.DIKEMBALIKAN:
        raise DomainError("Permohonan ini tidak sedang menunggu perbaikan.", code="invalid_transition")
    request_check_nik(request=request, nik=nik, now=now)
    if not documents and not reply.strip():
        raise DomainError("Unggah berkas yang diminta atau tuliskan keterangan untuk petugas.", field="reply")
    with atomic_with_files():
        _attach_documents(request, documents)
        return request_transition(request=request, actor=None, to_status=S.DIAJUKAN, note=reply, now=now)


def personal_data_viewed(*, request: ServiceRequest, user: Any, what: str) -> None:
    """Record that staff were shown the applicant's personal data."""
    from pamong.servicerequests.models import PersonalDataAccess

    PersonalDataAccess.objects.create(request=request, user=user, what=what)


def inbox_changed(*, region_codes: Iterable[str]) -> None:
    """Requests of units in these regions changed: the cached inboxes that show them are stale."""
    names: set[str] = set()
    for code in region_codes:
        names.update(inbox_version_names(code))
    for name in sorted(names):
        versions.bump(name)


def inbox_reloaded() -> None:
    """Requests were loaded or changed in bulk (demo data, imports): every cached inbox and tracking page is
    stale."""
    versions.bump("inbox-epoch")
    versions.bump("track-epoch")


def tracking_changed(*, code: str) -> None:
    """The request behind this tracking code changed (its status, or its letter is ready)."""
    versions.bump(f"request:{code}")
