"""What a new deployment still lacks before an office can serve citizens through Pamong (the admin checklist):
offices without a head, offices without staff or without a head who can log in, services whose Standar Pelayanan
is not approved, offices without a signing certificate, SMS and e-mail gateways not tested, holidays of this year
and the next. Each item says how many are missing, names the first few, and where to fix it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.catalog.models import ServiceType
from pamong.notifications.models import Notification
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.deployment import deployment
from pamong.servicerequests.models import UnitCertificate
from pamong.workdays.selectors import years_with_holidays

SHOWN = 12  # names listed per item; the count says how many in all
# The offices that serve citizens (and so sign letters); the Bagian Tata Pemerintahan does not.
FRONT_LINE = (Unit.Kind.KANTOR_CAMAT, Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)
TEST_REFERENCE = "uji-gateway"


@dataclass
class Item:
    key: str
    label: str
    missing: int
    summary: str
    hint: str = ""
    names: list[str] = field(default_factory=list)
    link: str = ""
    link_label: str = ""

    @property
    def done(self) -> bool:
        return self.missing == 0


def _names(rows: list[Unit] | list[ServiceType], count: int) -> list[str]:
    names = [str(row) for row in rows[:SHOWN]]
    if count > SHOWN:
        names.append(f"dan {count - SHOWN} lainnya")
    return names


def _head_held() -> Exists:
    return Exists(
        Employee.objects.filter(
            unit=OuterRef("pk"), active=True, position__kind=Position.Kind.KEPALA, position__unit=OuterRef("pk")
        )
    )


def offices_without_head(code: str) -> Item:
    units = Unit.objects.filter(kabkota_code=code).annotate(held=_head_held()).filter(held=False).order_by("code")
    count = units.count()
    return Item(
        key="kepala",
        label="Kantor dengan kepala",
        missing=count,
        summary=f"{count} kantor belum punya kepala (jabatan kepala kosong)."
        if count
        else "Setiap kantor punya kepala.",
        hint="Impor pegawai (SIASN atau CSV perangkat desa) atau tambah pegawai pada jabatan kepala.",
        names=_names(list(units[: SHOWN + 1]), count),
        link=reverse("organization:employee_import"),
        link_label="Impor pegawai",
    )


def offices_without_staff(code: str) -> Item:
    staffed = Exists(Employee.objects.filter(unit=OuterRef("pk"), active=True))
    units = Unit.objects.filter(kabkota_code=code).annotate(staffed=staffed).filter(staffed=False).order_by("code")
    count = units.count()
    total = Employee.objects.filter(kabkota_code=code, active=True).count()
    return Item(
        key="pegawai",
        label="Pegawai diimpor",
        missing=count,
        summary=(
            f"{count} kantor belum punya pegawai; {total} pegawai aktif tercatat."
            if count
            else f"Semua kantor punya pegawai ({total} pegawai aktif)."
        ),
        hint="Data pegawai ASN dari ekspor SIASN BKN; perangkat desa dari berkas CSV.",
        names=_names(list(units[: SHOWN + 1]), count),
        link=reverse("organization:employee_import"),
        link_label="Impor pegawai",
    )


def heads_without_account(code: str) -> Item:
    """A front-line office whose head cannot log in cannot sign: its letters wait. Counted per office: no active
    holder of its head post with an active Kepala unit account."""
    head_with_account = Exists(
        User.objects.filter(
            is_active=True,
            role=Role.KEPALA_UNIT,
            employee__active=True,
            employee__unit=OuterRef("pk"),
            employee__position__kind=Position.Kind.KEPALA,
        )
    )
    units = (
        Unit.objects.filter(kabkota_code=code, kind__in=FRONT_LINE)
        .annotate(ready=head_with_account)
        .filter(ready=False)
        .order_by("code")
    )
    count = units.count()
    return Item(
        key="akun",
        label="Kepala kantor dapat masuk",
        missing=count,
        summary=(
            f"{count} kantor camat, lurah atau desa belum punya kepala dengan akun Pamong (suratnya tidak dapat "
            "ditandatangani)."
            if count
            else "Setiap kantor punya kepala dengan akun Pamong."
        ),
        hint="Buat akun berperan Kepala unit yang terhubung ke data pegawai kepala kantor (Admin → Pengguna).",
        names=_names(list(units[: SHOWN + 1]), count),
        link=reverse("admin:accounts_user_changelist"),
        link_label="Pengguna",
    )


def services_not_reviewed(code: str) -> Item:
    services = ServiceType.objects.for_kabkota(code).published().needing_review().order_by("order", "name")
    count = services.count()
    return Item(
        key="standar",
        label="Standar pelayanan disetujui",
        missing=count,
        summary=(
            f"{count} layanan perlu ditinjau: standar pelayanannya belum disetujui pimpinan."
            if count
            else "Standar pelayanan setiap layanan sudah disetujui."
        ),
        hint="Pimpinan daerah atau Kepala Bagian Tata Pemerintahan menyetujui setelah membaca standarnya.",
        names=_names(list(services[: SHOWN + 1]), count),
        link=reverse("catalog:review"),
        link_label="Tinjau standar pelayanan",
    )


def offices_without_certificate(code: str, now: dt.datetime) -> Item:
    valid = Exists(UnitCertificate.objects.filter(unit=OuterRef("pk"), valid_until__gt=now))
    units = (
        Unit.objects.filter(kabkota_code=code, kind__in=FRONT_LINE)
        .annotate(valid=valid)
        .filter(valid=False)
        .order_by("code")
    )
    count = units.count()
    return Item(
        key="sertifikat",
        label="Sertifikat tanda tangan",
        missing=count,
        summary=(
            f"{count} kantor belum punya sertifikat tanda tangan yang berlaku (suratnya tidak dapat "
            "ditandatangani secara elektronik)."
            if count
            else "Setiap kantor punya sertifikat yang berlaku."
        ),
        hint=(
            "Pasang sertifikat BSrE penanda tangan di server: manage.py install_certificate KODE_UNIT berkas.p12 "
            "(lihat docs/OPERATIONS.md)."
        ),
        names=_names(list(units[: SHOWN + 1]), count),
    )


def gateway_tested(channel: str) -> Item:
    label = Notification.Channel(channel).label
    last = Notification.objects.filter(reference=f"{TEST_REFERENCE}:{channel}").order_by("-created_at").first()
    if last is None:
        target = "nomor ponsel" if channel == Notification.Channel.SMS else "alamat surel"
        missing, summary = 1, f"Belum pernah diuji: kirim pesan uji ke {target} Anda sendiri (di bawah)."
    elif last.status == Notification.Status.SENT:
        when = timezone.localtime(last.sent_at).strftime("%d-%m-%Y %H.%M") if last.sent_at else ""
        missing, summary = 0, f"Pesan uji ke {last.masked_recipient} terkirim {when}."
    elif last.status == Notification.Status.FAILED:
        missing, summary = 1, f"Pesan uji ke {last.masked_recipient} gagal: {last.last_error or 'tanpa keterangan'}."
    else:
        detail = f" (percobaan {last.attempts}: {last.last_error})" if last.last_error else ""
        missing, summary = (
            1,
            f"Pesan uji ke {last.masked_recipient} masih dalam antrean{detail}; periksa pekerja antrean.",
        )
    return Item(key=f"gateway-{channel}", label=f"Gateway {label} diuji", missing=missing, summary=summary)


def holidays(now: dt.datetime) -> Item:
    year = timezone.localtime(now).year
    have = years_with_holidays(year, year + 1)
    lacking = [y for y in (year, year + 1) if y not in have]
    return Item(
        key="libur",
        label="Hari libur tahun ini dan tahun depan",
        missing=len(lacking),
        summary=(
            f"Belum ada hari libur tahun {' dan '.join(str(y) for y in lacking)}: batas waktu yang jatuh di "
            "tahun itu tidak dapat dihitung."
            if lacking
            else f"Hari libur {year} dan {year + 1} sudah diisi."
        ),
        hint=(
            'manage.py seed_holidays TAHUN mengisi dari data bawaan (ditandai "periksa SKB"); cocokkan dengan '
            "SKB 3 Menteri."
        ),
    )


def checklist(*, code: str | None = None, now: dt.datetime | None = None) -> list[Item]:
    now = now or timezone.now()
    code = code or deployment().code
    return [
        offices_without_head(code),
        offices_without_staff(code),
        heads_without_account(code),
        services_not_reviewed(code),
        offices_without_certificate(code, now),
        gateway_tested(Notification.Channel.SMS),
        gateway_tested(Notification.Channel.EMAIL),
        holidays(now),
    ]
