"""The operations status: the staff page in Indonesian, the JSON for a monitor (token or staff), the optional
Prometheus text, and the checks themselves (queue backlog and its oldest task, heartbeats, sweeps, disk)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pamong.accounts.models import User
from pamong.ops import health
from pamong.ops.models import WorkerHeartbeat
from pamong.testing import Padang

pytestmark = pytest.mark.django_db
PAGE = reverse("ops:status")
JSON = reverse("ops:status_json")
METRICS = reverse("ops:metrics")


def make_task(
    *, queue: str, status: str, enqueued_ago: dt.timedelta, path: str = "pamong.x.tasks.y", **extra: Any
) -> None:
    row = DBTaskResult.objects.create(
        task_path=path,
        queue_name=queue,
        backend_name="default",
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        run_after=extra.pop("run_after", timezone.now() - enqueued_ago),
        **extra,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - enqueued_ago)


def beat(worker_id: str, queues: str, ago: dt.timedelta) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, queues=queues, hostname="srv", pid=1, started_at=now - ago, seen_at=now - ago
    )


def checks(report: health.Report) -> dict[str, health.Check]:
    return {check.key: check for check in report.checks}


def test_admin_and_pimpinan_see_the_status_page_in_indonesian(
    client: Client, admin_diskominfo: User, pimpinan_padang: User
) -> None:
    for user in (admin_diskominfo, pimpinan_padang):
        client.force_login(user)
        response = client.get(PAGE)
        assert response.status_code == 200
        text = response.content.decode()
        for label in ("Status operasional", "Basis data", "Antrean sms", "Pekerja antrean", "Ruang disk MEDIA_ROOT"):
            assert label in text
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_other_staff_and_strangers_do_not_get_the_status(
    client: Client, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    for user in (lurah_belakang_pondok, petugas_belakang_pondok):
        client.force_login(user)
        assert client.get(PAGE).status_code == 404
        assert client.get(JSON).status_code == 403
    client.logout()
    assert client.get(JSON).status_code == 403
    assert client.get(JSON, headers={"Authorization": "Bearer salah"}).status_code == 403


@override_settings(PAMONG_STATUS_TOKEN="token-pemantau")
def test_a_monitor_reads_the_json_with_the_token(client: Client, padang: Padang) -> None:
    beat("srv-1", "*", dt.timedelta(seconds=1))
    response = client.get(JSON, headers={"Authorization": "Bearer token-pemantau"})
    body = response.json()
    assert set(body["checks"]) >= {
        "database", "cache", "queue_default", "queue_sms", "queue_email", "queue_pdf",
        "workers", "sweep", "indicators", "holidays", "disk",
    }  # fmt: skip
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["disk"]["free_bytes"] > 0
    assert response.status_code == (503 if body["status"] == "critical" else 200)
    # The token is only accepted as a header: a query string would be written to access logs.
    assert client.get(JSON, {"token": "token-pemantau"}).status_code == 403


def test_backlog_per_queue_and_the_age_of_its_oldest_task(padang: Padang) -> None:
    beat("srv-sms", "sms", dt.timedelta(seconds=2))
    make_task(queue="sms", status=TaskResultStatus.READY, enqueued_ago=dt.timedelta(minutes=25))
    make_task(queue="sms", status=TaskResultStatus.READY, enqueued_ago=dt.timedelta(minutes=1))
    # A retry waiting for its time is not backlog.
    make_task(
        queue="sms",
        status=TaskResultStatus.READY,
        enqueued_ago=dt.timedelta(hours=3),
        run_after=timezone.now() + dt.timedelta(minutes=30),
    )
    make_task(queue="email", status=TaskResultStatus.READY, enqueued_ago=dt.timedelta(minutes=2))
    found = checks(health.status_report())
    sms = found["queue_sms"]
    assert sms.values["ready"] == 2
    assert sms.values["scheduled_retries"] == 1
    assert 24 * 60 < sms.values["oldest_ready_age_seconds"] < 26 * 60
    assert sms.level == health.WARNING  # behind by more than ten minutes
    assert "tertua 25 menit" in sms.summary
    # Work waiting and nobody to do it: critical.
    assert found["queue_email"].level == health.CRITICAL
    assert "tidak ada pekerja" in found["queue_email"].summary
    assert health.status_report().level == health.CRITICAL


def test_a_silent_worker_is_reported(padang: Padang) -> None:
    beat("srv-hidup", "*", dt.timedelta(seconds=3))
    beat("srv-mati", "sms", dt.timedelta(minutes=5))
    workers = checks(health.status_report())["workers"]
    assert workers.values["alive"] == 1
    assert workers.values["silent"] == 1
    assert workers.level == health.WARNING
    WorkerHeartbeat.objects.filter(pk="srv-hidup").delete()
    assert checks(health.status_report())["workers"].level == health.CRITICAL


def test_last_sweep_and_last_indicator_build(padang: Padang) -> None:
    found = checks(health.status_report())
    assert found["sweep"].level == health.WARNING
    assert "belum pernah berhasil" in found["sweep"].summary
    make_task(
        queue="default",
        status=TaskResultStatus.SUCCESSFUL,
        enqueued_ago=dt.timedelta(minutes=6),
        path=health.SWEEP_TASK,
        finished_at=timezone.now() - dt.timedelta(minutes=5),
    )
    make_task(
        queue="default",
        status=TaskResultStatus.SUCCESSFUL,
        enqueued_ago=dt.timedelta(hours=50),
        path=health.INDICATORS_TASK,
        finished_at=timezone.now() - dt.timedelta(hours=49),
    )
    found = checks(health.status_report())
    assert found["sweep"].level == health.OK
    assert "5 menit lalu" in found["sweep"].summary
    assert found["indicators"].level == health.WARNING  # none last night
    assert "2 hari lalu" in found["indicators"].summary


def test_a_nearly_full_media_disk_is_critical(padang: Padang, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(
        shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(100 * 1024**3, 99 * 1024**3, 1024**3 // 2)
    )  # type: ignore[attr-defined]
    disk = checks(health.status_report())["disk"]
    assert disk.level == health.CRITICAL
    assert disk.values["free_bytes"] == 1024**3 // 2


def test_a_check_that_cannot_run_is_the_finding(padang: Padang, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> health.Check:
        raise ConnectionError("cache server refused")

    monkeypatch.setattr(health, "check_cache", broken)
    cache = checks(health.status_report())["cache"]
    assert cache.level == health.CRITICAL
    assert "ConnectionError" in cache.summary


def test_prometheus_text_is_off_by_default(client: Client, admin_diskominfo: User) -> None:
    client.force_login(admin_diskominfo)
    assert client.get(METRICS).status_code == 404
    with override_settings(PAMONG_METRICS=True):
        response = client.get(METRICS)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'pamong_check_status{check="database"} 0' in text
    assert 'pamong_queue_ready{queue="sms"}' in text
    assert "pamong_media_free_bytes" in text
    assert "e+" not in text  # byte counts in full
    # Each metric's samples are together, under one TYPE line (the exposition format refuses anything else).
    names = [line.split("{")[0].split(" ")[0] for line in text.splitlines() if not line.startswith("#")]
    runs = [name for i, name in enumerate(names) if i == 0 or names[i - 1] != name]
    assert len(runs) == len(set(runs))
    types = [line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")]
    assert len(types) == len(set(types)) == len(set(names))


def test_next_years_holidays_are_asked_for_from_october(padang: Padang) -> None:
    from pamong.workdays.models import Holiday
    from pamong.workdays.testing import seed_calendar

    this = timezone.localdate().year
    seed_calendar(this)
    Holiday.objects.filter(date__year=this + 1).delete()
    with time_machine.travel(dt.datetime(this, 9, 30, 12, tzinfo=dt.UTC)):
        assert checks(health.status_report())["holidays"].level == health.OK
    with time_machine.travel(dt.datetime(this, 10, 2, 12, tzinfo=dt.UTC)):
        holidays = checks(health.status_report())["holidays"]
    assert holidays.level == health.WARNING
    assert f"hari libur {this + 1} belum diisi" in holidays.summary
