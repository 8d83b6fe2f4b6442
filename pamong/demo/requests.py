"""Demo and benchmark service requests, written in bulk (no notifications are sent for made-up people).

Older requests are mostly finished, recent ones spread over the open statuses, a few overdue; deadlines come
from the real working-day calendar of each unit's time zone.

Every history row but the citizen's names the officer who took the step, as the services would (``actor_position``
and ``actor_unit`` of a real demo employee of the office, ``actor_label`` "Lurah (Name)"): a petugas (the assignee
when one is a staff officer) verifies, processes, returns, refuses and sends a letter to be signed; the post the
service names as signer (the head, or the secretary where the service says so; the other one when that post is
vacant) signs. The kinerja aggregates count the stay in a status at the post of the one who moved the request on,
so "menunggu tanda tangan" is the signer's time and the other stages the petugas's.

The demo has one weak link on purpose (``weak_link_office``): a busy kelurahan/desa beside the printed lurah's
or kepala desa's own office (``demo_heads``; that office tells the innovation demo's story of slow processing
made faster), in the same kecamatan, so the lurah finds it among the peers. Its head signs only at two sessions a
week (Tuesday and Friday afternoon, out at meetings the rest of the week): the letters the head signs wait days
for the signature (those the secretary signs do not), and most of the office's late time is at the head's post.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from pamong.catalog.models import ServiceField, ServiceType
from pamong.core.codes import check_symbol
from pamong.core.formats import ribuan
from pamong.demo.people import PeopleFactory
from pamong.demo.services import demo_heads
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region
from pamong.servicerequests.letters import letter_number, letter_pattern
from pamong.servicerequests.models import Letter, LetterSequence, ServiceRequest, Status, StatusChange
from pamong.workdays.services import WorkCalendar

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PATH = [Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD, Status.SELESAI]
# What applicants write in a service's own fields, by field code: the demo's letters read like real ones (a
# witness is a person, a lost item is a document, a birth happened before the application).
_TEXTS: dict[str, tuple[str, ...]] = {
    "keperluan": (
        "Melamar pekerjaan",
        "Persyaratan beasiswa anak",
        "Pendaftaran sekolah anak",
        "Pengajuan kredit usaha rakyat",
        "Persyaratan BPJS Kesehatan",
    ),
    "rincian_keperluan": ("Untuk melengkapi berkas lamaran", "Untuk pengajuan pinjaman ke bank", "Untuk daftar ulang"),
    "instansi_tujuan": ("PT Bank Nagari", "Dinas Pendidikan", "BPJS Kesehatan", "Kantor Pengadilan Agama"),
    "lama_tinggal": ("3 tahun", "7 tahun", "12 tahun", "sejak lahir"),
    "barang_hilang": ("KTP-el", "Kartu Keluarga", "SIM C", "Buku tabungan", "Ijazah SMA"),
    "lokasi_kehilangan": ("Pasar Raya", "sekitar Jl. Sudirman", "angkutan kota", "terminal"),
    "dokumen_berbeda": ("Ijazah SMA", "Akta kelahiran", "Buku nikah"),
    "hiburan": ("Organ tunggal", "Randai", "Tidak ada"),
    "jenis_usaha": ("Warung makan", "Kedai kopi", "Penjahit", "Bengkel sepeda motor", "Toko kelontong"),
    "nama_usaha": ("Warung Ampera Uni Ros", "Kedai Kopi Saiyo", "Penjahit Sakato", "Toko Barokah"),
    "nama_kegiatan": ("Baralek (pesta pernikahan)", "Syukuran khitanan", "Wirid remaja", "Lomba 17 Agustus"),
    "pukul_kelahiran": ("08.15", "13.40", "22.05", "04.30"),
    "pukul_meninggal": ("05.20", "11.45", "19.10"),
    "sumber_penghasilan": ("Berdagang", "Buruh harian lepas", "Ojek", "Bertani"),
    "tempat_kelahiran": ("Rumah sakit umum daerah", "Puskesmas", "Rumah bersalin", "Rumah"),
    "tempat_meninggal": ("Rumah", "Rumah sakit umum daerah"),
    "tempat_pemakaman": ("Tempat pemakaman umum", "Pemakaman keluarga"),
    "waktu_kegiatan": ("09.00–14.00", "19.30–22.00"),
    "kronologi": ("Dompet berisi dokumen terjatuh saat naik angkutan kota dan tidak ditemukan lagi.",),
    "rincian_barang": ("Dompet cokelat berisi KTP-el, kartu ATM dan SIM C atas nama pemohon.",),
    "anggota_pindah": ("Istri dan dua orang anak.", "Tidak ada; pindah sendiri."),
    "daftar_ahli_waris": ("Istri almarhum dan tiga orang anak kandung.",),
    "rincian_perubahan": ("Penambahan anak ketiga yang baru lahir.", "Perubahan status perkawinan."),
}
_NUMBERS: dict[str, tuple[int, int]] = {
    "anak_ke": (1, 4),
    "jumlah_tanggungan": (2, 6),
    "perkiraan_peserta": (50, 400),
    "tahun_mulai_usaha": (2010, 2024),
    "umur_almarhum": (55, 88),
}
_NOT_PEOPLE = {"nama_usaha", "nama_kegiatan"}


def answer_for(field: ServiceField, rng: random.Random, today: dt.date | None = None) -> object:
    """A plausible answer to one of a service's own fields: names for people, past dates for what happened,
    future dates for what is planned, incomes in round thousands."""
    from pamong.demo.people import FAMILY, FEMALE, MALE

    today = today or timezone.localdate()
    code = field.code
    if field.kind == ServiceField.Kind.CHOICE:
        return rng.choice(field.choice_list())
    if field.kind == ServiceField.Kind.FILE:
        return "-"
    if field.kind == ServiceField.Kind.NUMBER:
        if code.startswith("penghasilan"):
            return rng.randint(30, 90) * 50_000
        low, high = _NUMBERS.get(code, (1, 5))
        return rng.randint(low, high)
    if field.kind == ServiceField.Kind.DATE:
        days = rng.randint(20, 60) if code.startswith("rencana") or code == "tanggal_selesai" else -rng.randint(3, 40)
        return (today + dt.timedelta(days=days)).isoformat()
    if field.kind == ServiceField.Kind.NIK:
        birth = dt.date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
        return nik_for(rng, "13.71.01", birth, rng.choice("LP"))
    if field.kind == ServiceField.Kind.ADDRESS:
        street = rng.choice(["Sawahan", "Veteran", "Proklamasi", "Belanti", "Khatib Sulaiman"])
        return f"Jl. {street} No. {rng.randint(1, 120)}, RT {rng.randint(1, 9):03d}/RW {rng.randint(1, 5):03d}"
    if "nomor" in code:
        return f"1371{rng.randint(10**11, 10**12 - 1)}"
    if code in _TEXTS:
        return rng.choice(_TEXTS[code])
    if code.startswith("nama_") and code not in _NOT_PEOPLE:
        given = rng.choice(FEMALE if code in ("nama_ibu",) else MALE + FEMALE)
        return f"{given} {rng.choice(FAMILY)}"
    return "Untuk keperluan administrasi" if field.kind == ServiceField.Kind.TEXTAREA else "Keperluan administrasi"


def _code(rng: random.Random) -> str:
    body = "".join(rng.choice(_ALPHABET) for _ in range(8))
    return body + check_symbol(body)


def nik_for(rng: random.Random, region_code: str, birth: dt.date, gender: str) -> str:
    district = region_code.replace(".", "")[:6]
    day = birth.day + (40 if gender == "P" else 0)
    return f"{district}{day:02d}{birth:%m%y}{rng.randint(1, 9999):04d}"


def _steps_done(*, late: bool, rng: random.Random) -> int:
    """How many of the five steps a request has taken: a late one is usually finished, a recent one anywhere."""
    roll = rng.random()
    if late:
        return 5 if roll < 0.88 else rng.randint(1, 4)
    return rng.randint(1, 5) if roll < 0.9 else 5


WEAK_LINK_VOLUME = 4  # the weak-link office receives this many times an average office's requests
SIGNING_DAYS = (1, 4)  # the weak-link office's head signs on Tuesday and Friday afternoons only
SIGNING_TIME = dt.time(15, 0)


@dataclass(frozen=True)
class Officer:
    """A demo employee as a history row names them: post and office at the time, and the label."""

    employee: Employee
    position_id: int
    unit_id: int
    label: str


class Officers:
    """Who takes each step of the bulk histories in each office (one query)."""

    def __init__(self, kabkota_code: str, rng: random.Random) -> None:
        self.rng = rng
        self.workers: dict[int, list[Officer]] = {}
        self.by_employee: dict[int, Officer] = {}
        self.posts: dict[tuple[int, str], Officer] = {}
        section_heads: dict[int, list[Officer]] = {}
        employees = (
            Employee.objects.filter(kabkota_code=kabkota_code, active=True, position__isnull=False)
            .select_related("position")
            .order_by("unit_id", "id")
        )
        for employee in employees:
            position = employee.position
            assert position is not None
            officer = Officer(employee, position.pk, employee.unit_id, f"{position.title} ({employee.full_name})")
            if position.kind == Position.Kind.STAF:
                self.workers.setdefault(employee.unit_id, []).append(officer)
                self.by_employee[employee.pk] = officer
            elif position.kind == Position.Kind.KEPALA_SEKSI:
                section_heads.setdefault(employee.unit_id, []).append(officer)
            self.posts.setdefault((employee.unit_id, position.kind), officer)
        # An office without staff: its kepala seksi/kaur work the requests, or else its secretary, or else its head.
        for unit_id, officers in section_heads.items():
            self.workers.setdefault(unit_id, officers)
        for (unit_id, kind), officer in self.posts.items():
            if kind == Position.Kind.SEKRETARIS:
                self.workers.setdefault(unit_id, [officer])
        for (unit_id, kind), officer in self.posts.items():
            if kind == Position.Kind.KEPALA:
                self.workers.setdefault(unit_id, [officer])

    def worker(self, request: ServiceRequest) -> Officer | None:
        """The petugas who works the request: its assignee when a staff officer, else one of the office's."""
        assigned = self.by_employee.get(request.assignee_id or 0)
        if assigned is not None and assigned.unit_id == request.unit_id:
            return assigned
        staff = self.workers.get(request.unit_id)
        return self.rng.choice(staff) if staff else None

    def signer(self, request: ServiceRequest) -> Officer | None:
        """The post the service names as its signer; the head or the secretary when that post is vacant."""
        for kind in (request.service.signer, Position.Kind.KEPALA, Position.Kind.SEKRETARIS):
            found = self.posts.get((request.unit_id, kind))
            if found is not None:
                return found
        return None


def weak_link_office(kabkota: Region) -> Unit | None:
    """The office with the demo's weak link: the first kelurahan/desa office after the demo accounts' own, in its
    kecamatan, whose head is in place."""
    chosen = demo_heads(kabkota=kabkota)
    if chosen is None:
        return None
    office = chosen[2].unit
    head = (
        Employee.objects.filter(
            unit__kind=office.kind,
            unit__region__parent_id=office.region.parent_id,
            position__kind=Position.Kind.KEPALA,
            active=True,
        )
        .exclude(unit=office)
        .select_related("unit")
        .order_by("unit__region_id", "id")
        .first()
    )
    return head.unit if head is not None else None


def _cannot_leave(officers: Officers | None, request: ServiceRequest) -> str | None:
    """The status a request of an office without the officer for the next step cannot leave, if any."""
    if officers is None:
        return None
    if not officers.workers.get(request.unit_id):
        return Status.DIAJUKAN
    if officers.signer(request) is None:
        return Status.MENUNGGU_TTD
    return None


def _hold(request: ServiceRequest, status: str, *, due: dt.datetime, late: bool, heads: dict[int, int]) -> bool:
    """Keep the request in ``status`` (open: overdue and escalated to the head's post once past its deadline)."""
    request.status = status
    request.due_at = due
    request.paused_days = None
    request.overdue = late
    request.escalated_to_id = heads.get(request.unit_id) if late else None
    return True


def _signs_as_head(officers: Officers | None, request: ServiceRequest) -> bool:
    signer = officers.signer(request) if officers is not None else None
    return (
        signer is not None
        and signer.employee.position is not None
        and signer.employee.position.kind == Position.Kind.KEPALA
    )


def _next_signing(after: dt.datetime, zone: zoneinfo.ZoneInfo, calendar: WorkCalendar) -> dt.datetime:
    """The weak-link head's next signing session after ``after``: a working Tuesday or Friday, 15:00 local."""
    day = after.astimezone(zone).date()
    while True:
        moment = dt.datetime.combine(day, SIGNING_TIME, zone)
        if day.weekday() in SIGNING_DAYS and calendar.is_working_day(day) and moment > after:
            return moment
        day += dt.timedelta(days=1)


def requests_populate(
    *,
    kabkota: Region,
    count: int,
    days: int = 60,
    seed: int = 2026,
    with_history: bool = True,
    weak_link: bool = True,
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Create ``count`` requests over the last ``days`` days. Returns how many were created. With ``weak_link``,
    the head of the demo accounts' office signs at two sessions a week only (see the module's note)."""
    rng = random.Random(seed)
    officers = Officers(kabkota.code, random.Random(seed + 1)) if with_history else None
    slow = weak_link_office(kabkota) if weak_link else None
    slow_office = slow.pk if slow is not None else None
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(kabkota.timezone)
    services = list(ServiceType.objects.for_kabkota(kabkota.code).published().prefetch_related("fields"))
    if not services:
        return 0
    units = list(Unit.objects.filter(kabkota_code=kabkota.code).select_related("region"))
    desa_units = [u for u in units if u.kind in (Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)]
    desa_units += [u for u in desa_units if u.pk == slow_office] * (WEAK_LINK_VOLUME - 1)
    camat_units = [u for u in units if u.kind == Unit.Kind.KANTOR_CAMAT]
    staff: dict[int, list[int]] = {}
    for pk, unit_id in Employee.objects.filter(kabkota_code=kabkota.code, active=True).values_list("pk", "unit_id"):
        staff.setdefault(unit_id, []).append(pk)
    heads = dict(
        Position.objects.filter(kabkota_code=kabkota.code, kind=Position.Kind.KEPALA).values_list("unit_id", "pk")
    )
    weights = [8 if s.code in ("sk-domisili", "sktm", "pengantar-ktp-el", "pengantar-kk") else 2 for s in services]
    today = timezone.localtime(now, zone).date()
    calendar = WorkCalendar.load(today - dt.timedelta(days=days + 2), today + dt.timedelta(days=60))
    people = PeopleFactory(rng)
    created = 0
    batch_size = 5000
    with transaction.atomic():
        sequences = {(s.code, s.year): s for s in LetterSequence.objects.filter(kabkota_code=kabkota.code)}
        while created < count:
            rows: list[ServiceRequest] = []
            plans: list[tuple[ServiceRequest, list[tuple[str, dt.datetime]]]] = []
            for _ in range(min(batch_size, count - created)):
                service = rng.choices(services, weights)[0]
                pool = camat_units if service.level == ServiceType.Level.KECAMATAN else desa_units
                unit = rng.choice(pool)
                age_days = rng.random() ** 1.6 * days  # more recent requests than old ones
                local_day = today - dt.timedelta(days=int(age_days))
                while not calendar.is_working_day(local_day):
                    local_day -= dt.timedelta(days=1)
                submitted = dt.datetime.combine(local_day, dt.time(rng.randint(8, 14), rng.randint(0, 59)), zone)
                if submitted > now:
                    submitted = now - dt.timedelta(minutes=rng.randint(5, 300))
                due_day = calendar.add(submitted.astimezone(zone).date(), service.deadline_days)
                due = dt.datetime.combine(due_day, dt.time(23, 59, 59), zone)
                person = people.person(educated=False)
                # How far along: old requests are mostly done; a few were sent back, refused or are late.
                late = due < now
                steps = _steps_done(late=late, rng=rng)
                status = _PATH[steps - 1]
                special = rng.random()
                if special < 0.03:
                    status = Status.DITOLAK
                elif special < 0.06 and status not in (Status.SELESAI,):
                    status = Status.DIKEMBALIKAN
                request = ServiceRequest(
                    kabkota_code=kabkota.code,
                    code=_code(rng),
                    service=service,
                    unit=unit,
                    status=status,
                    assignee_id=rng.choice(staff[unit.pk]) if staff.get(unit.pk) and rng.random() < 0.8 else None,
                    nik=nik_for(rng, unit.region_id, person.birth_date, person.gender),
                    name=person.name,
                    phone=people.phone(),
                    address=f"Jl. {rng.choice(['Sawahan', 'Veteran', 'Proklamasi', 'Belanti', 'Khatib Sulaiman'])} "
                    f"No. {rng.randint(1, 120)}, RT {rng.randint(1, 9):03d}/RW {rng.randint(1, 5):03d}",
                    birth_place="Padang",
                    birth_date=person.birth_date,
                    gender=person.gender,
                    religion="Islam",
                    occupation=rng.choice(["Pedagang", "Wiraswasta", "Karyawan swasta", "Pelajar/Mahasiswa", "Petani"]),
                    answers={f.code: answer_for(f, rng, submitted.date()) for f in service.fields.all()},
                    submitted_at=submitted,
                    due_at=None if status == Status.DIKEMBALIKAN else due,
                    paused_days=1 if status == Status.DIKEMBALIKAN else None,
                    overdue=late and status not in (Status.SELESAI, Status.DITOLAK, Status.DIKEMBALIKAN),
                    escalated_to_id=heads.get(unit.pk)
                    if late and status not in (Status.SELESAI, Status.DITOLAK)
                    else None,
                    submit_token=uuid.uuid4().hex,
                )
                history: list[tuple[str, dt.datetime]] = []
                moment = submitted
                # An office with nobody to take a step keeps the request where it is: no one to verify it (no
                # officer at all), or no one to sign it (head and secretary both vacant).
                cannot_leave = _cannot_leave(officers, request)
                held = False
                for step in _PATH[1:steps] if status not in (Status.DITOLAK, Status.DIKEMBALIKAN) else _PATH[1:2]:
                    moment = moment + dt.timedelta(hours=rng.uniform(1, 20))
                    if cannot_leave == Status.DIAJUKAN or (
                        step == Status.SELESAI and cannot_leave == Status.MENUNGGU_TTD
                    ):
                        held = _hold(
                            request, history[-1][0] if history else Status.DIAJUKAN, due=due, late=late, heads=heads
                        )
                        break
                    if step == Status.SELESAI and unit.pk == slow_office and _signs_as_head(officers, request):
                        moment = _next_signing(moment, zone, calendar)
                        if moment > now:  # the session has not come yet: still waiting for the signature
                            held = _hold(request, Status.MENUNGGU_TTD, due=due, late=late, heads=heads)
                            break
                    history.append((step, min(moment, now)))
                if status in (Status.DITOLAK, Status.DIKEMBALIKAN) and not held:
                    history.append((status, min(moment + dt.timedelta(hours=3), now)))
                if request.status in (Status.SELESAI, Status.DITOLAK):
                    request.finished_at = history[-1][1]
                rows.append(request)
                plans.append((request, history))
            ServiceRequest.objects.bulk_create(rows, batch_size=1000)
            if with_history:
                assert officers is not None
                _history(plans, sequences, officers)
            created += len(rows)
            if progress:
                progress(f"  permohonan: {ribuan(created)} dari {ribuan(count)}")
    return created


_NOTES = {
    Status.DIKEMBALIKAN: "Lampirkan surat pengantar RT/RW yang sudah ditandatangani dan distempel.",
    Status.DITOLAK: "Alamat pemohon bukan di wilayah kelurahan ini; ajukan ke kelurahan domisili.",
}


def _history(
    plans: list[tuple[ServiceRequest, list[tuple[str, dt.datetime]]]],
    sequences: dict[tuple[str, int], LetterSequence],
    officers: Officers,
) -> None:
    """Status history for every request, each staff step named by its officer, and a numbered letter (PDF made on
    first view) for finished ones, signed by the officer who signed in the history."""
    changes: list[StatusChange] = []
    letters: list[Letter] = []
    pattern = letter_pattern(plans[0][0].kabkota_code) if plans else ""
    for request, history in sorted(plans, key=lambda p: p[0].submitted_at):
        changes.append(
            StatusChange(
                request=request,
                from_status="",
                to_status=Status.DIAJUKAN,
                actor_label="Pemohon",
                at=request.submitted_at,
            )
        )
        previous: str = Status.DIAJUKAN
        worker = officers.worker(request)
        signer = officers.signer(request)
        for status, at in history:
            officer = signer if status == Status.SELESAI else worker
            changes.append(
                StatusChange(
                    request=request,
                    from_status=previous,
                    to_status=status,
                    actor_position_id=officer.position_id if officer else None,
                    actor_unit_id=officer.unit_id if officer else None,
                    actor_label=officer.label
                    if officer
                    else ("Kepala unit" if status == Status.SELESAI else "Petugas"),
                    note=_NOTES.get(Status(status), ""),
                    at=at,
                )
            )
            previous = status
        if request.status == Status.SELESAI and signer is not None and request.finished_at:
            year = request.finished_at.year
            code = request.unit.letter_code
            sequence = sequences.get((code, year))
            if sequence is None:
                sequence = LetterSequence.objects.create(kabkota_code=request.kabkota_code, code=code, year=year)
                sequences[(code, year)] = sequence
            sequence.last_number += 1
            letters.append(
                Letter(
                    kabkota_code=request.kabkota_code,
                    request=request,
                    number=letter_number(
                        archive_code=request.service.archive_code,
                        sequence=sequence.last_number,
                        code=code,
                        when=request.finished_at.date(),
                        pattern=pattern,
                    ),
                    unit_code=code,
                    sequence=sequence.last_number,
                    year=year,
                    issued_at=request.finished_at,
                    signer_name=signer.employee.full_name,
                    signer_nip=signer.employee.nip or "",
                    signer_title=signer.employee.position.title if signer.employee.position else "",
                    verification_code="".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12)),
                )
            )
    StatusChange.objects.bulk_create(changes, batch_size=2000)
    Letter.objects.bulk_create(letters, batch_size=1000)
    LetterSequence.objects.bulk_update(list(sequences.values()), ["last_number"])
