"""Kehadiran: office hours per unit (with a kabupaten/kota default), one attendance record per employee per day,
and the trace of every correction."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.core import gate
from pamong.core.history import History
from pamong.core.scope import scope_of
from pamong.core.tenancy import TenantChild, TenantOneToOneField
from pamong.organization.models import Employee, Unit, UnitScopedQuerySet


class WorkSchedule(models.Model):
    """Jam kerja: Monday–Thursday and Friday hours (five-day week) and the tolerance for coming in late.
    A row without a unit is the kabupaten/kota default, used by every unit that has no schedule of its own."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = TenantOneToOneField(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="work_schedule",
        help_text=_("Kosongkan untuk jam kerja bawaan kabupaten/kota."),
    )
    weekday_start = models.TimeField(_("jam masuk Senin–Kamis"), default=dt.time(7, 30))
    weekday_end = models.TimeField(_("jam pulang Senin–Kamis"), default=dt.time(16, 0))
    friday_start = models.TimeField(_("jam masuk Jumat"), default=dt.time(7, 30))
    friday_end = models.TimeField(_("jam pulang Jumat"), default=dt.time(16, 30))
    tolerance_minutes = models.PositiveSmallIntegerField(
        _("toleransi terlambat (menit)"),
        default=0,
        help_text=_("Masuk sampai sekian menit setelah jam masuk masih dihitung hadir tepat waktu."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jam kerja")
        verbose_name_plural = _("jam kerja")
        ordering = ["kabkota_code", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kabkota_code"], condition=Q(unit__isnull=True), name="workschedule_one_default_per_kabkota"
            ),
            models.UniqueConstraint(fields=["unit", "kabkota_code"], name="workschedule_one_per_unit"),
            models.CheckConstraint(condition=Q(weekday_end__gt=models.F("weekday_start")), name="workschedule_weekday"),
            models.CheckConstraint(condition=Q(friday_end__gt=models.F("friday_start")), name="workschedule_friday"),
            models.CheckConstraint(condition=Q(tolerance_minutes__lte=120), name="workschedule_tolerance"),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.kabkota_code}: {self.weekday_start:%H.%M}–{self.weekday_end:%H.%M}"

    def hours_on(self, day: dt.date) -> tuple[dt.time, dt.time]:
        """Start and end of the office day on ``day`` (Friday has its own hours)."""
        if day.weekday() == 4:
            return self.friday_start, self.friday_end
        return self.weekday_start, self.weekday_end


class Status(models.TextChoices):
    HADIR = "hadir", _("Hadir")
    TERLAMBAT = "terlambat", _("Terlambat")
    PULANG_CEPAT = "pulang_cepat", _("Pulang cepat")
    IZIN = "izin", _("Izin")
    SAKIT = "sakit", _("Sakit")
    CUTI = "cuti", _("Cuti")
    DINAS_LUAR = "dinas_luar", _("Dinas luar")
    TANPA_KETERANGAN = "tanpa_keterangan", _("Tanpa keterangan")


# Statuses that count as present for the attendance rate.
PRESENT = frozenset({Status.HADIR, Status.TERLAMBAT, Status.PULANG_CEPAT, Status.DINAS_LUAR})
# Statuses decided by the check-in/out times against the unit's hours.
AT_OFFICE = frozenset({Status.HADIR, Status.TERLAMBAT, Status.PULANG_CEPAT})


class Source(models.TextChoices):
    MANDIRI = "mandiri", _("Absen mandiri")
    PETUGAS = "petugas", _("Dicatat petugas")


class AttendanceQuerySet(UnitScopedQuerySet["Attendance"]):
    def visible_to(self, user: Any) -> Self:
        """Managers (kepala unit, sekretaris) see their region subtree, pimpinan daerah the kabupaten/kota,
        admins everything; a petugas sees only their own records."""
        scope = scope_of(user)
        if scope.everything:
            return self.all()
        if not gate.can(user, "attendance.see_colleagues"):
            if not scope.region_code or not user.employee_id:
                return self.none()
            return self.filter(kabkota_code=scope.region_code[:5], employee_id=user.employee_id)
        return super().visible_to(user)


class Attendance(models.Model):
    """One employee's attendance on one day. Never deleted; corrections leave an AttendanceChange."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="attendances"
    )
    date = models.DateField(_("tanggal"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    check_in = models.TimeField(_("jam masuk"), null=True, blank=True)
    check_out = models.TimeField(_("jam pulang"), null=True, blank=True)
    late_minutes = models.PositiveSmallIntegerField(_("menit terlambat"), default=0)
    early_minutes = models.PositiveSmallIntegerField(_("menit pulang cepat"), default=0)
    note = models.TextField(_("keterangan"), blank=True)
    document = models.FileField(_("surat keterangan"), upload_to="kehadiran/%Y/%m/", blank=True)
    document_type = models.CharField(max_length=40, blank=True, editable=False)
    non_working_day = models.BooleanField(_("hari libur"), default=False)
    check_in_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_in_lon = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_out_lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    check_out_lon = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=8, choices=Source.choices)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The one-time token of the form that made the row: the same form sent twice makes nothing new.
    batch = models.CharField(max_length=40, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["-date", "employee_id"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "date", "kabkota_code"], name="attendance_once_per_day"),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "date", "unit"], name="attendance_kabkota_date_unit"),
            models.Index(fields=["kabkota_code", "employee", "date"], name="attendance_kabkota_employee"),
            models.Index(fields=["kabkota_code", "batch"], condition=~Q(batch=""), name="attendance_batch"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.date:%d-%m-%Y} {self.status}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("attendance:detail", kwargs={"pk": self.pk})

    @property
    def is_present(self) -> bool:
        return self.status in PRESENT


class AttendanceChange(History):
    """A correction of an attendance record: the values before and after (its own columns), and — as every
    history — who changed them (with their post at the time), when and why (``note``). ``from_status`` and
    ``to_status`` are the record's status before and after the correction."""

    subject = "attendance"
    STATUSES = Status

    attendance = models.ForeignKey(Attendance, on_delete=models.PROTECT, related_name="changes")
    old_values = models.JSONField(_("nilai lama"))
    new_values = models.JSONField(_("nilai baru"))

    class Meta(History.Meta):
        verbose_name = _("perubahan kehadiran")
        verbose_name_plural = _("perubahan kehadiran")
        ordering = ["attendance_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.attendance_id} @ {self.at:%Y-%m-%d %H:%M}"


class DocumentAccess(TenantChild):
    """Every time someone opens an attendance record's letter (a doctor's letter is health data)."""

    kabkota_from = "attendance"

    attendance = models.ForeignKey(Attendance, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("akses surat keterangan")
        verbose_name_plural = _("akses surat keterangan")
        indexes = [models.Index(fields=["attendance", "at"], name="attendance_docaccess_at")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"
