"""Test builders for meetings: a meeting, an action item, an evaluation visit, a photo with GPS data."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zoneinfo
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pamong.accounts.models import User
from pamong.meetings.models import ActionItem, Meeting, Visit
from pamong.meetings.services import (
    MeetingDraft,
    VisitDraft,
    action_item_create,
    meeting_create,
    visit_create,
)
from pamong.organization.models import Employee, Position, Unit

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def make_meeting(
    actor: User,
    unit: Unit,
    chair: Employee,
    *,
    title: str = "Rapat kerja bulanan",
    start: dt.datetime | None = None,
    employees: list[Employee] | None = None,
    positions: list[Position] | None = None,
    **kw: Any,
) -> Meeting:
    start = start or dt.datetime(2026, 3, 16, 9, tzinfo=WIB)
    draft = MeetingDraft(
        unit=unit,
        kind=kw.pop("kind", "rapat_kerja"),
        title=title,
        chair=chair,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place=kw.pop("place", "Aula kantor"),
        token=kw.pop("token", uuid.uuid4().hex),
        employees=employees or [],
        positions=positions or [],
        **kw,
    )
    meeting, _created = meeting_create(actor=actor, draft=draft)
    return meeting


def make_item(
    actor: User,
    owner: Employee,
    deadline: dt.date,
    *,
    meeting: Meeting | None = None,
    visit: Visit | None = None,
    title: str = "Perbarui data stunting",
    now: dt.datetime | None = None,
) -> ActionItem:
    return action_item_create(
        actor=actor,
        title=title,
        owner=owner,
        deadline=deadline,
        meeting=meeting,
        visit=visit,
        now=now or dt.datetime(2026, 3, 16, 12, tzinfo=WIB),
    )


def make_visit(
    actor: User, region: Any, *, day: dt.date = dt.date(2026, 3, 10), title: str = "Kunjungan kerja"
) -> Visit:
    visit, _created = visit_create(
        actor=actor, draft=VisitDraft(region=region, visited_on=day, title=title, token=uuid.uuid4().hex)
    )
    return visit


def photo_with_gps() -> SimpleUploadedFile:
    """A JPEG upload with a camera make and a GPS position in its EXIF data."""
    img = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"
    exif[0x8825] = {2: (0.0, 57.0, 0.0)}
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("temuan.jpg", buffer.getvalue(), content_type="image/jpeg")
