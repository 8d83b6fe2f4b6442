"""Writes for complaints: intake and every transition of the SP4N-LAPOR!-style flow.

Every transition goes through ``complaint_transition``: it checks the table of allowed transitions and who may
make them, sets the deadline of the next stage in working days in the handling unit's time zone, updates with a
condition on the current status (two officers at once: the second is told it already changed) and writes a
ComplaintChange row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from pamong.complaints.models import (
    Category,
    CategoryField,
    Complaint,
    ComplaintChange,
    ComplaintPhoto,
    Rejection,
    Status,
)
from pamong.complaints.notify import reporter_notify
from pamong.core.errors import DomainError
from pamong.core.storage import atomic_with_files
from pamong.core.uploads import CleanFile
from pamong.organization.models import Position, Unit
from pamong.regions.models import Region
from pamong.servicerequests.codes import new_code
from pamong.workdays.services import deadline_after

S = Status
MAX_PHOTOS = 3


def stage_days(stage: str) -> int:
    """Working days allowed for a stage; defaults from SP4N-LAPOR! (verification 3, forwarding 3, first follow-up
    5), changed in PAMONG_COMPLAINT_STAGE_DAYS."""
    return int(settings.PAMONG_COMPLAINT_STAGE_DAYS[stage])


@dataclass(frozen=True)
class Rule:
    by: str  # "staff": staff of the handling unit; "manager": its head or secretary
    note: str = ""  # "" no note; "required": a reason or response must be written
    public: bool = False  # the note is the official response shown on the public board
    stage: str = ""  # the stage whose deadline starts: verifikasi, disposisi, tindak_lanjut, or "selesai"


TRANSITIONS: dict[tuple[str, str], Rule] = {
    (S.BARU, S.DIVERIFIKASI): Rule("staff", stage="disposisi"),
    (S.BARU, S.DITOLAK): Rule("staff", note="required", public=True),
    (S.BARU, S.DIALIHKAN): Rule("manager", note="required", public=True, stage="verifikasi"),
    (S.DIALIHKAN, S.DIVERIFIKASI): Rule("staff", stage="disposisi"),
    (S.DIALIHKAN, S.DITOLAK): Rule("staff", note="required", public=True),
    (S.DIVERIFIKASI, S.DIDISPOSISIKAN): Rule("manager", stage="tindak_lanjut"),
    (S.DIVERIFIKASI, S.DITOLAK): Rule("staff", note="required", public=True),
    (S.DIVERIFIKASI, S.DIALIHKAN): Rule("manager", note="required", public=True, stage="verifikasi"),
    (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI): Rule("staff", note="required", public=True, stage="selesai"),
    (S.DITINDAKLANJUTI, S.DITINDAKLANJUTI): Rule("staff", note="required", public=True, stage="selesai"),
    (S.DITINDAKLANJUTI, S.SELESAI): Rule("staff", note="required", public=True),
    (S.SELESAI, S.DITINDAKLANJUTI): Rule("reporter", note="required", public=True, stage="tindak_lanjut"),
}
REOPEN_DAYS = 10  # the reporter may reopen a finished complaint for this many days


def allowed_next(status: str) -> list[str]:
    """What staff may do next from a status, in the order the buttons are shown."""
    return [to for (frm, to), rule in TRANSITIONS.items() if frm == status and rule.by != "reporter"]


@dataclass
class Report:
    category: Category
    region: Region
    title: str
    text: str
    token: str
    address: str = ""
    latitude: Any = None
    longitude: Any = None
    anonymous: bool = False
    confidential: bool = False
    name: str = ""
    phone: str = ""
    email: str = ""
    channel: str = "web"
    photos: list[CleanFile] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)


def check_answers(category: Category, raw: dict[str, str], *, require: bool) -> dict[str, Any]:
    """The answers to a category's questions, typed and checked; unknown questions are ignored. ``require``
    makes the required questions required (every channel asks them: the web and counter forms under the chosen
    category, API and Open311 clients from the service definition)."""
    answers: dict[str, Any] = {}
    for spec in category.fields.all():
        value = (raw.get(spec.code) or "").strip()
        if not value:
            if require and spec.required:
                raise DomainError(f"{spec.label}: wajib diisi.", field=spec.code)
            continue
        if spec.kind == CategoryField.Kind.NUMBER:
            try:
                answers[spec.code] = float(value.replace(",", "."))
            except ValueError:
                raise DomainError(f"{spec.label}: harus berupa angka.", field=spec.code) from None
        elif spec.kind == CategoryField.Kind.CHOICE:
            if value not in dict(spec.choice_list()):
                raise DomainError(f"{spec.label}: pilihan tidak dikenal.", field=spec.code)
            answers[spec.code] = value
        else:
            answers[spec.code] = value[:2000]
    return answers


def handling_unit(region: Region) -> Unit:
    """The office that first handles a complaint about a kelurahan/desa: its kantor lurah/desa, else the
    kantor camat above it."""
    unit = (
        Unit.objects.filter(region=region, kind__in=(Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA)).first()
        or Unit.objects.filter(region_id=region.code[:8], kind=Unit.Kind.KANTOR_CAMAT).first()
    )
    if unit is None:
        raise DomainError("Belum ada kantor yang melayani wilayah ini di Pamong.", field="region")
    return unit


def complaint_submit(*, report: Report, actor: Any = None, now: dt.datetime | None = None) -> tuple[Complaint, bool]:
    """Take a complaint in, all or nothing. The form's one-time token makes a resent form return the complaint
    already made: returns (complaint, created)."""
    existing = Complaint.objects.filter(submit_token=report.token).first()
    if existing is not None:
        return existing, False
    now = now or timezone.now()
    if report.category.kabkota_code != report.region.code[:5]:
        raise DomainError("Kategori ini bukan untuk wilayah yang dipilih.", field="category")
    if len(report.photos) > MAX_PHOTOS:
        raise DomainError(f"Paling banyak {MAX_PHOTOS} foto.", field="photos")
    if not report.anonymous and not (report.name.strip() and (report.phone or report.email)):
        raise DomainError("Tuliskan nama dan nomor ponsel atau surel, atau pilih 'tanpa nama'.", field="name")
    answers = check_answers(report.category, report.answers, require=True)
    unit = handling_unit(report.region)
    tz = unit.region.timezone
    complaint = Complaint(
        kabkota_code=unit.kabkota_code,
        category=report.category,
        channel=report.channel,
        title=report.title.strip()[:150],
        text=report.text.strip(),
        region=report.region,
        address=report.address.strip(),
        latitude=report.latitude,
        longitude=report.longitude,
        anonymous=report.anonymous,
        confidential=report.confidential,
        reporter_name="" if report.anonymous else report.name.strip(),
        reporter_phone="" if report.anonymous else report.phone,
        reporter_email="" if report.anonymous else report.email,
        unit=unit,
        submitted_at=now,
        stage_due_at=deadline_after(now, stage_days("verifikasi"), tz),
        due_at=deadline_after(now, report.category.completion_days, tz),
        submit_token=report.token,
        answers=answers,
    )
    label = "Petugas" if actor is not None else "Pelapor"
    try:
        with atomic_with_files():  # a rollback (storage, database, the same form twice) removes the stored photos
            for _attempt in range(5):
                complaint.code = new_code()
                if not Complaint.objects.filter(code=complaint.code).exists():
                    break
            complaint.save()
            for photo in report.photos:
                ComplaintPhoto.objects.create(
                    complaint=complaint,
                    file=photo.content,
                    content_type=photo.content_type,
                    size=photo.size,
                    sha256=photo.sha256,
                )
            ComplaintChange.objects.create(
                complaint=complaint, from_status="", to_status=S.BARU, actor=actor, actor_label=label, at=now
            )
            reporter_notify(complaint=complaint, status=S.BARU)
            transaction.on_commit(complaints_changed)
    except IntegrityError:
        existing = Complaint.objects.filter(submit_token=report.token).first()
        if existing is None:
            raise
        return existing, False
    return complaint, True


def _label(actor: Any) -> str:
    employee = getattr(actor, "employee", None)
    position = getattr(employee, "position", None)
    return f"{position.title if position else 'Petugas'} ({employee.full_name})" if employee else "Petugas"


def _check_actor(rule: Rule, complaint: Complaint, actor: Any, now: dt.datetime) -> None:
    if rule.by == "reporter":
        if actor is not None:  # staff never act in the reporter's name
            raise DomainError("Hanya pelapor yang dapat membuka kembali pengaduannya.", code="forbidden")
        if complaint.finished_at is None or now - complaint.finished_at > dt.timedelta(days=REOPEN_DAYS):
            raise DomainError(
                f"Pengaduan hanya dapat dibuka kembali dalam {REOPEN_DAYS} hari setelah selesai. "
                "Sampaikan pengaduan baru bila masalahnya berulang.",
                code="late",
            )
        return
    employee = getattr(actor, "employee", None)
    if employee is None or not employee.active or employee.unit_id != complaint.unit_id:
        raise DomainError("Hanya petugas unit yang menangani pengaduan ini yang dapat mengubahnya.", code="forbidden")
    if rule.by == "manager" and not getattr(actor, "can_manage_staff", False):
        raise DomainError(
            "Hanya kepala unit atau sekretaris yang dapat mendisposisikan atau mengalihkan.", code="forbidden"
        )


def complaint_transition(
    *,
    complaint: Complaint,
    actor: Any,
    to_status: str,
    note: str = "",
    rejection: str = "",
    position: Position | None = None,
    unit: Unit | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    now = now or timezone.now()
    from_status = complaint.status
    rule = TRANSITIONS.get((from_status, to_status))
    if rule is None:
        raise DomainError(
            f"Pengaduan berstatus {Status(from_status).label} tidak dapat diubah menjadi {Status(to_status).label}.",
            code="invalid_transition",
        )
    _check_actor(rule, complaint, actor, now)
    note = note.strip()
    if rule.note == "required" and not note:
        raise DomainError("Tuliskan alasan atau tanggapan untuk pelapor.", field="note")
    changes: dict[str, Any] = {"status": to_status, "updated_at": now, "overdue": False}
    if to_status == S.DITOLAK:
        if rejection not in Rejection.values:
            raise DomainError("Pilih alasan penolakan.", field="rejection")
        changes["rejection"] = rejection
    if to_status == S.DIDISPOSISIKAN:
        if position is None or position.unit_id != complaint.unit_id:
            raise DomainError("Pilih jabatan di unit ini yang menindaklanjuti.", field="position")
        changes["position"] = position
    new_unit = complaint.unit
    if to_status == S.DIALIHKAN:
        if unit is None or unit.pk == complaint.unit_id or unit.kabkota_code != complaint.kabkota_code:
            raise DomainError("Pilih unit lain di kabupaten/kota ini.", field="unit")
        changes.update(unit=unit, position=None)
        new_unit = unit
    tz = new_unit.region.timezone
    if rule.stage == "selesai":
        changes["stage_due_at"] = complaint.due_at
    elif rule.stage:
        changes["stage_due_at"] = deadline_after(now, stage_days(rule.stage), tz)
    if to_status in (S.SELESAI, S.DITOLAK):
        changes.update(finished_at=now, stage_due_at=None)
    if rule.by == "reporter":  # reopened: the complaint is open again, the old rating no longer holds
        changes.update(finished_at=None, rating=None, rating_comment="")
    with transaction.atomic():
        if not Complaint.objects.filter(pk=complaint.pk, status=from_status).update(**changes):
            raise DomainError(
                "Pengaduan ini baru saja diubah oleh petugas lain. Muat ulang halaman untuk melihatnya.",
                code="conflict",
            )
        ComplaintChange.objects.create(
            complaint=complaint,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_label="Pelapor" if rule.by == "reporter" else _label(actor),
            note=note,
            public=rule.public,
            at=now,
        )
        complaint.refresh_from_db()
        if to_status != from_status:
            reporter_notify(complaint=complaint, status=to_status)
        transaction.on_commit(complaints_changed)
    return complaint


def complaint_reply(*, complaint: Complaint, text: str, now: dt.datetime | None = None) -> ComplaintChange:
    """The reporter adds information to an open complaint. Seen by staff only (it may name people)."""
    text = text.strip()
    if complaint.status in (S.SELESAI, S.DITOLAK):
        raise DomainError("Pengaduan ini sudah ditutup. Buka kembali atau sampaikan pengaduan baru.", field="text")
    if len(text) < 5:
        raise DomainError("Tuliskan keterangan tambahan Anda.", field="text")
    return ComplaintChange.objects.create(
        complaint=complaint,
        from_status=complaint.status,
        to_status=complaint.status,
        actor_label="Pelapor",
        note=text[:5000],
        public=False,
        at=now or timezone.now(),
    )


def complaint_rate(*, complaint: Complaint, rating: int, comment: str = "") -> Complaint:
    """The reporter rates the handling of a finished complaint, once."""
    if complaint.status != S.SELESAI:
        raise DomainError("Penilaian diberikan setelah pengaduan selesai.", field="rating")
    if not 1 <= rating <= 5:
        raise DomainError("Pilih nilai 1 sampai 5.", field="rating")
    updated = Complaint.objects.filter(pk=complaint.pk, status=S.SELESAI, rating__isnull=True).update(
        rating=rating, rating_comment=comment.strip()[:500]
    )
    if not updated:
        raise DomainError("Pengaduan ini sudah dinilai. Terima kasih.", field="rating", code="repeated")
    complaints_changed()
    complaint.refresh_from_db()
    return complaint


def complaints_sweep_overdue(*, now: dt.datetime | None = None) -> int:
    """Mark open complaints whose stage deadline passed and escalate each to the next position up the chain
    (above the position it was given to, else the head of the handling unit). Idempotent: a complaint already
    marked is not touched again until its next stage clears the mark. Returns how many were marked."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from pamong.complaints.models import OPEN_STATUSES

    now = now or timezone.now()
    kabkota_codes = sorted(set(Unit.objects.values_list("kabkota_code", flat=True)))
    late = Complaint.objects.filter(
        kabkota_code__in=kabkota_codes, status__in=OPEN_STATUSES, overdue=False, stage_due_at__lt=now
    )
    above = Position.objects.filter(pk=OuterRef("position_id")).values("reports_to_id")[:1]
    head = Position.objects.filter(unit_id=OuterRef("unit_id"), kind=Position.Kind.KEPALA).values("pk")[:1]
    with transaction.atomic():
        marked = late.update(overdue=True, escalated_to=Coalesce(Subquery(above), Subquery(head)), updated_at=now)
        if marked:
            from pamong.complaints.notify import escalation_notify

            escalation_notify(stamp=now)
            transaction.on_commit(complaints_changed)
    return marked


@transaction.atomic
def photo_publish(*, photo: ComplaintPhoto, actor: Any, public: bool, now: dt.datetime | None = None) -> bool:
    """Show a complaint photo on the public page or take it off again, with an internal note in the history.
    Returns whether anything changed (the same choice twice changes nothing)."""
    now = now or timezone.now()
    complaint = photo.complaint
    if not ComplaintPhoto.objects.filter(pk=photo.pk, public=not public).update(public=public):
        return False
    number = list(complaint.photos.order_by("id").values_list("pk", flat=True)).index(photo.pk) + 1
    ComplaintChange.objects.create(
        complaint=complaint,
        from_status=complaint.status,
        to_status=complaint.status,
        actor=actor,
        actor_label=_label(actor),
        note=f"Foto {number} {'ditampilkan di' if public else 'tidak lagi ditampilkan di'} halaman publik.",
        public=False,
        at=now,
    )
    photo.public = public
    transaction.on_commit(complaints_changed)
    return True


def complaints_changed() -> None:
    """Complaints changed: the cached public board is built again (bumped after the change commits)."""
    from pamong.core import versions

    versions.bump("complaints")


def complaint_merge(*, complaint: Complaint, into: Complaint, actor: Any, now: dt.datetime | None = None) -> Complaint:
    """Close a complaint as a duplicate of another about the same thing; its reporter follows the other one."""
    now = now or timezone.now()
    rule = Rule("staff")
    _check_actor(rule, complaint, actor, now)
    if into.pk == complaint.pk or into.kabkota_code != complaint.kabkota_code:
        raise DomainError("Pilih pengaduan lain di kabupaten/kota ini.", field="into")
    if into.rejection == Rejection.DUPLIKAT:
        raise DomainError(f"{into.code_display} sendiri sudah digabung; pilih pengaduan utamanya.", field="into")
    if complaint.status in (S.SELESAI, S.DITOLAK):
        raise DomainError("Pengaduan yang sudah ditutup tidak dapat digabung.", code="invalid_transition")
    from_status = complaint.status
    with transaction.atomic():
        updated = Complaint.objects.filter(pk=complaint.pk, status=from_status).update(
            status=S.DITOLAK,
            rejection=Rejection.DUPLIKAT,
            duplicate_of=into,
            finished_at=now,
            stage_due_at=None,
            overdue=False,
            updated_at=now,
        )
        if not updated:
            raise DomainError("Pengaduan ini baru saja diubah oleh petugas lain. Muat ulang halaman.", code="conflict")
        ComplaintChange.objects.create(
            complaint=complaint,
            from_status=from_status,
            to_status=S.DITOLAK,
            actor=actor,
            actor_label=_label(actor),
            note=f"Digabung dengan pengaduan {into.code_display} tentang hal yang sama; ikuti tindak lanjutnya "
            "di sana.",
            public=True,
            at=now,
        )
        complaint.refresh_from_db()
        reporter_notify(complaint=complaint, status=S.DITOLAK)
        transaction.on_commit(complaints_changed)
    return complaint


def complaints_weekly_digest(*, now: dt.datetime | None = None) -> int:
    """Each Monday, one e-mail to the head of every unit with overdue open complaints: how many, and the oldest
    ones. Sent once per unit per ISO week whatever how often the scheduler runs. Returns how many were sent."""
    from django.db import IntegrityError as Duplicate

    from pamong.complaints.models import OPEN_STATUSES, DigestSent
    from pamong.complaints.notify import unit_digest
    from pamong.organization.models import Employee

    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.weekday() != 0:
        return 0
    period = f"{local.isocalendar().year}-W{local.isocalendar().week:02d}"
    late = Complaint.objects.filter(status__in=OPEN_STATUSES, overdue=True)
    units = Unit.objects.filter(pk__in=late.order_by().values("unit_id").distinct())
    sent = 0
    for unit in units:
        head = (
            Employee.objects.filter(unit=unit, position__kind=Position.Kind.KEPALA, active=True)
            .exclude(email="")
            .first()
        )
        if head is None:
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(kind="pengaduan-terlambat", period=period, unit=unit)
                unit_digest(head=head, complaints=late.filter(unit=unit))
        except Duplicate:
            continue  # already sent this week
        sent += 1
    return sent
