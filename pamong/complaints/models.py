"""Pengaduan: complaints from citizens, handled down the position chain with SP4N-LAPOR!-style stage deadlines,
answered in public."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pamong.core.codes import display
from pamong.core.history import History
from pamong.core.tenancy import TenantChild
from pamong.organization.models import Position, Unit, UnitScopedQuerySet
from pamong.regions.models import Region


class Category(models.Model):
    """What a complaint is about, with its completion deadline in working days."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5)
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=120)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    completion_days = models.PositiveSmallIntegerField(_("batas penyelesaian (hari kerja)"), default=14)
    active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["kabkota_code", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["kabkota_code", "code"], name="category_unique_code")]

    def __str__(self) -> str:
        return self.name


class CategoryField(models.Model):
    """A question a complaint of this category asks (Open311: a service definition's attribute)."""

    class Kind(models.TextChoices):
        STRING = "string", _("Teks singkat")
        TEXT = "text", _("Teks panjang")
        NUMBER = "number", _("Angka")
        CHOICE = "singlevaluelist", _("Pilihan")

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="fields")
    code = models.SlugField(_("kode"), max_length=40)
    label = models.CharField(_("pertanyaan"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.STRING)
    required = models.BooleanField(_("wajib"), default=False)
    choices = models.TextField(_("pilihan"), blank=True, help_text=_("Satu pilihan per baris: kode|nama."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["category_id", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="categoryfield_unique_code")]

    def __str__(self) -> str:
        return self.label

    def choice_list(self) -> list[tuple[str, str]]:
        out = []
        for line in self.choices.splitlines():
            key, _sep, name = line.partition("|")
            if key.strip():
                out.append((key.strip(), (name or key).strip()))
        return out


class Status(models.TextChoices):
    BARU = "baru", _("Baru")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DIDISPOSISIKAN = "didisposisikan", _("Didisposisikan")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    SELESAI = "selesai", _("Selesai")
    DITOLAK = "ditolak", _("Ditolak")
    DIALIHKAN = "dialihkan", _("Dialihkan")


OPEN_STATUSES = (Status.BARU, Status.DIVERIFIKASI, Status.DIDISPOSISIKAN, Status.DITINDAKLANJUTI, Status.DIALIHKAN)
# Steps after which a complaint may be public (see ComplaintQuerySet.public).
PUBLIC_STATUSES = (Status.DIVERIFIKASI, Status.DIDISPOSISIKAN, Status.DITINDAKLANJUTI, Status.SELESAI, Status.DITOLAK)


class Channel(models.TextChoices):
    WEB = "web", _("Situs web")
    API = "api", _("API / aplikasi")
    LOKET = "loket", _("Datang ke kantor")
    TELEPON = "telepon", _("Telepon / WhatsApp")


class ComplaintQuerySet(UnitScopedQuerySet["Complaint"]):
    """visible_to: the complaints handled by the units in the user's subtree, as service requests."""

    def public(self) -> Self:
        """The one rule of publication, for every public reader (board, portals, Open311, the JSON API, public
        photos): a complaint is public once staff have verified it (diverifikasi and every later step) or
        rejected it for a reason other than spam; never while new or just transferred (not yet verified by the
        office that now holds it), never when confidential, never when rejected as spam. Its reporter still
        follows it by its code (``selectors.complaint_by_code``)."""
        return self.filter(confidential=False, status__in=PUBLIC_STATUSES).exclude(
            status=Status.DITOLAK, rejection=Rejection.SPAM
        )


class Rejection(models.TextChoices):
    BUKAN_WEWENANG = "bukan_wewenang", _("Bukan wewenang pemerintah daerah")
    SPAM = "spam", _("Bukan pengaduan (spam)")
    TIDAK_LENGKAP = "tidak_lengkap", _("Tidak lengkap dan tidak dapat ditindaklanjuti")
    DUPLIKAT = "duplikat", _("Digabung dengan pengaduan lain yang sama")


class Complaint(models.Model):
    kabkota_code = models.CharField(max_length=5, editable=False)
    code = models.CharField(_("kode lacak"), max_length=9)
    category = models.ForeignKey(Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("saluran"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    title = models.CharField(_("judul"), max_length=150)
    text = models.TextField(_("isi pengaduan"))
    region = models.ForeignKey(
        Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    address = models.CharField(_("alamat atau patokan lokasi"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # The reporter: never on a public page; hidden from staff outside the handling unit when confidential.
    anonymous = models.BooleanField(_("tanpa nama"), default=False)
    confidential = models.BooleanField(_("rahasia"), default=False)
    reporter_name = models.CharField(_("nama pelapor"), max_length=160, blank=True)
    reporter_phone = models.CharField(_("nomor ponsel"), max_length=16, blank=True)
    reporter_email = models.EmailField(_("surel"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.BARU)
    rejection = models.CharField(_("alasan ditolak"), max_length=16, choices=Rejection.choices, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit penanggung jawab"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("didisposisikan kepada"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    submitted_at = models.DateTimeField(_("diadukan pada"))
    stage_due_at = models.DateTimeField(_("batas tahap ini"), null=True, blank=True)
    due_at = models.DateTimeField(_("batas penyelesaian"))
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    overdue = models.BooleanField(_("terlambat"), default=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        db_index=False,
    )
    escalated_to = models.ForeignKey(
        Position,
        verbose_name=_("dieskalasi ke"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    answers = models.JSONField(_("isian tambahan"), default=dict, blank=True)
    rating = models.PositiveSmallIntegerField(_("penilaian pelapor"), null=True, blank=True)
    rating_comment = models.CharField(_("komentar penilaian"), max_length=500, blank=True)
    submit_token = models.CharField(max_length=40, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "kabkota_code"], name="complaint_code_unique"),
            models.UniqueConstraint(fields=["submit_token", "kabkota_code"], name="complaint_submit_token_unique"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="complaint_rating_1_5"
            ),
        ]
        indexes = [
            # The complaints disposed to one position (employee page) and the SET NULL when a position goes.
            models.Index(fields=["position", "status"], name="complaint_position"),
            models.Index(fields=["kabkota_code", "unit", "status", "stage_due_at"], name="complaint_queue"),
            models.Index(fields=["kabkota_code", "submitted_at"], name="complaint_board"),
            models.Index(
                fields=["kabkota_code", "stage_due_at"],
                name="complaint_open_due",
                condition=Q(
                    status__in=["baru", "diverifikasi", "didisposisikan", "ditindaklanjuti", "dialihkan"],
                    overdue=False,
                ),
            ),
            # Late open complaints, the nearest stage deadline first: the late queue of a landing over a region.
            models.Index(
                fields=["kabkota_code", "stage_due_at", "id"],
                name="complaint_overdue_due",
                condition=Q(
                    status__in=["baru", "diverifikasi", "didisposisikan", "ditindaklanjuti", "dialihkan"],
                    overdue=True,
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.code_display

    @property
    def code_display(self) -> str:
        return display(self.code)

    @property
    def reporter_label(self) -> str:
        return "Anonim" if self.anonymous else (self.reporter_name or "—")

    def answer_rows(self) -> list[tuple[str, str]]:
        """The answers to the category's questions as (question, answer) for staff pages; a choice by its name."""
        rows = []
        for spec in self.category.fields.all():
            value = self.answers.get(spec.code)
            if value in (None, ""):
                continue
            if spec.kind == CategoryField.Kind.CHOICE:
                value = dict(spec.choice_list()).get(value, value)
            elif spec.kind == CategoryField.Kind.NUMBER:
                from pamong.core.templatetags.pamong import angka

                number = float(value)
                value = angka(int(number)) if number.is_integer() else angka(number, 2)
            rows.append((spec.label, str(value)))
        return rows


class ComplaintPhoto(TenantChild):
    kabkota_from = "complaint"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="pengaduan/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    public = models.BooleanField(
        _("tampil di papan publik"),
        default=False,
        help_text=_("Dipilih petugas setelah memeriksa foto (tanpa wajah atau data pribadi orang lain)."),
    )

    class Meta:
        ordering = ["complaint_id", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}/{self.pk}"


class ComplaintChangeQuerySet(models.QuerySet["ComplaintChange"]):
    def steps(self) -> Self:
        """The rows a public history lists: every change of status and every public response. A remark that
        changes no status and is not public (the reporter's addition, a photo decision) is for staff only."""
        return self.exclude(Q(public=False) & (Q(to_status="") | Q(from_status=F("to_status"))))


class ComplaintChange(History):
    """Every transition, with the official response (public) or an internal note (staff only); also the
    reporter's additions and the photo decisions, which change no status (from and to blank)."""

    subject = "complaint"
    STATUSES = Status

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="changes")

    objects = ComplaintChangeQuerySet.as_manager()

    class Meta(History.Meta):
        verbose_name = _("riwayat pengaduan")
        verbose_name_plural = _("riwayat pengaduan")
        ordering = ["complaint_id", "at", "id"]

    @property
    def heading(self) -> str:
        """What the row says happened: the new status, or for a row without one, what was added."""
        if self.to_status:
            return self.get_to_status_display()
        return "Keterangan dari pelapor" if self.actor_id is None else "Catatan petugas"


class DigestSent(TenantChild):
    """A periodic digest that went out, so that a scheduler running every 15 minutes sends it once."""

    kabkota_from = "unit"

    kind = models.CharField(max_length=40)
    period = models.CharField(max_length=20, help_text=_("mis. 2026-W48"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "period", "unit", "kabkota_code"], name="digestsent_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} {self.unit_id}"


class ReporterDataAccess(TenantChild):
    """Every time staff are shown a reporter's name and contact."""

    kabkota_from = "complaint"

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("akses data pelapor")
        verbose_name_plural = _("akses data pelapor")
        indexes = [models.Index(fields=["complaint", "at"], name="reporteraccess_complaint_at")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"
