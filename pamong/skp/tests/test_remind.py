"""Raters are reminded once after a period ends about subordinates without a final assessment."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from pamong.accounts.models import User
from pamong.notifications.models import Notification
from pamong.skp.services import periods_just_ended, skp_remind_raters
from pamong.skp.testing import Kecamatan, rate
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_periods_just_ended() -> None:
    assert periods_just_ended(dt.date(2026, 10, 5)) == [(2026, 3)]
    assert periods_just_ended(dt.date(2027, 1, 10)) == [(2026, 4), (2026, 0)]
    assert periods_just_ended(dt.date(2026, 11, 25)) == []


def test_raters_are_reminded_once(padang: Padang, kecamatan: Kecamatan, lurah_belakang_pondok: User) -> None:
    for person, email in ((padang.lurah_bp, "lurah@example.id"), (kecamatan.kasi, "kasi@example.id")):
        person.email = email
        person.save()
    with time_machine.travel(dt.datetime(2026, 10, 5, 3, tzinfo=dt.UTC), tick=False):
        rate(padang.staf_bp, lurah_belakang_pondok, quarter=3)  # the lurah is done; the kasi is not
        Notification.objects.all().delete()
        assert skp_remind_raters() == 1
        note = Notification.objects.get()
        assert note.recipient == "kasi@example.id" and "Triwulan III 2026" in note.subject
        assert "- Andi" in note.body
        call_command("remind_skp")
        assert Notification.objects.count() == 1
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        assert skp_remind_raters() == 0  # no period just ended
