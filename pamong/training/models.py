"""Pelatihan: training events (pelatihan, bimtek, peningkatan kapasitas...) organised by a unit, their topics and
trainers, the participants with attendance and pre/post-test scores, and the certificates of those who passed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.core.history import History
from pamong.core.tenancy import TenantChild, TenantOneToOneField
from pamong.organization.models import Employee, Unit, UnitScopedQuerySet


class Kind(models.TextChoices):
    PELATIHAN = "pelatihan", _("Pelatihan")
    BIMTEK = "bimtek", _("Bimbingan teknis")
    KAPASITAS = "kapasitas", _("Peningkatan kapasitas")
    SOSIALISASI = "sosialisasi", _("Sosialisasi")
    WORKSHOP = "workshop", _("Workshop")
    STUDI_TIRU = "studi_tiru", _("Studi tiru")


class Status(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    BERLANGSUNG = "berlangsung", _("Berlangsung")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class EventQuerySet(UnitScopedQuerySet["TrainingEvent"]):
    """visible_to: the events organised by the units in the user's region subtree."""


class TrainingEvent(models.Model):
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("penyelenggara"), on_delete=models.PROTECT, related_name="training_events"
    )
    title = models.CharField(_("judul"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    place = models.CharField(_("tempat"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("jumlah JP"), help_text=_("Jam pelajaran (1 JP = 45 menit)."))
    pass_mark = models.DecimalField(
        _("nilai lulus post-test"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Kosongkan bila kelulusan cukup dengan hadir."),
    )
    description = models.TextField(_("keterangan"), blank=True)
    # A studi tiru (field visit to learn from a peer): whom it visited, and what was learnt.
    host = models.CharField(_("tuan rumah"), max_length=200, blank=True)
    host_region_code = models.CharField(
        _("kode wilayah tuan rumah"), max_length=13, blank=True, help_text=_("Kode Kemendagri, bila diketahui.")
    )
    lessons = models.TextField(_("pelajaran yang dipetik"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DIRENCANAKAN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan pelatihan")
        verbose_name_plural = _("kegiatan pelatihan")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="training_event_dates"),
            models.CheckConstraint(
                condition=Q(pass_mark__isnull=True) | Q(pass_mark__gte=0, pass_mark__lte=100),
                name="training_event_pass_mark_0_100",
            ),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "start_date"], name="training_event_unit"),
            models.Index(fields=["kabkota_code", "status", "end_date"], name="training_event_status_end"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("training:event", kwargs={"pk": self.pk})

    @property
    def is_field_visit(self) -> bool:
        return self.kind == Kind.STUDI_TIRU

    @property
    def sheet_open(self) -> bool:
        """Attendance and scores are entered while the event runs and after it has finished."""
        return self.status in (Status.BERLANGSUNG, Status.SELESAI)


class Topic(TenantChild):
    """One subject (materi) of the event's curriculum."""

    kabkota_from = "event"

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="topics")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("materi"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("JP"), null=True, blank=True)

    class Meta:
        verbose_name = _("materi")
        verbose_name_plural = _("materi")
        ordering = ["event_id", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Trainer(TenantChild):
    """A narasumber or fasilitator: name and institution."""

    kabkota_from = "event"

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="trainers")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nama"), max_length=160)
    institution = models.CharField(_("instansi"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")
        ordering = ["event_id", "order", "id"]

    def __str__(self) -> str:
        return self.name


class EventChange(History):
    """One row per status change or correction of an event: who (and their post at the time), when, from, to, why.
    A correction changes no status (blank from/to) and keeps the old and new values of the fields it changed."""

    subject = "event"
    STATUSES = Status

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="changes")
    old = models.JSONField(default=dict, blank=True)
    new = models.JSONField(default=dict, blank=True)

    class Meta(History.Meta):
        ordering = ["event_id", "at", "id"]


class Attendance(models.TextChoices):
    HADIR = "hadir", _("Hadir")
    TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")


class AbsenceReason(models.TextChoices):
    SAKIT = "sakit", _("Sakit")
    IZIN = "izin", _("Izin")
    DINAS_LUAR = "dinas_luar", _("Dinas luar")
    TANPA_KETERANGAN = "tanpa_keterangan", _("Tanpa keterangan")


class ParticipantQuerySet(UnitScopedQuerySet["Participant"]):
    """visible_to: participants who work in the units of the user's subtree (``unit`` is the employee's unit
    when added)."""


def _score_field(label: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )


class Participant(models.Model):
    kabkota_code = models.CharField(max_length=5, editable=False)
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="participants")
    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="training_participations"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit asal"), on_delete=models.PROTECT, related_name="+")
    attendance = models.CharField(_("kehadiran"), max_length=12, choices=Attendance.choices, blank=True)
    absence_reason = models.CharField(_("alasan tidak hadir"), max_length=16, choices=AbsenceReason.choices, blank=True)
    pre_score = _score_field(_("nilai pre-test"))
    post_score = _score_field(_("nilai post-test"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("peserta pelatihan")
        verbose_name_plural = _("peserta pelatihan")
        ordering = ["event_id", "employee__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "employee", "kabkota_code"], name="participant_once_per_event"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 0, f"{f}__lte": 100}),
                    name=f"participant_{f}_0_100",
                )
                for f in ("pre_score", "post_score")
            ),
            models.CheckConstraint(
                condition=Q(absence_reason="") | Q(attendance=Attendance.TIDAK_HADIR),
                name="participant_reason_only_when_absent",
            ),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "attendance"], name="participant_unit"),
            models.Index(fields=["kabkota_code", "employee"], name="participant_employee"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} · {self.event}"

    @property
    def improvement(self) -> Decimal | None:
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score

    def passed_with(self, pass_mark: Decimal | None) -> bool:
        if self.attendance != Attendance.HADIR:
            return False
        if pass_mark is None:
            return True
        return self.post_score is not None and self.post_score >= pass_mark

    @property
    def passed(self) -> bool:
        return self.passed_with(self.event.pass_mark)


class ParticipantChange(History):
    """A correction of a participant's attendance or scores (no status: blank from/to): the old and new values,
    who (and their post at the time) and when. Nothing entered is ever lost."""

    subject = "participant"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="changes")
    old = models.JSONField(default=dict)
    new = models.JSONField(default=dict)

    class Meta(History.Meta):
        ordering = ["participant_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.at:%Y-%m-%d %H:%M}"


class CertificateSequence(models.Model):
    """The last certificate number given under an organiser's letter code in a year. Locked while a number is
    taken. Kept per code, as the number shows it: an organiser whose code changes starts a new series."""

    kabkota_code = models.CharField(max_length=5)
    code = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kabkota_code", "code", "year"], name="certificate_sequence_code_year")
        ]

    def __str__(self) -> str:
        return f"{self.kabkota_code} {self.code}/{self.year}: {self.last_number}"


class Certificate(models.Model):
    """A sertifikat: numbered once, never renumbered. When a correction means the participant no longer passed,
    the certificate is withdrawn (``valid`` false) but keeps its number; it is valid again if they pass again."""

    kabkota_code = models.CharField(max_length=5, editable=False)
    participant = TenantOneToOneField(Participant, on_delete=models.PROTECT, related_name="certificate")
    unit = models.ForeignKey(Unit, verbose_name=_("penyelenggara"), on_delete=models.PROTECT, related_name="+")
    unit_code = models.CharField(_("kode surat penyelenggara"), max_length=32)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("nomor sertifikat"), max_length=64)
    code = models.CharField(_("kode verifikasi"), max_length=16)
    issued_at = models.DateTimeField(_("diterbitkan"))
    signer_name = models.CharField(max_length=200, blank=True)
    signer_nip = models.CharField(max_length=18, blank=True)
    signer_title = models.CharField(max_length=160, blank=True)
    valid = models.BooleanField(_("berlaku"), default=True)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["unit_id", "year", "sequence"]
        constraints = [
            # Unique per organiser (its code, as printed) and year, and so no number twice in a kabupaten/kota.
            models.UniqueConstraint(
                fields=["kabkota_code", "unit_code", "year", "sequence"], name="certificate_number_per_organiser"
            ),
            models.UniqueConstraint(fields=["kabkota_code", "number"], name="certificate_number_unique"),
            models.UniqueConstraint(fields=["participant", "kabkota_code"], name="certificate_one_per_participant"),
            models.UniqueConstraint(fields=["code", "kabkota_code"], name="certificate_code_unique"),
        ]

    def __str__(self) -> str:
        return self.number
