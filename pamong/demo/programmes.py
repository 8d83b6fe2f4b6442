"""Demo data: targets and the last twelve months of counts for every kelurahan/desa of a kabupaten/kota (falling
trends with variety: most on track, some stuck, a few worse), and a small register of clearly fictitious
vulnerable residents in two kelurahan/desa. Deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from pamong.programmes.models import (
    Category,
    FollowUpVisit,
    Programme,
    ProgrammeTarget,
    ProgressChange,
    ProgressReport,
    TargetChange,
    VulnerableResident,
)
from pamong.regions.models import Region

SEED = 20260801
# (code, typical baseline range per kelurahan/desa)
BASELINES = {"kemiskinan-ekstrem": (4, 60), "stunting": (3, 35)}
NOTES = (
    "Data dari pendataan P3KE dan musyawarah kelurahan.",
    "Hasil penimbangan posyandu bulan ini.",
    "Pendampingan oleh TPK dan kader.",
    "Penyaluran BLT Dana Desa dan bantuan pangan.",
    "",
    "",
)
FICTITIOUS = (
    ("Contoh Warga Satu", "sakit", "Penderita TBC dalam pengobatan, dipantau puskesmas."),
    ("Contoh Warga Dua", "lansia", "Lansia 78 tahun tinggal sendiri, mobilitas terbatas."),
    ("Contoh Warga Tiga", "disabilitas", "Disabilitas fisik, kursi roda."),
    ("Contoh Warga Empat", "sakit", "Hipertensi, kontrol rutin tiap bulan."),
    ("Contoh Warga Lima", "lansia", "Lansia tinggal sendiri, anak merantau."),
)


def _months_back(today: dt.date, n: int) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    y, m = first.year, first.month
    for _ in range(n):
        m -= 1
        if m == 0:
            y, m = y - 1, 12
        months.append(dt.date(y, m, 1))
    return sorted(months)


def _fake_nik(rng: random.Random, district_code: str, female: bool) -> str:
    """A NIK of valid format (district code, birth date, serial): fictitious, not anyone's."""
    digits = district_code.replace(".", "")[:6]
    day = rng.randint(1, 28) + (40 if female else 0)
    return f"{digits}{day:02d}{rng.randint(1, 12):02d}{rng.randint(40, 60):02d}{rng.randint(9000, 9999):04d}"


@transaction.atomic
def populate(*, kabkota: Region, progress: Callable[[str], None]) -> int:
    rng = random.Random(SEED)
    today = timezone.localdate()
    months = _months_back(today, 12)
    places = list(Region.objects.subtree(kabkota.code).filter(level=Region.Level.DESA).order_by("code"))
    programmes = list(Programme.objects.filter(code__in=BASELINES))
    targets: list[ProgrammeTarget] = []
    reports: list[ProgressReport] = []
    for programme in programmes:
        low, high = BASELINES[programme.code]
        progress(f"Program {programme.name}: {len(places)} kelurahan/desa")
        for place in places:
            start = rng.randint(low, high)
            # progress per month: most fall steadily, some stall, a few rise
            kind = rng.choices(("good", "slow", "stuck", "worse"), weights=(55, 25, 12, 8))[0]
            rate = {"good": rng.uniform(0.06, 0.12), "slow": rng.uniform(0.02, 0.05), "stuck": 0.0}.get(kind, -0.02)
            count = float(start)
            per_year: dict[int, tuple[int, int]] = {}
            for month in months:
                count = max(0.0, count * (1 - rate) + rng.uniform(-1.0, 1.0))
                value = round(count)
                per_year.setdefault(month.year, (value, 0))
                reports.append(
                    ProgressReport(
                        programme=programme,
                        place=place,
                        kabkota_code=kabkota.code[:5],
                        month=month,
                        count=value,
                        reached=min(value, rng.randint(0, max(1, value // 2))),
                        note=rng.choice(NOTES),
                    )
                )
            for year, (baseline, _) in per_year.items():
                targets.append(
                    ProgrammeTarget(
                        programme=programme,
                        place=place,
                        kabkota_code=kabkota.code[:5],
                        year=year,
                        baseline=baseline,
                        # a yearly step towards zero (the national goal for extreme poverty)
                        target=round(baseline * (0.4 if programme.code == "kemiskinan-ekstrem" else 0.6)),
                    )
                )
    ProgrammeTarget.objects.bulk_create(targets, ignore_conflicts=True)
    ProgressReport.objects.bulk_create(reports, batch_size=1000, ignore_conflicts=True)
    saved = ProgressReport.objects.filter(kabkota_code=kabkota.code[:5], month__in=months)
    changes = [
        ProgressChange(
            report=r,
            kabkota_code=r.kabkota_code,
            kind=ProgressChange.Kind.CREATED,
            at=r.entered_at,
            new_count=r.count,
            new_reached=r.reached,
            new_note=r.note,
        )
        for r in saved.filter(changes__isnull=True)
    ]
    ProgressChange.objects.bulk_create(changes, batch_size=1000)
    set_targets = ProgrammeTarget.objects.filter(kabkota_code=kabkota.code[:5], changes__isnull=True)
    target_changes = [
        TargetChange(
            target=t,
            kabkota_code=t.kabkota_code,
            kind=TargetChange.Kind.CREATED,
            at=t.updated_at,
            new_baseline=t.baseline,
            new_target=t.target,
        )
        for t in set_targets
    ]
    TargetChange.objects.bulk_create(target_changes, batch_size=1000)
    made = len(targets) + len(reports) + len(changes) + len(target_changes)

    progress("Daftar warga rentan (fiktif) untuk dua kelurahan/desa")
    for place in places[:2]:
        for name, category, condition in FICTITIOUS:
            nik = _fake_nik(rng, place.code[:8], female=rng.random() < 0.5)
            house, offsets = rng.randint(1, 99), (40 + rng.randint(0, 5), 10 + rng.randint(0, 5))
            resident, created = VulnerableResident.objects.get_or_create(
                kabkota_code=kabkota.code[:5],
                nik=nik,
                defaults={
                    "place": place,
                    "name": f"{name} ({place.name})",
                    "address": f"Jl. Contoh No. {house}, {place.name}",
                    "category": category if category in Category.values else Category.OTHER,
                    "condition": condition,
                },
            )
            if created:
                made += 1
                for back in offsets:
                    FollowUpVisit.objects.create(
                        resident=resident,
                        kabkota_code=resident.kabkota_code,
                        visited_on=today - dt.timedelta(days=back),
                        note="Kunjungan rumah: kondisi stabil, obat cukup.",
                    )
                    made += 1
    return made
