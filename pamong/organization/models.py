from __future__ import annotations

import datetime as dt
from typing import Any, Self, TypeVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from lokal import partial_mask

from pamong.core import fragments
from pamong.core.history import History
from pamong.core.scope import Scope, ScopedQuerySet, scope_of
from pamong.core.tenancy import TenantChild, TenantOneToOneField
from pamong.organization import letter_codes
from pamong.organization.nip import format_nip
from pamong.regions.models import Region

_Row = TypeVar("_Row", bound=models.Model)


class UnitQuerySet(ScopedQuerySet["Unit"]):
    region_field = "region__code"


class Unit(models.Model):
    """An office: kantor camat, kantor lurah, kantor desa or bagian tata pemerintahan."""

    class Kind(models.TextChoices):
        KANTOR_CAMAT = "kantor_camat", _("Kantor Camat")
        KANTOR_LURAH = "kantor_lurah", _("Kantor Lurah")
        KANTOR_DESA = "kantor_desa", _("Kantor Desa")
        BAGIAN_TAPEM = "bagian_tapem", _("Bagian Tata Pemerintahan")

    code = models.CharField(_("kode unit"), max_length=24, help_text=_("Biasanya kode wilayah kantor, mis. 13.71.01."))
    name = models.CharField(_("nama"), max_length=160)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    region = models.ForeignKey(Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="units")
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    letter_code = models.CharField(
        _("kode surat"),
        max_length=letter_codes.MAX_LENGTH,
        validators=[RegexValidator(letter_codes.PATTERN, letter_codes.INVALID_MESSAGE)],
        help_text=_(
            "Kode kantor pada nomor surat dan sertifikat, mis. Kel.BP pada 470/015/Kel.BP/XI/2026; unik di "
            "kabupaten/kota. Kosongkan saat menambah kantor untuk kode bawaan (inisial wilayah). Kode baru "
            "memulai nomor urut baru; nomor yang sudah terbit tidak berubah."
        ),
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    dusun_count = models.PositiveSmallIntegerField(
        _("jumlah dusun"),
        null=True,
        blank=True,
        help_text=_(
            "Kantor desa: jumlah dusun (wilayah kerja kepala dusun) menurut peraturan desa. Kebutuhan kepala dusun "
            "sama dengan jumlah ini. Kosongkan bila belum diketahui."
        ),
    )
    # Where the office stands, for the map on its public page (both or neither).
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["region_id", "kind"]
        indexes = [models.Index(fields=["kabkota_code", "region"], name="unit_kabkota_region")]
        constraints = [
            models.UniqueConstraint(fields=["code", "kabkota_code"], name="unit_code_unique"),
            # Two offices of a kabupaten/kota never print the same code (Kel.BP and kel.bp count as the same).
            models.UniqueConstraint(
                "kabkota_code",
                Lower("letter_code"),
                name="unit_letter_code_unique_in_kabkota",
                violation_error_message=letter_codes.TAKEN_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def head_title(self) -> str:
        """How the head of this office is called: Camat, Lurah, Kepala Desa."""
        return HEAD_TITLES.get(self.kind, "Kepala Unit")

    @property
    def secretary_title(self) -> str:
        return SECRETARY_TITLES.get(self.kind, "Sekretaris")


HEAD_TITLES: dict[str, str] = {
    Unit.Kind.KANTOR_CAMAT: "Camat",
    Unit.Kind.KANTOR_LURAH: "Lurah",
    Unit.Kind.KANTOR_DESA: "Kepala Desa",
    Unit.Kind.BAGIAN_TAPEM: "Kepala Bagian",
}
SECRETARY_TITLES: dict[str, str] = {
    Unit.Kind.KANTOR_CAMAT: "Sekretaris Camat",
    Unit.Kind.KANTOR_LURAH: "Sekretaris Lurah",
    Unit.Kind.KANTOR_DESA: "Sekretaris Desa",
}


class UnitScopedQuerySet(models.QuerySet[_Row]):
    """Operational rows handled by a unit (``unit`` foreign key) and carrying their ``kabkota_code``: staff see
    the rows of the units in their region subtree. Filtered by kabupaten/kota and unit ids, so that PostgreSQL
    uses the indexes that start with (kabkota_code, unit) instead of joining every row to its region."""

    def visible_to(self, user: Any) -> Self:
        scope = scope_of(user)
        if scope.everything:
            return self.all()
        if not scope.region_code:
            return self.none()
        return self.filter(kabkota_code=scope.region_code[:5], unit_id__in=unit_ids_in(scope.region_code))


def unit_ids_in(region_code: str) -> list[int]:
    """The ids of the offices in a region subtree, kept in the worker's memory under the ``staff`` version (every
    save of a unit bumps it): read on every staff list, where building the subquery cost more than the query."""
    return fragments.cached(
        "organization.unit_ids",
        depends_on=["staff"],
        key=(region_code,),
        build=lambda: list(
            Unit.objects.filter(Scope(region_code).q("region__code")).order_by("pk").values_list("pk", flat=True)
        ),
    )


class PositionQuerySet(ScopedQuerySet["Position"]):
    region_field = "unit__region__code"


class Position(models.Model):
    """A jabatan in a unit. ``reports_to`` draws the chain: camat → sekcam → kasi → staf."""

    class Kind(models.TextChoices):
        KEPALA = "kepala", _("Kepala unit")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        KEPALA_SEKSI = "kepala_seksi", _("Kepala seksi/subbagian/urusan")
        KEPALA_DUSUN = "kepala_dusun", _("Kepala dusun (kewilayahan)")
        STAF = "staf", _("Staf pelaksana")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(_("nama jabatan"), max_length=160)
    kind = models.CharField(_("jenis jabatan"), max_length=16, choices=Kind.choices)
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinates",
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "title", "kabkota_code"], name="position_unique_title_per_unit")
        ]
        indexes = [models.Index(fields=["kabkota_code", "unit"], name="position_kabkota_unit")]

    def __str__(self) -> str:
        return self.title


class EmployeeQuerySet(ScopedQuerySet["Employee"]):
    region_field = "unit__region__code"

    def active(self) -> Self:
        return self.filter(active=True)


class Employee(models.Model):
    """An apparatus member working in a unit and (usually) holding a position: an ASN (PNS, PPPK), honorer or
    kontrak, or the apparatus of a desa (UU 6/2014): the elected kepala desa, with the dates of the term, and the
    perangkat desa (sekretaris desa, kaur, kasi, kepala dusun) appointed by the kepala desa, whose post is their
    position. Desa apparatus are not ASN: no NIP, no SKP, no ASN formasi; a NIPD (nomor induk perangkat desa,
    numbered by the kabupaten) instead."""

    class EmploymentType(models.TextChoices):
        PNS = "pns", _("PNS")
        PPPK = "pppk", _("PPPK")
        HONORER = "honorer", _("Honorer")
        KONTRAK = "kontrak", _("Kontrak")
        KEPALA_DESA = "kepala_desa", _("Kepala desa (dipilih)")
        PERANGKAT_DESA = "perangkat_desa", _("Perangkat desa")

    class Gender(models.TextChoices):
        LAKI_LAKI = "L", _("Laki-laki")
        PEREMPUAN = "P", _("Perempuan")

    ASN = (EmploymentType.PNS, EmploymentType.PPPK)
    WITH_NIP = ASN  # only ASN have a NIP
    DESA_APPARATUS = (EmploymentType.KEPALA_DESA, EmploymentType.PERANGKAT_DESA)  # have a NIPD, work in a desa

    nip = models.CharField(_("NIP"), max_length=18, null=True, blank=True)
    nipd = models.CharField(
        _("NIPD"),
        max_length=32,
        blank=True,
        help_text=_("Nomor induk perangkat desa (kepala desa dan perangkat desa), bila sudah diberikan."),
    )
    golongan = models.CharField(
        _("golongan"),
        max_length=8,
        blank=True,
        help_text=_("Golongan/ruang PNS (mis. III/a) atau golongan PPPK (mis. IX)."),
    )
    term_start = models.DateField(_("awal masa jabatan"), null=True, blank=True)
    term_end = models.DateField(_("akhir masa jabatan"), null=True, blank=True)
    name = models.CharField(_("nama"), max_length=160)
    title_prefix = models.CharField(_("gelar depan"), max_length=32, blank=True)
    title_suffix = models.CharField(_("gelar belakang"), max_length=48, blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    employment_type = models.CharField(_("jenis kepegawaian"), max_length=16, choices=EmploymentType.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employees")
    position = models.ForeignKey(
        Position,
        verbose_name=_("jabatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="holders",
    )
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "active"], name="employee_kabkota_unit"),
            models.Index(fields=["kabkota_code", "name"], name="employee_kabkota_name"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["nip", "kabkota_code"], name="employee_nip_unique"),
            models.UniqueConstraint(
                fields=["nipd", "kabkota_code"], condition=~models.Q(nipd=""), name="employee_nipd_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_asn(self) -> bool:
        return self.employment_type in self.ASN

    @property
    def is_kepala_desa(self) -> bool:
        return self.employment_type == self.EmploymentType.KEPALA_DESA

    def term_ended(self, today: dt.date) -> bool:
        """A kepala desa whose term is over (the Pemda must appoint a penjabat or install the newly elected)."""
        return self.is_kepala_desa and self.term_end is not None and self.term_end < today

    @property
    def full_name(self) -> str:
        name = f"{self.title_prefix} {self.name}".strip()
        return f"{name}, {self.title_suffix}" if self.title_suffix else name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip) if self.nip else "—"


class FormasiNeedQuerySet(UnitScopedQuerySet["FormasiNeed"]):
    pass


class FormasiNeed(models.Model):
    """How many people a position needs in a year (kebutuhan formasi, usually from the analisis beban kerja).

    Structural positions need one holder; staff positions often need several. A position without a row for the
    year counts as needing one person and is reported as "belum ditetapkan"."""

    MAX_NEEDED = 500

    position = models.ForeignKey(Position, verbose_name=_("jabatan"), on_delete=models.CASCADE, related_name="needs")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="formasi_needs")
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    year = models.PositiveSmallIntegerField(_("tahun"))
    needed = models.PositiveSmallIntegerField(_("kebutuhan"))
    basis = models.CharField(_("dasar penetapan"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        "accounts.User", verbose_name=_("diubah oleh"), on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = FormasiNeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kebutuhan formasi")
        verbose_name_plural = _("kebutuhan formasi")
        constraints = [
            models.UniqueConstraint(fields=["position", "year", "kabkota_code"], name="formasi_need_unique_year")
        ]
        indexes = [models.Index(fields=["kabkota_code", "year", "unit"], name="formasi_kabkota_year_unit")]

    def __str__(self) -> str:
        return f"{self.position} {self.year}: {self.needed}"


class FormasiChange(History):
    """Every change of a need, kept: the old and the new number (its own columns); who (with their post at the
    time), when, and the basis given for the change (``note``, e.g. "Analisis beban kerja 2026"), as every history.
    Corrections never erase history."""

    subject = "need"

    need = models.ForeignKey(FormasiNeed, on_delete=models.CASCADE, related_name="changes")
    old_needed = models.PositiveSmallIntegerField(_("kebutuhan lama"), null=True, blank=True)
    new_needed = models.PositiveSmallIntegerField(_("kebutuhan baru"))

    class Meta(History.Meta):
        verbose_name = _("riwayat kebutuhan formasi")
        verbose_name_plural = _("riwayat kebutuhan formasi")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_needed} → {self.new_needed}"


SIGNING_POSTS = (Position.Kind.KEPALA, Position.Kind.SEKRETARIS)


class SignerIdentity(models.Model):
    """The NIK a signer is registered under at the certificate authority (BSrE): kept for signers only (the head or
    secretary of an office), apart from the employee row so that no employee query ever loads it. Personal data: it
    is shown masked, never whole, and every read of the whole number is recorded (``SignerNikAccess``)."""

    employee = TenantOneToOneField(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="signer_identity"
    )
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    nik = models.CharField(_("NIK penanda tangan"), max_length=16)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("identitas penanda tangan")
        verbose_name_plural = _("identitas penanda tangan")
        constraints = [
            models.UniqueConstraint(fields=["employee", "kabkota_code"], name="signer_identity_one_per_employee")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.masked_nik}"

    @property
    def masked_nik(self) -> str:
        return partial_mask("NIK", self.nik)


class SignerNikAccess(TenantChild):
    """Every read of a signer's whole NIK: who (the user on whose behalf it was read), when, and for what."""

    kabkota_from = "employee"

    employee = models.ForeignKey(Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    what = models.CharField(_("untuk"), max_length=80)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("akses NIK penanda tangan")
        verbose_name_plural = _("akses NIK penanda tangan")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["employee", "at"], name="signer_nik_access_at")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.what} {self.at:%Y-%m-%d %H:%M}"
