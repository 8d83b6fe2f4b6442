"""Service requests (permohonan): what a citizen asked for, where it stands, and every step it took."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from lokal import partial_mask

from pamong.catalog.models import RequiredDocument, ServiceType
from pamong.core.codes import display
from pamong.core.history import History
from pamong.core.tenancy import TenantChild, TenantOneToOneField
from pamong.organization.models import Employee, Position, Unit, UnitScopedQuerySet
from pamong.servicerequests import numbering


class Status(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DIPROSES = "diproses", _("Diproses")
    MENUNGGU_TTD = "menunggu_ttd", _("Menunggu tanda tangan")
    SELESAI = "selesai", _("Selesai")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk dilengkapi")
    DITOLAK = "ditolak", _("Ditolak")


OPEN_STATUSES = (Status.DIAJUKAN, Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD)
CLOSED_STATUSES = (Status.SELESAI, Status.DITOLAK)


class ServiceRequestQuerySet(UnitScopedQuerySet["ServiceRequest"]):
    """visible_to: the requests of the units in the user's subtree, through the inbox index."""

    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)


class ServiceRequest(models.Model):
    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5)
    # Indexes are few on purpose: a million rows a year, and the overdue sweep rewrites every index entry of
    # each row it marks. Lookups go through the inbox index (kabkota_code, unit, status, due_at), the code and
    # the token; the foreign keys below need no index of their own.
    code = models.CharField(_("kode lacak"), max_length=9)
    service = models.ForeignKey(
        ServiceType, verbose_name=_("layanan"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="service_requests", db_index=False
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.DIAJUKAN)
    assignee = models.ForeignKey(
        Employee,
        verbose_name=_("petugas"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # The applicant: personal data, never on a public page or in a log.
    nik = models.CharField(_("NIK"), max_length=16)
    name = models.CharField(_("nama"), max_length=160)
    phone = models.CharField(_("nomor ponsel"), max_length=16, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    address = models.CharField(_("alamat"), max_length=300)
    birth_place = models.CharField(_("tempat lahir"), max_length=80)
    birth_date = models.DateField(_("tanggal lahir"))
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Employee.Gender.choices)
    religion = models.CharField(_("agama"), max_length=20, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=80, blank=True)
    answers = models.JSONField(_("isian"), default=dict, blank=True)
    # Time: stored in UTC, deadlines in working days in the unit's time zone.
    submitted_at = models.DateTimeField(_("diajukan pada"))
    due_at = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    paused_days = models.PositiveSmallIntegerField(
        _("sisa hari kerja saat dikembalikan"), null=True, blank=True, help_text=_("Jam berhenti selama dikembalikan.")
    )
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    overdue = models.BooleanField(_("terlambat"), default=False)
    escalated_to = models.ForeignKey(
        Position,
        verbose_name=_("dieskalasi ke"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    submit_token = models.CharField(max_length=40, editable=False)
    # Wrong NIKs typed on this request's public pages; locked for a day after NIK_ATTEMPTS of them.
    nik_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    nik_locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        ordering = ["due_at", "id"]
        constraints = [
            # Constraints, not unique=True: on PostgreSQL these make one index each, without a second one for
            # LIKE searches that nobody runs on codes and tokens.
            models.UniqueConstraint(fields=["code", "kabkota_code"], name="request_code_unique"),
            models.UniqueConstraint(fields=["submit_token", "kabkota_code"], name="request_submit_token_unique"),
        ]
        indexes = [
            models.Index(fields=["kabkota_code", "unit", "status", "due_at"], name="request_inbox"),
            # The work on one officer's desk (employee page) and the SET NULL when an employee record goes.
            models.Index(fields=["assignee", "status"], name="request_assignee"),
            models.Index(
                fields=["kabkota_code", "due_at"],
                name="request_open_due",
                condition=models.Q(status__in=["diajukan", "diverifikasi", "diproses", "menunggu_ttd"], overdue=False),
            ),
            # Late requests still in hand, the oldest deadline first: the "lewat batas waktu" queue of a camat's or
            # the pimpinan's landing over a whole kecamatan or kota (a seq scan of a million rows without it).
            models.Index(
                fields=["kabkota_code", "due_at", "id"],
                name="request_overdue_due",
                condition=models.Q(
                    status__in=["diajukan", "diverifikasi", "diproses", "menunggu_ttd", "dikembalikan"], overdue=True
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.code_display

    @property
    def code_display(self) -> str:
        return display(self.code)

    @property
    def masked_name(self) -> str:
        return partial_mask("NAME", self.name)

    @property
    def masked_nik(self) -> str:
        return partial_mask("NIK", self.nik)


class StatusChange(History):
    """One row per transition of a request: who (and their post at the time), when, from, to, and why."""

    subject = "request"
    STATUSES = Status

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="changes")

    class Meta(History.Meta):
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")
        ordering = ["request_id", "at", "id"]


class RequestDocument(TenantChild):
    """An uploaded document, stored outside the web root and served only after a permission check."""

    kabkota_from = "request"

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="documents")
    requirement = models.ForeignKey(
        RequiredDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    field_code = models.CharField(max_length=40, blank=True)
    file = models.FileField(upload_to="permohonan/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request_id", "id"]

    def __str__(self) -> str:
        return self.original_name


class PersonalDataAccess(TenantChild):
    """Every time staff are shown an applicant's personal data."""

    kabkota_from = "request"

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("akses data pribadi")
        verbose_name_plural = _("akses data pribadi")
        indexes = [models.Index(fields=["request", "at"], name="pdaccess_request_at")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.what} {self.at:%Y-%m-%d %H:%M}"


class Letterhead(models.Model):
    """The kop surat of a kabupaten/kota: the Pemda's logo (uploaded by admin), printed on every letter at the left
    of the kop lines; the office's address and telephone come from its unit."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5)
    logo = models.FileField(
        _("logo Pemda"),
        upload_to="kop/",
        help_text=_("PNG atau JPEG, paling besar 1 MB; dicetak di kiri kop surat (tinggi sekitar 2,2 cm)."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("kop surat")
        verbose_name_plural = _("kop surat")
        constraints = [models.UniqueConstraint(fields=["kabkota_code"], name="letterhead_one_per_kabkota")]

    def __str__(self) -> str:
        return f"Kop surat {self.kabkota_code}"


class LetterNumbering(models.Model):
    """How a kabupaten/kota numbers its letters (its tata naskah dinas): one row per kabupaten/kota, edited by
    admin. Without a row the default pattern applies."""

    kabkota_code = models.CharField(_("kode kabupaten/kota"), max_length=5)
    pattern = models.CharField(
        _("pola nomor surat"),
        max_length=numbering.PATTERN_MAX_LENGTH,
        default=numbering.DEFAULT_PATTERN,
        validators=[numbering.pattern_check],
        help_text=numbering.pattern_help(),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pola nomor surat")
        verbose_name_plural = _("pola nomor surat")
        constraints = [
            models.UniqueConstraint(
                fields=["kabkota_code"],
                name="letternumbering_one_per_kabkota",
                violation_error_message=_("Kabupaten/kota ini sudah punya pola nomor surat; ubah yang ada."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kabkota_code}: {self.pattern}"


class LetterSequence(models.Model):
    """The last letter number given under an office code in a year. Locked while a number is taken, so numbers
    never repeat and, because the number is taken in the same transaction as the signature, never skip.

    Kept per code, not per office: the code is what the number shows, so an office whose code changes starts a
    new series, and a code that was used before goes on after its last number."""

    kabkota_code = models.CharField(max_length=5)
    code = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kabkota_code", "code", "year"], name="lettersequence_code_year")
        ]

    def __str__(self) -> str:
        return f"{self.kabkota_code} {self.code}/{self.year}: {self.last_number}"


class Letter(models.Model):
    """The signed letter of a finished request: its number, signer, PDF and the PDF's SHA-256."""

    kabkota_code = models.CharField(max_length=5)
    request = TenantOneToOneField(ServiceRequest, on_delete=models.PROTECT, related_name="letter")
    number = models.CharField(_("nomor surat"), max_length=numbering.NUMBER_MAX_LENGTH)
    # The office code the number shows; empty (NULL) on letters numbered before codes were unique, whose
    # numbers stay as they were even where two offices printed the same one.
    unit_code = models.CharField(_("kode surat kantor"), max_length=32, null=True, blank=True)
    sequence = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    issued_at = models.DateTimeField(_("tanggal surat"))
    signer_name = models.CharField(max_length=200)
    signer_nip = models.CharField(max_length=18, blank=True)
    signer_title = models.CharField(max_length=200)
    verification_code = models.CharField(max_length=16)
    pdf = models.FileField(upload_to="surat/%Y/%m/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    signed_by = models.CharField(_("sertifikat penanda tangan"), max_length=300, blank=True)
    # Who issued the signing certificate (its issuer's distinguished name, or "BSrE"), for the public verification.
    signature_issuer = models.CharField(_("penerbit sertifikat"), max_length=300, blank=True)
    # An office without an electronic signature prints the letter, its head signs and stamps it by hand, and the
    # scan of that signed letter is registered here: the QR code still verifies, and the scan's hash with it.
    scan = models.FileField(_("pindaian surat bertanda tangan basah"), upload_to="surat-basah/%Y/%m/", blank=True)
    scan_content_type = models.CharField(max_length=40, blank=True)
    scan_sha256 = models.CharField(max_length=64, blank=True)
    scan_uploaded_at = models.DateTimeField(null=True, blank=True)
    scan_uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("surat")
        verbose_name_plural = _("surat")
        constraints = [
            models.UniqueConstraint(fields=["request", "kabkota_code"], name="letter_one_per_request"),
            models.UniqueConstraint(fields=["verification_code", "kabkota_code"], name="letter_verification_unique"),
            # No number twice in a kabupaten/kota: one sequence per office code and year.
            models.UniqueConstraint(
                fields=["kabkota_code", "unit_code", "year", "sequence"], name="letter_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["kabkota_code", "year", "sequence"], name="letter_kabkota_year_seq")]

    def __str__(self) -> str:
        return self.number

    @property
    def ready(self) -> bool:
        return bool(self.pdf) and bool(self.sha256)


class UnitCertificate(TenantChild):
    """The signing certificate of a unit (PKCS#12, stored outside the web root). Letters of a unit that has one
    are signed as PAdES. In production this is the signer's BSrE certificate; the demo makes a self-signed one."""

    kabkota_from = "unit"

    unit = TenantOneToOneField(Unit, on_delete=models.CASCADE, related_name="certificate")
    pkcs12 = models.FileField(upload_to="kunci/")
    passphrase = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    issuer = models.CharField(max_length=300, blank=True)
    valid_until = models.DateTimeField()
    self_signed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sertifikat tanda tangan unit")
        verbose_name_plural = _("sertifikat tanda tangan unit")
        constraints = [models.UniqueConstraint(fields=["unit", "kabkota_code"], name="unitcertificate_one_per_unit")]

    def __str__(self) -> str:
        return self.subject
