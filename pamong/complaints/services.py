"""Writes for complaints: intake and every transition of the SP4N-LAPOR!-style flow.

Every step is declared once in ``MACHINE`` (pamong.core.transitions): from which statuses, to which, the verb
staff see, who may take it (``rules.py``), the fields it asks for. ``complaint_transition`` and
``complaint_merge`` compute what moves with the status (the next stage's deadline in working days in the handling
unit's time zone, the handling unit, the post it is given to) and perform the step: a conditional update (two
officers at once: the second is told it already changed) and one ComplaintChange row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from pamong.complaints.models import (
    OPEN_STATUSES,
    Category,
    CategoryField,
    Complaint,
    ComplaintChange,
    ComplaintPhoto,
    Rejection,
    Status,
)
from pamong.complaints.notify import reporter_notify
from pamong.core import gate, staging
from pamong.core.codes import new_code
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.storage import atomic_with_files
from pamong.core.transitions import Done, Field, Machine, Transition
from pamong.core.uploads import CleanFile
from pamong.organization.models import Position, Unit
from pamong.regions.models import Region
from pamong.workdays.services import deadline_after

S = Status
MAX_PHOTOS = 3
REOPEN_DAYS = 10  # the reporter may reopen a finished complaint for this many days
MERGE = "gabung"  # the key of the step that closes a complaint as a duplicate of another


def stage_days(stage: str) -> int:
    """Working days allowed for a stage; defaults from SP4N-LAPOR! (verification 3, forwarding 3, first follow-up
    5), changed in PAMONG_COMPLAINT_STAGE_DAYS."""
    return int(settings.PAMONG_COMPLAINT_STAGE_DAYS[stage])


# The stage whose clock starts when a complaint reaches a status (the follow-up runs to the completion deadline).
STAGE_AFTER = {S.DIVERIFIKASI: "disposisi", S.DIALIHKAN: "verifikasi", S.DIDISPOSISIKAN: "tindak_lanjut"}


def _notify(done: Done) -> None:
    if done.entry.to_status != done.from_status:
        reporter_notify(complaint=done.obj, status=done.entry.to_status)


def _board_changed(done: Done) -> None:
    complaints_changed()


ANSWER_MISSING = "Tuliskan alasan atau tanggapan untuk pelapor."
PUBLIC = "Tampil di halaman publik pengaduan; jangan tulis nama atau data pribadi."
INTERNAL_NOTE = Field("note", "Catatan internal", required=False, help="Hanya dilihat petugas.")
POSITION = Field("position", "Kepada jabatan", message="Pilih jabatan di unit ini yang menindaklanjuti.")
DIRECTION = Field("note", "Arahan (catatan internal)", required=False, help="Hanya dilihat petugas.")
UNIT = Field("unit", "Unit yang berwenang", message="Pilih unit lain di kabupaten/kota ini.")
WHY_TRANSFER = Field("note", "Alasan pengalihan untuk pelapor", help=PUBLIC, message=ANSWER_MISSING)
FOLLOW_UP = Field("note", "Tindak lanjut untuk pelapor", help=PUBLIC, message=ANSWER_MISSING)
RESULT = Field("note", "Hasil penyelesaian untuk pelapor", help=PUBLIC, message=ANSWER_MISSING)
REJECTION = Field("rejection", "Alasan penolakan", message="Pilih alasan penolakan.")
WHY_REJECT = Field("note", "Penjelasan untuk pelapor", help=PUBLIC, message=ANSWER_MISSING)
INTO = Field("into", "Kode pengaduan utama", message="Tuliskan kode pengaduan utama.")
STILL_WRONG = Field("note", "Apa yang belum selesai", message=ANSWER_MISSING)

_common: dict[str, Any] = {"effects": (_notify,), "after": (_board_changed,)}
_work: dict[str, Any] = {
    **_common,
    "refusal": "Hanya petugas unit yang menangani pengaduan ini yang dapat mengubahnya.",
}
_manage: dict[str, Any] = {
    **_common,
    "refusal": "Hanya kepala unit atau sekretaris yang dapat mendisposisikan atau mengalihkan.",
}

MACHINE = Machine(
    model=Complaint,
    history=ComplaintChange,
    noun="Pengaduan",
    statuses=Status,
    transitions=[
        Transition((S.BARU, S.DIALIHKAN), S.DIVERIFIKASI, "Verifikasi", "complaints.work", (INTERNAL_NOTE,), **_work),
        Transition(
            (S.DIVERIFIKASI,),
            S.DIDISPOSISIKAN,
            "Disposisikan ke pejabat",
            "complaints.manage",
            (POSITION, DIRECTION),
            **_manage,
        ),
        Transition(
            (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI),
            S.DITINDAKLANJUTI,
            "Catat tindak lanjut",
            "complaints.work",
            (FOLLOW_UP,),
            public=True,
            **_work,
        ),
        Transition((S.DITINDAKLANJUTI,), S.SELESAI, "Selesaikan", "complaints.work", (RESULT,), public=True, **_work),
        Transition(
            (S.BARU, S.DIVERIFIKASI),
            S.DIALIHKAN,
            "Alihkan ke unit lain",
            "complaints.manage",
            (UNIT, WHY_TRANSFER),
            public=True,
            style="secondary",
            **_manage,
        ),
        Transition(
            OPEN_STATUSES,
            S.DITOLAK,
            "Gabungkan dengan pengaduan yang sama",
            "complaints.work",
            (INTO,),
            public=True,
            style="secondary",
            key=MERGE,
            **_work,
        ),
        Transition(
            (S.BARU, S.DIVERIFIKASI, S.DIALIHKAN),
            S.DITOLAK,
            "Tolak pengaduan",
            "complaints.work",
            (REJECTION, WHY_REJECT),
            public=True,
            style="danger",
            **_work,
        ),
        Transition(
            (S.SELESAI,),
            S.DITINDAKLANJUTI,
            "Buka kembali",
            None,
            (STILL_WRONG,),
            public=True,
            refusal="Hanya pelapor yang dapat membuka kembali pengaduannya.",
            **_common,
        ),
    ],
)


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
    if actor is not None:  # staff enter it on the reporter's behalf
        gate.require(actor, "complaints.record", None, "Hanya pegawai unit yang dapat mencatat pengaduan.")
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
    who = actor_fields(actor)
    who["actor_label"] = who["actor_label"] or "Pelapor"
    try:
        with atomic_with_files():  # a rollback (storage, database, the same form twice) removes the stored photos
            for _attempt in range(5):
                complaint.code = new_code()
                if not Complaint.objects.filter(code=complaint.code).exists():
                    break
            complaint.save()
            staging.release_on_commit(report.photos)
            for photo in report.photos:
                ComplaintPhoto.objects.create(
                    complaint=complaint,
                    file=photo.content,
                    content_type=photo.content_type,
                    size=photo.size,
                    sha256=photo.sha256,
                )
            ComplaintChange.objects.create(
                complaint=complaint,
                kabkota_code=complaint.kabkota_code,
                from_status="",
                to_status=S.BARU,
                at=now,
                **who,
            )
            reporter_notify(complaint=complaint, status=S.BARU)
            transaction.on_commit(complaints_changed)
    except IntegrityError:
        existing = Complaint.objects.filter(submit_token=report.token).first()
        if existing is None:
            raise
        return existing, False
    return complaint, True


def reopen_allowed(complaint: Complaint, now: dt.datetime | None = None) -> bool:
    """The reporter may reopen a finished complaint for REOPEN_DAYS days."""
    now = now or timezone.now()
    return (
        complaint.status == S.SELESAI
        and complaint.finished_at is not None
        and now - complaint.finished_at <= dt.timedelta(days=REOPEN_DAYS)
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
    seen: str | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    """Move a complaint (see ``MACHINE``); ``actor`` None is the reporter reopening it. ``seen``: the status the
    officer saw when choosing the action."""
    now = now or timezone.now()
    from_status = complaint.status
    # Who may take the step is settled before the values are looked at.
    step = MACHINE.check(complaint, to=to_status, actor=actor, seen=seen)
    reopening = step.permission is None
    if reopening and not reopen_allowed(complaint, now):
        raise DomainError(
            f"Pengaduan hanya dapat dibuka kembali dalam {REOPEN_DAYS} hari setelah selesai. "
            "Sampaikan pengaduan baru bila masalahnya berulang.",
            code="late",
        )
    changes: dict[str, Any] = {"updated_at": now, "overdue": False}
    if to_status == S.DITOLAK:
        if rejection and (rejection not in Rejection.values or rejection == Rejection.DUPLIKAT):
            raise DomainError("Pilih alasan penolakan.", field="rejection")
        changes["rejection"] = rejection
    if position is not None and to_status == S.DIDISPOSISIKAN:
        if position.unit_id != complaint.unit_id:
            raise DomainError("Pilih jabatan di unit ini yang menindaklanjuti.", field="position")
        changes["position"] = position
    if unit is not None and to_status == S.DIALIHKAN:
        if unit.pk == complaint.unit_id or unit.kabkota_code != complaint.kabkota_code:
            raise DomainError("Pilih unit lain di kabupaten/kota ini.", field="unit")
        changes.update(unit=unit, position=None)
    handler = unit if to_status == S.DIALIHKAN and unit is not None else complaint.unit
    tz = handler.region.timezone  # the next stage is counted in the time zone of the office that has it
    if reopening:  # open again: the old rating no longer holds, the follow-up clock starts again
        changes.update(
            finished_at=None,
            rating=None,
            rating_comment="",
            stage_due_at=deadline_after(now, stage_days("tindak_lanjut"), tz),
        )
    elif to_status == S.DITINDAKLANJUTI:
        changes["stage_due_at"] = complaint.due_at
    elif to_status in STAGE_AFTER:
        changes["stage_due_at"] = deadline_after(now, stage_days(STAGE_AFTER[Status(to_status)]), tz)
    if to_status in (S.SELESAI, S.DITOLAK):
        changes.update(finished_at=now, stage_due_at=None)
    MACHINE.perform(
        complaint,
        to=to_status,
        actor=actor,
        values={
            "note": note,
            "rejection": rejection,
            "position": position.pk if position is not None else "",
            "unit": unit.pk if unit is not None else "",
        },
        seen=from_status,
        changes=changes,
        actor_label="Pelapor" if reopening else "",
        now=now,
    )
    return complaint


def complaint_merge(
    *, complaint: Complaint, into: Complaint, actor: Any, seen: str | None = None, now: dt.datetime | None = None
) -> Complaint:
    """Close a complaint as a duplicate of another about the same thing; its reporter follows the other one."""
    now = now or timezone.now()
    if complaint.status not in OPEN_STATUSES:
        raise DomainError("Pengaduan yang sudah ditutup tidak dapat digabung.", code="invalid_transition")
    MACHINE.check(complaint, to=S.DITOLAK, actor=actor, seen=seen, key=MERGE)
    if into.pk == complaint.pk or into.kabkota_code != complaint.kabkota_code:
        raise DomainError("Pilih pengaduan lain di kabupaten/kota ini.", field="into")
    if into.rejection == Rejection.DUPLIKAT:
        raise DomainError(f"{into.code_display} sendiri sudah digabung; pilih pengaduan utamanya.", field="into")
    MACHINE.perform(
        complaint,
        to=S.DITOLAK,
        key=MERGE,
        actor=actor,
        values={"into": into.code_display},
        seen=complaint.status,
        changes={
            "rejection": Rejection.DUPLIKAT,
            "duplicate_of": into,
            "finished_at": now,
            "stage_due_at": None,
            "overdue": False,
            "updated_at": now,
        },
        history={
            "note": f"Digabung dengan pengaduan {into.code_display} tentang hal yang sama; ikuti tindak lanjutnya "
            "di sana."
        },
        now=now,
    )
    return complaint


def _remark(complaint: Complaint, *, actor: Any, note: str, now: dt.datetime, label: str = "") -> ComplaintChange:
    """A history row that changes no status (from and to blank): the reporter's addition, a photo decision."""
    who = actor_fields(actor)
    if label:
        who["actor_label"] = label
    return ComplaintChange.objects.create(
        complaint=complaint,
        kabkota_code=complaint.kabkota_code,
        from_status="",
        to_status="",
        note=note,
        public=False,
        at=now,
        **who,
    )


def complaint_reply(*, complaint: Complaint, text: str, now: dt.datetime | None = None) -> ComplaintChange:
    """The reporter adds information to an open complaint. Seen by staff only (it may name people)."""
    text = text.strip()
    if complaint.status in (S.SELESAI, S.DITOLAK):
        raise DomainError("Pengaduan ini sudah ditutup. Buka kembali atau sampaikan pengaduan baru.", field="text")
    if len(text) < 5:
        raise DomainError("Tuliskan keterangan tambahan Anda.", field="text")
    return _remark(complaint, actor=None, label="Pelapor", note=text[:5000], now=now or timezone.now())


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
    gate.require(
        actor,
        "complaints.publish_photo",
        complaint,
        "Hanya petugas unit yang menangani pengaduan ini yang dapat memilih foto untuk halaman publik.",
    )
    if not ComplaintPhoto.objects.filter(pk=photo.pk, public=not public).update(public=public):
        return False
    number = list(complaint.photos.order_by("id").values_list("pk", flat=True)).index(photo.pk) + 1
    shown = "ditampilkan di" if public else "tidak lagi ditampilkan di"
    _remark(complaint, actor=actor, note=f"Foto {number} {shown} halaman publik.", now=now)
    photo.public = public
    transaction.on_commit(complaints_changed)
    return True


def complaints_changed() -> None:
    """Complaints changed: the cached public board is built again (bumped after the change commits)."""
    from pamong.core import versions

    versions.bump("complaints")


def complaints_weekly_digest(*, now: dt.datetime | None = None) -> int:
    """Each Monday, one e-mail to the head of every unit with overdue open complaints: how many, and the oldest
    ones. Sent once per unit per ISO week whatever how often the scheduler runs. Returns how many were sent."""
    from django.db import IntegrityError as Duplicate

    from pamong.complaints.models import DigestSent
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
