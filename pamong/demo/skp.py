"""Demo SKP data for a kabupaten/kota: every employee with a pejabat penilai gets last year's annual assessment
and this year's finished quarters, final, and some drafts for the current quarter. Raters follow the same rule
as the app (direct superior, Plt. up the chain when vacant), computed in memory for speed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from pamong.core.formats import ribuan
from pamong.organization.models import Position
from pamong.regions.models import Region
from pamong.skp.matrix import CoreValue, Rating, predikat_for
from pamong.skp.models import SkpAssessment, SkpChange, SkpItem, Status, period_bounds
from pamong.skp.selectors import rater_map

R = Rating
HASIL_WEIGHTS = ((R.DI_ATAS, 18), (R.SESUAI, 72), (R.DI_BAWAH, 10))
PERILAKU_WEIGHTS = ((R.DI_ATAS, 20), (R.SESUAI, 75), (R.DI_BAWAH, 5))
ITEMS: dict[str, list[tuple[str, str]]] = {
    Position.Kind.SEKRETARIS: [
        ("Laporan keuangan dan kepegawaian unit tersusun tepat waktu", "12 laporan"),
        ("Persentase surat keluar terarsip dengan kode klasifikasi", "100%"),
    ],
    Position.Kind.KEPALA_SEKSI: [
        ("Permohonan layanan di seksi selesai dalam SLA", "90%"),
        ("Rapat koordinasi bulanan terlaksana dengan notula", "12 kali"),
    ],
    Position.Kind.STAF: [
        ("Berkas permohonan diverifikasi dalam 1 hari kerja", "95%"),
        ("Data penduduk dimutakhirkan di aplikasi", "100%"),
        ("Pengaduan yang ditangani dijawab sebelum batas tahap", "90%"),
    ],
    Position.Kind.KEPALA: [
        ("Indeks Kepuasan Masyarakat unit", "≥ 82"),
        ("Pengaduan selesai tepat waktu", "90%"),
    ],
}
REALISED: dict[str, str] = {R.DI_ATAS: "melampaui", R.SESUAI: "tercapai", R.DI_BAWAH: "belum tercapai"}
NOTES = (
    "Perlu meningkatkan ketepatan waktu laporan.",
    "Sangat membantu rekan kerja di loket.",
    "Pertahankan keramahan kepada warga.",
    "Ikuti pelatihan aplikasi kependudukan tahun depan.",
    "",
    "",
)


def _pick(rng: random.Random, weights: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weights], weights=[w[1] for w in weights])[0]


def _periods(today: dt.date) -> list[tuple[int, int, bool]]:
    """(year, quarter, finished) of the periods to fill: last year's annual and this year's quarters so far."""
    out: list[tuple[int, int, bool]] = [(today.year - 1, 0, True)]
    for q in (1, 2, 3, 4):
        start, end = period_bounds(today.year, q)
        if start <= today:
            out.append((today.year, q, end < today))
    return out


def populate(*, kabkota: Region, progress: Callable[[str], None], seed: int = 6_2022) -> int:
    """Create the demo assessments; returns how many rows (assessments, result rows, history rows) it made."""
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate(now)
    if SkpAssessment.objects.filter(kabkota_code=kabkota.code).exists():
        progress("  SKP: sudah ada, dilewati")
        return 0
    assignments = rater_map(kabkota_code=kabkota.code)
    positions = {p.pk: p for p in Position.objects.filter(kabkota_code=kabkota.code)}
    assessments: list[SkpAssessment] = []
    plans: list[tuple[SkpAssessment, list[tuple[str, str, str, str]]]] = []
    for assignment in assignments:
        e, rater, rater_position, vacant = (
            assignment.employee,
            assignment.rater,
            assignment.rater_position,
            assignment.vacant,
        )
        character = (_pick(rng, HASIL_WEIGHTS), _pick(rng, PERILAKU_WEIGHTS))
        own = positions[e.position_id or 0]
        for year, quarter, finished in _periods(today):
            if not finished and rng.random() > 0.3:
                continue  # the current quarter: a few raters started
            hasil, perilaku = character
            if rng.random() < 0.25:  # people have better and worse periods
                hasil = _pick(rng, HASIL_WEIGHTS)
            if rng.random() < 0.15:
                perilaku = _pick(rng, PERILAKU_WEIGHTS)
            behaviours = {
                code: {
                    "rating": perilaku if rng.random() < 0.75 else _pick(rng, PERILAKU_WEIGHTS),
                    "note": "",
                }
                for code in CoreValue.values
            }
            _start, end = period_bounds(year, quarter)
            at = min(
                now,
                dt.datetime.combine(end + dt.timedelta(days=rng.randint(3, 25)), dt.time(2), tzinfo=dt.UTC),
            )
            status = Status.FINAL if finished else Status.DRAFT
            a = SkpAssessment(
                kabkota_code=e.kabkota_code,
                unit_id=e.unit_id,
                employee=e,
                year=year,
                quarter=quarter,
                employee_position=own,
                employee_position_title=own.title,
                rater=rater,
                rater_position=rater_position,
                rater_position_title=rater_position.title,
                rater_acting=bool(vacant),
                vacant_position_title=vacant,
                hasil_rating=hasil,
                hasil_note=rng.choice(NOTES),
                behaviours=behaviours,
                perilaku_rating=perilaku,
                perilaku_note=rng.choice(NOTES),
                predikat=predikat_for(hasil, perilaku),
                status=status,
                created_at=at - dt.timedelta(days=2),
                updated_at=at,
                finalized_at=at if finished else None,
            )
            assessments.append(a)
            items = []
            if quarter == 0:
                for indicator, target in ITEMS.get(own.kind, ITEMS[Position.Kind.STAF]):
                    items.append((indicator, target, REALISED[hasil], ""))
            plans.append((a, items))
    made = 0
    with transaction.atomic():
        SkpAssessment.objects.bulk_create(assessments, batch_size=1000)
        made += len(assessments)
        progress(f"  SKP: {ribuan(len(assessments))} penilaian")
        item_rows: list[SkpItem] = []
        changes: list[SkpChange] = []
        for a, items in plans:
            item_rows.extend(
                SkpItem(assessment=a, order=n, indicator=i, target=t, realisasi=r, note=note)
                for n, (i, t, r, note) in enumerate(items, start=1)
            )
            # The rater acted, in the post they held then.
            actor = {
                "kabkota_code": a.kabkota_code,
                "actor_label": f"{a.rater_position_title} ({a.rater.full_name})",
                "actor_position_id": a.rater_position_id,
                "actor_unit_id": a.rater.unit_id,
            }
            changes.append(SkpChange(assessment=a, from_status="", to_status=Status.DRAFT, at=a.created_at, **actor))
            if a.status == Status.FINAL:
                changes.append(
                    SkpChange(
                        assessment=a,
                        from_status=Status.DRAFT,
                        to_status=Status.FINAL,
                        snapshot=_snapshot(a, items),
                        at=a.updated_at,
                        **actor,
                    )
                )
        SkpItem.objects.bulk_create(item_rows, batch_size=2000)
        SkpChange.objects.bulk_create(changes, batch_size=2000)
        made += len(item_rows) + len(changes)
    progress(f"  SKP: {ribuan(made)} baris (penilaian, hasil kerja, riwayat)")
    return made


def _snapshot(a: SkpAssessment, items: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    return {
        "hasil_rating": a.hasil_rating,
        "hasil_note": a.hasil_note,
        "behaviours": a.behaviours,
        "perilaku_rating": a.perilaku_rating,
        "perilaku_note": a.perilaku_note,
        "predikat": a.predikat,
        "rater": a.rater.full_name,
        "rater_position": a.rater_position_title,
        "rater_acting": a.rater_acting,
        "items": [{"indicator": i, "target": t, "realisasi": r, "note": n} for i, t, r, n in items],
    }
