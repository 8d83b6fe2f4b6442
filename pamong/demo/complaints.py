"""Demo and benchmark complaints, written in bulk with their history (no messages to made-up people).

Older complaints are mostly finished (a few late, a few refused), recent ones spread over the open stages;
one in ten is confidential and one in seven anonymous; deadlines come from the working-day calendar.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
import zoneinfo
from collections.abc import Callable

from django.utils import timezone

from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Category, Complaint, ComplaintChange, Rejection, Status
from pamong.core.codes import check_symbol
from pamong.core.formats import ribuan
from pamong.demo.people import PeopleFactory
from pamong.demo.places import point_near
from pamong.organization.models import Position, Unit
from pamong.regions.models import Region
from pamong.workdays.services import WorkCalendar

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
STORIES = {
    "pelayanan-administrasi": (
        "Surat pengantar lama selesai",
        "Sudah tiga kali datang untuk surat pengantar KK, selalu diminta kembali besok.",
    ),
    "perilaku-petugas": (
        "Petugas loket tidak ada di tempat",
        "Pukul sepuluh pagi loket kosong, warga menunggu hampir satu jam tanpa kejelasan.",
    ),
    "pungutan-liar": (
        "Diminta uang untuk surat domisili",
        "Saat mengurus surat domisili saya diminta membayar padahal di papan tertulis gratis.",
    ),
    "infrastruktur": (
        "Drainase tersumbat",
        "Setiap hujan air meluap ke jalan karena drainase tersumbat sampah dan lumpur.",
    ),
    "kebersihan": (
        "Sampah menumpuk di tepi jalan",
        "Tumpukan sampah di dekat pasar belum diangkut sejak minggu lalu dan berbau.",
    ),
    "ketertiban": (
        "Parkir liar di trotoar",
        "Trotoar dipakai parkir motor sehingga pejalan kaki terpaksa berjalan di jalan raya.",
    ),
    "bantuan-sosial": (
        "Keluarga miskin belum terdata",
        "Tetangga kami keluarga miskin dengan tiga anak belum menerima bantuan dan belum terdata.",
    ),
    "kesehatan": ("Posyandu tidak buka", "Jadwal posyandu bulan ini tidak jelas, balita belum ditimbang dua bulan."),
}
REPLIES = (
    "Sudah kami tinjau ke lokasi dan dijadwalkan penanganan minggu ini.",
    "Petugas terkait sudah kami panggil dan diberi pembinaan.",
    "Sudah kami koordinasikan dengan dinas terkait.",
    "Sudah ditangani; terima kasih atas laporannya.",
)


def _code(rng: random.Random) -> str:
    body = "".join(rng.choice(_ALPHABET) for _ in range(8))
    return body + check_symbol(body)


def complaints_populate(
    *, kabkota: Region, count: int, days: int = 120, seed: int = 5, progress: Callable[[str], None] = lambda _m: None
) -> int:
    rng = random.Random(seed)
    people = PeopleFactory(rng)
    categories_seed(kabkota_code=kabkota.code)
    categories = list(Category.objects.filter(kabkota_code=kabkota.code, active=True))
    offices = {
        u.region_id: u
        for u in Unit.objects.filter(
            kabkota_code=kabkota.code, kind__in=(Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)
        ).select_related("region")
    }
    if not offices or not categories:
        return 0
    region_codes = sorted(offices)
    staff_position = {
        p.unit_id: p
        for p in Position.objects.filter(unit__in=offices.values(), kind=Position.Kind.STAF).order_by("order")
    }
    now = timezone.now()
    today = timezone.localdate()
    calendar = WorkCalendar.load(today - dt.timedelta(days=days + 2), today + dt.timedelta(days=90))
    made = 0
    while made < count:
        size = min(5000, count - made)
        rows: list[Complaint] = []
        for _ in range(size):
            unit = offices[rng.choice(region_codes)]
            zone = zoneinfo.ZoneInfo(unit.region.timezone)
            category = rng.choice(categories)
            submitted = now - dt.timedelta(minutes=rng.randint(5, days * 24 * 60))
            day = submitted.astimezone(zone).date()
            anonymous = rng.random() < 0.14
            person = people.person(educated=False)
            age_days = (now - submitted).days
            status = _status_for(age_days, rng)
            title, text = STORIES.get(category.code, ("Pengaduan warga", "Mohon ditindaklanjuti."))
            # Its own generator: the main one keeps the sequence the rest of the demo was built on.
            latitude, longitude = point_near(unit.kabkota_code, random.Random(f"{unit.pk}-{made}-{len(rows)}"))
            due = dt.datetime.combine(calendar.add(day, category.completion_days), dt.time(23, 59), tzinfo=zone)
            stage_due = dt.datetime.combine(calendar.add(day, 3), dt.time(23, 59), tzinfo=zone)
            finished = None
            if status in (Status.SELESAI, Status.DITOLAK):
                late = rng.random() < 0.18
                finished = min(
                    now,
                    due + dt.timedelta(days=rng.randint(1, 10))
                    if late
                    else submitted + (due - submitted) * rng.uniform(0.2, 0.95),
                )
            rows.append(
                Complaint(
                    kabkota_code=unit.kabkota_code,
                    code=_code(rng),
                    category=category,
                    channel=rng.choice(("web", "web", "web", "api", "loket", "telepon")),
                    title=title,
                    text=text,
                    region_id=unit.region_id,
                    latitude=latitude,
                    longitude=longitude,
                    anonymous=anonymous,
                    confidential=rng.random() < 0.1,
                    reporter_name="" if anonymous else person.name,
                    reporter_phone="" if anonymous else "+62" + people.phone()[1:],
                    status=status,
                    rejection=rng.choice((Rejection.BUKAN_WEWENANG, Rejection.TIDAK_LENGKAP))
                    if status == Status.DITOLAK
                    else "",
                    unit=unit,
                    position=staff_position.get(unit.pk)
                    if status not in (Status.BARU, Status.DIVERIFIKASI, Status.DITOLAK)
                    else None,
                    submitted_at=submitted,
                    stage_due_at=None if finished else (due if status == Status.DITINDAKLANJUTI else stage_due),
                    due_at=due,
                    finished_at=finished,
                    overdue=finished is None and (due if status == Status.DITINDAKLANJUTI else stage_due) < now,
                    rating=rng.choice((3, 4, 4, 5, 5, 2)) if status == Status.SELESAI and rng.random() < 0.4 else None,
                    submit_token=uuid.UUID(int=rng.getrandbits(128)).hex,
                    answers={},
                )
            )
        created = Complaint.objects.bulk_create(rows, batch_size=1000)
        ComplaintChange.objects.bulk_create((change for c in created for change in _history(c, rng)), batch_size=5000)
        made += size
        progress(f"  pengaduan {ribuan(made)}/{ribuan(count)}")
    return made


_PATH = (Status.BARU, Status.DIVERIFIKASI, Status.DIDISPOSISIKAN, Status.DITINDAKLANJUTI, Status.SELESAI)


def _status_for(age_days: int, rng: random.Random) -> str:
    if age_days > 30:
        return rng.choices((Status.SELESAI, Status.DITOLAK, Status.DITINDAKLANJUTI), weights=(80, 8, 12), k=1)[0]
    if age_days > 7:
        return rng.choices((*_PATH[1:], Status.DITOLAK), weights=(10, 20, 35, 30, 5), k=1)[0]
    return rng.choices(_PATH[:4], weights=(40, 30, 20, 10), k=1)[0]


def _history(c: Complaint, rng: random.Random) -> list[ComplaintChange]:
    steps = [Status.BARU]
    if c.status == Status.DITOLAK:
        steps.append(Status.DITOLAK)
    else:
        steps += list(_PATH[1 : _PATH.index(Status(c.status)) + 1])
    end = c.finished_at or min(timezone.now(), c.submitted_at + dt.timedelta(days=3))
    out = []
    for i, step in enumerate(steps):
        at = c.submitted_at + (end - c.submitted_at) * (i / max(1, len(steps) - 1))
        public = step in (Status.DITINDAKLANJUTI, Status.SELESAI, Status.DITOLAK)
        out.append(
            ComplaintChange(
                complaint=c,
                kabkota_code=c.kabkota_code,
                from_status=steps[i - 1] if i else "",
                to_status=step,
                actor_label="Pelapor" if i == 0 else "Petugas",
                note=(
                    rng.choice(REPLIES)
                    if step != Status.DITOLAK
                    else "Bukan wewenang kelurahan; kami teruskan kepada dinas terkait."
                )
                if public
                else "",
                public=public,
                at=at,
            )
        )
    return out
