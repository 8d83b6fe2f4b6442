"""Priority programmes (extreme poverty, stunting, ...) counted per kelurahan/desa, and the protected register
of vulnerable residents that only health workers and the head of the unit may see."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from lokal import partial_mask

from pamong.core import gate
from pamong.core.history import History
from pamong.core.scope import scope_of
from pamong.regions.models import Region


class PlaceScopedQuerySet(models.QuerySet[Any]):
    """Rows that belong to a kelurahan/desa (``place``) and carry its ``kabkota_code``: staff see the places in
    their region subtree. Filtered by kabupaten/kota first, so PostgreSQL uses the indexes that start with it."""

    def visible_to(self, user: Any) -> Self:
        scope = scope_of(user)
        if scope.everything:
            return self.all()
        if not scope.region_code:
            return self.none()
        return self.filter(scope.q("place__code"), kabkota_code=scope.region_code[:5])


class Programme(models.Model):
    """A priority programme counted per kelurahan/desa: e.g. extreme-poverty households, children with stunting."""

    code = models.SlugField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama program"), max_length=120)
    unit_label = models.CharField(_("satuan hitung"), max_length=40, help_text=_("Mis. rumah tangga, anak."))
    reached_label = models.CharField(_("keterangan jangkauan intervensi"), max_length=80, blank=True)
    lower_is_better = models.BooleanField(_("makin kecil makin baik"), default=True)
    description = models.TextField(_("keterangan"), blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("program prioritas")
        verbose_name_plural = _("program prioritas")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class TargetQuerySet(PlaceScopedQuerySet):
    pass


class ProgrammeTarget(models.Model):
    """Baseline and target count of a programme in one kelurahan/desa for one year."""

    programme = models.ForeignKey(Programme, verbose_name=_("program"), on_delete=models.CASCADE)
    place = models.ForeignKey(Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+")
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    year = models.PositiveSmallIntegerField(_("tahun"))
    baseline = models.PositiveIntegerField(_("data awal"))
    target = models.PositiveIntegerField(_("target akhir tahun"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target program")
        verbose_name_plural = _("target program")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "place", "year", "kabkota_code"], name="programme_target_once_per_year"
            )
        ]
        indexes = [models.Index(fields=["kabkota_code", "programme", "year"], name="prog_target_kabkota")]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.place_id} {self.year}"


class TargetChange(History):
    """A history row of a yearly target: first set or changed, with the values before and after (its own
    columns); who (and their post at the time), when and why (``note``) as every history."""

    subject = "target"

    class Kind(models.TextChoices):
        CREATED = "created", _("Ditetapkan")
        CORRECTED = "corrected", _("Diubah")

    target = models.ForeignKey(ProgrammeTarget, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    old_baseline = models.PositiveIntegerField(null=True, blank=True)
    old_target = models.PositiveIntegerField(null=True, blank=True)
    new_baseline = models.PositiveIntegerField()
    new_target = models.PositiveIntegerField()

    class Meta(History.Meta):
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["kabkota_code", "target"], name="prog_target_change_kabkota")]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.old_target} → {self.new_target}"


class ProgressQuerySet(PlaceScopedQuerySet):
    pass


class ProgressReport(models.Model):
    """The count of a programme in one kelurahan/desa at the end of one month. One row per place per month;
    a second entry is a correction that keeps the old values in a ``ProgressChange``."""

    programme = models.ForeignKey(Programme, verbose_name=_("program"), on_delete=models.CASCADE)
    place = models.ForeignKey(Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+")
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    month = models.DateField(_("bulan"), help_text=_("Tanggal 1 bulan laporan."))
    count = models.PositiveIntegerField(_("jumlah akhir bulan"))
    reached = models.PositiveIntegerField(_("dijangkau intervensi"), default=0)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diisi oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("diisi pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("capaian bulanan")
        verbose_name_plural = _("capaian bulanan")
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "place", "month", "kabkota_code"], name="programme_progress_once_per_month"
            )
        ]
        indexes = [models.Index(fields=["kabkota_code", "programme", "month"], name="prog_progress_kabkota")]

    def __str__(self) -> str:
        return f"{self.place_id} {self.month:%m/%Y}: {self.count}"


class ProgressChange(History):
    """A history row: the first entry or a correction of a monthly count, with the values before and after (its
    own columns); who (and their post at the time), when and why (``note``) as every history."""

    subject = "report"

    class Kind(models.TextChoices):
        CREATED = "created", _("Diisi")
        CORRECTED = "corrected", _("Dikoreksi")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    old_count = models.PositiveIntegerField(null=True, blank=True)
    old_reached = models.PositiveIntegerField(null=True, blank=True)
    old_note = models.CharField(max_length=500, blank=True)
    new_count = models.PositiveIntegerField()
    new_reached = models.PositiveIntegerField()
    new_note = models.CharField(max_length=500, blank=True)

    class Meta(History.Meta):
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["kabkota_code", "report"], name="prog_change_kabkota")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d-%m-%Y %H.%M}"


# --- protected register -------------------------------------------------------------------------------------


class ResidentQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> Self:
        """Only health workers and the head of the unit, within their region subtree. Not admin, not pimpinan,
        not sekretaris or petugas: health data has a need-to-know, not a rank."""
        if not gate.can(user, "programmes.see_register"):
            return self.none()
        scope = scope_of(user)
        if not scope.region_code:
            return self.none()
        return self.filter(scope.q("place__code"), kabkota_code=scope.region_code[:5])


class Category(models.TextChoices):
    ILLNESS = "sakit", _("Warga sakit yang dipantau petugas kesehatan")
    ELDERLY_ALONE = "lansia", _("Lansia tinggal sendiri")
    DISABILITY = "disabilitas", _("Penyandang disabilitas")
    OTHER = "lainnya", _("Lainnya")


class VulnerableResident(models.Model):
    """A resident who needs follow-up. Personal and health data: never public, never logged, every view recorded."""

    place = models.ForeignKey(Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+")
    kabkota_code = models.CharField(max_length=5, editable=False)
    name = models.CharField(_("nama"), max_length=160)
    nik = models.CharField(_("NIK"), max_length=16)
    address = models.CharField(_("alamat"), max_length=255)
    category = models.CharField(_("kategori"), max_length=16, choices=Category.choices)
    condition = models.TextField(_("catatan kondisi"), blank=True)
    active = models.BooleanField(_("masih dipantau"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("warga rentan")
        verbose_name_plural = _("warga rentan")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["kabkota_code", "nik"], name="resident_nik_once_per_kabkota")]
        indexes = [models.Index(fields=["kabkota_code", "place", "category"], name="resident_kabkota_place")]

    def __str__(self) -> str:
        return partial_mask("NAME", self.name)

    @property
    def masked_nik(self) -> str:
        return partial_mask("NIK", self.nik)


class FollowUpVisit(models.Model):
    resident = models.ForeignKey(VulnerableResident, on_delete=models.CASCADE, related_name="visits")
    kabkota_code = models.CharField(max_length=5, editable=False)
    visited_on = models.DateField(_("tanggal kunjungan"))
    note = models.TextField(_("catatan kunjungan"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("petugas"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kunjungan tindak lanjut")
        verbose_name_plural = _("kunjungan tindak lanjut")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.visited_on:%d-%m-%Y}"


class AccessLogQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> Self:
        """The head of the unit reads who looked at the register of their area; nobody else does."""
        if not gate.can(user, "programmes.read_access_log"):
            return self.none()
        scope = scope_of(user)
        if not scope.region_code:
            return self.none()
        return self.filter(scope.q("region_code"), kabkota_code=scope.region_code[:5])


class AccessLog(models.Model):
    """Who looked at what in the register, and when. ``region_code`` is the place of the record, or the area the
    list covered."""

    class Action(models.TextChoices):
        LIST = "list", _("Melihat daftar")
        VIEW = "view", _("Membuka data warga")
        REVEAL_NIK = "reveal_nik", _("Menampilkan NIK lengkap")
        CREATE = "create", _("Mencatat warga")
        VISIT = "visit", _("Mencatat kunjungan")
        EXPORT = "export", _("Mengunduh daftar")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    action = models.CharField(_("tindakan"), max_length=12, choices=Action.choices)
    resident = models.ForeignKey(
        VulnerableResident, verbose_name=_("data warga"), on_delete=models.SET_NULL, null=True, blank=True
    )
    region_code = models.CharField(_("wilayah"), max_length=13)
    kabkota_code = models.CharField(max_length=5, editable=False)
    detail = models.CharField(_("filter / keterangan"), max_length=200, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("log akses data warga rentan")
        verbose_name_plural = _("log akses data warga rentan")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kabkota_code", "region_code", "at"], name="register_access_kabkota")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.at:%d-%m-%Y %H.%M}"
