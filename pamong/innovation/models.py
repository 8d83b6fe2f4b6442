"""Inovasi pelayanan: the innovations of each office, with their stage (inisiatif → uji coba → penerapan) kept apart
from their approval (draf → diajukan → diterbitkan), the services and indicators they should move, the team, the
cost, evidence files and a short public summary. The measured effect is read, never stored (``selectors``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.catalog.models import ServiceType
from pamong.core.history import History
from pamong.core.tenancy import TenantChild
from pamong.organization.models import Unit, UnitScopedQuerySet
from pamong.training.models import TrainingEvent


class Kind(models.TextChoices):
    PELAYANAN = "pelayanan", _("Pelayanan publik")
    TATA_KELOLA = "tata_kelola", _("Tata kelola pemerintahan")
    LAINNYA = "lainnya", _("Bentuk lainnya")


class Stage(models.TextChoices):
    INISIATIF = "inisiatif", _("Inisiatif")
    UJI_COBA = "uji_coba", _("Uji coba")
    PENERAPAN = "penerapan", _("Penerapan")


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DITERBITKAN = "diterbitkan", _("Disetujui dan diterbitkan")


class Indicator(models.TextChoices):
    """What an innovation should move; each has a before/after figure on the innovation's page."""

    TEPAT_WAKTU = "tepat_waktu", _("Permohonan selesai tepat waktu")
    LAMA = "lama", _("Lama penyelesaian (hari kerja)")
    PENGADUAN = "pengaduan", _("Jumlah pengaduan")
    IKM = "ikm", _("Indeks Kepuasan Masyarakat (IKM)")


class InnovationQuerySet(UnitScopedQuerySet["Innovation"]):
    """visible_to: the innovations of the units in the user's region subtree (staff); ``published``: what the
    public sees, whoever asks."""

    def published(self) -> InnovationQuerySet:
        return self.filter(status=Status.DITERBITKAN)


class Innovation(models.Model):
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("kantor"), on_delete=models.PROTECT, related_name="innovations")
    name = models.CharField(_("nama inovasi"), max_length=200)
    problem = models.TextField(_("masalah yang diatasi"))
    change = models.TextField(_("yang berubah bagi warga"))
    kind = models.CharField(_("jenis inovasi"), max_length=12, choices=Kind.choices)
    stage = models.CharField(_("tahap"), max_length=10, choices=Stage.choices, default=Stage.INISIATIF)
    initiated_on = models.DateField(_("tanggal inisiatif"))
    trial_on = models.DateField(_("mulai uji coba"), null=True, blank=True)
    applied_on = models.DateField(_("mulai penerapan"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAF)
    services = models.ManyToManyField(
        ServiceType,
        verbose_name=_("layanan sasaran"),
        blank=True,
        related_name="innovations",
        through="InnovationService",
    )
    indicators = models.JSONField(_("indikator sasaran"), default=list, blank=True)
    team = models.TextField(_("tim"), blank=True, help_text=_("Satu orang per baris: nama | peran."))
    cost = models.PositiveBigIntegerField(_("biaya (Rp)"), null=True, blank=True)
    funding = models.CharField(_("sumber dana"), max_length=120, blank=True)
    summary = models.TextField(_("ringkasan untuk publik"), blank=True)
    field_visit = models.ForeignKey(
        TrainingEvent,
        verbose_name=_("berawal dari studi tiru"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)

    objects = InnovationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        ordering = ["-initiated_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trial_on__isnull=True) | Q(trial_on__gte=models.F("initiated_on")),
                name="innovation_trial_after_initiative",
            ),
            models.CheckConstraint(
                condition=Q(applied_on__isnull=True) | Q(applied_on__gte=models.F("initiated_on")),
                name="innovation_applied_after_initiative",
            ),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "status"], name="innovation_unit_status"),
            models.Index(fields=["kabkota_code", "status", "published_at"], name="innovation_published"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("innovation:detail", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        from django.urls import reverse

        return reverse("innovation:public_detail", kwargs={"pk": self.pk})

    @property
    def started_on(self) -> dt.date | None:
        """The day the change reached citizens: the start of uji coba, or of penerapan when there was no trial.
        The measured effect compares the office before and after this day."""
        if self.stage == Stage.INISIATIF:
            return None
        return self.trial_on or self.applied_on

    @property
    def stage_date(self) -> dt.date | None:
        return {Stage.INISIATIF: self.initiated_on, Stage.UJI_COBA: self.trial_on, Stage.PENERAPAN: self.applied_on}[
            Stage(self.stage)
        ]

    def indicator_labels(self) -> list[str]:
        return [str(Indicator(i).label) for i in self.indicators if i in Indicator.values]

    def team_members(self) -> list[tuple[str, str]]:
        out = []
        for line in self.team.splitlines():
            name, _sep, role = (part.strip() for part in line.partition("|"))
            if name:
                out.append((name, role))
        return out


class InnovationService(TenantChild):
    """A service of the catalogue the innovation should improve (a tenant row: the pair is unique with the
    kabupaten/kota code, docs/SCALE.md)."""

    kabkota_from = "innovation"

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["innovation", "service", "kabkota_code"], name="innovation_service_once")
        ]
        indexes = [models.Index(fields=["kabkota_code", "service"], name="innovation_service_kabkota")]

    def __str__(self) -> str:
        return f"{self.innovation_id} → {self.service_id}"


class InnovationChange(History):
    """One row per approval step (from/to status), stage step or correction (blank from/to, the old and new values
    of what changed): who, their post at the time, when, why."""

    subject = "innovation"
    STATUSES = Status

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="changes")
    old = models.JSONField(default=dict, blank=True)
    new = models.JSONField(default=dict, blank=True)

    class Meta(History.Meta):
        ordering = ["innovation_id", "at", "id"]
        indexes = [models.Index(fields=["kabkota_code", "innovation"], name="innovation_change_kabkota")]


class EvidenceKind(models.TextChoices):
    KEPUTUSAN = "keputusan", _("Surat keputusan / regulasi")
    SOP = "sop", _("SOP")
    FOTO = "foto", _("Foto kegiatan")
    LAINNYA = "lainnya", _("Dokumen lain")


class Evidence(TenantChild):
    """A file that proves the innovation exists (SK, SOP, photo): checked and stored as every upload
    (``pamong.core.uploads``), served to staff who see the innovation only."""

    kabkota_from = "innovation"

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis bukti"), max_length=12, choices=EvidenceKind.choices)
    title = models.CharField(_("keterangan"), max_length=200)
    file = models.FileField(upload_to="inovasi/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti inovasi")
        verbose_name_plural = _("bukti inovasi")
        ordering = ["innovation_id", "id"]
        indexes = [models.Index(fields=["kabkota_code", "innovation"], name="innovation_evidence_kabkota")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
