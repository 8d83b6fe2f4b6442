"""Laporan penyelenggaraan pemerintahan kecamatan: the camat's periodic report to the bupati/wali kota.

Sections follow the four functions of government (pelayanan, pengaturan, pembangunan, pemberdayaan) plus
permasalahan and permohonan bantuan. Figures come from the system (see figures.py) and are frozen as a JSON
snapshot when the report is submitted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.core.history import History
from pamong.core.tenancy import TenantChild
from pamong.organization.models import Unit, UnitScopedQuerySet


class Frequency(models.TextChoices):
    MONTHLY = "bulanan", _("Bulanan")
    QUARTERLY = "triwulan", _("Triwulanan")


class ReportSchedule(models.Model):
    """How often the camat of a kabupaten/kota report and when the report is due after the period ends."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, unique=True)
    frequency = models.CharField(_("periode"), max_length=8, choices=Frequency.choices, default=Frequency.MONTHLY)
    due_days = models.PositiveSmallIntegerField(
        _("batas penyampaian (hari kerja setelah periode berakhir)"),
        default=10,
        help_text=_("Dihitung dalam hari kerja di zona waktu kabupaten/kota; hari libur nasional tidak dihitung."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jadwal laporan camat")
        verbose_name_plural = _("jadwal laporan camat")

    def __str__(self) -> str:
        return f"{self.kabkota_code} {self.get_frequency_display()}"


class Status(models.TextChoices):
    DRAFT = "draf", _("Draf")
    SUBMITTED = "disampaikan", _("Disampaikan")
    RETURNED = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    ACCEPTED = "diterima", _("Diterima")


EDITABLE = (Status.DRAFT, Status.RETURNED)


class Section(models.TextChoices):
    PELAYANAN = "pelayanan", _("Pelayanan")
    PENGATURAN = "pengaturan", _("Pengaturan (ketenteraman, ketertiban, pemilu, netralitas ASN)")
    PEMBANGUNAN = "pembangunan", _("Pembangunan (Dana Desa, infrastruktur)")
    PEMBERDAYAAN = "pemberdayaan", _("Pemberdayaan (kemiskinan ekstrem, stunting)")
    PERMASALAHAN = "permasalahan", _("Permasalahan")
    PERMOHONAN = "permohonan", _("Permohonan bantuan/dukungan")


class PeriodicReportQuerySet(UnitScopedQuerySet["PeriodicReport"]):
    pass


class PeriodicReport(models.Model):
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("kantor camat"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    frequency = models.CharField(_("periode"), max_length=8, choices=Frequency.choices)
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    due_at = models.DateTimeField(_("batas penyampaian"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Narratives: plain text, one per section.
    pelayanan = models.TextField(_("pelayanan"), blank=True)
    pengaturan = models.TextField(_("pengaturan"), blank=True)
    pembangunan = models.TextField(_("pembangunan"), blank=True)
    pemberdayaan = models.TextField(_("pemberdayaan"), blank=True)
    permasalahan = models.TextField(_("permasalahan"), blank=True)
    permohonan = models.TextField(_("permohonan bantuan/dukungan"), blank=True)
    # Frozen at submission: {"values": {key: value}, "computed_at": iso}
    figures = models.JSONField(_("angka"), null=True, blank=True, editable=False)
    figures_at = models.DateTimeField(_("angka dihitung pada"), null=True, blank=True, editable=False)
    first_submitted_at = models.DateTimeField(_("pertama disampaikan"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("disampaikan pada"), null=True, blank=True)
    late = models.BooleanField(_("terlambat"), default=False)
    review_note = models.TextField(_("catatan pemeriksa"), blank=True)
    signer_name = models.CharField(max_length=200, blank=True)
    signer_nip = models.CharField(max_length=18, blank=True)
    signer_title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PeriodicReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan camat")
        verbose_name_plural = _("laporan camat")
        ordering = ["-period_start", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "kabkota_code"], name="periodicreport_unique_period"
            ),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "period_start", "unit"], name="report_kabkota_period"),
            models.Index(fields=["kabkota_code", "status", "due_at"], name="report_kabkota_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_label}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        from pamong.reports.periods import label_of

        return label_of(self.frequency, self.period_start)

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE


class ReportChange(History):
    """Every status change of a report: who (and their post at the time), when, from, to, and the reviewer's note;
    never edited."""

    subject = "report"
    STATUSES = Status

    report = models.ForeignKey(PeriodicReport, on_delete=models.CASCADE, related_name="changes")

    class Meta(History.Meta):
        verbose_name = _("riwayat laporan camat")
        verbose_name_plural = _("riwayat laporan camat")


class Attachment(TenantChild):
    """A document or photo attached to a report: type checked by content, images re-encoded without metadata,
    stored under MEDIA_ROOT and served only after the report's permission check."""

    kabkota_from = "report"

    report = models.ForeignKey(PeriodicReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="laporan/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran laporan")
        verbose_name_plural = _("lampiran laporan")
        ordering = ["report_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "sha256", "kabkota_code"], name="reportattachment_unique_file")
        ]

    def __str__(self) -> str:
        return self.original_name


class ReminderSent(TenantChild):
    """One row per report and reminder kind: a reminder is sent once."""

    kabkota_from = "report"

    report = models.ForeignKey(PeriodicReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "kind", "kabkota_code"], name="reportreminder_unique")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"
