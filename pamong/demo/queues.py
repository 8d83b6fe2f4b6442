"""Work waiting in every queue of the demo accounts, made the way staff and citizens make it.

In the demo kelurahan (the office of the printed ``lurah`` and ``petugas`` accounts) a few requests and
complaints are submitted and moved through the apps' own services (``request_submit``/``request_transition``,
``complaint_submit``/``complaint_transition``/``complaint_merge``), so that every status of both machines has a
row there: a request waiting for the lurah's signature, one sent back to the citizen, one past its deadline, a
complaint rejected as spam, one transferred to the kantor camat. Every history row names the officer who took
the step, with their post and office at the time. What those steps set off waits in the task queues for the
workers: the messages to the applicants (``sms``, ``email``), the PDF of the letter just signed (``pdf``) and
the overdue sweeps that mark the late request and escalate it (``default``).

Safe to run twice: each item carries a fixed form token, and a submission that is already there is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from pamong.accounts.models import User
from pamong.catalog.models import ServiceType
from pamong.complaints.models import Category, Complaint, Rejection
from pamong.complaints.models import Status as CS
from pamong.complaints.services import Report, complaint_merge, complaint_rate, complaint_submit, complaint_transition
from pamong.demo.complaints import STORIES
from pamong.demo.people import PeopleFactory
from pamong.demo.places import point_near
from pamong.demo.requests import answer_for, nik_for
from pamong.organization.models import Position, Unit
from pamong.regions.models import Region
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.models import Status as RS
from pamong.servicerequests.services import Applicant, Submission, request_correct, request_submit, request_transition

# Who takes a step: the demo accounts by username; "warga" is the citizen (no account).
WARGA = "warga"
STEP = dt.timedelta(minutes=50)  # between two steps on one item
SUBMITTED_AS = "demo-antrean-"  # the prefix of the form tokens of what this module submits: a second run finds them


@dataclass(frozen=True)
class Step:
    who: str
    to: str
    note: str = ""
    rejection: str = ""
    dispose: bool = False  # to the petugas's post
    transfer: bool = False  # to the kantor camat
    merge_into: int | None = None  # index of the complaint this one duplicates


@dataclass(frozen=True)
class Plan:
    days_ago: int
    steps: tuple[Step, ...] = ()
    anonymous: bool = False
    confidential: bool = False
    category: str = "pelayanan-administrasi"
    title: str = ""
    text: str = ""
    rating: int | None = None


def _words(note: str, office: Unit) -> str:
    """The notes are written for a kelurahan; a kantor desa's staff say desa."""
    return note.replace("kelurahan", "desa") if office.kind == Unit.Kind.KANTOR_DESA else note


# --- service requests ---------------------------------------------------------------------------------------------

_VERIFY = Step("petugas", RS.DIVERIFIKASI)
_PROCESS = Step("petugas", RS.DIPROSES)
_TO_SIGN = Step("petugas", RS.MENUNGGU_TTD)
REQUESTS: tuple[Plan, ...] = (
    Plan(0),  # just submitted: to verify
    Plan(1),
    Plan(2, (_VERIFY,)),
    Plan(3, (_VERIFY, _PROCESS)),
    Plan(1, (_VERIFY, _PROCESS, _TO_SIGN)),  # waiting for the lurah's signature
    Plan(
        4,
        (
            _VERIFY,
            _PROCESS,
            _TO_SIGN,
            Step("lurah", RS.DIPROSES, "Nama ayah pada konsep surat belum sesuai dengan KK; mohon diperbaiki."),
            _TO_SIGN,
        ),
    ),  # sent back by the lurah once, now waiting for the signature again
    Plan(5, (_VERIFY, _PROCESS, _TO_SIGN, Step("lurah", RS.SELESAI))),  # signed: the letter's PDF is queued
    Plan(2, (Step("petugas", RS.DIKEMBALIKAN, "Lampirkan surat pengantar RT/RW yang sudah ditandatangani."),)),
    Plan(
        6,
        (
            Step("petugas", RS.DIKEMBALIKAN, "Foto KK kurang jelas; unggah ulang foto KK yang terbaca."),
            Step(WARGA, RS.DIAJUKAN, "Foto KK yang jelas sudah saya unggah ulang."),
        ),
    ),  # corrected by the citizen: to verify again
    Plan(
        3,
        (Step("petugas", RS.DITOLAK, "Alamat pemohon di luar wilayah kelurahan ini; ajukan ke kelurahan domisili."),),
    ),
    Plan(30, (_VERIFY, _PROCESS)),  # past its deadline: the sweep marks it and escalates it to the lurah
)

# --- complaints ---------------------------------------------------------------------------------------------------

_C_VERIFY = Step("petugas", CS.DIVERIFIKASI, "Lokasi sudah dicek pada peta; laporan jelas.")
_C_DISPOSE = Step("lurah", CS.DIDISPOSISIKAN, "Tinjau ke lokasi bersama ketua RT.", dispose=True)
_C_FOLLOW = Step("petugas", CS.DITINDAKLANJUTI, "Sudah kami tinjau ke lokasi dan dijadwalkan penanganan minggu ini.")
COMPLAINTS: tuple[Plan, ...] = (
    Plan(0, category="kebersihan"),  # new: to verify
    Plan(1, anonymous=True, category="ketertiban"),
    Plan(2, (_C_VERIFY,), category="infrastruktur"),  # to dispose (the lurah)
    Plan(3, (_C_VERIFY, _C_DISPOSE), category="kesehatan"),  # to follow up
    Plan(8, (_C_VERIFY, _C_DISPOSE, _C_FOLLOW), category="infrastruktur"),  # to finish
    Plan(
        20,
        (
            _C_VERIFY,
            _C_DISPOSE,
            _C_FOLLOW,
            Step("petugas", CS.SELESAI, "Drainase sudah dibersihkan bersama warga dan dinas PUPR pada hari Sabtu."),
        ),
        category="infrastruktur",
        rating=4,
    ),
    Plan(
        1,
        (
            Step(
                "petugas",
                CS.DITOLAK,
                "Pesan ini promosi pinjaman, bukan pengaduan tentang pelayanan.",
                rejection=Rejection.SPAM,
            ),
        ),
        category="pelayanan-administrasi",
        title="Pinjaman cepat cair tanpa agunan",
        text="Butuh dana cepat? Pinjaman tanpa agunan cair dalam satu jam, bunga rendah, proses mudah.",
    ),  # rejected as spam
    Plan(
        2,
        (
            Step(
                "lurah",
                CS.DIALIHKAN,
                "Pasar dikelola kecamatan; kami alihkan ke kantor camat.",
                transfer=True,
            ),
        ),
        category="ketertiban",
        title="Pedagang berjualan di badan jalan dekat pasar",
        text="Setiap pagi pedagang menggelar dagangan di badan jalan sehingga angkot dan motor macet panjang.",
    ),  # transferred: waits in the kantor camat
    Plan(
        6,
        (Step("petugas", CS.DITOLAK, merge_into=4),),
        category="infrastruktur",
        title="Drainase meluap lagi",
        text="Drainase di gang kami meluap lagi setiap hujan, air masuk ke rumah warga.",
    ),  # the same drainage as the one followed up above (index 4): closed as its duplicate
    Plan(4, (_C_VERIFY,), confidential=True, category="pungutan-liar"),
)


@dataclass
class Result:
    kelurahan: str = ""
    requests: dict[str, int] = field(default_factory=dict)  # status -> count in the demo kelurahan
    complaints: dict[str, int] = field(default_factory=dict)
    made: int = 0


def _contacts() -> tuple[bool, bool]:
    """Whether made-up citizens may be given a phone number and an e-mail address: only when their messages stay on
    this machine (the demo writes them to files, development prints them), never through a real gateway."""
    sms = settings.PAMONG_SMS_BACKEND.rsplit(".", 1)[-1] in ("ConsoleSmsBackend", "FileSmsBackend", "MemorySmsBackend")
    mail = settings.EMAIL_BACKEND.rsplit(".", 2)[-2] in ("console", "filebased", "locmem", "dummy")
    return sms, mail


def _moments(plan: Plan, now: dt.datetime) -> list[dt.datetime]:
    """When the item was submitted and when each step was taken, the last one a little before now."""
    start = now - dt.timedelta(days=plan.days_ago) - STEP * (len(plan.steps) + 1)
    return [start + STEP * i for i in range(len(plan.steps) + 1)]


def queues_populate(
    *,
    kabkota: Region,
    lurah: User,
    petugas: User,
    now: dt.datetime | None = None,
    seed: int = 14,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Leave work in every queue of the office of ``lurah`` (its head) and ``petugas`` (its staff): see the
    module's docstring. Returns the statuses of the office's requests and of the complaints about its kelurahan."""
    now = now or timezone.now()
    if lurah.employee is None or petugas.employee is None or petugas.employee.unit_id != lurah.employee.unit_id:
        return Result()
    office = Unit.objects.select_related("region").get(pk=lurah.employee.unit_id)
    if office.kabkota_code != kabkota.code:
        return Result()
    actors: dict[str, Any] = {"lurah": lurah, "petugas": petugas, WARGA: None}
    rng = random.Random(seed)
    people = PeopleFactory(rng)
    with_phone, with_email = _contacts()
    result = Result(kelurahan=office.region.name)
    services = [
        s
        for s in ServiceType.objects.for_kabkota(kabkota.code).published().prefetch_related("fields").order_by("code")
        if s.level != ServiceType.Level.KECAMATAN and s.signer == Position.Kind.KEPALA
    ]
    popular = [s for s in services if s.code in ("sk-domisili", "sktm", "pengantar-kk", "pengantar-ktp-el")]
    services = popular + [s for s in services if s not in popular]
    for index, plan in enumerate(REQUESTS):
        if not services:
            break
        service = services[index % len(services)]
        person = people.person(educated=False)
        moments = _moments(plan, now)
        request, created = request_submit(
            submission=Submission(
                service=service,
                unit=office,
                applicant=Applicant(
                    nik=nik_for(rng, office.region_id, person.birth_date, person.gender),
                    name=person.name,
                    birth_place=office.region.name.title(),
                    birth_date=person.birth_date,
                    gender=person.gender,
                    address=f"Jl. Merdeka No. {10 + index}, RT 00{1 + index % 5}/RW 00{1 + index % 3}",
                    phone=people.phone() if with_phone else "",
                    email=f"warga{index + 1}@contoh.example" if with_email else "",
                    religion="Islam",
                    occupation=rng.choice(["Pedagang", "Wiraswasta", "Karyawan swasta", "Petani"]),
                ),
                answers={f.code: answer_for(f, rng, timezone.localdate(moments[0])) for f in service.fields.all()},
                token=f"{SUBMITTED_AS}{kabkota.code}-permohonan-{index}",
            ),
            now=moments[0],
        )
        if not created:
            continue
        result.made += 1
        for step, at in zip(plan.steps, moments[1:], strict=True):
            if step.who == WARGA:
                request_correct(request=request, nik=request.nik, reply=step.note, documents=[], now=at)
            else:
                request_transition(
                    request=request, actor=actors[step.who], to_status=step.to, note=_words(step.note, office), now=at
                )
    _complaints(kabkota, office, actors, people, now, result, with_phone=with_phone, with_email=with_email)
    if result.made:
        _sweeps_enqueue()
    result.requests = _by_status(ServiceRequest.objects.filter(unit=office))
    result.complaints = _by_status(Complaint.objects.filter(region_id=office.region_id))
    if progress:
        progress(f"  antrean {office.name}: {result.made} permohonan dan pengaduan baru lewat layanan aplikasi")
    return result


def _complaints(
    kabkota: Region,
    office: Unit,
    actors: dict[str, Any],
    people: PeopleFactory,
    now: dt.datetime,
    result: Result,
    *,
    with_phone: bool,
    with_email: bool,
) -> None:
    categories = {c.code: c for c in Category.objects.filter(kabkota_code=kabkota.code, active=True)}
    camat_office = Unit.objects.filter(region_id=office.region.parent_id, kind=Unit.Kind.KANTOR_CAMAT).first()
    made: dict[int, Complaint] = {}
    for index, plan in enumerate(COMPLAINTS):
        category = categories.get(plan.category)
        if category is None:
            continue
        person = people.person(educated=False)
        # A named reporter needs a phone or an e-mail; where neither may be given, they all report without a name.
        anonymous = plan.anonymous or not (with_phone or with_email)
        title, text = STORIES.get(plan.category, ("Pengaduan warga", "Mohon ditindaklanjuti."))
        moments = _moments(plan, now)
        latitude, longitude = point_near(kabkota.code, random.Random(index))
        complaint, created = complaint_submit(
            report=Report(
                category=category,
                region=office.region,
                title=plan.title or title,
                text=plan.text or text,
                token=f"{SUBMITTED_AS}{kabkota.code}-pengaduan-{index}",
                anonymous=anonymous,
                confidential=plan.confidential,
                name="" if anonymous else person.name,
                phone=people.phone() if with_phone and not anonymous else "",
                email=f"pelapor{index + 1}@contoh.example" if with_email and not anonymous else "",
                answers={"jenis": "drainase"} if plan.category == "infrastruktur" else {},
                latitude=latitude,
                longitude=longitude,
            ),
            now=moments[0],
        )
        made[index] = complaint
        if not created:
            continue
        result.made += 1
        for step, at in zip(plan.steps, moments[1:], strict=True):
            actor = actors[step.who]
            if step.merge_into is not None:
                complaint_merge(complaint=complaint, into=made[step.merge_into], actor=actor, now=at)
                continue
            complaint_transition(
                complaint=complaint,
                actor=actor,
                to_status=step.to,
                note=_words(step.note, office),
                rejection=step.rejection,
                position=actors["petugas"].employee.position if step.dispose else None,
                unit=camat_office if step.transfer else None,
                now=at,
            )
        if plan.rating and not anonymous:
            complaint_rate(complaint=complaint, rating=plan.rating, comment="Terima kasih, cepat ditangani.")


def _sweeps_enqueue() -> None:
    """The overdue sweeps the scheduler queues every 15 minutes: the late request waits to be marked and escalated."""
    from pamong.complaints.tasks import sweep_overdue_complaints
    from pamong.servicerequests.tasks import sweep_overdue_requests

    sweep_overdue_requests.enqueue()
    sweep_overdue_complaints.enqueue()


def tasks_waiting() -> dict[str, int]:
    """Tasks waiting for a worker, by queue (none when tasks run at once, as in the tests)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not str(settings.TASKS["default"]["BACKEND"]).endswith("DatabaseBackend"):
        return {}
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by()
    return dict(waiting.values_list("queue_name").annotate(n=Count("id")).values_list("queue_name", "n"))


def _by_status(queryset: Any) -> dict[str, int]:
    return dict(queryset.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))
