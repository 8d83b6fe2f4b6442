"""Writes for camat reports: schedule, opening a period's report, editing, and every status transition.

Every transition goes through ``MACHINE`` (pamong.core.transitions): the gate decides who may (``rules.py``), the
update is conditional on the status the user saw (two reviewers at once: the second is told it was just changed)
and a ReportChange row is written in the same transaction. Submitting saves what the camat typed into the sections
in that same transaction and freezes the figures as a JSON snapshot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.storage import atomic_with_files
from pamong.core.transitions import Done, Field, Machine, Transition
from pamong.core.uploads import CleanFile
from pamong.notifications.services import person_notify
from pamong.organization.models import Employee, Position, Unit
from pamong.reports import figures
from pamong.reports.models import (
    EDITABLE,
    Attachment,
    Frequency,
    PeriodicReport,
    ReminderSent,
    ReportChange,
    ReportSchedule,
    Section,
    Status,
)
from pamong.reports.periods import due_at, period_of

S = Status
NARRATIVE_FIELDS = [s.value for s in Section]
MAX_NARRATIVE = 20_000
REFUSAL = "Anda tidak berwenang melakukan tindakan ini pada laporan ini."
EMPTY = "Isi sekurang-kurangnya satu uraian sebelum menyampaikan laporan."


def _refuse_an_empty_report(done: Done) -> None:
    """Inside the transaction: a report without a single narrative is not sent (the whole step is undone)."""
    if not any(getattr(done.obj, k).strip() for k in NARRATIVE_FIELDS):
        raise DomainError(EMPTY)


MACHINE = Machine(
    model=PeriodicReport,
    history=ReportChange,
    noun="Laporan",
    statuses=Status,
    transitions=[
        Transition(
            (S.DRAFT, S.RETURNED),
            S.SUBMITTED,
            "Sampaikan laporan",
            "reports.submit",
            effects=(_refuse_an_empty_report,),
            refusal=REFUSAL,
        ),
        Transition(
            (S.SUBMITTED,),
            S.ACCEPTED,
            "Terima laporan",
            "reports.review",
            fields=(Field("note", "Catatan untuk camat", required=False),),
            refusal=REFUSAL,
        ),
        Transition(
            (S.SUBMITTED,),
            S.RETURNED,
            "Kembalikan ke camat",
            "reports.review",
            fields=(Field("note", "Catatan perbaikan untuk camat", message="Tuliskan catatan perbaikan untuk camat."),),
            style="secondary",
            refusal=REFUSAL,
        ),
    ],
)


def schedule_of(kabkota_code: str) -> ReportSchedule:
    return ReportSchedule.objects.filter(kabkota_code=kabkota_code).first() or ReportSchedule(kabkota_code=kabkota_code)


@transaction.atomic
def schedule_set(*, actor: Any, kabkota_code: str, frequency: str, due_days: int) -> ReportSchedule:
    gate.require(
        actor, "reports.schedule", None, "Hanya pimpinan daerah atau admin yang dapat mengatur jadwal laporan."
    )
    if frequency not in Frequency.values:
        raise DomainError("Periode laporan tidak dikenal.", field="frequency")
    if not 1 <= due_days <= 60:
        raise DomainError("Batas penyampaian harus antara 1 dan 60 hari kerja.", field="due_days")
    schedule, _created = ReportSchedule.objects.update_or_create(
        kabkota_code=kabkota_code, defaults={"frequency": frequency, "due_days": due_days, "updated_by": actor}
    )
    return schedule


def _signer(unit: Unit) -> tuple[str, str, str]:
    head = (
        Employee.objects.filter(unit=unit, active=True, position__kind=Position.Kind.KEPALA)
        .select_related("position")
        .first()
    )
    if head is None:
        return "", "", f"Camat {unit.region.name}"
    return str(head), head.nip or "", head.position.title if head.position else "Camat"


def report_open(*, unit: Unit, day: dt.date) -> PeriodicReport:
    """The report of the period containing ``day`` for a kantor camat, created as a draft if missing."""
    if unit.kind != Unit.Kind.KANTOR_CAMAT:
        raise DomainError("Laporan camat hanya dibuat untuk kantor camat.")
    schedule = schedule_of(unit.kabkota_code)
    start, end = period_of(schedule.frequency, day)
    existing = PeriodicReport.objects.filter(unit=unit, period_start=start).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return PeriodicReport.objects.create(
                kabkota_code=unit.kabkota_code,
                unit=unit,
                frequency=schedule.frequency,
                period_start=start,
                period_end=end,
                due_at=due_at(period_end=end, due_days=schedule.due_days, tz=unit.region.timezone),
            )
    except IntegrityError:  # opened at the same moment by someone else: one report all the same
        return PeriodicReport.objects.get(unit=unit, period_start=start)


WRITERS_ONLY = "Hanya camat atau sekretaris camat yang dapat mengisi laporan ini."


@transaction.atomic
def report_update(*, report: PeriodicReport, actor: Any, narratives: dict[str, str]) -> PeriodicReport:
    """Save the narratives of a draft or returned report (plain text)."""
    gate.require(actor, "reports.write", report, WRITERS_ONLY)
    values = {k: (narratives.get(k) or "").strip()[:MAX_NARRATIVE] for k in NARRATIVE_FIELDS}
    updated = PeriodicReport.objects.filter(pk=report.pk, status__in=EDITABLE).update(
        **values, updated_at=timezone.now()
    )
    if not updated:
        raise DomainError("Laporan sudah disampaikan dan tidak dapat diubah lagi.")
    for key, value in values.items():
        setattr(report, key, value)
    return report


def report_transition(
    *,
    report: PeriodicReport,
    actor: Any,
    to_status: str,
    note: str = "",
    seen: str | None = None,
    narratives: dict[str, str] | None = None,
    now: dt.datetime | None = None,
) -> PeriodicReport:
    """Move a report (see ``MACHINE``). ``seen``: the status the user saw when choosing the action.

    ``narratives``: the section texts on the page from which the camat chose "Sampaikan laporan". They are saved
    in the same transaction as the submission, before the figures are frozen, so that what was typed is what is
    sent; if the step is refused, neither is saved (the page shows the typed text again, with the reason)."""
    now = now or timezone.now()
    with transaction.atomic():
        if narratives is not None and to_status == S.SUBMITTED:
            if seen is not None and seen != report.status:
                raise DomainError(
                    "Laporan ini baru saja diubah oleh orang lain. Uraian yang Anda ketik masih ada di halaman ini; "
                    "salin sebelum memuat ulang halaman.",
                    code="conflict",
                )
            report_update(report=report, actor=actor, narratives=narratives)
        changes: dict[str, Any] = {"updated_at": now}
        if to_status == S.SUBMITTED:
            ctx = figures.Context(unit=report.unit, start=report.period_start, end=report.period_end)
            name, nip, title = _signer(report.unit)
            first = report.first_submitted_at or now
            changes.update(
                figures=figures.snapshot(ctx),
                figures_at=now,
                submitted_at=now,
                first_submitted_at=first,
                # Late is decided by the first submission: a report returned for corrections near the deadline and
                # sent again after it was still delivered on time.
                late=first > report.due_at,
                signer_name=name,
                signer_nip=nip,
                signer_title=title,
            )
        if to_status in (S.RETURNED, S.ACCEPTED):
            changes["review_note"] = (note or "").strip()
        MACHINE.perform(report, to=to_status, actor=actor, values={"note": note}, seen=seen, changes=changes, now=now)
    return report


MAX_ATTACHMENTS = 10


@atomic_with_files()
def report_attach(*, report: PeriodicReport, actor: Any, upload: CleanFile) -> Attachment:
    """Attach a checked file to a draft or returned report. The same file sent twice is attached once."""
    if not gate.can(actor, "reports.write", report):
        raise DomainError("Hanya camat atau sekretaris camat yang dapat melampirkan berkas.", field="file")
    locked = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if locked.status not in EDITABLE:
        raise DomainError("Laporan sudah disampaikan; lampiran tidak dapat ditambah.", field="file")
    existing = Attachment.objects.filter(report=report, sha256=upload.sha256).first()
    if existing is not None:
        return existing
    if Attachment.objects.filter(report=report).count() >= MAX_ATTACHMENTS:
        raise DomainError(f"Lampiran paling banyak {MAX_ATTACHMENTS} berkas.", field="file")
    return Attachment.objects.create(
        report=report,
        file=upload.content,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=actor,
    )


REMINDERS = (("h-3", 3), ("h-0", 0))  # (kind, working days before the deadline)


def _recipients(unit: Unit) -> list[Employee]:
    return list(
        Employee.objects.filter(
            unit=unit, active=True, position__kind__in=[Position.Kind.KEPALA, Position.Kind.SEKRETARIS]
        )
    )


def reports_remind(*, now: dt.datetime | None = None) -> int:
    """Remind the camat and sekcam of reports not yet submitted, 3 working days before the deadline and on the
    day itself; once per report and kind (a ReminderSent row). Opens this period's drafts first so that every
    kantor camat has a report to be reminded of. Idempotent: safe to run as often as wanted."""
    from pamong.workdays.services import add_working_days

    now = now or timezone.now()
    for unit in Unit.objects.filter(kind=Unit.Kind.KANTOR_CAMAT).select_related("region"):
        schedule = schedule_of(unit.kabkota_code)
        local_today = timezone.localtime(now, _zone(unit)).date()
        start, _end = period_of(schedule.frequency, local_today)
        report_open(unit=unit, day=start - dt.timedelta(days=1))
    sent = 0
    pending = PeriodicReport.objects.filter(status__in=EDITABLE, due_at__gte=now).select_related("unit__region")
    for report in pending:
        local_today = timezone.localtime(now, _zone(report.unit)).date()
        due_day = timezone.localtime(report.due_at, _zone(report.unit)).date()
        for kind, days_before in REMINDERS:
            if days_before and add_working_days(local_today, days_before) != due_day:
                continue
            if not days_before and local_today != due_day:
                continue
            sent += _remind(report, kind, due_day)
    return sent


def _zone(unit: Unit) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(unit.region.timezone)


def _remind(report: PeriodicReport, kind: str, due_day: dt.date) -> int:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(report=report, kind=kind)
            body = (
                f"Pengingat: laporan penyelenggaraan pemerintahan kecamatan {report.unit.region.name} periode "
                f"{report.period_label} harus disampaikan paling lambat {due_day:%d-%m-%Y}."
            )
            for employee in _recipients(report.unit):
                person_notify(
                    phone=employee.phone,
                    email=employee.email,
                    subject=f"Pengingat laporan camat {report.period_label}",
                    body=body,
                    reference=f"laporan:{report.pk}:{kind}",
                    kabkota_code=report.kabkota_code,
                )
    except IntegrityError:  # sent already
        return 0
    return 1
