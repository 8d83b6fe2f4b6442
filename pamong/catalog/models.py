"""The service catalogue: each service with its Standar Pelayanan (PermenPANRB 15/2014)."""

from __future__ import annotations

import re
import string
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.core.scope import scope_of
from pamong.organization.models import Position

# Placeholders every letter may use; a service's own form fields add theirs.
LETTER_PLACEHOLDERS = (
    "nama",
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "agama",
    "pekerjaan",
    "alamat",
    "jabatan_penandatangan",
    "nama_unit",
    "nama_wilayah",
)


# The Standar Pelayanan components (PermenPANRB 15/2014) as ServiceType fields: those published to citizens
# (service delivery) and those of managing the service (manufacturing).
PUBLISHED_COMPONENTS = ("procedure", "deadline_days", "fee", "product", "complaints")
MANAGEMENT_COMPONENTS = (
    "legal_basis",
    "facilities",
    "competence",
    "supervision",
    "staffing",
    "guarantee",
    "security",
    "evaluation",
)
# A change to any of these changes the standard that was approved: it needs approving again.
STANDARD_FIELDS = ("name", "level", "signer", *PUBLISHED_COMPONENTS, *MANAGEMENT_COMPONENTS)


class ServiceTypeQuerySet(models.QuerySet["ServiceType"]):
    def published(self) -> Self:
        return self.filter(active=True)

    def needing_review(self) -> Self:
        return self.filter(reviewed_at__isnull=True)

    def for_kabkota(self, code: str) -> Self:
        return self.filter(kabkota_code=code)

    def visible_to(self, user: Any) -> Self:
        """Staff see the catalogue of their kabupaten/kota (admins: every catalogue)."""
        scope = scope_of(user)
        if scope.everything:
            return self.all()
        if not scope.region_code:
            return self.none()
        return self.filter(kabkota_code=scope.region_code[:5])


class ServiceType(models.Model):
    """A jenis layanan with every component of its Standar Pelayanan."""

    class Level(models.TextChoices):
        DESA = "desa", _("Kantor lurah/desa")
        KECAMATAN = "kecamatan", _("Kantor camat")

    class Signer(models.TextChoices):
        KEPALA = Position.Kind.KEPALA.value, _("Kepala unit (lurah, kepala desa, camat)")
        SEKRETARIS = Position.Kind.SEKRETARIS.value, _("Sekretaris unit")

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5)
    code = models.SlugField(_("kode layanan"), max_length=60)
    name = models.CharField(_("nama layanan"), max_length=160)
    summary = models.CharField(_("ringkasan"), max_length=300, blank=True)
    level = models.CharField(_("diselenggarakan di"), max_length=10, choices=Level.choices)
    deadline_days = models.PositiveSmallIntegerField(_("jangka waktu (hari kerja)"))
    fee = models.PositiveIntegerField(_("biaya/tarif (rupiah)"), default=0)
    archive_code = models.CharField(_("kode klasifikasi arsip"), max_length=20, blank=True)
    signer = models.CharField(_("penanda tangan"), max_length=16, choices=Signer.choices, default=Signer.KEPALA)
    # Components published to citizens (PermenPANRB 15/2014, komponen service delivery).
    procedure = models.TextField(_("sistem, mekanisme dan prosedur"))
    product = models.TextField(_("produk pelayanan"))
    complaints = models.TextField(_("penanganan pengaduan, saran dan masukan"))
    # Components of managing the service (komponen manufacturing).
    legal_basis = models.TextField(_("dasar hukum"), blank=True)
    facilities = models.TextField(_("sarana, prasarana dan/atau fasilitas"), blank=True)
    competence = models.TextField(_("kompetensi pelaksana"), blank=True)
    supervision = models.TextField(_("pengawasan internal"), blank=True)
    staffing = models.TextField(_("jumlah pelaksana"), blank=True)
    guarantee = models.TextField(_("jaminan pelayanan"), blank=True)
    security = models.TextField(_("jaminan keamanan dan keselamatan pelayanan"), blank=True)
    evaluation = models.TextField(_("evaluasi kinerja pelaksana"), blank=True)
    letter_body = models.TextField(
        _("isi surat"),
        blank=True,
        help_text=_("Teks surat dengan {isian}, mis. {nama}, {nik}, {alamat}, dan kode isian formulir layanan ini."),
    )
    active = models.BooleanField(_("ditampilkan"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    updated_at = models.DateTimeField(auto_now=True)
    # The Standar Pelayanan is approved (ditetapkan) by a head: pimpinan daerah or the head of the Bagian Tata
    # Pemerintahan. A service loaded from the standard catalogue, or whose standard an admin changed, is "perlu
    # ditinjau" until then (it can be applied for meanwhile: the checklist of a new deployment shows it).
    reviewed_at = models.DateTimeField(_("standar disetujui pada"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("standar disetujui oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ServiceTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("jenis layanan")
        verbose_name_plural = _("jenis layanan")
        ordering = ["kabkota_code", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["kabkota_code", "code"], name="servicetype_unique_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def needs_review(self) -> bool:
        return self.reviewed_at is None

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    def procedure_steps(self) -> list[str]:
        return [re.sub(r"^\s*\d+[.)]\s*", "", line).strip() for line in self.procedure.splitlines() if line.strip()]

    def letter_placeholders(self) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(self.letter_body) if name}

    def clean(self) -> None:
        if not self.pk:
            return
        known = set(LETTER_PLACEHOLDERS) | set(self.fields.values_list("code", flat=True))
        try:
            unknown = self.letter_placeholders() - known
        except ValueError:
            raise ValidationError({"letter_body": _("Tanda kurung kurawal { } pada isi surat tidak berpasangan.")})
        if unknown:
            raise ValidationError(
                {"letter_body": _("Isian tidak dikenal: %(names)s.") % {"names": ", ".join(sorted(unknown))}}
            )


class RequiredDocument(models.Model):
    service = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("nama dokumen"), max_length=200)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    required = models.BooleanField(_("wajib"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("persyaratan dokumen")
        verbose_name_plural = _("persyaratan dokumen")
        ordering = ["service_id", "order", "id"]

    def __str__(self) -> str:
        return self.name


class ServiceField(models.Model):
    """A question on the application form of a service."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Teks singkat")
        TEXTAREA = "textarea", _("Teks panjang")
        NUMBER = "number", _("Angka")
        DATE = "date", _("Tanggal")
        CHOICE = "choice", _("Pilihan")
        NIK = "nik", _("NIK")
        ADDRESS = "address", _("Alamat")
        FILE = "file", _("Berkas")

    service = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="fields")
    code = models.SlugField(_("kode isian"), max_length=40, help_text=_("huruf kecil dan garis bawah, mis. keperluan"))
    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("jenis isian"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    required = models.BooleanField(_("wajib"), default=True)
    help = models.CharField(_("petunjuk"), max_length=300, blank=True)
    choices = models.TextField(_("pilihan"), blank=True, help_text=_("Satu pilihan per baris (untuk jenis Pilihan)."))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("isian formulir")
        verbose_name_plural = _("isian formulir")
        ordering = ["service_id", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="servicefield_unique_code")]

    def __str__(self) -> str:
        return self.label

    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]

    def clean(self) -> None:
        if self.kind == self.Kind.CHOICE and not self.choice_list():
            raise ValidationError({"choices": _("Isian jenis Pilihan memerlukan minimal satu pilihan.")})
        if self.code in LETTER_PLACEHOLDERS:
            raise ValidationError({"code": _("Kode ini sudah dipakai sistem; pilih kode lain.")})
