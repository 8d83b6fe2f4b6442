"""Demo meetings, attendance, minutes, evaluation visits and action items for a kabupaten/kota, written in bulk
from the units, positions and employees already there (no messages to made-up people: reminders of past items
are marked as sent)."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from pamong.core.formats import ribuan
from pamong.meetings.models import (
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Attendance,
    Decision,
    Finding,
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
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region

SEED = 13717

TOPICS = {
    MeetingKind.RAPAT_KERJA: ["Rapat kerja bulanan", "Pembagian tugas pelayanan loket", "Persiapan Musrenbang"],
    MeetingKind.RAPAT_KOORDINASI: [
        "Rakor ketenteraman dan ketertiban",
        "Rakor percepatan penurunan stunting",
        "Rakor penanganan kemiskinan ekstrem",
    ],
    MeetingKind.APEL: ["Apel pagi", "Apel kesiapsiagaan bencana"],
    MeetingKind.RAPAT_EVALUASI: ["Evaluasi capaian pelayanan triwulan", "Evaluasi pengaduan masyarakat"],
}
ACTIONS = [
    "Perbarui data keluarga berisiko stunting",
    "Tertibkan jadwal piket loket pelayanan",
    "Laporkan hasil verifikasi data kemiskinan ekstrem",
    "Koordinasikan kerja bakti dengan RT/RW",
    "Tindaklanjuti pengaduan drainase tersumbat",
    "Susun laporan realisasi Dana Desa",
    "Pasang papan Standar Pelayanan di ruang tunggu",
    "Sosialisasikan netralitas ASN kepada staf",
]
DECISIONS = [
    "Pelayanan loket dibuka tepat pukul 07.30 setiap hari kerja.",
    "Data sasaran program diperbarui paling lambat akhir bulan.",
    "Setiap pengaduan dijawab dalam tiga hari kerja.",
    "Kerja bakti serentak dilaksanakan Jumat pekan depan.",
]
FINDINGS = {
    Theme.PELAYANAN: "Antrean loket panjang pada pagi hari; papan alur pelayanan belum dipasang.",
    Theme.DISIPLIN: "Dua pegawai belum hadir saat apel pagi tanpa keterangan.",
    Theme.PROGRAM_PRIORITAS: "Data balita stunting belum diperbarui sejak triwulan lalu.",
    Theme.DANA_DESA: "Laporan realisasi Dana Desa tahap II belum diunggah.",
    Theme.TRANTIBUM: "Pedagang kaki lima menempati trotoar di depan pasar.",
    Theme.LAINNYA: "Arsip surat keluar belum tertata menurut kode klasifikasi.",
}
ATTENDANCE_WEIGHTS = [
    (Attendance.HADIR, 72),
    (Attendance.TERLAMBAT, 8),
    (Attendance.SAKIT, 4),
    (Attendance.IZIN, 5),
    (Attendance.DINAS_LUAR, 7),
    (Attendance.TANPA_KETERANGAN, 4),
]
GUESTS = [
    ("Serka Ahmad Yani", "Babinsa Koramil"),
    ("Bripka Rudi Hartono", "Bhabinkamtibmas Polsek"),
    ("Dra. Yusra Dewi", "Dinas Kesehatan"),
    ("Hendra Saputra", "Satpol PP"),
]


def populate(*, kabkota: Region, progress: Callable[[str], None], now: dt.datetime | None = None) -> int:
    """Create meetings (past and upcoming) for every office, evaluation visits by the head of the bagian tata
    pemerintahan, and their action items, deterministic for the seed. Returns how many rows were made."""
    rng = random.Random(SEED)
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(kabkota.timezone)
    today = timezone.localtime(now, zone).date()
    units = list(Unit.objects.filter(kabkota_code=kabkota.code).select_related("region").order_by("region_id"))
    staff: dict[int, list[Employee]] = defaultdict(list)
    for e in Employee.objects.filter(kabkota_code=kabkota.code, active=True).select_related("position"):
        staff[e.unit_id].append(e)
    heads = {
        uid: next((e for e in people if e.position and e.position.kind == Position.Kind.KEPALA), None)
        for uid, people in staff.items()
    }
    made = 0
    with transaction.atomic():
        made += _meetings(rng, units, staff, heads, now, zone, today, kabkota.code)
        progress(f"  rapat dan tindak lanjut: {ribuan(made)} baris")
        visits = _visits(rng, units, staff, heads, now, zone, today, kabkota.code)
        progress(f"  kunjungan kerja: {ribuan(visits)} baris")
    return made + visits


def _token(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _item_status(rng: random.Random, deadline: dt.date, today: dt.date) -> ActionStatus:
    if deadline >= today:
        return rng.choice([ActionStatus.TERBUKA, ActionStatus.DIKERJAKAN, ActionStatus.DIKERJAKAN])
    roll = rng.random()
    if roll < 0.68:
        return ActionStatus.SELESAI
    if roll < 0.75:
        return ActionStatus.DIBATALKAN
    return rng.choice([ActionStatus.TERBUKA, ActionStatus.DIKERJAKAN])  # overdue


def _finished(
    rng: random.Random, status: str, deadline: dt.date, now: dt.datetime, zone: zoneinfo.ZoneInfo
) -> dt.datetime | None:
    """Closed items were closed around their deadline (a few days early or late), never in the future."""
    if status not in (ActionStatus.SELESAI, ActionStatus.DIBATALKAN):
        return None
    day = deadline + dt.timedelta(days=rng.randint(-4, 2))
    return min(dt.datetime.combine(day, dt.time(rng.randint(8, 15), 0), tzinfo=zone), now)


def _meetings(rng, units, staff, heads, now, zone, today, code) -> int:  # type: ignore[no-untyped-def]
    meetings: list[Meeting] = []
    plans: list[tuple[Meeting, list[tuple[Employee, int | None]], bool]] = []
    by_region = {u.region_id: u for u in units}
    for unit in units:
        people = staff.get(unit.pk, [])
        chair = heads.get(unit.pk) or (people[0] if people else None)
        if chair is None:
            continue
        invite: list[tuple[Employee, int | None]] = [(e, None) for e in people[:25]]
        if unit.kind == Unit.Kind.KANTOR_CAMAT:  # the lurah/kepala desa below come through their position
            for region_id, sub in by_region.items():
                head = heads.get(sub.pk)
                if region_id.startswith(unit.region_id + ".") and head is not None:
                    invite.append((head, head.position_id))
        count = 8 if unit.kind in (Unit.Kind.KANTOR_CAMAT, Unit.Kind.BAGIAN_TAPEM) else 5
        for n in range(count):
            kind = rng.choice(list(TOPICS))
            days_ago = rng.randint(-14, 90) if n else rng.randint(-10, -1)  # one upcoming at least
            day = today - dt.timedelta(days=days_ago)
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
            hour = 7 if kind == MeetingKind.APEL else rng.choice([8, 9, 10, 13, 14])
            starts = dt.datetime.combine(day, dt.time(hour, 30 if kind == MeetingKind.APEL else 0), tzinfo=zone)
            ends = starts + dt.timedelta(minutes=30 if kind == MeetingKind.APEL else rng.choice([90, 120, 150]))
            past = ends < now
            status = (
                MeetingStatus.DIJADWALKAN
                if not past
                else MeetingStatus.DIBATALKAN
                if rng.random() < 0.04
                else MeetingStatus.SELESAI
            )
            meeting = Meeting(
                kabkota_code=code,
                unit=unit,
                kind=kind,
                title=f"{rng.choice(TOPICS[kind])} {unit.region.name}",
                chair=chair,
                starts_at=starts,
                ends_at=ends,
                place=f"Aula {unit.name}",
                agenda="1. Pembukaan\n2. Laporan capaian\n3. Pembahasan masalah\n4. Kesimpulan dan tindak lanjut",
                status=status,
                submit_token=_token(rng),
            )
            meetings.append(meeting)
            plans.append((meeting, invite, past and status == MeetingStatus.SELESAI))
    Meeting.objects.bulk_create(meetings, batch_size=500)
    invitees: list[Invitee] = []
    guests: list[Guest] = []
    decisions: list[Decision] = []
    changes: list[MeetingChange] = []
    items: list[ActionItem] = []
    weights = [w for _a, w in ATTENDANCE_WEIGHTS]
    values = [a for a, _w in ATTENDANCE_WEIGHTS]
    for meeting, invite, held in plans:
        changes.append(
            MeetingChange(
                meeting=meeting,
                kabkota_code=code,
                to_status=MeetingStatus.DIJADWALKAN,
                **_by(meeting.chair),
                at=meeting.starts_at - dt.timedelta(days=3),
            )
        )
        for employee, via in invite:
            att = rng.choices(values, weights)[0] if held else ""
            invitees.append(
                Invitee(
                    meeting=meeting,
                    employee=employee,
                    via_position_id=via,
                    attendance=att,
                    note="Mendampingi kunjungan Dinas" if att == Attendance.DINAS_LUAR else "",
                    recorded_at=meeting.starts_at if att else None,
                )
            )
        if meeting.kind == MeetingKind.RAPAT_KOORDINASI:
            guests += [Guest(meeting=meeting, name=n, institution=i) for n, i in rng.sample(GUESTS, 2)]
        if meeting.status != MeetingStatus.DIJADWALKAN:
            changes.append(
                MeetingChange(
                    meeting=meeting,
                    kabkota_code=code,
                    from_status=MeetingStatus.DIJADWALKAN,
                    to_status=meeting.status,
                    **_by(meeting.chair),
                    note="Ditunda karena bertepatan dengan kegiatan pemerintah kota."
                    if meeting.status == MeetingStatus.DIBATALKAN
                    else "",
                    at=meeting.ends_at,
                )
            )
        if not held or meeting.kind == MeetingKind.APEL:
            continue
        chosen = rng.sample(DECISIONS, 2)
        meeting.minutes = (
            f"<p>Rapat dibuka oleh <strong>{meeting.chair.full_name}</strong> "
            f"pukul {meeting.starts_at.astimezone(zone):%H.%M}.</p>"
            "<h3>Pembahasan</h3><ul><li>Capaian pelayanan bulan berjalan.</li><li>Kendala di lapangan.</li></ul>"
        )
        decisions += [Decision(meeting=meeting, order=i, text=t) for i, t in enumerate(chosen, 1)]
        for _n in range(rng.randint(1, 3)):
            by_position = [e for e, via in invite if via is not None]  # the lurah/kepala desa at a camat's meeting
            owner = rng.choice(by_position) if by_position and rng.random() < 0.6 else rng.choice(invite)[0]
            deadline = meeting.starts_at.astimezone(zone).date() + dt.timedelta(days=rng.randint(5, 21))
            item_status = _item_status(rng, deadline, today)
            items.append(
                ActionItem(
                    kabkota_code=code,
                    unit_id=meeting.unit_id,
                    meeting=meeting,
                    title=rng.choice(ACTIONS),
                    owner=owner,
                    deadline=deadline,
                    status=item_status,
                    reminder_sent_at=now if deadline <= today + dt.timedelta(days=2) else None,
                    finished_at=_finished(rng, item_status, deadline, now, zone),
                )
            )
    Meeting.objects.bulk_update([m for m, _i, held in plans if held], ["minutes"], batch_size=500)
    Invitee.objects.bulk_create(invitees, batch_size=1000)
    Guest.objects.bulk_create(guests, batch_size=1000)
    Decision.objects.bulk_create(decisions, batch_size=1000)
    MeetingChange.objects.bulk_create(changes, batch_size=1000)
    ActionItem.objects.bulk_create(items, batch_size=1000)
    item_changes = _item_history(items, now)
    return len(meetings) + len(invitees) + len(guests) + len(decisions) + len(changes) + len(items) + item_changes


def _by(employee: Employee | None, fallback: str = "") -> dict[str, Any]:
    """The history columns of a step taken by ``employee`` (the demo has no account for every one of them)."""
    if employee is None:
        return {"actor_label": fallback}
    position = employee.position
    return {
        "actor_label": f"{position.title} ({employee.full_name})" if position else employee.full_name,
        "actor_position_id": employee.position_id,
        "actor_unit_id": employee.unit_id,
    }


def _item_history(items: list[ActionItem], now: dt.datetime) -> int:
    rows: list[ActionItemChange] = []
    for item in items:
        owner = item.owner
        rows.append(
            ActionItemChange(
                item=item,
                kabkota_code=item.kabkota_code,
                to_status=ActionStatus.TERBUKA,
                **_by(item.meeting.chair if item.meeting is not None else item.visit.led_by, "Pimpinan daerah"),  # type: ignore[union-attr]
                at=now - dt.timedelta(days=30),
            )
        )
        if item.status != ActionStatus.TERBUKA:
            rows.append(
                ActionItemChange(
                    item=item,
                    kabkota_code=item.kabkota_code,
                    from_status=ActionStatus.TERBUKA,
                    to_status=item.status,
                    **_by(owner),
                    note="Sudah dilaksanakan; laporan terlampir di arsip unit."
                    if item.status == ActionStatus.SELESAI
                    else "",
                    at=now - dt.timedelta(days=1),
                )
            )
    ActionItemChange.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _visits(rng, units, staff, heads, now, zone, today, code) -> int:  # type: ignore[no-untyped-def]
    tapem = next((u for u in units if u.kind == Unit.Kind.BAGIAN_TAPEM), None)
    leader = heads.get(tapem.pk) if tapem else None
    companions = staff.get(tapem.pk, [])[:4] if tapem else []
    targets = [u for u in units if u.kind != Unit.Kind.BAGIAN_TAPEM]
    if not targets:
        return 0
    camat_offices = [u for u in targets if u.kind == Unit.Kind.KANTOR_CAMAT]
    chosen = rng.sample(camat_offices, min(8, len(camat_offices))) + rng.sample(
        [u for u in targets if u.kind != Unit.Kind.KANTOR_CAMAT], min(14, len(targets) - len(camat_offices))
    )
    visits = []
    for unit in chosen:
        visits.append(
            Visit(
                kabkota_code=code,
                region=unit.region,
                unit=unit,
                visited_on=today - dt.timedelta(days=rng.randint(3, 180)),
                title=f"Kunjungan kerja ke {unit.name}",
                summary="Pimpinan daerah meninjau pelayanan, disiplin pegawai dan capaian program prioritas.",
                led_by=leader,
                submit_token=_token(rng),
            )
        )
    Visit.objects.bulk_create(visits)
    participants: list[VisitParticipant] = []
    findings: list[Finding] = []
    items: list[ActionItem] = []
    for visit in visits:
        participants += [VisitParticipant(visit=visit, employee=e, name=e.full_name[:160]) for e in companions]
        participants.append(VisitParticipant(visit=visit, name="Kepala Bappeda", position_title="Bappeda"))
        for theme in rng.sample(list(FINDINGS), rng.randint(2, 3)):
            findings.append(Finding(visit=visit, theme=theme, text=FINDINGS[theme]))
        owner = heads.get(visit.unit_id)
        if owner is None:
            continue
        for _n in range(rng.randint(1, 2)):
            deadline = visit.visited_on + dt.timedelta(days=rng.randint(7, 30))
            status = _item_status(rng, deadline, today)
            items.append(
                ActionItem(
                    kabkota_code=code,
                    unit_id=visit.unit_id,
                    visit=visit,
                    title=rng.choice(ACTIONS),
                    owner=owner,
                    deadline=deadline,
                    status=status,
                    reminder_sent_at=now if deadline <= today + dt.timedelta(days=2) else None,
                    finished_at=_finished(rng, status, deadline, now, zone),
                )
            )
    VisitParticipant.objects.bulk_create(participants, batch_size=1000)
    Finding.objects.bulk_create(findings, batch_size=1000)
    ActionItem.objects.bulk_create(items, batch_size=1000)
    return len(visits) + len(participants) + len(findings) + len(items) + _item_history(items, now)
