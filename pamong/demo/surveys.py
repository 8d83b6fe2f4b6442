"""Demo and benchmark SKM data: a survey per serving unit for last year (published) and this year, answers from
the three channels written in bulk, kiosks, and follow-up plans for last year's weakest unsur.

Each unit gets its own character (most serve well; some are slow, some have poor facilities, a few are weak
overall), so that the comparison and the weak-link highlights show something real.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import uuid
import zoneinfo
from collections.abc import Callable, Iterator

from django.db import transaction
from django.utils import timezone

from pamong.catalog.models import ServiceType
from pamong.core.formats import ribuan
from pamong.organization.models import Employee, Unit
from pamong.regions.models import Region
from pamong.servicerequests.models import ServiceRequest, Status
from pamong.surveys.ikm import result_from_totals
from pamong.surveys.models import (
    Channel,
    Education,
    FollowUp,
    FollowUpChange,
    FollowUpStatus,
    Kiosk,
    Occupation,
    Survey,
    SurveyResponse,
)
from pamong.surveys.selectors import totals
from pamong.surveys.services import forget_public_results, request_key
from pamong.surveys.unsur import FIELDS

SUGGESTIONS = (
    "Ruang tunggu panas, mohon ditambah kipas angin.",
    "Petugas ramah dan cepat, terima kasih.",
    "Informasi persyaratan sebaiknya ditempel di depan kantor.",
    "Antrean pagi terlalu panjang, loket kedua mohon dibuka.",
    "Surat selesai tepat waktu. Pertahankan.",
    "Tempat parkir sempit.",
    "Mohon petugas tidak meninggalkan loket saat jam pelayanan.",
    "Pelayanan sudah baik, semoga bisa diurus lewat HP saja.",
    "Toilet untuk pengunjung perlu dibersihkan.",
    "Mohon disediakan kursi roda dan jalur untuk lansia.",
    "Sempat bolak-balik karena persyaratan berubah.",
    "Pelacakan permohonan lewat kode sangat membantu.",
)

# (mean answer per unsur U1..U9): the character of a unit.
PROFILES: tuple[tuple[float, ...], ...] = (
    (3.5, 3.4, 3.3, 3.9, 3.5, 3.4, 3.6, 3.1, 3.2),  # good, complaints handling a little weaker
    (3.4, 3.3, 2.7, 3.9, 3.4, 3.3, 3.5, 3.1, 3.2),  # slow
    (3.3, 3.3, 3.2, 3.8, 3.3, 3.2, 3.4, 3.0, 2.6),  # poor facilities
    (3.7, 3.6, 3.6, 3.9, 3.7, 3.6, 3.8, 3.4, 3.5),  # excellent
    (2.9, 2.8, 2.6, 3.6, 2.9, 2.8, 3.0, 2.6, 2.7),  # weak overall
)
PROFILE_WEIGHTS = (5, 2, 2, 3, 1)


def _serving_units(code: str) -> list[Unit]:
    return list(
        Unit.objects.filter(kabkota_code=code)
        .exclude(kind=Unit.Kind.BAGIAN_TAPEM)
        .select_related("region")
        .order_by("region_id")
    )


def _value(mean: float, rng: random.Random) -> int:
    return max(1, min(4, round(rng.gauss(mean, 0.55))))


def _response(
    *,
    survey: Survey,
    profile: tuple[float, ...],
    rng: random.Random,
    at: dt.datetime,
    channel: str,
    services: list[ServiceType],
    drift: float = 0.0,
    paper_number: str = "",
    request: ServiceRequest | None = None,
    kiosk: Kiosk | None = None,
) -> SurveyResponse:
    skip = 0.04 if channel == Channel.KERTAS else 0.0
    values = {f: (None if rng.random() < skip else _value(profile[i] + drift, rng)) for i, f in enumerate(FIELDS)}
    if not any(values.values()):
        values["u1"] = 3
    return SurveyResponse(
        kabkota_code=survey.kabkota_code,
        survey=survey,
        service=request.service if request else (rng.choice(services) if services else None),
        channel=channel,
        request_key=request_key(request) if request else None,
        kiosk=kiosk if channel == Channel.KIOSK else None,
        paper_number=paper_number,
        gender=rng.choice("LP") if rng.random() > 0.05 else "",
        age=max(17, min(85, int(rng.gauss(40, 13)))) if rng.random() > 0.07 else None,
        education=rng.choices([e.value for e in Education], weights=(10, 15, 40, 12, 20, 3), k=1)[0],
        occupation=rng.choices([o.value for o in Occupation], weights=(8, 2, 18, 25, 10, 8, 20, 9), k=1)[0],
        suggestion=rng.choice(SUGGESTIONS) if rng.random() < 0.22 else "",
        submit_token=uuid.uuid4().hex,
        submitted_at=at,
        **values,
    )


def _moment(day: dt.date, zone: zoneinfo.ZoneInfo, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(8, 15), rng.randint(0, 59)), tzinfo=zone)


def _days(start: dt.date, end: dt.date, rng: random.Random) -> Iterator[dt.date]:
    span = (end - start).days
    while True:
        day = start + dt.timedelta(days=rng.randint(0, max(0, span)))
        if day.weekday() < 5:
            yield day


def surveys_populate(
    *,
    kabkota: Region,
    seed: int = 11,
    per_unit: tuple[int, int] = (25, 90),
    progress: Callable[[str], None] = lambda _m: None,
) -> int:
    """Surveys, kiosks, answers and follow-ups for every serving unit. Returns the number of answers written."""
    rng = random.Random(seed)
    now = timezone.now()
    this_year = timezone.localdate().year
    units = _serving_units(kabkota.code)
    services = {
        level: list(ServiceType.objects.filter(kabkota_code=kabkota.code, level=level))
        for level in ServiceType.Level.values
    }
    written = 0
    batch: list[SurveyResponse] = []

    def flush(force: bool = False) -> None:
        nonlocal written
        if batch and (force or len(batch) >= 5000):
            SurveyResponse.objects.bulk_create(batch, batch_size=5000)
            written += len(batch)
            batch.clear()

    current: list[tuple[Survey, tuple[float, ...]]] = []
    with transaction.atomic():
        for n, unit in enumerate(units, start=1):
            zone = zoneinfo.ZoneInfo(unit.region.timezone)
            profile = rng.choices(PROFILES, weights=PROFILE_WEIGHTS, k=1)[0]
            level = ServiceType.Level.KECAMATAN if unit.kind == Unit.Kind.KANTOR_CAMAT else ServiceType.Level.DESA
            unit_services = services.get(level, [])
            last = Survey.objects.create(
                kabkota_code=unit.kabkota_code,
                unit=unit,
                period_start=dt.date(this_year - 1, 1, 1),
                period_end=dt.date(this_year - 1, 12, 31),
                published=True,
                published_at=now - dt.timedelta(days=300),
            )
            this = Survey.objects.create(
                kabkota_code=unit.kabkota_code,
                unit=unit,
                period_start=dt.date(this_year, 1, 1),
                period_end=dt.date(this_year, 12, 31),
                published=rng.random() < 0.5,
            )
            this.published_at = now - dt.timedelta(days=rng.randint(1, 30)) if this.published else None
            this.save(update_fields=["published_at"])
            current.append((this, profile))
            kiosk = Kiosk.objects.create(
                kabkota_code=unit.kabkota_code, unit=unit, name="Loket pelayanan", key=secrets.token_urlsafe(18)
            )
            # Last year: paper forms and the kiosk. Slightly worse than this year: the follow-up worked.
            days = _days(last.period_start, last.period_end, rng)
            for i in range(rng.randint(*per_unit)):
                paper = rng.random() < 0.6
                batch.append(
                    _response(
                        survey=last,
                        profile=profile,
                        rng=rng,
                        at=_moment(next(days), zone, rng),
                        channel=Channel.KERTAS if paper else Channel.KIOSK,
                        services=unit_services,
                        kiosk=kiosk,
                        drift=-0.15,
                        paper_number=f"{this_year - 1}-{i + 1:04d}" if paper else "",
                    )
                )
            # This year: links after finished requests, the kiosk, and paper.
            finished = list(
                ServiceRequest.objects.filter(
                    kabkota_code=unit.kabkota_code, unit=unit, status=Status.SELESAI, finished_at__year=this_year
                ).select_related("service")
            )
            for request in finished:
                if request.finished_at and rng.random() < 0.45:
                    at = min(now, request.finished_at + dt.timedelta(hours=rng.randint(1, 72)))
                    batch.append(
                        _response(
                            survey=this,
                            profile=profile,
                            rng=rng,
                            at=at,
                            channel=Channel.TAUTAN,
                            services=unit_services,
                            request=request,
                        )
                    )
            today = timezone.localtime(now, zone).date()
            days = _days(this.period_start, today, rng)
            for i in range(rng.randint(*per_unit)):
                paper = rng.random() < 0.35
                batch.append(
                    _response(
                        survey=this,
                        profile=profile,
                        rng=rng,
                        at=min(now, _moment(next(days), zone, rng)),
                        channel=Channel.KERTAS if paper else Channel.KIOSK,
                        services=unit_services,
                        kiosk=kiosk,
                        paper_number=f"{this_year}-{i + 1:04d}" if paper else "",
                    )
                )
            flush()
            if n % 20 == 0 or n == len(units):
                progress(f"  survei {n}/{len(units)} unit")
        flush(force=True)
        _follow_ups([s for s, _p in current], rng)
    forget_public_results()
    return written


def surveys_extend(
    *, kabkota: Region, count: int, seed: int = 11, progress: Callable[[str], None] = lambda _m: None
) -> int:
    """Benchmark volume: ``count`` more kiosk answers spread over this year's surveys of all services."""
    rng = random.Random(seed + 1)
    year = timezone.localdate().year
    current = [
        (survey, rng.choices(PROFILES, weights=PROFILE_WEIGHTS, k=1)[0])
        for survey in Survey.objects.filter(kabkota_code=kabkota.code, period_start__year=year, service__isnull=True)
    ]
    if not current:
        return 0
    services = {"all": list(ServiceType.objects.filter(kabkota_code=kabkota.code))}
    return _extra(current, count, rng, services, progress)


def _follow_ups(surveys: list[Survey], rng: random.Random) -> None:
    """For last year's survey of each unit, one action on its weakest unsur; most are done by now."""
    last_year = {
        s.unit_id: s
        for s in Survey.objects.filter(unit_id__in=[s.unit_id for s in surveys], period_end__lt=surveys[0].period_start)
    }
    rows = (
        SurveyResponse.objects.filter(survey__in=last_year.values()).order_by().values("survey_id").annotate(**totals())
    )
    staff: dict[int, list[Employee]] = {}
    for e in Employee.objects.filter(unit_id__in=last_year.keys(), active=True).order_by("pk"):
        staff.setdefault(e.unit_id, []).append(e)
    by_survey = {s.pk: s for s in last_year.values()}
    actions = {
        1: "Memasang papan persyaratan setiap layanan di ruang tunggu dan di portal.",
        2: "Menyederhanakan alur: berkas diperiksa di loket dalam satu kali datang.",
        3: "Menambah petugas loket pada Senin dan Selasa pagi; memantau batas waktu di kotak permohonan.",
        4: "Mengumumkan bahwa semua layanan administrasi tidak dipungut biaya.",
        5: "Memeriksa ulang format surat agar sesuai dengan standar pelayanan.",
        6: "Bimbingan teknis pelayanan administrasi untuk petugas loket.",
        7: "Apel pagi dengan pengingat budaya senyum, salam, sapa.",
        8: "Membuka kanal pengaduan WhatsApp dan menjawab setiap aduan dalam tiga hari kerja.",
        9: "Memperbaiki ruang tunggu: kursi, kipas angin dan toilet pengunjung.",
    }
    follow_ups, changes = [], []
    now = timezone.now()
    for row in rows:
        survey = by_survey[row["survey_id"]]
        weakest = result_from_totals(row).weakest
        people = staff.get(survey.unit_id)
        if weakest is None or not people:
            continue
        done = rng.random() < 0.7
        follow_ups.append(
            FollowUp(
                kabkota_code=survey.kabkota_code,
                survey=survey,
                unsur=weakest.unsur.number,
                action=actions[weakest.unsur.number],
                owner=rng.choice(people),
                due_date=dt.date(survey.period_end.year + 1, rng.randint(2, 6), 28),
                status=FollowUpStatus.SELESAI if done else FollowUpStatus.BERJALAN,
            )
        )
    created = FollowUp.objects.bulk_create(follow_ups)
    for f in created:
        changes.append(FollowUpChange(follow_up=f, from_status="", to_status="rencana", at=now, note=""))
        changes.append(FollowUpChange(follow_up=f, from_status="rencana", to_status="berjalan", at=now, note=""))
        if f.status == FollowUpStatus.SELESAI:
            changes.append(
                FollowUpChange(
                    follow_up=f, from_status="berjalan", to_status="selesai", at=now, note="Sudah dilaksanakan."
                )
            )
    FollowUpChange.objects.bulk_create(changes)


def _extra(
    current: list[tuple[Survey, tuple[float, ...]]],
    count: int,
    rng: random.Random,
    services: dict[str, list[ServiceType]],
    progress: Callable[[str], None],
) -> int:
    """Benchmark volume: ``count`` more kiosk answers spread over this year's surveys, in 5,000-row batches."""
    now = timezone.now()
    all_services = [s for group in services.values() for s in group]
    minutes = max(1, int((now - dt.datetime(now.year, 1, 2, tzinfo=dt.UTC)).total_seconds() // 60))
    written = 0
    while written < count:
        size = min(5000, count - written)
        batch = []
        for _ in range(size):
            survey, profile = rng.choice(current)
            at = now - dt.timedelta(minutes=rng.randint(1, minutes))
            batch.append(
                _response(survey=survey, profile=profile, rng=rng, at=at, channel=Channel.KIOSK, services=all_services)
            )
        SurveyResponse.objects.bulk_create(batch, batch_size=5000)
        written += size
        progress(f"  jawaban survei {ribuan(written)}/{ribuan(count)}")
    forget_public_results()
    return written
