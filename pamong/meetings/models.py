"""Rapat (meetings) with invitees, attendance, minutes and decisions; kunjungan kerja (evaluation visits by the
pimpinan daerah) with findings and photos; and the tindak lanjut (action items) that both of them produce."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.core.history import History
from pamong.core.scope import scope_of
from pamong.core.tenancy import TenantChild
from pamong.organization.models import Employee, Position, Unit, UnitScopedQuerySet
from pamong.regions.models import Region


def _employee_id(user: Any) -> int | None:
    employee = getattr(user, "employee", None)
    return employee.pk if employee is not None and employee.active else None


class MeetingKind(models.TextChoices):
    RAPAT_KERJA = "rapat_kerja", _("Rapat kerja")
    RAPAT_KOORDINASI = "rapat_koordinasi", _("Rapat koordinasi")
    APEL = "apel", _("Apel")
    RAPAT_EVALUASI = "rapat_evaluasi", _("Rapat evaluasi")
    LAINNYA = "lainnya", _("Lainnya")


class MeetingStatus(models.TextChoices):
    DIJADWALKAN = "dijadwalkan", _("Dijadwalkan")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class Attendance(models.TextChoices):
    HADIR = "hadir", _("Hadir")
    TERLAMBAT = "terlambat", _("Terlambat")
    SAKIT = "sakit", _("Sakit")
    IZIN = "izin", _("Izin")
    DINAS_LUAR = "dinas_luar", _("Dinas luar")
    TANPA_KETERANGAN = "tanpa_keterangan", _("Tanpa keterangan")


PRESENT = (Attendance.HADIR, Attendance.TERLAMBAT)


class MeetingQuerySet(UnitScopedQuerySet["Meeting"]):
    """visible_to: the meetings of the units in the user's subtree, and the meetings the user is invited to or
    chairs wherever they are held."""

    def in_scope(self, user: Any) -> Self:
        """Only the meetings of the units in the user's subtree (for recaps of a unit's meetings)."""
        return super().visible_to(user)

    def visible_to(self, user: Any) -> Self:
        scoped = super().visible_to(user)
        employee_id = _employee_id(user)
        if scope_of(user).everything or employee_id is None:
            return scoped
        invited = Invitee.objects.filter(employee_id=employee_id).values("meeting_id")
        return self.filter(Q(pk__in=scoped.values("pk")) | Q(pk__in=invited) | Q(chair_id=employee_id))


class Meeting(models.Model):
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit penyelenggara"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    kind = models.CharField(_("jenis rapat"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    chair = models.ForeignKey(
        Employee, verbose_name=_("pimpinan rapat"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.DIJADWALKAN
    )
    minutes = models.TextField(_("notulen"), blank=True, help_text=_("HTML yang sudah dibersihkan."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    submit_token = models.CharField(max_length=40, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["submit_token", "kabkota_code"], name="meeting_submit_token_unique"),
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="meeting_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "starts_at"], name="meeting_kabkota_unit_start"),
            models.Index(fields=["chair", "starts_at"], name="meeting_chair_start"),
        ]

    def __str__(self) -> str:
        return self.title


class MeetingChange(History):
    """A status change of a meeting, or a correction of its minutes and decisions: ``field`` says which, and a
    correction (blank from/to) keeps the previous text in ``old_value``."""

    subject = "meeting"
    STATUSES = MeetingStatus

    class Field(models.TextChoices):
        STATUS = "status", _("Status")
        MINUTES = "notulen", _("Notulen dan keputusan")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=10, choices=Field.choices, default=Field.STATUS)
    old_value = models.TextField(blank=True)

    class Meta(History.Meta):
        ordering = ["meeting_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.field} {self.at:%Y-%m-%d %H:%M}"


class Invitee(TenantChild):
    """An invited person, invited by name or through a position they held (kept in ``via_position``), with their
    attendance once the organiser records it."""

    kabkota_from = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    employee = models.ForeignKey(Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+")
    via_position = models.ForeignKey(
        Position,
        verbose_name=_("diundang melalui jabatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    attendance = models.CharField(_("kehadiran"), max_length=16, choices=Attendance.choices, blank=True)
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        ordering = ["meeting_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "employee", "kabkota_code"], name="invitee_once_per_meeting")
        ]
        indexes = [models.Index(fields=["employee", "meeting"], name="invitee_employee_meeting")]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.employee_id}"


class Guest(TenantChild):
    """An external guest (TNI, Polri, OPD, tokoh masyarakat), as free text."""

    kabkota_from = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("nama"), max_length=160)
    institution = models.CharField(_("instansi/jabatan"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting_id", "id"]

    def __str__(self) -> str:
        return self.name


class Decision(TenantChild):
    kabkota_from = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("keputusan"))

    class Meta:
        ordering = ["meeting_id", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Theme(models.TextChoices):
    PELAYANAN = "pelayanan", _("Pelayanan")
    DISIPLIN = "disiplin", _("Disiplin")
    PROGRAM_PRIORITAS = "program_prioritas", _("Program prioritas")
    DANA_DESA = "dana_desa", _("Dana Desa")
    TRANTIBUM = "trantibum", _("Ketenteraman dan ketertiban")
    LAINNYA = "lainnya", _("Lainnya")


class VisitQuerySet(UnitScopedQuerySet["Visit"]):
    """visible_to: visits to the offices in the user's subtree (a lurah sees the visits to their kelurahan, the
    camat those to the kecamatan and its kelurahan, the pimpinan daerah all)."""


class Visit(models.Model):
    """A kunjungan kerja / evaluasi by the pimpinan daerah to a kecamatan, kelurahan or desa."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=_("wilayah yang dikunjungi"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("kantor yang dikunjungi"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    visited_on = models.DateField(_("tanggal kunjungan"))
    title = models.CharField(_("judul"), max_length=200)
    summary = models.TextField(_("ringkasan"), blank=True)
    led_by = models.ForeignKey(
        Employee,
        verbose_name=_("dipimpin oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    submit_token = models.CharField(max_length=40, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunjungan kerja")
        verbose_name_plural = _("kunjungan kerja")
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["submit_token", "kabkota_code"], name="visit_submit_token_unique")
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "visited_on"], name="visit_kabkota_unit_date"),
            models.Index(fields=["kabkota_code", "region", "visited_on"], name="visit_kabkota_region_date"),
        ]

    def __str__(self) -> str:
        return self.title


class VisitParticipant(TenantChild):
    """Who came on the visit: an employee, or a name and position typed in (e.g. from an OPD)."""

    kabkota_from = "visit"

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="participants")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("nama"), max_length=160, blank=True)
    position_title = models.CharField(_("jabatan/instansi"), max_length=200, blank=True)

    class Meta:
        ordering = ["visit_id", "id"]

    def __str__(self) -> str:
        return self.name


class Finding(TenantChild):
    kabkota_from = "visit"

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    theme = models.CharField(_("tema"), max_length=20, choices=Theme.choices)
    text = models.TextField(_("temuan"))

    class Meta:
        ordering = ["visit_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_theme_display()}: {self.text[:40]}"


class FindingPhoto(TenantChild):
    """A photo of a finding: type checked, re-encoded without EXIF, served only through a permission check."""

    kabkota_from = "finding"

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="kunjungan/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["finding_id", "id"]

    def __str__(self) -> str:
        return f"{self.finding_id}/{self.pk}"


class ActionStatus(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    DIKERJAKAN = "dikerjakan", _("Dikerjakan")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


OPEN_ACTIONS = (ActionStatus.TERBUKA, ActionStatus.DIKERJAKAN)


class ActionItemQuerySet(UnitScopedQuerySet["ActionItem"]):
    """visible_to: the items of the units in the user's subtree, and the items the user owns."""

    def visible_to(self, user: Any) -> Self:
        scoped = super().visible_to(user)
        employee_id = _employee_id(user)
        if scope_of(user).everything or employee_id is None:
            return scoped
        return self.filter(Q(pk__in=scoped.values("pk")) | Q(owner_id=employee_id))

    def open(self) -> Self:
        return self.filter(status__in=OPEN_ACTIONS)


class ActionItem(models.Model):
    """A tindak lanjut from a meeting or an evaluation visit (exactly one of them), owned by one employee."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+", db_index=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items", db_index=False
    )
    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items", db_index=False
    )
    title = models.CharField(_("tindak lanjut"), max_length=300)
    owner = models.ForeignKey(
        Employee, verbose_name=_("penanggung jawab"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    deadline = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.TERBUKA)
    reminder_sent_at = models.DateTimeField(_("pengingat dikirim"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, visit__isnull=True) | Q(meeting__isnull=True, visit__isnull=False),
                name="actionitem_meeting_xor_visit",
            ),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "status", "deadline"], name="action_kabkota_unit"),
            models.Index(fields=["owner", "status", "deadline"], name="action_owner_status"),
            models.Index(fields=["meeting"], name="action_meeting", condition=Q(meeting__isnull=False)),
            models.Index(fields=["visit"], name="action_visit", condition=Q(visit__isnull=False)),
            models.Index(
                fields=["kabkota_code", "deadline"],
                name="action_reminder_due",
                condition=Q(status__in=["terbuka", "dikerjakan"], reminder_sent_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def source_title(self) -> str:
        source = self.meeting if self.meeting_id else self.visit
        return str(source) if source else ""


class ActionItemChange(History):
    """Every status change of an action item (a progress note stays in its status): who, when, from, to, a note."""

    subject = "item"
    STATUSES = ActionStatus

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="changes")

    class Meta(History.Meta):
        ordering = ["item_id", "at", "id"]
