"""Writes for meetings, evaluation visits and action items.

Every status change goes through one function that checks the table of allowed transitions and who may make
them, updates with a condition on the current status (the second of two officers acting at once is told it
already changed) and writes a change row in the same transaction. Corrections of minutes keep the old text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from pamong.core.errors import DomainError
from pamong.core.storage import atomic_with_files
from pamong.core.uploads import CleanFile
from pamong.meetings import rules
from pamong.meetings.models import (
    OPEN_ACTIONS,
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Attendance,
    Decision,
    Finding,
    FindingPhoto,
    Guest,
    Invitee,
    Meeting,
    MeetingChange,
    MeetingKind,
    MeetingStatus,
    Theme,
    Visit,
    VisitParticipant,
)
from pamong.meetings.richtext import sanitize
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region, timezone_for_code
from pamong.workdays.services import add_working_days

MS = MeetingStatus
AS = ActionStatus
REMIND_WORKING_DAYS = 2  # the owner is reminded once the deadline is this many working days away or nearer
MAX_PHOTOS_PER_FINDING = 4
CONFLICT = "Data ini baru saja diubah oleh orang lain (sudah diubah). Muat ulang halaman untuk melihatnya."


def actor_label(actor: Any) -> str:
    employee = getattr(actor, "employee", None)
    if employee is None:
        return getattr(actor, "username", "") or "Sistem"
    position = employee.position
    return f"{employee.full_name} ({position.title})" if position else employee.full_name


# --- meetings ---------------------------------------------------------------------------------------------------


@dataclass
class MeetingDraft:
    unit: Unit
    kind: str
    title: str
    chair: Employee
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    token: str
    agenda: str = ""
    employees: Sequence[Employee] = ()
    positions: Sequence[Position] = ()
    guests: Sequence[tuple[str, str]] = ()


def _check_draft(draft: MeetingDraft) -> None:
    if draft.kind not in MeetingKind.values:
        raise DomainError("Pilih jenis rapat.", field="kind")
    if not draft.title.strip():
        raise DomainError("Tuliskan judul rapat.", field="title")
    if draft.ends_at < draft.starts_at:
        raise DomainError("Jam selesai tidak boleh sebelum jam mulai.", field="end_time")
    if draft.chair.kabkota_code != draft.unit.kabkota_code or not draft.chair.active:
        raise DomainError("Pimpinan rapat harus pegawai aktif di kabupaten/kota ini.", field="chair")
    for employee in draft.employees:
        if employee.kabkota_code != draft.unit.kabkota_code:
            raise DomainError(f"{employee.full_name} bukan pegawai kabupaten/kota ini.", field="employees")
    for position in draft.positions:
        if position.kabkota_code != draft.unit.kabkota_code:
            raise DomainError(f"Jabatan {position.title} bukan di kabupaten/kota ini.", field="positions")


def meeting_create(*, actor: Any, draft: MeetingDraft) -> tuple[Meeting, bool]:
    """Schedule a meeting and invite people by name and by position. A resent form (same one-time token) returns
    the meeting already made: returns (meeting, created)."""
    existing = Meeting.objects.filter(submit_token=draft.token).first()
    if existing is not None:
        return existing, False
    if not rules.can_organise_for(actor, draft.unit):
        raise DomainError("Anda tidak dapat menyelenggarakan rapat untuk unit ini.", field="unit", code="forbidden")
    _check_draft(draft)
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                kabkota_code=draft.unit.kabkota_code,
                unit=draft.unit,
                kind=draft.kind,
                title=draft.title.strip()[:200],
                chair=draft.chair,
                starts_at=draft.starts_at,
                ends_at=draft.ends_at,
                place=draft.place.strip()[:200],
                agenda=draft.agenda.strip(),
                created_by=actor if getattr(actor, "pk", None) else None,
                submit_token=draft.token,
            )
            _invite(meeting, draft.employees, draft.positions)
            Guest.objects.bulk_create(
                [Guest(meeting=meeting, name=n[:160], institution=i[:200]) for n, i in draft.guests if n.strip()]
            )
            MeetingChange.objects.create(
                meeting=meeting,
                to_status=MS.DIJADWALKAN,
                actor=meeting.created_by,
                actor_label=actor_label(actor),
                at=timezone.now(),
            )
    except IntegrityError:
        existing = Meeting.objects.filter(submit_token=draft.token).first()
        if existing is None:
            raise
        return existing, False
    return meeting, True


def _invite(meeting: Meeting, employees: Iterable[Employee], positions: Iterable[Position]) -> int:
    """Invite people; a position invites its current active holders and remembers it was the way they came.
    People already invited stay as they are. Returns how many were added."""
    wanted: dict[int, int | None] = {e.pk: None for e in employees if e.active}
    position_ids = [p.pk for p in positions]
    if position_ids:
        holders = Employee.objects.filter(position_id__in=position_ids, active=True).values_list("pk", "position_id")
        for employee_id, position_id in holders:
            wanted.setdefault(employee_id, position_id)
    already = set(Invitee.objects.filter(meeting=meeting).values_list("employee_id", flat=True))
    rows = [
        Invitee(meeting=meeting, employee_id=employee_id, via_position_id=position_id)
        for employee_id, position_id in wanted.items()
        if employee_id not in already
    ]
    Invitee.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def meeting_invite(
    *, meeting: Meeting, actor: Any, employees: Sequence[Employee] = (), positions: Sequence[Position] = ()
) -> int:
    if not rules.can_manage_meeting(actor, meeting):
        raise DomainError("Hanya penyelenggara rapat yang dapat mengundang.", code="forbidden")
    if meeting.status != MS.DIJADWALKAN:
        raise DomainError("Rapat ini sudah selesai atau dibatalkan.", field="employees")
    for employee in employees:
        if employee.kabkota_code != meeting.kabkota_code:
            raise DomainError(f"{employee.full_name} bukan pegawai kabupaten/kota ini.", field="employees")
    for position in positions:
        if position.kabkota_code != meeting.kabkota_code:
            raise DomainError(f"Jabatan {position.title} bukan di kabupaten/kota ini.", field="positions")
    if not employees and not positions:
        raise DomainError("Pilih pegawai atau jabatan yang diundang.", field="employees")
    with transaction.atomic():
        return _invite(meeting, employees, positions)


@dataclass(frozen=True)
class Rule:
    by: str  # "manager": the organiser; "owner": the owner of an action item or the organiser
    note: bool = False  # a note is required


MEETING_TRANSITIONS: dict[tuple[str, str], Rule] = {
    (MS.DIJADWALKAN, MS.SELESAI): Rule("manager"),
    (MS.DIJADWALKAN, MS.DIBATALKAN): Rule("manager", note=True),
}


def meeting_next(status: str) -> list[str]:
    return [to for (frm, to) in MEETING_TRANSITIONS if frm == status]


def meeting_transition(
    *, meeting: Meeting, actor: Any, to_status: str, note: str = "", now: dt.datetime | None = None
) -> Meeting:
    now = now or timezone.now()
    from_status = meeting.status
    rule = MEETING_TRANSITIONS.get((from_status, to_status))
    if rule is None:
        raise DomainError(
            f"Rapat berstatus {MS(from_status).label} tidak dapat diubah menjadi "
            f"{MS(to_status).label if to_status in MS.values else to_status}.",
            code="invalid_transition",
        )
    if not rules.can_manage_meeting(actor, meeting):
        raise DomainError("Hanya penyelenggara atau pimpinan rapat yang dapat mengubah statusnya.", code="forbidden")
    note = note.strip()
    if rule.note and not note:
        raise DomainError("Tuliskan alasan pembatalan.", field="note")
    with transaction.atomic():
        if not Meeting.objects.filter(pk=meeting.pk, status=from_status).update(status=to_status, updated_at=now):
            raise DomainError(CONFLICT, code="conflict")
        MeetingChange.objects.create(
            meeting=meeting,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_label=actor_label(actor),
            note=note[:2000],
            at=now,
        )
    meeting.refresh_from_db()
    return meeting


def meeting_record_attendance(
    *, meeting: Meeting, actor: Any, marks: dict[int, tuple[str, str]], now: dt.datetime | None = None
) -> int:
    """Record the attendance of the invitees on one sheet: ``marks`` maps an invitee id to (attendance, note).
    One read and one bulk update whatever the number of invitees. Returns how many rows changed."""
    now = now or timezone.now()
    if not rules.can_manage_meeting(actor, meeting):
        raise DomainError("Hanya penyelenggara rapat yang dapat mencatat kehadiran.", code="forbidden")
    if meeting.status == MS.DIBATALKAN:
        raise DomainError("Rapat ini dibatalkan; kehadiran tidak dicatat.")
    if meeting.starts_at > now + dt.timedelta(hours=1):
        raise DomainError("Kehadiran dicatat saat atau setelah rapat dimulai.")
    invitees = list(Invitee.objects.filter(meeting=meeting))
    changed = []
    for invitee in invitees:
        if invitee.pk not in marks:
            continue
        attendance, note = marks[invitee.pk]
        if attendance and attendance not in Attendance.values:
            raise DomainError("Pilihan kehadiran tidak dikenal.", field=f"att_{invitee.pk}")
        note = note.strip()[:200]
        if (attendance, note) != (invitee.attendance, invitee.note):
            invitee.attendance, invitee.note = attendance, note
            invitee.recorded_at = now if attendance else None
            changed.append(invitee)
    with transaction.atomic():
        Invitee.objects.bulk_update(changed, ["attendance", "note", "recorded_at"])
    return len(changed)


def meeting_write_minutes(
    *, meeting: Meeting, actor: Any, minutes: str, decisions: Sequence[str], now: dt.datetime | None = None
) -> Meeting:
    """Write or correct the minutes and the decisions. The minutes are sanitised; a correction keeps the previous
    minutes and decisions in a change row, so nothing written is ever lost."""
    now = now or timezone.now()
    if not rules.can_manage_meeting(actor, meeting):
        raise DomainError("Hanya penyelenggara atau pimpinan rapat yang dapat menulis notulen.", code="forbidden")
    if meeting.status == MS.DIBATALKAN:
        raise DomainError("Rapat ini dibatalkan.", field="minutes")
    clean = sanitize(minutes)
    texts = [d.strip()[:2000] for d in decisions if d.strip()]
    old_texts = list(Decision.objects.filter(meeting=meeting).values_list("text", flat=True))
    if clean == meeting.minutes and texts == old_texts:
        return meeting
    with transaction.atomic():
        if meeting.minutes or old_texts:
            old = meeting.minutes + (
                "<h4>Keputusan</h4><ol>" + "".join(f"<li>{_escape(t)}</li>" for t in old_texts) + "</ol>"
                if old_texts
                else ""
            )
            MeetingChange.objects.create(
                meeting=meeting,
                field=MeetingChange.Field.MINUTES,
                old_value=old,
                actor=actor,
                actor_label=actor_label(actor),
                note="Notulen/keputusan diperbaiki",
                at=now,
            )
        Meeting.objects.filter(pk=meeting.pk).update(minutes=clean, updated_at=now)
        Decision.objects.filter(meeting=meeting).delete()
        Decision.objects.bulk_create([Decision(meeting=meeting, order=i, text=t) for i, t in enumerate(texts, 1)])
    meeting.refresh_from_db()
    return meeting


def _escape(text: str) -> str:
    import html

    return html.escape(text)


# --- evaluation visits ------------------------------------------------------------------------------------------


@dataclass
class FindingDraft:
    theme: str
    text: str
    photos: list[CleanFile] = field(default_factory=list)


@dataclass
class VisitDraft:
    region: Region
    visited_on: dt.date
    title: str
    token: str
    summary: str = ""
    led_by: Employee | None = None
    employees: Sequence[Employee] = ()
    others: Sequence[tuple[str, str]] = ()
    findings: Sequence[FindingDraft] = ()


def visited_unit(region: Region) -> Unit:
    """The office of the visited region: the kantor camat of a kecamatan, the kantor lurah/desa of a kelurahan or
    desa."""
    kinds = (
        (Unit.Kind.KANTOR_CAMAT,)
        if region.level == 3
        else (Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)
        if region.level == 4
        else ()
    )
    unit = Unit.objects.filter(region=region, kind__in=kinds).first() if kinds else None
    if unit is None:
        raise DomainError("Pilih kecamatan, kelurahan atau desa yang kantornya ada di Pamong.", field="region")
    return unit


def _save_finding(visit: Visit, draft: FindingDraft) -> Finding:
    if draft.theme not in Theme.values:
        raise DomainError("Pilih tema temuan.", field="theme")
    if not draft.text.strip():
        raise DomainError("Tuliskan temuannya.", field="text")
    if len(draft.photos) > MAX_PHOTOS_PER_FINDING:
        raise DomainError(f"Paling banyak {MAX_PHOTOS_PER_FINDING} foto per temuan.", field="photos")
    if any(not p.content_type.startswith("image/") for p in draft.photos):
        raise DomainError("Lampiran temuan harus foto (JPEG atau PNG).", field="photos")
    finding = Finding.objects.create(visit=visit, theme=draft.theme, text=draft.text.strip()[:5000])
    for photo in draft.photos:
        FindingPhoto.objects.create(
            finding=finding, file=photo.content, content_type=photo.content_type, size=photo.size, sha256=photo.sha256
        )
    return finding


def visit_create(*, actor: Any, draft: VisitDraft) -> tuple[Visit, bool]:
    """Record an evaluation visit with who came and the findings (with photos). Pimpinan daerah and admins only.
    A resent form returns the visit already made."""
    existing = Visit.objects.filter(submit_token=draft.token).first()
    if existing is not None:
        return existing, False
    if not rules.can_record_visits(actor):
        raise DomainError("Kunjungan kerja dicatat oleh pimpinan daerah atau admin.", code="forbidden")
    from pamong.core.scope import scope_of

    if not scope_of(actor).contains(draft.region.code):
        raise DomainError("Wilayah ini di luar kabupaten/kota Anda.", field="region")
    unit = visited_unit(draft.region)
    if not draft.title.strip():
        raise DomainError("Tuliskan judul kunjungan.", field="title")
    if draft.visited_on > timezone.localdate() + dt.timedelta(days=1):
        raise DomainError(
            "Kunjungan dicatat setelah dilaksanakan; tanggalnya tidak boleh di masa depan.", field="visited_on"
        )
    try:
        with atomic_with_files():
            visit = Visit.objects.create(
                kabkota_code=unit.kabkota_code,
                region=draft.region,
                unit=unit,
                visited_on=draft.visited_on,
                title=draft.title.strip()[:200],
                summary=draft.summary.strip(),
                led_by=draft.led_by,
                created_by=actor if getattr(actor, "pk", None) else None,
                submit_token=draft.token,
            )
            VisitParticipant.objects.bulk_create(
                [VisitParticipant(visit=visit, employee=e, name=e.full_name[:160]) for e in draft.employees]
                + [
                    VisitParticipant(visit=visit, name=n.strip()[:160], position_title=p.strip()[:200])
                    for n, p in draft.others
                    if n.strip()
                ]
            )
            for finding in draft.findings:
                _save_finding(visit, finding)
    except IntegrityError:
        existing = Visit.objects.filter(submit_token=draft.token).first()
        if existing is None:
            raise
        return existing, False
    return visit, True


def finding_add(*, visit: Visit, actor: Any, draft: FindingDraft) -> Finding:
    if not rules.can_manage_visit(actor, visit):
        raise DomainError("Hanya pencatat kunjungan atau pimpinan daerah yang dapat menambah temuan.", code="forbidden")
    with atomic_with_files():
        return _save_finding(visit, draft)


# --- action items -----------------------------------------------------------------------------------------------


ACTION_TRANSITIONS: dict[tuple[str, str], Rule] = {
    (AS.TERBUKA, AS.DIKERJAKAN): Rule("owner"),
    (AS.TERBUKA, AS.SELESAI): Rule("owner", note=True),
    (AS.TERBUKA, AS.DIBATALKAN): Rule("manager", note=True),
    (AS.DIKERJAKAN, AS.DIKERJAKAN): Rule("owner", note=True),  # a progress note
    (AS.DIKERJAKAN, AS.SELESAI): Rule("owner", note=True),
    (AS.DIKERJAKAN, AS.DIBATALKAN): Rule("manager", note=True),
    (AS.SELESAI, AS.DIKERJAKAN): Rule("manager", note=True),  # reopened: the result was not enough
}


def action_next(item: ActionItem, actor: Any) -> list[str]:
    """The statuses this user may move the item to, in the order the buttons are shown."""
    manager = rules.can_manage_item(actor, item)
    owner = rules.is_owner(actor, item)
    return [
        to
        for (frm, to), rule in ACTION_TRANSITIONS.items()
        if frm == item.status and (manager or (owner and rule.by == "owner"))
    ]


def action_item_create(
    *,
    actor: Any,
    title: str,
    owner: Employee,
    deadline: dt.date,
    meeting: Meeting | None = None,
    visit: Visit | None = None,
    now: dt.datetime | None = None,
) -> ActionItem:
    now = now or timezone.now()
    if (meeting is None) == (visit is None):
        raise DomainError("Tindak lanjut berasal dari satu rapat atau satu kunjungan.")
    source: Meeting | Visit = meeting or visit  # type: ignore[assignment]
    allowed = rules.can_manage_meeting(actor, meeting) if meeting else rules.can_manage_visit(actor, visit)  # type: ignore[arg-type]
    if not allowed:
        raise DomainError("Hanya pimpinan atau penyelenggara yang dapat menetapkan tindak lanjut.", code="forbidden")
    if meeting is not None and meeting.status == MS.DIBATALKAN:
        raise DomainError("Rapat ini dibatalkan.", field="title")
    if not title.strip():
        raise DomainError("Tuliskan tindak lanjutnya.", field="title")
    if not owner.active or owner.kabkota_code != source.kabkota_code:
        raise DomainError("Penanggung jawab harus pegawai aktif di kabupaten/kota ini.", field="owner")
    today = timezone.localtime(now, _zone(source.kabkota_code)).date()
    if deadline < today:
        raise DomainError("Batas waktu tidak boleh sebelum hari ini.", field="deadline")
    with transaction.atomic():
        item = ActionItem.objects.create(
            kabkota_code=source.kabkota_code,
            unit_id=source.unit_id,
            meeting=meeting,
            visit=visit,
            title=title.strip()[:300],
            owner=owner,
            deadline=deadline,
        )
        ActionItemChange.objects.create(
            item=item, to_status=AS.TERBUKA, actor=actor, actor_label=actor_label(actor), at=now
        )
    return item


def action_item_transition(
    *, item: ActionItem, actor: Any, to_status: str, note: str = "", now: dt.datetime | None = None
) -> ActionItem:
    now = now or timezone.now()
    from_status = item.status
    rule = ACTION_TRANSITIONS.get((from_status, to_status))
    if rule is None:
        raise DomainError(
            f"Tindak lanjut berstatus {AS(from_status).label} tidak dapat diubah menjadi "
            f"{AS(to_status).label if to_status in AS.values else to_status}.",
            code="invalid_transition",
        )
    manager = rules.can_manage_item(actor, item)
    if not (manager or (rule.by == "owner" and rules.is_owner(actor, item))):
        raise DomainError(
            "Hanya penanggung jawab atau pimpinan/penyelenggara yang dapat mengubah tindak lanjut ini."
            if rule.by == "owner"
            else "Hanya pimpinan atau penyelenggara yang dapat membatalkan atau membuka kembali.",
            code="forbidden",
        )
    note = note.strip()
    if rule.note and not note:
        raise DomainError(
            "Tuliskan hasil tindak lanjutnya." if to_status == AS.SELESAI else "Tuliskan catatan atau alasannya.",
            field="note",
        )
    changes: dict[str, Any] = {"status": to_status, "updated_at": now}
    changes["finished_at"] = now if to_status in (AS.SELESAI, AS.DIBATALKAN) else None
    with transaction.atomic():
        if not ActionItem.objects.filter(pk=item.pk, status=from_status).update(**changes):
            raise DomainError(CONFLICT, code="conflict")
        ActionItemChange.objects.create(
            item=item,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_label=actor_label(actor),
            note=note[:2000],
            at=now,
        )
    item.refresh_from_db()
    return item


def _zone(kabkota_code: str) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(timezone_for_code(kabkota_code))


def action_items_remind(*, now: dt.datetime | None = None) -> int:
    """Send each owner one reminder for an open action item whose deadline is today or within
    REMIND_WORKING_DAYS working days (in the kabupaten/kota's time zone). The item is marked with a conditional
    update on ``reminder_sent_at IS NULL`` in the same transaction as the message is queued, so a reminder goes
    out once whatever how often or how concurrently the sweep runs. Items already past their deadline or closed
    get none. Returns how many reminders were queued."""
    from pamong.notifications.services import person_notify

    now = now or timezone.now()
    sent = 0
    codes = sorted(set(Unit.objects.values_list("kabkota_code", flat=True)))
    for code in codes:
        today = timezone.localtime(now, _zone(code)).date()
        horizon = add_working_days(today, REMIND_WORKING_DAYS)
        due = (
            ActionItem.objects.filter(
                kabkota_code=code,
                status__in=OPEN_ACTIONS,
                reminder_sent_at__isnull=True,
                deadline__gte=today,
                deadline__lte=horizon,
            )
            .select_related("owner", "meeting", "visit")
            .order_by("deadline", "id")
        )
        for item in due:
            with transaction.atomic():
                marked = ActionItem.objects.filter(
                    pk=item.pk, status__in=OPEN_ACTIONS, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=now)
                if not marked:
                    continue  # another run got there first, or it was just closed
                with translation.override("id"):
                    when = "hari ini" if item.deadline == today else date_format(item.deadline, "l, j F Y")
                body = (
                    f'Pengingat Pamong: tindak lanjut "{item.title[:120]}" dari {item.source_title[:80]} '
                    f"jatuh tempo {when}. Perbarui statusnya di menu Tindak lanjut saya."
                )
                person_notify(
                    phone=item.owner.phone,
                    email=item.owner.email,
                    subject="Pengingat tindak lanjut",
                    body=body,
                    reference=f"tindak-lanjut:{item.pk}",
                    kabkota_code=code,
                )
            sent += 1
    return sent
