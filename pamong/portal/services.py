"""Writes for announcements. Every write bumps the "portal" version after it commits, so cached portal pages
show it at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pamong.accounts.models import Role
from pamong.core import versions
from pamong.core.errors import DomainError
from pamong.meetings.richtext import sanitize
from pamong.organization.models import Unit
from pamong.portal.models import TRANSITIONS, Announcement, AnnouncementChange, Kind, Status

EDITABLE = ("kind", "title", "body", "claim", "verdict", "source_url", "publish_from", "publish_until", "pinned")


@dataclass
class AnnouncementData:
    kind: str
    title: str
    body: str
    claim: str = ""
    verdict: str = ""
    source_url: str = ""
    publish_from: dt.date | None = None
    publish_until: dt.date | None = None
    pinned: bool = False


def portal_changed() -> None:
    versions.bump("portal")


def may_post(user: Any, unit: Unit) -> bool:
    """Kepala unit and sekretaris post for their own unit; pimpinan daerah for every unit of the kabupaten/kota."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.PIMPINAN_DAERAH:
        return Unit.objects.visible_to(user).filter(pk=unit.pk).exists()
    employee = getattr(user, "employee", None)
    return user.role in (Role.KEPALA_UNIT, Role.SEKRETARIS) and bool(
        employee and employee.active and employee.unit_id == unit.pk
    )


def _label(actor: Any) -> str:
    employee = getattr(actor, "employee", None)
    position = getattr(employee, "position", None)
    return f"{position.title if position else 'Petugas'} ({employee.full_name})" if employee else "Petugas"


def _clean(data: AnnouncementData) -> dict[str, Any]:
    body = sanitize(data.body)
    if not body:
        raise DomainError("Isi pengumuman wajib diisi.", field="body")
    if data.publish_from is None:
        raise DomainError("Tanggal mulai tayang wajib diisi.", field="publish_from")
    if data.publish_until is not None and data.publish_until < data.publish_from:
        raise DomainError("Tanggal akhir tayang tidak boleh sebelum tanggal mulai.", field="publish_until")
    values: dict[str, Any] = {
        "kind": data.kind,
        "title": data.title.strip(),
        "body": body,
        "claim": data.claim.strip(),
        "verdict": data.verdict,
        "source_url": data.source_url.strip(),
        "publish_from": data.publish_from,
        "publish_until": data.publish_until,
        "pinned": data.pinned,
    }
    if data.kind == Kind.KLARIFIKASI:
        if not values["claim"]:
            raise DomainError("Tuliskan isu atau kabar yang diklarifikasi.", field="claim")
        if not values["verdict"]:
            raise DomainError("Pilih kesimpulan klarifikasi.", field="verdict")
    else:
        values.update(claim="", verdict="")
    return values


@transaction.atomic
def announcement_create(*, actor: Any, unit: Unit, data: AnnouncementData, submit_token: str) -> Announcement:
    """A new draft. The same form sent twice (same token) gives the first announcement back."""
    if not may_post(actor, unit):
        raise DomainError("Anda tidak berwenang menulis pengumuman untuk unit ini.", field="unit", code="forbidden")
    existing = Announcement.objects.filter(submit_token=submit_token).first()
    if existing is not None:
        return existing
    values = _clean(data)
    try:
        with transaction.atomic():
            announcement = Announcement.objects.create(
                unit=unit, kabkota_code=unit.kabkota_code, created_by=actor, submit_token=submit_token, **values
            )
    except IntegrityError:
        return Announcement.objects.get(submit_token=submit_token)
    AnnouncementChange.objects.create(
        announcement=announcement,
        from_status="",
        to_status=Status.DRAF,
        actor=actor,
        actor_label=_label(actor),
        at=timezone.now(),
    )
    transaction.on_commit(portal_changed)
    return announcement


@transaction.atomic
def announcement_update(*, actor: Any, announcement: Announcement, data: AnnouncementData) -> Announcement:
    """Correct an announcement; the values before the correction are kept in a change row."""
    if not may_post(actor, announcement.unit):
        raise DomainError("Anda tidak berwenang mengubah pengumuman ini.", code="forbidden")
    values = _clean(data)
    old = {f: getattr(announcement, f) for f in EDITABLE if getattr(announcement, f) != values[f]}
    if not old:
        return announcement
    changed = Announcement.objects.filter(pk=announcement.pk, updated_at=announcement.updated_at).update(
        **values, updated_at=timezone.now()
    )
    if not changed:
        raise DomainError("Pengumuman ini sudah diubah oleh petugas lain. Muat ulang halaman lalu ulangi.")
    AnnouncementChange.objects.create(
        announcement=announcement,
        from_status=announcement.status,
        to_status=announcement.status,
        actor=actor,
        actor_label=_label(actor),
        note="Koreksi isi",
        old_values={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in old.items()},
        at=timezone.now(),
    )
    announcement.refresh_from_db()
    transaction.on_commit(portal_changed)
    return announcement


@transaction.atomic
def announcement_transition(*, actor: Any, announcement: Announcement, to_status: str, note: str = "") -> None:
    """Publish, withdraw or take back to draft, guarded by the transition table and the current status."""
    if not may_post(actor, announcement.unit):
        raise DomainError("Anda tidak berwenang mengubah pengumuman ini.", code="forbidden")
    current = announcement.status
    if to_status not in TRANSITIONS.get(current, frozenset()):
        raise DomainError("Perubahan status ini tidak diizinkan.", code="transition")
    if to_status == Status.DITARIK and not note.strip():
        raise DomainError("Tuliskan alasan penarikan pengumuman.", field="note")
    now = timezone.now()
    extra: dict[str, Any] = {"published_at": now} if to_status == Status.TERBIT else {}
    changed = Announcement.objects.filter(pk=announcement.pk, status=current).update(
        status=to_status, updated_at=now, **extra
    )
    if not changed:
        raise DomainError("Status pengumuman ini sudah diubah oleh petugas lain. Muat ulang halaman.", code="stale")
    AnnouncementChange.objects.create(
        announcement=announcement,
        from_status=current,
        to_status=to_status,
        actor=actor,
        actor_label=_label(actor),
        note=note.strip()[:500],
        at=now,
    )
    announcement.refresh_from_db()
    transaction.on_commit(portal_changed)
