"""Demo innovations: several offices of the demo kabupaten/kota with innovations at every stage and approval
status, a studi tiru that led to two of them, evidence files, and — for the offices whose effect can be measured —
finished service requests around the innovation's start in which the on-time share rises and the working days
fall, so that the before/after figures show a change. Runs before the daily aggregates are built (load_demo's
APARATUR order), so that they count these requests too. Deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random
import secrets
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from pamong.catalog.models import ServiceType
from pamong.demo.people import PeopleFactory
from pamong.demo.requests import Officers, _code, _history, answer_for, nik_for
from pamong.innovation.models import (
    Evidence,
    EvidenceKind,
    Indicator,
    Innovation,
    InnovationChange,
    InnovationService,
    Kind,
    Stage,
    Status,
)
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region
from pamong.servicerequests.models import LetterSequence, ServiceRequest
from pamong.servicerequests.models import Status as RequestStatus
from pamong.training.models import Attendance, Participant, TrainingEvent
from pamong.training.models import Kind as TrainingKind
from pamong.training.models import Status as TrainingStatus
from pamong.workdays.services import WorkCalendar

EFFECT_DAYS = 45  # the measured innovations started this many days ago: 45 days before and 45 after
PER_SIDE = 40  # finished requests added per office and period
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Plan:
    office: int  # index into the chosen offices
    name: str
    kind: str
    problem: str
    change: str
    summary: str
    stage: str
    status: str
    started_days_ago: int | None  # the start of uji coba (or penerapan); None at inisiatif
    applied_days_ago: int | None = None
    services: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    cost: int | None = None
    funding: str = ""
    team: str = ""
    from_visit: bool = False
    boost: bool = False  # add requests showing the change


PLANS: tuple[Plan, ...] = (
    Plan(
        0,
        "Layanan Antar Surat untuk Lansia (LASUL)",
        Kind.PELAYANAN,
        "Warga lanjut usia dan penyandang disabilitas harus datang dua kali ke kantor lurah untuk satu surat.",
        "Permohonan diterima lewat RT; surat yang selesai diantar petugas ke rumah pada hari yang sama.",
        "Surat keterangan untuk warga lansia dan disabilitas diantar ke rumah; warga tidak perlu datang ke kantor.",
        Stage.PENERAPAN,
        Status.DITERBITKAN,
        EFFECT_DAYS,
        applied_days_ago=20,
        services=("sk-domisili", "sktm"),
        indicators=(Indicator.TEPAT_WAKTU, Indicator.LAMA, Indicator.IKM),
        cost=4_500_000,
        funding="APBD, DPA kelurahan",
        team="Mulyadi | penanggung jawab\nYusnimar | koordinator loket\nKetua RT se-kelurahan | penghubung warga",
        boost=True,
    ),
    Plan(
        1,
        "Kecamatan Tanpa Antre: nomor antrean lewat WhatsApp",
        Kind.PELAYANAN,
        "Warga menunggu berjam-jam di ruang tunggu kantor camat tanpa tahu gilirannya.",
        "Warga mengambil nomor antrean lewat WhatsApp dan diberi tahu 15 menit sebelum gilirannya.",
        "Nomor antrean kantor camat diambil lewat WhatsApp; warga datang saat gilirannya tiba.",
        Stage.UJI_COBA,
        Status.DITERBITKAN,
        EFFECT_DAYS,
        services=("sk-ahli-waris", "rekomendasi-keramaian"),
        indicators=(Indicator.TEPAT_WAKTU, Indicator.LAMA, Indicator.PENGADUAN),
        cost=12_000_000,
        funding="APBD",
        team="Sekretaris Camat | ketua tim\nKasi Pelayanan | pelaksana",
        from_visit=True,
        boost=True,
    ),
    Plan(
        2,
        "Berkas Lengkap Sekali Datang (BELADA)",
        Kind.PELAYANAN,
        "Separuh permohonan dikembalikan karena persyaratan kurang, sehingga warga bolak-balik.",
        "Daftar periksa persyaratan dikirim ke warga sebelum datang; petugas memeriksa berkas saat diterima.",
        "Warga menerima daftar periksa persyaratan sebelum datang, sehingga permohonan selesai dalam sekali datang.",
        Stage.UJI_COBA,
        Status.DITERBITKAN,
        EFFECT_DAYS,
        services=("pengantar-ktp-el", "pengantar-kk"),
        indicators=(Indicator.TEPAT_WAKTU, Indicator.LAMA),
        cost=0,
        funding="Tanpa biaya",
        from_visit=True,
        boost=True,
    ),
    Plan(
        3,
        "Pojok Pengaduan Kilat",
        Kind.TATA_KELOLA,
        "Pengaduan warga tercecer di buku tamu dan grup WhatsApp, tidak ada yang menindaklanjuti.",
        "Setiap pengaduan dicatat di Pamong saat diterima dan dijawab paling lambat esok harinya.",
        "Pengaduan yang disampaikan di kantor lurah dicatat saat itu juga dan dijawab paling lambat esok harinya.",
        Stage.PENERAPAN,
        Status.DITERBITKAN,
        EFFECT_DAYS,
        applied_days_ago=EFFECT_DAYS,
        indicators=(Indicator.TEPAT_WAKTU, Indicator.PENGADUAN, Indicator.IKM),
        cost=2_000_000,
        funding="APBD",
        boost=True,
    ),
    Plan(
        4,
        "Tanda Tangan Elektronik Surat Kelurahan",
        Kind.PELAYANAN,
        "Surat menunggu lurah yang sedang rapat di luar kantor.",
        "Lurah menandatangani surat secara elektronik dari mana saja; warga mengunduh surat dengan kode.",
        "Surat kelurahan ditandatangani secara elektronik dan dapat diunduh warga dengan kode permohonan.",
        Stage.UJI_COBA,
        Status.DITERBITKAN,
        12,
        services=("sk-domisili",),
        indicators=(Indicator.LAMA,),
        cost=0,
        funding="Tanpa biaya (sertifikat BSrE)",
    ),
    Plan(
        0,
        "Data Posyandu Terpadu",
        Kind.TATA_KELOLA,
        "Data balita ditimbang tercatat di tiga buku berbeda dan sering tidak sama.",
        "Kader posyandu mengisi satu daftar yang dibaca kelurahan dan puskesmas.",
        "Satu daftar data posyandu untuk kader, kelurahan dan puskesmas.",
        Stage.INISIATIF,
        Status.DITERBITKAN,
        None,
        cost=1_500_000,
        funding="Dana kelurahan",
    ),
    Plan(
        2,
        "Ojek Surat Kelurahan",
        Kind.PELAYANAN,
        "Warga di pinggiran kelurahan jauh dari kantor.",
        "Surat diantar ojek mitra kelurahan dengan biaya ditanggung kelurahan.",
        "",
        Stage.INISIATIF,
        Status.DRAF,
        None,
    ),
    Plan(
        1,
        "Sabtu Melayani",
        Kind.PELAYANAN,
        "Pekerja tidak dapat datang ke kantor camat pada hari kerja.",
        "Loket kantor camat buka setiap Sabtu pagi untuk layanan surat.",
        "Loket kantor camat buka setiap Sabtu pagi.",
        Stage.UJI_COBA,
        Status.DIAJUKAN,
        20,
        services=("sk-ahli-waris",),
        indicators=(Indicator.TEPAT_WAKTU,),
    ),
)


def _offices(kabkota: Region) -> list[Unit]:
    """The demo lurah's office first (Belakang Pondok in Padang), its kantor camat, then three more offices."""
    lurah = list(
        Unit.objects.filter(kabkota_code=kabkota.code, kind=Unit.Kind.KANTOR_LURAH).order_by("region_id")[:8]
    ) or list(Unit.objects.filter(kabkota_code=kabkota.code, kind=Unit.Kind.KANTOR_DESA).order_by("region_id")[:8])
    camat = Unit.objects.filter(kabkota_code=kabkota.code, kind=Unit.Kind.KANTOR_CAMAT).order_by("region_id").first()
    if len(lurah) < 6 or camat is None:
        return []
    return [lurah[0], camat, lurah[2], lurah[3], lurah[5]]


def _field_visit(kabkota: Region, camat: Unit, offices: list[Unit], today: dt.date) -> TrainingEvent:
    start = today - dt.timedelta(days=120)
    event = TrainingEvent.objects.create(
        kabkota_code=kabkota.code,
        unit=camat,
        title="Studi Tiru Smart Kampung ke Kabupaten Banyuwangi",
        kind=TrainingKind.STUDI_TIRU,
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        place="Kabupaten Banyuwangi, Jawa Timur",
        hours=24,
        host="Pemerintah Kabupaten Banyuwangi (program Smart Kampung)",
        host_region_code="35.10",
        lessons=(
            "Pelayanan didekatkan ke warga: permohonan diterima di kantor desa dan dipantau dengan satu aplikasi.\n"
            "Antrean dan persyaratan diberitahukan sebelum warga datang.\n"
            "Setiap desa menetapkan satu petugas penghubung dan target waktu penyelesaian yang diumumkan."
        ),
        status=TrainingStatus.SELESAI,
        description="Kunjungan belajar camat dan lurah ke desa-desa Smart Kampung.",
    )
    heads = Employee.objects.filter(unit__in=offices, position__kind=Position.Kind.KEPALA, active=True)
    Participant.objects.bulk_create(
        Participant(kabkota_code=kabkota.code, event=event, employee=e, unit_id=e.unit_id, attendance=Attendance.HADIR)
        for e in heads
    )
    return event


def _advance(calendar: WorkCalendar, day: dt.date, workdays: int) -> dt.date:
    """The day on which a request submitted on ``day`` that took ``workdays`` working days (both ends) finished."""
    return calendar.add(day, workdays - 1)


def _requests(
    *,
    kabkota: Region,
    unit: Unit,
    services: list[ServiceType],
    first: dt.date,
    last: dt.date,
    on_time_share: float,
    rng: random.Random,
    people: PeopleFactory,
    calendar: WorkCalendar,
    zone: zoneinfo.ZoneInfo,
) -> list[tuple[ServiceRequest, list[tuple[str, dt.datetime]]]]:
    """``PER_SIDE`` finished requests of ``unit`` submitted and finished between ``first`` and ``last``: a share
    ``on_time_share`` within the service's deadline, the others some days late."""
    plans = []
    span = (last - first).days - 14
    for _ in range(PER_SIDE):
        service = rng.choice(services)
        day = first + dt.timedelta(days=rng.randint(0, max(span, 0)))
        while not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        deadline = max(service.deadline_days, 1)
        on_time = rng.random() < on_time_share
        workdays = rng.randint(1, deadline) if on_time else deadline + rng.randint(2, 6)
        submitted = dt.datetime.combine(day, dt.time(rng.randint(8, 11), rng.randint(0, 59)), zone)
        finished_day = _advance(calendar, day, workdays)
        finished = dt.datetime.combine(finished_day, dt.time(rng.randint(13, 15), rng.randint(0, 59)), zone)
        due = dt.datetime.combine(calendar.add(day, deadline), dt.time(23, 59, 59), zone)
        if on_time and finished > due:
            due = finished + dt.timedelta(hours=1)
        person = people.person(educated=False)
        request = ServiceRequest(
            kabkota_code=kabkota.code,
            code=_code(rng),
            service=service,
            unit=unit,
            status=RequestStatus.SELESAI,
            nik=nik_for(rng, unit.region_id, person.birth_date, person.gender),
            name=person.name,
            phone=people.phone(),
            address=f"Jl. Sawahan No. {rng.randint(1, 120)}, RT {rng.randint(1, 9):03d}/RW {rng.randint(1, 5):03d}",
            birth_place="Padang",
            birth_date=person.birth_date,
            gender=person.gender,
            religion="Islam",
            occupation="Wiraswasta",
            answers={f.code: answer_for(f, rng, submitted.date()) for f in service.fields.all()},
            submitted_at=submitted,
            due_at=due,
            finished_at=finished,
            submit_token=uuid.uuid4().hex,
        )
        middle = submitted + (finished - submitted) / 2
        history: list[tuple[str, dt.datetime]] = [
            (RequestStatus.DIVERIFIKASI, submitted + dt.timedelta(hours=1)),
            (RequestStatus.DIPROSES, middle),
            (RequestStatus.MENUNGGU_TTD, finished - dt.timedelta(hours=1)),
            (RequestStatus.SELESAI, finished),
        ]
        plans.append((request, history))
    return plans


def _history_rows(innovation: Innovation, plan: Plan, *, proposer: str, head: str, at: dt.datetime) -> None:
    rows = [InnovationChange(to_status=Status.DRAF, actor_label=proposer, at=at)]
    if plan.status in (Status.DIAJUKAN, Status.DITERBITKAN):
        rows.append(
            InnovationChange(
                from_status=Status.DRAF, to_status=Status.DIAJUKAN, actor_label=proposer, at=at + dt.timedelta(days=1)
            )
        )
    if plan.status == Status.DITERBITKAN:
        rows.append(
            InnovationChange(
                from_status=Status.DIAJUKAN,
                to_status=Status.DITERBITKAN,
                actor_label=head,
                at=at + dt.timedelta(days=2),
            )
        )
    for row in rows:
        row.innovation = innovation
        row.kabkota_code = innovation.kabkota_code
    InnovationChange.objects.bulk_create(rows)


def _label(employee: Employee | None, fallback: str) -> str:
    if employee is None:
        return fallback
    title = employee.position.title if employee.position else fallback
    return f"{title} ({employee.full_name})"


def populate(*, kabkota: Region, progress: Callable[[str], None], seed: int = 19) -> int:
    """Create the demo innovations; returns how many."""
    rng = random.Random(seed)
    offices = _offices(kabkota)
    if not offices:
        return 0
    zone = zoneinfo.ZoneInfo(kabkota.timezone)
    now = timezone.now()
    today = timezone.localtime(now, zone).date()
    calendar = WorkCalendar.load(today - dt.timedelta(days=3 * EFFECT_DAYS), today + dt.timedelta(days=60))
    catalogue = {
        s.code: s for s in ServiceType.objects.for_kabkota(kabkota.code).published().prefetch_related("fields")
    }
    people = PeopleFactory(rng)
    made = 0
    with transaction.atomic():
        visit = _field_visit(kabkota, offices[1], offices, today)
        employees = {
            u.pk: list(
                Employee.objects.filter(unit=u, active=True).select_related("position").order_by("position__order")
            )
            for u in offices
        }
        request_plans: list[tuple[ServiceRequest, list[tuple[str, dt.datetime]]]] = []
        for plan in PLANS:
            unit = offices[plan.office]
            staff = employees[unit.pk]
            head = next((e for e in staff if e.position and e.position.kind == Position.Kind.KEPALA), None)
            proposer = next((e for e in staff if e is not head), head)
            started = today - dt.timedelta(days=plan.started_days_ago) if plan.started_days_ago is not None else None
            applied = today - dt.timedelta(days=plan.applied_days_ago) if plan.applied_days_ago is not None else None
            initiated = (started or today) - dt.timedelta(days=rng.randint(40, 80))
            trial = (
                started if plan.stage != Stage.INISIATIF and plan.applied_days_ago != plan.started_days_ago else None
            )
            innovation = Innovation.objects.create(
                kabkota_code=kabkota.code,
                unit=unit,
                name=plan.name,
                problem=plan.problem,
                change=plan.change,
                kind=plan.kind,
                stage=plan.stage,
                initiated_on=initiated,
                trial_on=trial,
                applied_on=applied if plan.stage == Stage.PENERAPAN else None,
                status=plan.status,
                indicators=list(plan.indicators),
                team=plan.team,
                cost=plan.cost,
                funding=plan.funding,
                summary=plan.summary,
                field_visit=visit if plan.from_visit else None,
                published_at=now - dt.timedelta(days=rng.randint(1, 10)) if plan.status == Status.DITERBITKAN else None,
            )
            InnovationService.objects.bulk_create(
                InnovationService(innovation=innovation, service=catalogue[c], kabkota_code=kabkota.code)
                for c in plan.services
                if c in catalogue
            )
            _history_rows(
                innovation,
                plan,
                proposer=_label(proposer, "Petugas"),
                head=_label(head, "Kepala unit"),
                at=dt.datetime.combine(initiated, dt.time(10), zone),
            )
            if plan.status == Status.DITERBITKAN:
                Evidence.objects.create(
                    innovation=innovation,
                    kabkota_code=kabkota.code,
                    kind=EvidenceKind.KEPUTUSAN,
                    title=f"SK penetapan inovasi {plan.name.split(':')[0]}",
                    file=ContentFile(_PDF, name="sk-inovasi.pdf"),
                    original_name="sk-inovasi.pdf",
                    content_type="application/pdf",
                    size=len(_PDF),
                    sha256=secrets.token_hex(32),
                )
                Evidence.objects.create(
                    innovation=innovation,
                    kabkota_code=kabkota.code,
                    kind=EvidenceKind.SOP,
                    title="SOP pelaksanaan",
                    file=ContentFile(_PDF, name="sop.pdf"),
                    original_name="sop.pdf",
                    content_type="application/pdf",
                    size=len(_PDF),
                    sha256=secrets.token_hex(32),
                )
            made += 1
            if plan.boost and started is not None:
                level = ServiceType.Level.KECAMATAN if unit.kind == Unit.Kind.KANTOR_CAMAT else ServiceType.Level.DESA
                services = [s for s in catalogue.values() if s.level == level] or list(catalogue.values())
                before_first = started - dt.timedelta(days=EFFECT_DAYS)
                for first, last, share in (
                    (before_first, started - dt.timedelta(days=1), 0.55),
                    (started, today - dt.timedelta(days=1), 0.92),
                ):
                    request_plans += _requests(
                        kabkota=kabkota,
                        unit=unit,
                        services=services,
                        first=first,
                        last=last,
                        on_time_share=share,
                        rng=rng,
                        people=people,
                        calendar=calendar,
                        zone=zone,
                    )
        if request_plans:
            ServiceRequest.objects.bulk_create([r for r, _h in request_plans], batch_size=500)
            sequences = {(s.code, s.year): s for s in LetterSequence.objects.filter(kabkota_code=kabkota.code)}
            _history(request_plans, sequences, Officers(kabkota.code, rng))
    progress(
        f"  {made} inovasi di {len(offices)} kantor; {len(request_plans)} permohonan selesai di sekitar awal inovasi"
    )
    return made
