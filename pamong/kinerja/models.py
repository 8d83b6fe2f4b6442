"""Daily performance aggregates (indicators) that dashboards read instead of raw rows, and the weights of the
composite index.

Every row is rebuilt for a whole (kabupaten/kota, day) by ``services.indicators_build``: the day's rows are
deleted and inserted again in one transaction, so re-running a day gives the same rows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.organization.models import Employee, Position, Unit, UnitScopedQuerySet


class UnitDayQuerySet(UnitScopedQuerySet["UnitDay"]):
    pass


class UnitDay(models.Model):
    """One unit's figures for one local date."""

    kabkota_code = models.CharField(max_length=5)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    requests_received = models.PositiveIntegerField(default=0)
    requests_finished = models.PositiveIntegerField(default=0)
    requests_on_time = models.PositiveIntegerField(default=0)
    backlog = models.PositiveIntegerField(default=0, help_text="Open requests at the end of the day.")
    median_workdays = models.DecimalField(max_digits=6, decimal_places=1, null=True)
    p90_workdays = models.DecimalField(max_digits=6, decimal_places=1, null=True)
    complaints_received = models.PositiveIntegerField(default=0)
    complaints_answered = models.PositiveIntegerField(default=0, help_text="First staff response given this day.")
    complaints_finished = models.PositiveIntegerField(default=0)
    complaints_on_time = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    rating_count = models.PositiveIntegerField(default=0)
    ikm = models.DecimalField(max_digits=5, decimal_places=2, null=True, help_text="Latest survey IKM (25–100).")
    attendance_expected = models.PositiveIntegerField(default=0)
    attendance_present = models.PositiveIntegerField(default=0)
    actions_due = models.PositiveIntegerField(default=0, help_text="Action items whose deadline is this day.")
    actions_on_time = models.PositiveIntegerField(default=0)
    reports_due = models.PositiveIntegerField(default=0, help_text="Camat reports whose deadline is this day.")
    reports_on_time = models.PositiveIntegerField(default=0, help_text="Of those, first submitted by the deadline.")

    objects = UnitDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator harian unit")
        verbose_name_plural = _("indikator harian unit")
        ordering = ["day", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "day", "kabkota_code"], name="kinerja_unitday_unique")]
        indexes = [models.Index(fields=["kabkota_code", "day", "unit"], name="kinerja_unitday_kabkota_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day}"


class EmployeeDayQuerySet(UnitScopedQuerySet["EmployeeDay"]):
    pass


class EmployeeDay(models.Model):
    """The requests an employee (as the assignee) finished on one local date, with their working days."""

    kabkota_code = models.CharField(max_length=5)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False)
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    finished = models.PositiveIntegerField(default=0)
    workdays_sum = models.PositiveIntegerField(default=0)
    median_workdays = models.DecimalField(max_digits=6, decimal_places=1, null=True)

    objects = EmployeeDayQuerySet.as_manager()

    class Meta:
        ordering = ["day", "employee_id"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "day", "kabkota_code"], name="kinerja_employeeday_unique")
        ]
        indexes = [models.Index(fields=["kabkota_code", "day", "unit"], name="kinerja_empday_kabkota_day")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.day}"


class StageDwellQuerySet(UnitScopedQuerySet["StageDwell"]):
    pass


class StageDwell(models.Model):
    """Time requests spent in one status at one position, for stays that ended on this local date.

    A stay runs from a StatusChange to the next one of the same request; it is attributed to the status it
    was in and to the post and office that the user who moved it on (the one who held the work) held *at that
    moment* (the history's ``actor_position``/``actor_unit``, so a later move or promotion changes nothing), or
    to no position and the request's office when the applicant or the system moved it. ``late_seconds`` is the
    part of the stay after the request's due date."""

    kabkota_code = models.CharField(max_length=5)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    status = models.CharField(max_length=14)
    position = models.ForeignKey(Position, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False)
    stays = models.PositiveIntegerField(default=0)
    dwell_seconds = models.BigIntegerField(default=0)
    late_seconds = models.BigIntegerField(default=0)

    objects = StageDwellQuerySet.as_manager()

    class Meta:
        ordering = ["day", "unit_id", "status"]
        indexes = [models.Index(fields=["kabkota_code", "day", "unit"], name="kinerja_dwell_kabkota_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.status}"


class IndexWeights(models.Model):
    """Weights of the composite index in a kabupaten/kota, edited by pimpinan daerah or admin. Any non-negative
    numbers: they are normalised over the components that have a value."""

    kabkota_code = models.CharField(max_length=5, unique=True)
    pelayanan = models.PositiveSmallIntegerField(_("bobot pelayanan"), default=35)
    pengaduan = models.PositiveSmallIntegerField(_("bobot pengaduan"), default=20)
    kepuasan = models.PositiveSmallIntegerField(_("bobot kepuasan (IKM)"), default=20)
    disiplin = models.PositiveSmallIntegerField(_("bobot disiplin"), default=15)
    pelaporan = models.PositiveSmallIntegerField(_("bobot pelaporan camat"), default=10)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bobot indeks kinerja")
        verbose_name_plural = _("bobot indeks kinerja")

    def __str__(self) -> str:
        return self.kabkota_code

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("pelayanan", "pengaduan", "kepuasan", "disiplin", "pelaporan")}
