"""Demo camat reports for a kabupaten/kota: the last months' reports of every kantor camat with a mix of statuses
(accepted, returned, submitted late, awaiting review) and a draft for the current period. Figures are computed
from whatever demo data is already there and frozen as at submission."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from pamong.core.formats import ribuan
from pamong.organization.models import Unit
from pamong.regions.models import Region
from pamong.reports import figures
from pamong.reports.models import PeriodicReport, ReportChange, Status
from pamong.reports.periods import due_at, period_of, previous_period
from pamong.reports.services import _signer, schedule_of

SEED = 13718
MONTHS_BACK = 6
# What happened to the reports of past periods, by kecamatan and period (rotated so that every kecamatan has one of
# each): accepted on time, submitted late (then accepted), returned with notes, accepted.
PATTERN = ("accepted", "late", "returned", "accepted", "submitted")

PELAYANAN = [
    "Pelayanan administrasi di kantor camat dan kelurahan berjalan lancar; antrean loket berkurang setelah "
    "jadwal piket diterapkan.",
    "Permohonan surat keterangan meningkat menjelang penerimaan siswa baru; seluruh permohonan dilayani.",
    "Ruang tunggu dilengkapi papan Standar Pelayanan dan kotak saran.",
]
PENGATURAN = [
    "Situasi ketenteraman dan ketertiban umum kondusif. Rakor Forkopimcam dilaksanakan bersama Danramil dan Kapolsek.",
    "Sosialisasi netralitas ASN menjelang pemilihan kepala daerah disampaikan dalam apel pagi.",
    "Penertiban pedagang kaki lima di sekitar pasar dilakukan bersama Satpol PP.",
]
PEMBANGUNAN = [
    "Perbaikan drainase dan jalan lingkungan hasil Musrenbang kelurahan berjalan sesuai jadwal.",
    "Pembangunan posyandu dan rehabilitasi jalan setapak selesai 80 persen.",
]
PEMBERDAYAAN = [
    "Verifikasi data keluarga miskin ekstrem bersama kelurahan; bantuan pangan disalurkan.",
    "Kelas ibu hamil dan pemberian makanan tambahan untuk balita berisiko stunting dilanjutkan.",
]
MASALAH = [
    "Jaringan internet di dua kantor lurah sering terputus.",
    "Kekurangan tenaga pengadministrasi umum di kantor lurah.",
    "Genangan air saat hujan lebat di beberapa RT.",
]
PERMOHONAN = [
    "Mohon dukungan penambahan formasi pengadministrasi umum.",
    "Mohon dukungan perbaikan jaringan internet kantor lurah.",
    "",
]
RETURN_NOTES = [
    "Lengkapi uraian pengaturan, terutama persiapan pemilihan.",
    "Tambahkan data penanganan stunting per kelurahan.",
]


def populate(*, kabkota: Region, progress: Callable[[str], None]) -> int:
    rng = random.Random(SEED)
    units = list(Unit.objects.filter(kabkota_code=kabkota.code, kind=Unit.Kind.KANTOR_CAMAT).select_related("region"))
    schedule = schedule_of(kabkota.code)
    now = timezone.now()
    today = timezone.localdate()
    periods = [period_of(schedule.frequency, today)]
    for _ in range(MONTHS_BACK):
        periods.append(previous_period(schedule.frequency, periods[-1][0]))
    reports: list[PeriodicReport] = []
    changes: list[tuple[int, list[tuple[str, str, str, dt.datetime]]]] = []
    with transaction.atomic():
        for u, unit in enumerate(units):
            name, nip, title = _signer(unit)
            for p, (start, end) in enumerate(periods):
                if PeriodicReport.objects.filter(unit=unit, period_start=start).exists():
                    continue
                due = due_at(period_end=end, due_days=schedule.due_days, tz=unit.region.timezone)
                report = PeriodicReport(
                    kabkota_code=unit.kabkota_code,
                    unit=unit,
                    frequency=schedule.frequency,
                    period_start=start,
                    period_end=end,
                    due_at=due,
                    pelayanan=rng.choice(PELAYANAN),
                    pengaturan=rng.choice(PENGATURAN),
                    pembangunan=rng.choice(PEMBANGUNAN),
                    pemberdayaan=rng.choice(PEMBERDAYAAN),
                    permasalahan=rng.choice(MASALAH),
                    permohonan=rng.choice(PERMOHONAN),
                )
                steps: list[tuple[str, str, str, dt.datetime]] = []
                period_over = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(9), tzinfo=due.tzinfo)
                kind = "draft" if period_over >= now else PATTERN[(u + p) % len(PATTERN)]
                if p == 1 and due > now:  # the period just ended and not yet due: some sent, some still drafts
                    kind = rng.choice(["draft", "submitted"])
                if kind != "draft":
                    if kind == "late":
                        sent = due + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
                    else:
                        sent = max(due - dt.timedelta(days=rng.randint(1, 7), hours=rng.randint(0, 8)), period_over)
                    sent = min(sent, now - dt.timedelta(hours=1))
                    ctx = figures.Context(unit=unit, start=start, end=end)
                    snap = figures.snapshot(ctx)
                    snap["computed_at"] = sent.isoformat()
                    report.figures, report.figures_at = snap, sent
                    report.submitted_at = report.first_submitted_at = sent
                    report.late = sent > due
                    report.signer_name, report.signer_nip, report.signer_title = name, nip, title
                    report.status = Status.SUBMITTED
                    steps.append((Status.DRAFT, Status.SUBMITTED, "", sent))
                    review = sent + dt.timedelta(days=rng.randint(2, 8))
                    if kind == "returned" and review < now:
                        note = rng.choice(RETURN_NOTES)
                        report.status, report.review_note = Status.RETURNED, note
                        steps.append((Status.SUBMITTED, Status.RETURNED, note, review))
                    elif kind in ("accepted", "late") and review < now:
                        report.status = Status.ACCEPTED
                        steps.append((Status.SUBMITTED, Status.ACCEPTED, "", review))
                reports.append(report)
                changes.append((len(reports) - 1, steps))
        PeriodicReport.objects.bulk_create(reports, batch_size=500)
        rows = [
            ReportChange(
                report=reports[i], kabkota_code=reports[i].kabkota_code, from_status=frm, to_status=to, note=note, at=at
            )
            for i, steps in changes
            for frm, to, note, at in steps
        ]
        ReportChange.objects.bulk_create(rows, batch_size=1000)
    progress(f"Laporan camat: {ribuan(len(reports))} laporan, {ribuan(len(rows))} riwayat status.")
    return len(reports) + len(rows)
