"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): surveys per unit and period, the answers of each
respondent, kiosks at the counter, and the follow-up plan for weak unsur."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.catalog.models import ServiceType
from pamong.core.history import History
from pamong.core.scope import ScopedQuerySet
from pamong.organization.models import Employee, Unit
from pamong.surveys.unsur import FIELDS


class SurveyQuerySet(ScopedQuerySet["Survey"]):
    region_field = "unit__region__code"

    def published(self) -> Self:
        return self.filter(published=True)


class Survey(models.Model):
    """One SKM of a unit over a period (usually a year or a semester), optionally for one service only."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="surveys")
    service = models.ForeignKey(
        ServiceType,
        verbose_name=_("layanan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosongkan untuk survei semua layanan unit."),
    )
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    population = models.PositiveIntegerField(
        _("populasi"),
        null=True,
        blank=True,
        help_text=_("Jumlah penerima layanan dalam periode. Kosongkan untuk memakai jumlah permohonan di Pamong."),
    )
    published = models.BooleanField(_("diumumkan"), default=False)
    published_at = models.DateTimeField(_("diumumkan pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survei kepuasan masyarakat")
        verbose_name_plural = _("survei kepuasan masyarakat")
        ordering = ["-period_start", "unit_id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="survey_period_order"),
        ]
        indexes = [models.Index(fields=["kabkota_code", "unit", "period_start"], name="survey_kabkota_unit")]

    def __str__(self) -> str:
        return f"SKM {self.unit} {self.period_label}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("surveys:detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        """Tahun 2026, Semester I 2026, Triwulan III 2026, or the dates."""
        return period_label(self.period_start, self.period_end)


def period_label(start: dt.date, end: dt.date) -> str:
    from django.utils.formats import date_format

    if start.day == 1 and start.year == end.year and (end + dt.timedelta(days=1)).day == 1:
        months = (start.month, end.month)
        if months == (1, 12):
            return f"Tahun {start.year}"
        if months in ((1, 6), (7, 12)):
            return f"Semester {'I' if start.month == 1 else 'II'} {start.year}"
        quarters = {(1, 3): "I", (4, 6): "II", (7, 9): "III", (10, 12): "IV"}
        if months in quarters:
            return f"Triwulan {quarters[months]} {start.year}"
    return f"{date_format(start, 'j M Y')} – {date_format(end, 'j M Y')}"


class Channel(models.TextChoices):
    TAUTAN = "tautan", _("Tautan setelah layanan selesai")
    KIOSK = "kiosk", _("Kios di loket")
    KERTAS = "kertas", _("Kuesioner kertas")


class Education(models.TextChoices):
    SD = "sd", _("SD ke bawah")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    D1_D3 = "d1_d3", _("D1/D2/D3")
    D4_S1 = "d4_s1", _("D4/S1")
    S2 = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    PNS = "pns", _("PNS/PPPK")
    TNI_POLRI = "tni_polri", _("TNI/Polri")
    SWASTA = "swasta", _("Pegawai swasta")
    WIRAUSAHA = "wirausaha", _("Wiraswasta/pedagang")
    PETANI_NELAYAN = "petani_nelayan", _("Petani/nelayan")
    PELAJAR = "pelajar", _("Pelajar/mahasiswa")
    IRT = "irt", _("Mengurus rumah tangga")
    LAINNYA = "lainnya", _("Lainnya")


def _answer_field(number: int) -> models.PositiveSmallIntegerField[Any, Any]:
    return models.PositiveSmallIntegerField(f"U{number}", null=True, blank=True)


class SurveyResponse(models.Model):
    """One respondent's questionnaire: a value 1–4 per unsur (blank when not answered), the profile the
    regulation asks for, and free-text suggestions. Nothing that names the respondent."""

    kabkota_code = models.CharField(max_length=5, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    service = models.ForeignKey(
        ServiceType, verbose_name=_("layanan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("saluran"), max_length=8, choices=Channel.choices)
    # One answer per finished request, without tying the answer to the (named) applicant: a keyed hash of the
    # request, not a foreign key to it.
    request_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    kiosk = models.ForeignKey(
        "Kiosk", verbose_name=_("kios"), on_delete=models.SET_NULL, null=True, blank=True, related_name="responses"
    )
    paper_number = models.CharField(_("nomor kuesioner"), max_length=20, blank=True)
    u1 = _answer_field(1)
    u2 = _answer_field(2)
    u3 = _answer_field(3)
    u4 = _answer_field(4)
    u5 = _answer_field(5)
    u6 = _answer_field(6)
    u7 = _answer_field(7)
    u8 = _answer_field(8)
    u9 = _answer_field(9)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Employee.Gender.choices, blank=True)
    age = models.PositiveSmallIntegerField(_("umur"), null=True, blank=True)
    education = models.CharField(_("pendidikan"), max_length=8, choices=Education.choices, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=16, choices=Occupation.choices, blank=True)
    suggestion = models.TextField(_("saran dan masukan"), blank=True)
    submit_token = models.CharField(max_length=40, editable=False)
    submitted_at = models.DateTimeField(_("diisi pada"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        ordering = ["survey_id", "submitted_at", "id"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 1, f"{f}__lte": 4}),
                    name=f"surveyresponse_{f}_1_4",
                )
                for f in FIELDS
            ),
            models.UniqueConstraint(fields=["request_key", "kabkota_code"], name="surveyresponse_request_key_unique"),
            models.UniqueConstraint(fields=["submit_token", "kabkota_code"], name="surveyresponse_submit_token_unique"),
            models.UniqueConstraint(
                fields=["survey", "paper_number", "kabkota_code"],
                condition=~Q(paper_number=""),
                name="surveyresponse_paper_once",
            ),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "survey", "submitted_at"], name="surveyresponse_survey_at"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"

    def answers(self) -> list[int | None]:
        return [getattr(self, f) for f in FIELDS]


class Kiosk(models.Model):
    """A tablet at a unit's counter. Its secret address lets one respondent after another answer without an
    account; switching it off makes the address useless at once."""

    kabkota_code = models.CharField(max_length=5, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="kiosks")
    name = models.CharField(_("nama"), max_length=80)
    key = models.CharField(max_length=32, editable=False)
    active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kios survei")
        verbose_name_plural = _("kios survei")
        ordering = ["unit_id", "name"]
        constraints = [models.UniqueConstraint(fields=["key", "kabkota_code"], name="kiosk_key_unique")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}"


class FollowUpStatus(models.TextChoices):
    RENCANA = "rencana", _("Direncanakan")
    BERJALAN = "berjalan", _("Sedang dikerjakan")
    SELESAI = "selesai", _("Selesai")
    BATAL = "batal", _("Dibatalkan")


class FollowUp(models.Model):
    """Rencana tindak lanjut: what the unit will do about a weak unsur, who does it and by when."""

    kabkota_code = models.CharField(max_length=5, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="follow_ups")
    unsur = models.PositiveSmallIntegerField(_("unsur"))
    action = models.TextField(_("tindakan"))
    owner = models.ForeignKey(Employee, verbose_name=_("penanggung jawab"), on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.RENCANA
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")
        ordering = ["survey_id", "due_date", "id"]
        constraints = [models.CheckConstraint(condition=Q(unsur__gte=1, unsur__lte=9), name="followup_unsur_1_9")]

    def __str__(self) -> str:
        return self.action[:60]


class FollowUpChange(History):
    """One row per status change of a follow-up action: who (and their post at the time), when, from, to, and
    what was done."""

    subject = "follow_up"
    STATUSES = FollowUpStatus

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="changes")

    class Meta(History.Meta):
        verbose_name = _("riwayat tindak lanjut")
        verbose_name_plural = _("riwayat tindak lanjut")
        ordering = ["follow_up_id", "at", "id"]
