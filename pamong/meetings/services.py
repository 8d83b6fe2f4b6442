"""Writes for meetings, evaluation visits and action items.

Who may: the gate (rules in ``pamong.meetings.rules``). Every status change goes through a machine
(``MEETING_MACHINE``, ``ACTION_MACHINE``; ``pamong.core.transitions``): it checks the transition and the gate,
updates on the condition that the status is still the one the user saw (the second of two officers acting at once
is told it was "baru saja diubah") and writes one history row in the same transaction. Corrections of the minutes
change no status: their row keeps the old text and the actor's post at the time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.storage import atomic_with_files
from pamong.core.transitions import Field, Machine, Transition
from pamong.core.uploads import CleanFile
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
NOTE_LIMIT = 2000


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
    if not gate.can(actor, "meetings.organise", draft.unit):
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
                kabkota_code=meeting.kabkota_code,
                to_status=MS.DIJADWALKAN,
                at=timezone.now(),
                **actor_fields(meeting.created_by),
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
    gate.require(actor, "meetings.manage", meeting, "Hanya penyelenggara rapat yang dapat mengundang.")
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


MANAGE_MEETING = "Hanya penyelenggara atau pimpinan rapat yang dapat mengubah statusnya."

MEETING_MACHINE = Machine(
    model=Meeting,
    history=MeetingChange,
    noun="Rapat",
    statuses=MeetingStatus,
    transitions=[
        Transition(
            (MS.DIJADWALKAN,),
            MS.SELESAI,
            "Tandai selesai",
            "meetings.manage",
            fields=(Field("note", "Catatan", required=False),),
            refusal=MANAGE_MEETING,
        ),
        Transition(
            (MS.DIJADWALKAN,),
            MS.DIBATALKAN,
            "Batalkan rapat",
            "meetings.manage",
            fields=(Field("note", "Alasan pembatalan", message="Tuliskan alasan pembatalan."),),
            style="danger",
            refusal=MANAGE_MEETING,
        ),
    ],
)


def meeting_transition(
    *,
    meeting: Meeting,
    actor: Any,
    to_status: str,
    note: str = "",
    seen: str | None = None,
    now: dt.datetime | None = None,
) -> Meeting:
    """Finish or cancel a meeting (see ``MEETING_MACHINE``). ``seen``: the status the organiser saw."""
    now = now or timezone.now()
    MEETING_MACHINE.perform(
        meeting,
        to=to_status,
        actor=actor,
        values={"note": note[:NOTE_LIMIT]},
        seen=seen,
        changes={"updated_at": now},
        now=now,
    )
    return meeting


def meeting_record_attendance(
    *, meeting: Meeting, actor: Any, marks: dict[int, tuple[str, str]], now: dt.datetime | None = None
) -> int:
    """Record the attendance of the invitees on one sheet: ``marks`` maps an invitee id to (attendance, note).
    One read and one bulk update whatever the number of invitees. Returns how many rows changed."""
    now = now or timezone.now()
    gate.require(actor, "meetings.manage", meeting, "Hanya penyelenggara rapat yang dapat mencatat kehadiran.")
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
    gate.require(
        actor, "meetings.manage", meeting, "Hanya penyelenggara atau pimpinan rapat yang dapat menulis notulen."
    )
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
            # A correction changes no status: blank from/to, the previous text in old_value.
            MeetingChange.objects.create(
                meeting=meeting,
                kabkota_code=meeting.kabkota_code,
                field=MeetingChange.Field.MINUTES,
                old_value=old,
                note="Notulen/keputusan diperbaiki",
                at=now,
                **actor_fields(actor),
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
    gate.require(actor, "meetings.record_visit", None, "Kunjungan kerja dicatat oleh pimpinan daerah atau admin.")
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
    gate.require(
        actor,
        "meetings.manage_visit",
        visit,
        "Hanya pencatat kunjungan atau pimpinan daerah yang dapat menambah temuan.",
    )
    with atomic_with_files():
        return _save_finding(visit, draft)


# --- action items -----------------------------------------------------------------------------------------------


WORK_ITEM = "Hanya penanggung jawab atau pimpinan/penyelenggara yang dapat mengubah tindak lanjut ini."
MANAGE_ITEM = "Hanya pimpinan atau penyelenggara yang dapat membatalkan atau membuka kembali."

# The owner works the item (start, progress notes, finish); whoever manages its meeting or visit may do the same,
# and alone cancels it or reopens it when the result was not enough.
ACTION_MACHINE = Machine(
    model=ActionItem,
    history=ActionItemChange,
    noun="Tindak lanjut",
    statuses=ActionStatus,
    transitions=[
        Transition(
            (AS.TERBUKA,),
            AS.DIKERJAKAN,
            "Mulai kerjakan",
            "meetings.work_item",
            fields=(Field("note", "Catatan", required=False),),
            refusal=WORK_ITEM,
        ),
        Transition(
            (AS.DIKERJAKAN,),
            AS.DIKERJAKAN,
            "Tambah catatan kemajuan",
            "meetings.work_item",
            fields=(Field("note", "Kemajuan", message="Tuliskan kemajuannya."),),
            style="secondary",
            refusal=WORK_ITEM,
        ),
        Transition(
            (AS.TERBUKA, AS.DIKERJAKAN),
            AS.SELESAI,
            "Tandai selesai",
            "meetings.work_item",
            fields=(Field("note", "Hasil tindak lanjut", message="Tuliskan hasil tindak lanjutnya."),),
            refusal=WORK_ITEM,
        ),
        Transition(
            (AS.TERBUKA, AS.DIKERJAKAN),
            AS.DIBATALKAN,
            "Batalkan tindak lanjut",
            "meetings.manage_item",
            fields=(Field("note", "Alasan pembatalan", message="Tuliskan alasan pembatalan."),),
            style="danger",
            refusal=MANAGE_ITEM,
        ),
        Transition(
            (AS.SELESAI,),
            AS.DIKERJAKAN,
            "Buka kembali",
            "meetings.manage_item",
            fields=(Field("note", "Yang masih kurang", message="Tuliskan apa yang masih kurang."),),
            style="secondary",
            refusal=MANAGE_ITEM,
        ),
    ],
)


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
    action, obj = ("meetings.manage", meeting) if meeting else ("meetings.manage_visit", visit)
    gate.require(actor, action, obj, "Hanya pimpinan atau penyelenggara yang dapat menetapkan tindak lanjut.")
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
            item=item, kabkota_code=item.kabkota_code, to_status=AS.TERBUKA, at=now, **actor_fields(actor)
        )
    return item


def action_item_transition(
    *,
    item: ActionItem,
    actor: Any,
    to_status: str,
    note: str = "",
    seen: str | None = None,
    now: dt.datetime | None = None,
) -> ActionItem:
    """Move an action item (see ``ACTION_MACHINE``). ``seen``: the status the user saw when choosing the step."""
    now = now or timezone.now()
    changes = {"finished_at": now if to_status in (AS.SELESAI, AS.DIBATALKAN) else None, "updated_at": now}
    ACTION_MACHINE.perform(
        item,
        to=to_status,
        actor=actor,
        values={"note": note[:NOTE_LIMIT]},
        seen=seen,
        changes=changes,
        now=now,
    )
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
