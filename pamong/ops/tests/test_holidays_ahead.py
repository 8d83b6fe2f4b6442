"""From 1 October the scheduler warns admins (by e-mail, once a week) while next year has no holiday rows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.notifications.models import Notification
from pamong.ops.holidays import holidays_warn_next_year
from pamong.ops.schedule import default_jobs, run_job
from pamong.testing import Padang, make_user
from pamong.workdays.models import Holiday
from pamong.workdays.testing import seed_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def admins(padang: Padang, admin_diskominfo: User, pimpinan_padang: User) -> list[User]:
    admin_diskominfo.email = "admin@padang.go.id"
    admin_diskominfo.save()
    pimpinan_padang.email = "kabag@padang.go.id"
    pimpinan_padang.save()
    kedua = make_user("admin2", Role.ADMIN)
    kedua.email = "diskominfo@padang.go.id"
    kedua.save()
    return [admin_diskominfo, kedua]


def warnings() -> list[Notification]:
    return list(Notification.objects.filter(reference__startswith="hari-libur:").order_by("recipient"))


def test_admins_are_warned_from_october_while_next_year_is_empty(admins: list[User]) -> None:
    this = timezone.localdate().year
    seed_calendar(this)
    Holiday.objects.filter(date__year=this + 1).delete()
    with time_machine.travel(dt.datetime(this, 9, 30, 3, tzinfo=dt.UTC)):
        assert holidays_warn_next_year() == 0
    with time_machine.travel(dt.datetime(this, 10, 1, 3, tzinfo=dt.UTC)):  # 1 October, 10:00 WIB
        assert holidays_warn_next_year() == 2
        assert holidays_warn_next_year() == 0  # the scheduler runs again: nothing more
    sent = warnings()
    assert [n.recipient for n in sent] == ["admin@padang.go.id", "diskominfo@padang.go.id"]  # not the pimpinan
    assert sent[0].subject == f"Hari libur {this + 1} belum diisi"
    assert f"manage.py seed_holidays {this + 1}" in sent[0].body
    assert "periksa SKB" in sent[0].body
    with time_machine.travel(dt.datetime(this, 10, 9, 3, tzinfo=dt.UTC)):  # a week later, still empty
        assert holidays_warn_next_year() == 2
    seed_calendar(this + 1)
    with time_machine.travel(dt.datetime(this, 10, 20, 3, tzinfo=dt.UTC)):
        assert holidays_warn_next_year() == 0


def test_the_scheduler_runs_the_check_with_the_sweeps(admins: list[User]) -> None:
    this = timezone.localdate().year
    seed_calendar(this)
    Holiday.objects.filter(date__year=this + 1).delete()
    (job,) = [job for job in default_jobs(sweep_every=900) if job.name == "holidays_ahead"]
    with time_machine.travel(dt.datetime(this, 11, 2, 3, tzinfo=dt.UTC)):
        assert run_job(job)
    assert len(warnings()) == 2
