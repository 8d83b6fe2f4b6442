"""Demo training data for a kabupaten/kota: kabupaten-wide events of the Bagian Tata Pemerintahan for lurah,
kepala desa, camat and their secretaries or for front-office staff, and events each kantor camat runs for the
apparatus of its kecamatan, over the last eighteen months and the next two. Attendance with reasons, pre- and
post-test scores that improve, and numbered certificates for those who passed. Deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pamong.core.formats import ribuan
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region
from pamong.training.models import (
    AbsenceReason,
    Attendance,
    EventChange,
    Kind,
    Participant,
    Status,
    Topic,
    Trainer,
    TrainingEvent,
)
from pamong.training.services import certificates_issue

# title, kind, hours, pass mark, audience (position kinds; empty = everyone), topics, trainers
KABKOTA_EVENTS: tuple[
    tuple[str, str, int, int | None, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]], ...
] = (
    (
        "Bimbingan Teknis Tata Naskah Dinas Elektronik (SRIKANDI)",
        Kind.BIMTEK,
        24,
        70,
        (Position.Kind.KEPALA, Position.Kind.SEKRETARIS),
        ("Tata naskah dinas", "Aplikasi SRIKANDI", "Kearsipan dinamis", "Praktik surat keluar"),
        (("Dra. Nelmawati, M.Si.", "Dinas Kearsipan dan Perpustakaan"), ("Rizki Pratama, S.Kom.", "ANRI")),
    ),
    (
        "Pelatihan Pelayanan Prima bagi Petugas Front Office",
        Kind.PELATIHAN,
        32,
        75,
        (Position.Kind.STAF,),
        ("Standar pelayanan", "Komunikasi dengan warga", "Penanganan pengaduan", "Pelayanan inklusif"),
        (("Dr. Yuliani, M.Pd.", "BPSDM Provinsi"), ("Hendra Gunawan", "Ombudsman RI Perwakilan")),
    ),
    (
        "Sosialisasi Netralitas ASN dan Penanganan Hoaks",
        Kind.SOSIALISASI,
        4,
        None,
        (),
        ("Netralitas ASN dalam pemilihan", "Mengenali dan meluruskan hoaks"),
        (("Drs. Syamsul Bahri", "Bawaslu"), ("Dewi Anggraini, S.I.Kom.", "Dinas Komunikasi dan Informatika")),
    ),
    (
        "Peningkatan Kapasitas Camat dan Sekretaris Camat",
        Kind.KAPASITAS,
        40,
        70,
        (Position.Kind.KEPALA, Position.Kind.SEKRETARIS),
        ("Kewenangan delegasi camat", "Laporan penyelenggaraan pemerintahan kecamatan", "Kepemimpinan"),
        (("Prof. Dr. Ahmad Fauzi", "Universitas Andalas"), ("Sekretaris Daerah", "Pemerintah Daerah")),
    ),
    (
        "Workshop Penyusunan Standar Pelayanan dan SKM",
        Kind.WORKSHOP,
        16,
        None,
        (Position.Kind.SEKRETARIS, Position.Kind.KEPALA_SEKSI),
        ("PermenPANRB 15/2014", "Survei kepuasan masyarakat", "Rencana tindak lanjut"),
        (("Ir. Bambang Sutrisno, M.M.", "Bagian Organisasi Setda"),),
    ),
)

CAMAT_EVENTS: tuple[tuple[str, str, int, int | None], ...] = (
    ("Bimtek Administrasi Kependudukan Tingkat Kecamatan", Kind.BIMTEK, 16, 70),
    ("Sosialisasi Disiplin dan Kehadiran Pegawai", Kind.SOSIALISASI, 4, None),
    ("Pelatihan Aplikasi Pelayanan Pamong", Kind.PELATIHAN, 12, 65),
)

PLACES = ("Aula Kantor Wali Kota", "Hotel Pangeran Beach", "Aula Bappeda", "Gedung Youth Center")


def populate(*, kabkota: Region, progress: Callable[[str], None], seed: int = 7137) -> int:
    """Create the demo events, participants and certificates; returns the number of rows made."""
    rng = random.Random(seed)
    today = timezone.localdate()
    units = list(Unit.objects.filter(kabkota_code=kabkota.code).select_related("region").order_by("region_id"))
    tapem = next((u for u in units if u.kind == Unit.Kind.BAGIAN_TAPEM), None)
    staff = list(
        Employee.objects.filter(kabkota_code=kabkota.code, active=True)
        .select_related("position", "unit")
        .order_by("pk")
    )
    if not staff or not units:
        return 0
    made = 0
    # (event, participants, topics, trainers)
    plans: list[tuple[TrainingEvent, list[Employee], tuple[str, ...], tuple[tuple[str, str], ...]]] = []

    def event_dates(days_ago: int, length: int) -> tuple[dt.date, dt.date]:
        start = today - dt.timedelta(days=days_ago)
        while start.weekday() >= 5:
            start += dt.timedelta(days=1)
        return start, start + dt.timedelta(days=length - 1)

    def status_for(start: dt.date, end: dt.date) -> str:
        if end < today:
            return Status.SELESAI
        if start <= today:
            return Status.BERLANGSUNG
        return Status.DIRENCANAKAN

    with transaction.atomic():
        if tapem is not None:
            for round_ in range(2):  # each kabupaten-wide event twice: last year and this year (or planned)
                for title, kind, hours, mark, audience, curriculum, speakers in KABKOTA_EVENTS:
                    days_ago = rng.randint(200, 520) if round_ == 0 else rng.randint(-45, 190)
                    start, end = event_dates(days_ago, max(1, hours // 8))
                    event = TrainingEvent(
                        kabkota_code=kabkota.code,
                        unit=tapem,
                        title=f"{title} Angkatan {round_ + 1}",
                        kind=kind,
                        start_date=start,
                        end_date=end,
                        place=rng.choice(PLACES),
                        hours=hours,
                        pass_mark=Decimal(mark) if mark is not None else None,
                        status=status_for(start, end),
                    )
                    pool = [e for e in staff if not audience or (e.position and e.position.kind in audience)]
                    chosen = rng.sample(pool, min(len(pool), rng.randint(25, 60)))
                    plans.append((event, chosen, curriculum, speakers))
        for unit in units:
            if unit.kind != Unit.Kind.KANTOR_CAMAT:
                continue
            local = [
                e
                for e in staff
                if e.unit.region_id == unit.region_id or e.unit.region_id.startswith(unit.region_id + ".")
            ]
            for title, kind, hours, mark in rng.sample(CAMAT_EVENTS, 2):
                start, end = event_dates(rng.randint(-30, 400), max(1, hours // 8))
                event = TrainingEvent(
                    kabkota_code=kabkota.code,
                    unit=unit,
                    title=title,
                    kind=kind,
                    start_date=start,
                    end_date=end,
                    place=f"Aula {unit.name}",
                    hours=hours,
                    pass_mark=Decimal(mark) if mark is not None else None,
                    status=status_for(start, end),
                )
                people = rng.sample(local, min(len(local), rng.randint(10, 30)))
                plans.append(
                    (
                        event,
                        people,
                        ("Materi inti", "Diskusi dan praktik"),
                        ((f"Sekretaris {unit.region.name}", unit.name),),
                    )
                )
        # One planned event was called off.
        planned = [event for event, *_rest in plans if event.status == Status.DIRENCANAKAN]
        if planned:
            planned[0].status = Status.DIBATALKAN

        events = TrainingEvent.objects.bulk_create([event for event, *_rest in plans])
        made += len(events)
        topics: list[Topic] = []
        trainers: list[Trainer] = []
        changes: list[EventChange] = []
        participants: list[Participant] = []
        for (_plan, people, curriculum, speakers), event in zip(plans, events, strict=True):
            each = max(1, event.hours // len(curriculum))
            topics += [Topic(event=event, order=i, title=t, hours=each) for i, t in enumerate(curriculum)]
            trainers += [
                Trainer(event=event, order=i, name=n, institution=inst) for i, (n, inst) in enumerate(speakers)
            ]
            at = timezone.make_aware(dt.datetime.combine(event.start_date - dt.timedelta(days=30), dt.time(9)))
            path: list[str] = [Status.DIRENCANAKAN]
            if event.status in (Status.BERLANGSUNG, Status.SELESAI):
                path.append(Status.BERLANGSUNG)
            if event.status in (Status.SELESAI, Status.DIBATALKAN):
                path.append(event.status)
            previous = ""
            for step, status in enumerate(path):
                when = (
                    at
                    if step == 0
                    else timezone.make_aware(
                        dt.datetime.combine(
                            event.start_date if status == Status.BERLANGSUNG else event.end_date,
                            dt.time(8 + 8 * (step - 1)),
                        )
                    )
                )
                note = "Anggaran dialihkan untuk penanganan bencana." if status == Status.DIBATALKAN else ""
                changes.append(
                    EventChange(
                        event=event,
                        kabkota_code=event.kabkota_code,
                        from_status=previous,
                        to_status=status,
                        at=when,
                        note=note,
                    )
                )
                previous = status
            for person in people:
                p = Participant(kabkota_code=event.kabkota_code, event=event, employee=person, unit=person.unit)
                if event.status in (Status.BERLANGSUNG, Status.SELESAI):
                    if rng.random() < 0.88:
                        p.attendance = Attendance.HADIR
                        pre = Decimal(rng.randint(350, 780)) / 10
                        p.pre_score = pre
                        p.post_score = min(Decimal(100), pre + Decimal(rng.randint(-20, 320)) / 10)
                    else:
                        p.attendance = Attendance.TIDAK_HADIR
                        p.absence_reason = rng.choice(
                            [
                                AbsenceReason.SAKIT,
                                AbsenceReason.IZIN,
                                AbsenceReason.DINAS_LUAR,
                                AbsenceReason.DINAS_LUAR,
                                AbsenceReason.TANPA_KETERANGAN,
                            ]
                        )
                participants.append(p)
        Topic.objects.bulk_create(topics)
        Trainer.objects.bulk_create(trainers)
        EventChange.objects.bulk_create(changes)
        Participant.objects.bulk_create(participants, batch_size=1000)
        made += len(topics) + len(trainers) + len(changes) + len(participants)
        progress(f"  pelatihan: {len(events)} kegiatan, {ribuan(len(participants))} peserta")
        certificates = 0
        for event in sorted((e for e in events if e.status == Status.SELESAI), key=lambda e: (e.end_date, e.pk)):
            certificates += len(certificates_issue(event=event))
        made += certificates
        progress(f"  sertifikat: {ribuan(certificates)}")
    return made
