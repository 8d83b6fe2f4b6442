"""Builders for the meetings tests (the people are the named actors of the root conftest)."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any

import pytest

from conftest import Padang, make_user
from pamong.accounts.models import Role, User
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


@pytest.fixture
def lurah_alang_laweh(padang: Padang) -> User:
    from conftest import make_employee, make_position

    head = make_position(padang.kantor_lurah_al, "Lurah", Position.Kind.KEPALA)
    return make_user("lurah_al", Role.KEPALA_UNIT, make_employee(padang.kantor_lurah_al, "Darmawan", head))


@pytest.fixture
def petugas_belakang_tangsi(padang: Padang) -> User:
    return make_user("petugas_bt", Role.PETUGAS, padang.staf_bt)
