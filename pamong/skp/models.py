"""SKP: the performance assessment of an employee for a period (PermenPANRB 6/2022), by their direct superior."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pamong.core import gate
from pamong.core.history import History
from pamong.core.scope import scope_of
from pamong.core.tenancy import TenantChild
from pamong.organization.models import Employee, Position, Unit, UnitScopedQuerySet
from pamong.skp.matrix import Predikat, Rating

QUARTER_NAMES = {0: "Tahunan", 1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III", 4: "Triwulan IV"}


def period_label(year: int, quarter: int) -> str:
    return f"Tahun {year}" if quarter == 0 else f"{QUARTER_NAMES[quarter]} {year}"


def period_slug(year: int, quarter: int) -> str:
    return f"{year}" if quarter == 0 else f"{year}-t{quarter}"


def period_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter == 0:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")


class SkpQuerySet(UnitScopedQuerySet["SkpAssessment"]):
    def visible_to(self, user: Any) -> Self:
        """Rows of the units in the user's region subtree (UnitScopedQuerySet); inside it, heads, secretaries,
        leaders and admins see every assessment, other staff the ones they rate and their own once final (a
        draft is the rater's work in progress)."""
        qs = super().visible_to(user)
        if scope_of(user).everything or gate.can(user, "skp.see_all"):
            return qs
        employee_id = getattr(user, "employee_id", None)
        if employee_id is None:
            return qs.none()
        return qs.filter(Q(employee_id=employee_id, status=Status.FINAL) | Q(rater_id=employee_id))


class SkpAssessment(models.Model):
    """One employee, one period (the year, or one of its quarters), rated by the direct superior.

    The positions and the rater are snapshotted when the rater saves, so that later moves in the organisation do
    not change what was assessed. ``predikat`` is computed from ``matrix.MATRIX``; it is never typed."""

    kabkota_code = models.CharField(max_length=5, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+", db_index=False)
    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="skp_assessments"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(
        _("periode"), default=0, help_text=_("0 = tahunan; 1–4 = triwulan I–IV (penilaian periodik).")
    )
    employee_position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    employee_position_title = models.CharField(_("jabatan pegawai"), max_length=160)
    rater = models.ForeignKey(
        Employee, verbose_name=_("pejabat penilai"), on_delete=models.PROTECT, related_name="skp_rated"
    )
    rater_position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    rater_position_title = models.CharField(_("jabatan pejabat penilai"), max_length=160)
    rater_acting = models.BooleanField(
        _("pelaksana tugas"), default=False, help_text=_("Atasan langsung kosong; dinilai atasan berikutnya.")
    )
    vacant_position_title = models.CharField(_("jabatan atasan yang kosong"), max_length=160, blank=True)
    hasil_rating = models.CharField(_("rating hasil kerja"), max_length=8, choices=Rating.choices, blank=True)
    hasil_note = models.TextField(_("umpan balik hasil kerja"), blank=True)
    behaviours = models.JSONField(
        _("perilaku kerja per nilai dasar"), default=dict, blank=True, help_text=_("{kode: {rating, note}}")
    )
    perilaku_rating = models.CharField(_("rating perilaku kerja"), max_length=8, choices=Rating.choices, blank=True)
    perilaku_note = models.TextField(_("umpan balik perilaku kerja"), blank=True)
    predikat = models.CharField(
        _("predikat kinerja"), max_length=16, choices=Predikat.choices, blank=True, editable=False
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("dibuat"))
    updated_at = models.DateTimeField(_("diubah"))
    finalized_at = models.DateTimeField(_("difinalkan"), null=True, blank=True)

    objects = SkpQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian SKP")
        verbose_name_plural = _("penilaian SKP")
        ordering = ["-year", "-quarter", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "quarter", "kabkota_code"], name="skp_one_per_employee_period"
            ),
            models.CheckConstraint(condition=Q(quarter__gte=0, quarter__lte=4), name="skp_quarter_0_4"),
            models.CheckConstraint(condition=Q(status="draft") | ~Q(predikat=""), name="skp_final_has_predikat"),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "year", "quarter", "unit"], name="skp_recap"),
            models.Index(fields=["kabkota_code", "rater", "year", "quarter"], name="skp_rater_period"),
        ]

    def __str__(self) -> str:
        return f"SKP {self.employee_id} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("skp:assessment", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def period_slug(self) -> str:
        return period_slug(self.year, self.quarter)

    @property
    def is_final(self) -> bool:
        return self.status == Status.FINAL


class SkpItem(TenantChild):
    """A short rencana/hasil kerja row: indicator, target, realisasi and the rater's note. Optional."""

    kabkota_from = "assessment"

    assessment = models.ForeignKey(SkpAssessment, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    indicator = models.CharField(_("rencana hasil kerja / indikator"), max_length=300)
    target = models.CharField(_("target"), max_length=120, blank=True)
    realisasi = models.CharField(_("realisasi"), max_length=120, blank=True)
    note = models.CharField(_("catatan penilai"), max_length=300, blank=True)

    class Meta:
        ordering = ["assessment_id", "order", "id"]

    def __str__(self) -> str:
        return self.indicator


class SkpChange(History):
    """Every transition (created, finalised, re-opened), with the values as they stood at that moment, so that
    a re-opened and corrected assessment still shows what was final before."""

    subject = "assessment"
    STATUSES = Status

    assessment = models.ForeignKey(SkpAssessment, on_delete=models.CASCADE, related_name="changes")
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta(History.Meta):
        verbose_name = _("riwayat penilaian SKP")
        verbose_name_plural = _("riwayat penilaian SKP")
        ordering = ["assessment_id", "at", "id"]

    @property
    def snapshot_predikat_label(self) -> str:
        value = self.snapshot.get("predikat", "")
        return str(Predikat(value).label) if value in Predikat.values else ""

    @property
    def snapshot_hasil_label(self) -> str:
        value = self.snapshot.get("hasil_rating", "")
        return str(Rating(value).label).lower() if value in Rating.values else "—"

    @property
    def snapshot_perilaku_label(self) -> str:
        value = self.snapshot.get("perilaku_rating", "")
        return str(Rating(value).label).lower() if value in Rating.values else "—"
