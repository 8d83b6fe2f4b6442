"""Demo announcements for a kabupaten/kota: a dozen across the units already there, two of them hoax
clarifications, each published with its history rows."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from pamong.meetings.richtext import sanitize
from pamong.organization.models import Unit
from pamong.portal.models import Announcement, AnnouncementChange, Kind, Status, Verdict
from pamong.portal.services import portal_changed
from pamong.regions.models import Region

SEED = 13718

PLAIN = [
    (
        Kind.PENGUMUMAN,
        "Pelayanan administrasi kependudukan keliling hari Sabtu",
        "Petugas akan melayani perekaman KTP-el dan pengurusan kartu keluarga di aula kantor pada Sabtu pagi.\n\n"
        "Bawa fotokopi kartu keluarga dan surat pengantar RT/RW.",
    ),
    (
        Kind.PENGUMUMAN,
        "Jam pelayanan selama bulan Ramadan",
        "Selama Ramadan loket pelayanan buka pukul 08.00 sampai 14.00 WIB pada hari kerja.",
    ),
    (
        Kind.AGENDA,
        "Musyawarah perencanaan pembangunan (Musrenbang)",
        "Warga, tokoh masyarakat dan pengurus RT/RW diundang hadir di kantor pukul 09.00 WIB.",
    ),
    (
        Kind.AGENDA,
        "Kerja bakti membersihkan saluran drainase",
        "Kerja bakti bersama warga dimulai pukul 07.00 WIB. Alat kebersihan disediakan di pos RW.",
    ),
    (
        Kind.PENGUMUMAN,
        "Posyandu balita dan pemantauan stunting",
        "Bawa buku KIA. Balita akan ditimbang dan diukur tinggi badannya oleh kader dan tenaga kesehatan.",
    ),
    (
        Kind.PENGUMUMAN,
        "Pendataan ulang keluarga miskin ekstrem",
        "Petugas akan mendatangi rumah warga untuk verifikasi data. Petugas membawa surat tugas resmi.",
    ),
    (
        Kind.AGENDA,
        "Sosialisasi netralitas ASN menjelang pemilihan",
        "Seluruh ASN dan tenaga kontrak wajib hadir di ruang rapat kantor camat.",
    ),
    (
        Kind.PENGUMUMAN,
        "Layanan pengaduan melalui portal dan WhatsApp",
        "Sampaikan pengaduan melalui portal Pamong. Setiap pengaduan diberi kode lacak dan ditanggapi.",
    ),
    (
        Kind.PENGUMUMAN,
        "Libur pelayanan pada hari cuti bersama",
        "Loket pelayanan tutup pada hari cuti bersama; permohonan daring tetap dapat diajukan.",
    ),
    (
        Kind.AGENDA,
        "Apel kesiapsiagaan bencana",
        "Apel bersama BPBD, TNI, Polri dan relawan di halaman kantor camat pukul 07.30 WIB.",
    ),
]
HOAXES = [
    (
        "Tidak ada pungutan untuk pembuatan KTP-el",
        "Beredar pesan berantai bahwa perekaman KTP-el di kantor kelurahan dipungut biaya Rp50.000.",
        Verdict.HOAKS,
        "Pelayanan administrasi kependudukan tidak dipungut biaya. Laporkan pungutan melalui kanal pengaduan.",
    ),
    (
        "Bantuan sosial tidak dihentikan",
        "Beredar video yang menyebut bantuan sosial bagi keluarga miskin dihentikan mulai bulan depan.",
        Verdict.DISINFORMASI,
        "Bantuan tetap disalurkan sesuai jadwal. Video itu rekaman lama dari daerah lain yang diberi narasi baru.",
    ),
]


@transaction.atomic
def populate(*, kabkota: Region, progress: Callable[[str], None]) -> int:
    rng = random.Random(SEED)
    units = list(Unit.objects.filter(kabkota_code=kabkota.code).order_by("region_id", "kind"))
    if not units:
        progress("Pengumuman: tidak ada unit, dilewati.")
        return 0
    today = timezone.localdate()
    now = timezone.now()
    rows: list[Announcement] = []
    picks = [(unit, item) for unit, item in zip(rng.choices(units, k=len(PLAIN)), PLAIN, strict=True)]
    for unit, (kind, title, body) in picks:
        start = today - dt.timedelta(days=rng.randint(0, 40))
        rows.append(
            Announcement(
                kabkota_code=kabkota.code,
                unit=unit,
                kind=kind,
                title=title,
                body=sanitize(body),
                publish_from=start,
                publish_until=start + dt.timedelta(days=60) if kind == Kind.AGENDA else None,
                pinned=rng.random() < 0.2,
                status=Status.TERBIT,
                published_at=now,
                submit_token=uuid.uuid4().hex,
            )
        )
    for title, claim, verdict, body in HOAXES:
        rows.append(
            Announcement(
                kabkota_code=kabkota.code,
                unit=rng.choice(units),
                kind=Kind.KLARIFIKASI,
                title=title,
                body=sanitize(body),
                claim=claim,
                verdict=verdict,
                source_url="https://www.komdigi.go.id/berita",
                publish_from=today - dt.timedelta(days=rng.randint(0, 20)),
                pinned=True,
                status=Status.TERBIT,
                published_at=now,
                submit_token=uuid.uuid4().hex,
            )
        )
    made = Announcement.objects.bulk_create(rows)
    changes = []
    for a in made:
        changes.append(
            AnnouncementChange(
                announcement=a,
                kabkota_code=a.kabkota_code,
                from_status="",
                to_status=Status.DRAF,
                actor_label="Admin (data contoh)",
                at=now,
            )
        )
        changes.append(
            AnnouncementChange(
                announcement=a,
                kabkota_code=a.kabkota_code,
                from_status=Status.DRAF,
                to_status=Status.TERBIT,
                actor_label="Admin (data contoh)",
                at=now,
            )
        )
    AnnouncementChange.objects.bulk_create(changes)
    transaction.on_commit(portal_changed)
    progress(f"Pengumuman: {len(made)} pengumuman, {len(HOAXES)} di antaranya klarifikasi hoaks.")
    return len(made) + len(changes)
