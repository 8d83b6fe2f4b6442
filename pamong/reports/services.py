"""Writes for camat reports: schedule, opening a period's report, editing, and every status transition.

A transition checks the table of allowed transitions and who may make it, updates with a condition on the
current status (two reviewers at once: the second is told it already changed) and writes a ReportChange row in
the same transaction. Submitting freezes the figures as a JSON snapshot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pamong.accounts.models import Role
from pamong.core.errors import DomainError
from pamong.core.storage import atomic_with_files
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

# (from, to) -> who: "camat" (kepala unit or sekretaris of the kantor camat) or "reviewer" (pimpinan/admin)
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): "camat",
    (S.RETURNED, S.SUBMITTED): "camat",
    (S.SUBMITTED, S.RETURNED): "reviewer",
    (S.SUBMITTED, S.ACCEPTED): "reviewer",
}
NARRATIVE_FIELDS = [s.value for s in Section]
MAX_NARRATIVE = 20_000


def is_reviewer(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_admin_role or user.role == Role.PIMPINAN_DAERAH))


def is_camat_of(user: Any, unit: Unit) -> bool:
    """The camat (kepala unit) or sekcam of this kantor camat."""
    employee = getattr(user, "employee", None)
    return bool(
        user.is_authenticated
        and user.role in (Role.KEPALA_UNIT, Role.SEKRETARIS)
        and employee is not None
        and employee.unit_id == unit.pk
        and unit.kind == Unit.Kind.KANTOR_CAMAT
    )


def may(user: Any, report: PeriodicReport, to_status: str) -> bool:
    who = TRANSITIONS.get((report.status, to_status))
    if who == "camat":
        return is_camat_of(user, report.unit)
    if who == "reviewer":
        return is_reviewer(user)
    return False


def allowed_next(user: Any, report: PeriodicReport) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == report.status and may(user, report, to)]


def schedule_of(kabkota_code: str) -> ReportSchedule:
    return ReportSchedule.objects.filter(kabkota_code=kabkota_code).first() or ReportSchedule(kabkota_code=kabkota_code)


@transaction.atomic
def schedule_set(*, actor: Any, kabkota_code: str, frequency: str, due_days: int) -> ReportSchedule:
    if not is_reviewer(actor):
        raise DomainError("Hanya pimpinan daerah atau admin yang dapat mengatur jadwal laporan.")
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


@transaction.atomic
def report_update(*, report: PeriodicReport, actor: Any, narratives: dict[str, str]) -> PeriodicReport:
    """Save the narratives of a draft or returned report (plain text)."""
    if not is_camat_of(actor, report.unit):
        raise DomainError("Hanya camat atau sekretaris camat yang dapat mengisi laporan ini.")
    values = {k: (narratives.get(k) or "").strip()[:MAX_NARRATIVE] for k in NARRATIVE_FIELDS}
    updated = PeriodicReport.objects.filter(pk=report.pk, status__in=EDITABLE).update(
        **values, updated_at=timezone.now()
    )
    if not updated:
        raise DomainError("Laporan sudah disampaikan dan tidak dapat diubah lagi.")
    for key, value in values.items():
        setattr(report, key, value)
    return report


@transaction.atomic
def report_transition(*, report: PeriodicReport, actor: Any, to_status: str, note: str = "") -> PeriodicReport:
    frm = report.status
    if (frm, to_status) not in TRANSITIONS:
        raise DomainError(
            f"Laporan berstatus {Status(frm).label} tidak dapat diubah menjadi {Status(to_status).label}."
        )
    if not may(actor, report, to_status):
        raise DomainError("Anda tidak berwenang melakukan tindakan ini pada laporan ini.")
    note = (note or "").strip()
    if to_status == S.RETURNED and not note:
        raise DomainError("Tuliskan catatan perbaikan untuk camat.", field="note")
    now = timezone.now()
    changes: dict[str, Any] = {"status": to_status, "updated_at": now}
    if to_status == S.SUBMITTED:
        if not any(getattr(report, k).strip() for k in NARRATIVE_FIELDS):
            raise DomainError("Isi sekurang-kurangnya satu uraian sebelum menyampaikan laporan.")
        ctx = figures.Context(unit=report.unit, start=report.period_start, end=report.period_end)
        name, nip, title = _signer(report.unit)
        changes.update(
            figures=figures.snapshot(ctx),
            figures_at=now,
            submitted_at=now,
            first_submitted_at=report.first_submitted_at or now,
            # Late is decided by the first submission: a report returned for corrections near the deadline and
            # sent again after it was still delivered on time.
            late=(report.first_submitted_at or now) > report.due_at,
            signer_name=name,
            signer_nip=nip,
            signer_title=title,
        )
    if to_status in (S.RETURNED, S.ACCEPTED):
        changes["review_note"] = note
    updated = PeriodicReport.objects.filter(pk=report.pk, status=frm).update(**changes)
    if not updated:
        raise DomainError("Laporan ini sudah diubah oleh orang lain. Muat ulang halaman untuk melihat statusnya.")
    ReportChange.objects.create(report=report, from_status=frm, to_status=to_status, actor=actor, note=note, at=now)
    for key, value in changes.items():
        setattr(report, key, value)
    return report


MAX_ATTACHMENTS = 10


@atomic_with_files()
def report_attach(*, report: PeriodicReport, actor: Any, upload: CleanFile) -> Attachment:
    """Attach a checked file to a draft or returned report. The same file sent twice is attached once."""
    if not is_camat_of(actor, report.unit):
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
