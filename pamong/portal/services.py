"""Writes for announcements. Every write bumps the "portal" version after it commits, so cached portal pages
show it at once. Who may: ``rules.py``; the status moves through ``MACHINE`` (pamong.core.transitions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from pamong.core import gate, versions
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.transitions import Done, Field, Machine, Transition
from pamong.meetings.richtext import sanitize
from pamong.organization.models import Unit
from pamong.portal.models import Announcement, AnnouncementChange, Kind, Status

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


def _portal_changed(done: Done) -> None:
    portal_changed()


S = Status
_publish: dict[str, Any] = {"after": (_portal_changed,), "refusal": "Anda tidak berwenang mengubah pengumuman ini."}
MACHINE = Machine(
    model=Announcement,
    history=AnnouncementChange,
    noun="Pengumuman",
    statuses=Status,
    transitions=[
        Transition((S.DRAF,), S.TERBIT, "Terbitkan", "portal.publish", **_publish),
        Transition(
            (S.TERBIT,),
            S.DITARIK,
            "Tarik dari portal",
            "portal.publish",
            fields=(Field("note", "Alasan penarikan", message="Tuliskan alasan penarikan pengumuman."),),
            style="danger",
            **_publish,
        ),
        Transition((S.DITARIK,), S.DRAF, "Jadikan draf lagi", "portal.publish", style="secondary", **_publish),
    ],
)


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
    gate.require(actor, "portal.post", unit, "Anda tidak berwenang menulis pengumuman untuk unit ini.")
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
    # Created, not moved: the first history row is written here, with the author's post at the time.
    AnnouncementChange.objects.create(
        announcement=announcement,
        kabkota_code=announcement.kabkota_code,
        from_status="",
        to_status=Status.DRAF,
        at=timezone.now(),
        **actor_fields(actor),
    )
    transaction.on_commit(portal_changed)
    return announcement


@transaction.atomic
def announcement_update(*, actor: Any, announcement: Announcement, data: AnnouncementData) -> Announcement:
    """Correct an announcement; the values before the correction are kept in a change row."""
    gate.require(actor, "portal.edit", announcement, "Anda tidak berwenang mengubah pengumuman ini.")
    values = _clean(data)
    old = {f: getattr(announcement, f) for f in EDITABLE if getattr(announcement, f) != values[f]}
    if not old:
        return announcement
    changed = Announcement.objects.filter(pk=announcement.pk, updated_at=announcement.updated_at).update(
        **values, updated_at=timezone.now()
    )
    if not changed:
        raise DomainError(
            "Pengumuman ini baru saja diubah oleh orang lain. Muat ulang halaman lalu ulangi.", code="conflict"
        )
    # A correction moves no status: from and to stay blank; the values before it are kept.
    AnnouncementChange.objects.create(
        announcement=announcement,
        kabkota_code=announcement.kabkota_code,
        note="Koreksi isi",
        old_values={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in old.items()},
        at=timezone.now(),
        **actor_fields(actor),
    )
    announcement.refresh_from_db()
    transaction.on_commit(portal_changed)
    return announcement


def announcement_transition(
    *, actor: Any, announcement: Announcement, to_status: str, note: str = "", seen: str | None = None
) -> None:
    """Publish, withdraw or take back to draft (see ``MACHINE``). ``seen``: the status the user saw."""
    now = timezone.now()
    changes: dict[str, Any] = {"updated_at": now}
    if to_status == Status.TERBIT:
        changes["published_at"] = now
    MACHINE.perform(announcement, to=to_status, actor=actor, values={"note": note}, seen=seen, changes=changes, now=now)
