"""The operations status: what an operator (or a monitor) needs to know to trust that Pamong works right now.

``status_report()`` runs every check and never raises: a check that cannot run (the database is away) is itself
the finding. The staff page (*Status operasional*), the JSON endpoint and the optional Prometheus text all render
this one report. ``/healthz`` stays bare (the process answers) and does not use it.

Each check has a level: ``ok``, ``warning`` (someone should look today) or ``critical`` (something users notice
is broken or soon will be). The JSON endpoint answers 503 when any check is critical, so a plain HTTP monitor
can alert on it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from pamong.ops.models import WorkerHeartbeat

OK, WARNING, CRITICAL = "ok", "warning", "critical"
LEVEL_ORDER = {OK: 0, WARNING: 1, CRITICAL: 2}
LEVEL_LABELS = {OK: "Baik", WARNING: "Perlu diperiksa", CRITICAL: "Bermasalah"}

# A queue whose oldest task waits longer than this is behind (retries waiting for their time do not count).
QUEUE_WARN = dt.timedelta(minutes=10)
QUEUE_CRITICAL = dt.timedelta(hours=1)
# The sweeps run every SWEEP_INTERVAL (15 minutes); an hour without one means the scheduler or its worker stopped.
SWEEP_WARN = dt.timedelta(hours=1)
# The indicators are built once a night.
INDICATORS_WARN = dt.timedelta(hours=36)
# Free space under MEDIA_ROOT: uploads and letters fail when it runs out.
DISK_WARN_FRACTION, DISK_WARN_BYTES = 0.10, 2 * 1024**3
DISK_CRITICAL_FRACTION, DISK_CRITICAL_BYTES = 0.02, 200 * 1024**2

SWEEP_TASK = "pamong.servicerequests.tasks.sweep_overdue_requests"
INDICATORS_TASK = "pamong.kinerja.tasks.build_indicators"


@dataclass
class Check:
    key: str
    label: str
    level: str
    summary: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


@dataclass
class Report:
    checks: list[Check]
    generated_at: dt.datetime
    duration_ms: float

    @property
    def level(self) -> str:
        return max((check.level for check in self.checks), key=LEVEL_ORDER.__getitem__, default=OK)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.level,
            "generated_at": self.generated_at.isoformat(),
            "duration_ms": round(self.duration_ms, 1),
            "checks": {
                check.key: {"status": check.level, "summary": check.summary, **check.values} for check in self.checks
            },
        }


def _age(since: dt.datetime | None, now: dt.datetime) -> float | None:
    return None if since is None else round(max(0.0, (now - since).total_seconds()), 1)


def duration_text(seconds: float | None) -> str:
    """A short Indonesian duration: "45 detik", "12 menit", "3 jam", "2 hari"."""
    if seconds is None:
        return "—"
    if seconds < 90:
        return f"{int(seconds)} detik"
    if seconds < 90 * 60:
        return f"{int(seconds // 60)} menit"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)} jam"
    return f"{int(seconds // 86400)} hari"


def _bytes_text(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.1f} {unit}".replace(".", ",")
        size /= 1024
    return ""  # pragma: no cover


def check_database() -> Check:
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    ms = (time.monotonic() - started) * 1000
    return Check(
        "database",
        "Basis data",
        OK,
        f"{connection.vendor} menjawab dalam {ms:.0f} ms",
        {"vendor": connection.vendor, "latency_ms": round(ms, 1)},
    )


def check_cache() -> Check:
    key = f"ops:status:{get_random_string(12)}"
    started = time.monotonic()
    cache.set(key, "1", 30)
    found = cache.get(key) == "1"
    cache.delete(key)
    ms = (time.monotonic() - started) * 1000
    backend = str(settings.CACHES["default"]["BACKEND"]).rsplit(".", 1)[-1]
    if not found:
        return Check(
            "cache", "Cache", CRITICAL, f"{backend}: nilai yang disimpan tidak terbaca lagi", {"backend": backend}
        )
    return Check(
        "cache", "Cache", OK, f"{backend} menjawab dalam {ms:.0f} ms", {"backend": backend, "latency_ms": round(ms, 1)}
    )


def _live_workers(now: dt.datetime) -> list[WorkerHeartbeat]:
    lease = dt.timedelta(seconds=settings.PAMONG_WORKER_LEASE)
    return list(WorkerHeartbeat.objects.filter(seen_at__gte=now - lease))


def _serves(worker: WorkerHeartbeat, queue: str) -> bool:
    queues = worker.queues.split(",")
    return "*" in queues or queue in queues


def check_queues(now: dt.datetime) -> list[Check]:
    """One check per task queue: tasks waiting (due now), the age of the oldest, running, failed in 24 h, and
    whether a live worker serves it."""
    due = Q(status=TaskResultStatus.READY) & (Q(run_after__lte=now) | Q(run_after=get_date_max()))
    rows: dict[str, dict[str, Any]] = {
        str(row["queue_name"]): dict(row)
        for row in DBTaskResult.objects.values("queue_name").annotate(
            ready=Count("pk", filter=due),
            oldest=Min("enqueued_at", filter=due),
            waiting=Count("pk", filter=Q(status=TaskResultStatus.READY) & ~due),
            running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
            failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - dt.timedelta(days=1))),
        )
    }
    workers = _live_workers(now)
    checks = []
    for queue in settings.TASK_QUEUES:
        row = rows.get(queue, {})
        ready, running, failed = row.get("ready", 0), row.get("running", 0), row.get("failed", 0)
        oldest_age = _age(row.get("oldest"), now)
        serving = [w.worker_id for w in workers if _serves(w, queue)]
        values = {
            "ready": ready,
            "oldest_ready_age_seconds": oldest_age,
            "scheduled_retries": row.get("waiting", 0),
            "running": running,
            "failed_24h": failed,
            "workers": len(serving),
        }
        parts = [f"{ready} menunggu"]
        if ready:
            parts.append(f"tertua {duration_text(oldest_age)}")
        parts += [f"{running} berjalan", f"{failed} gagal dalam 24 jam", f"{len(serving)} pekerja hidup"]
        level = OK
        if oldest_age is not None and oldest_age > QUEUE_CRITICAL.total_seconds():
            level = CRITICAL
        elif oldest_age is not None and oldest_age > QUEUE_WARN.total_seconds():
            level = WARNING
        if not serving:
            level = CRITICAL if ready else max(level, WARNING, key=LEVEL_ORDER.__getitem__)
            parts.append("tidak ada pekerja untuk antrean ini")
        if failed:
            level = max(level, WARNING, key=LEVEL_ORDER.__getitem__)
        checks.append(Check(f"queue_{queue}", f"Antrean {queue}", level, ", ".join(parts), values))
    return checks


def check_workers(now: dt.datetime) -> Check:
    """Every registered worker and how long since its last heartbeat; a worker silent for longer than the lease
    is taken for dead (its tasks are queued again)."""
    lease = float(settings.PAMONG_WORKER_LEASE)
    workers = list(WorkerHeartbeat.objects.all())
    listed = [
        {
            "worker_id": w.worker_id,
            "queues": w.queues,
            "hostname": w.hostname,
            "pid": w.pid,
            "started_at": w.started_at.isoformat(),
            "heartbeat_age_seconds": _age(w.seen_at, now),
            "alive": (_age(w.seen_at, now) or 0) <= lease,
        }
        for w in workers
    ]
    alive = sum(1 for w in listed if w["alive"])
    silent = len(listed) - alive
    last = max((w.seen_at for w in workers), default=None)
    summary = f"{alive} pekerja hidup"
    if silent:
        summary += f", {silent} tidak berdetak lebih dari {duration_text(lease)}"
    if last is not None:
        summary += f"; detak terakhir {duration_text(_age(last, now))} lalu"
    level = OK if alive else CRITICAL
    if alive and silent:
        level = WARNING
    values = {"alive": alive, "silent": silent, "last_heartbeat_age_seconds": _age(last, now), "workers": listed}
    return Check("workers", "Pekerja antrean (heartbeat)", level, summary, values)


def _last_finished(task_path: str) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the task last succeeded and last failed."""
    found = DBTaskResult.objects.filter(task_path=task_path).aggregate(
        ok=Max("finished_at", filter=Q(status=TaskResultStatus.SUCCESSFUL)),
        failed=Max("finished_at", filter=Q(status=TaskResultStatus.FAILED)),
    )
    return found["ok"], found["failed"]


def _task_check(
    key: str, label: str, task_path: str, now: dt.datetime, warn_after: dt.timedelta, extra: Callable[[], str] | None
) -> Check:
    ok_at, failed_at = _last_finished(task_path)
    age = _age(ok_at, now)
    values = {"last_success": ok_at.isoformat() if ok_at else None, "last_success_age_seconds": age}
    values["last_failure"] = failed_at.isoformat() if failed_at else None
    if ok_at is None:
        summary, level = "belum pernah berhasil (tercatat 14 hari terakhir)", WARNING
    else:
        summary = f"terakhir berhasil {duration_text(age)} lalu"
        level = WARNING if now - ok_at > warn_after else OK
    if failed_at and (ok_at is None or failed_at > ok_at):
        summary += f"; gagal {duration_text(_age(failed_at, now))} lalu"
        level = WARNING
    if extra is not None:
        summary += f"; {extra()}"
    return Check(key, label, level, summary, values)


def check_sweep(now: dt.datetime) -> Check:
    return _task_check("sweep", "Penyisiran permohonan terlambat", SWEEP_TASK, now, SWEEP_WARN, None)


def check_indicators(now: dt.datetime) -> Check:
    from pamong.kinerja.models import UnitDay

    def data_until() -> str:
        last_day = UnitDay.objects.aggregate(last=Max("day"))["last"]
        return f"data sampai {last_day:%d-%m-%Y}" if last_day else "belum ada data indikator"

    return _task_check("indicators", "Penyusunan indikator harian", INDICATORS_TASK, now, INDICATORS_WARN, data_until)


def check_disk() -> Check:
    root = Path(settings.MEDIA_ROOT)
    probe = root
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent  # MEDIA_ROOT not created yet: the disk it will be on
    usage = shutil.disk_usage(probe)
    fraction = usage.free / usage.total if usage.total else 0.0
    values = {"path": str(root), "free_bytes": usage.free, "total_bytes": usage.total, "free_ratio": round(fraction, 4)}
    level = OK
    if fraction < DISK_CRITICAL_FRACTION or usage.free < DISK_CRITICAL_BYTES:
        level = CRITICAL
    elif fraction < DISK_WARN_FRACTION or usage.free < DISK_WARN_BYTES:
        level = WARNING
    summary = f"{_bytes_text(usage.free)} bebas dari {_bytes_text(usage.total)} ({fraction:.0%}) di {root}"
    return Check("disk", "Ruang disk MEDIA_ROOT", level, summary, values)


def check_holidays(now: dt.datetime) -> Check:
    """This year must have holiday rows (deadlines are refused without them); from 1 October next year too."""
    from pamong.ops.holidays import holiday_warning_due, local_today
    from pamong.workdays.selectors import years_with_holidays

    this = local_today(now).year
    known = years_with_holidays(this, this + 1)
    values = {"this_year": this in known, "next_year": this + 1 in known}
    if this not in known:
        return Check("holidays", "Hari libur", CRITICAL, f"hari libur {this} belum diisi: batas waktu ditolak", values)
    if this + 1 not in known:
        level = WARNING if holiday_warning_due(now) else OK
        return Check("holidays", "Hari libur", level, f"hari libur {this + 1} belum diisi (seed_holidays)", values)
    return Check("holidays", "Hari libur", OK, f"hari libur {this} dan {this + 1} sudah diisi", values)


def _guarded(key: str, label: str, run: Callable[[], Check | list[Check]]) -> list[Check]:
    try:
        result = run()
    except Exception as exc:  # the finding is that the check could not run
        reason = " ".join(str(exc).split())[:200]
        return [Check(key, label, CRITICAL, f"tidak dapat diperiksa: {type(exc).__name__}: {reason}")]
    return result if isinstance(result, list) else [result]


def status_report(*, now: dt.datetime | None = None) -> Report:
    started = time.monotonic()
    now = now or timezone.now()
    database = _guarded("database", "Basis data", check_database)
    checks = [*database, *_guarded("cache", "Cache", check_cache)]
    if database[0].level == OK:
        checks += _guarded("queues", "Antrean tugas", lambda: check_queues(now))
        checks += _guarded("workers", "Pekerja antrean (heartbeat)", lambda: check_workers(now))
        checks += _guarded("sweep", "Penyisiran permohonan terlambat", lambda: check_sweep(now))
        checks += _guarded("indicators", "Penyusunan indikator harian", lambda: check_indicators(now))
        checks += _guarded("holidays", "Hari libur", lambda: check_holidays(now))
    checks += _guarded("disk", "Ruang disk MEDIA_ROOT", check_disk)
    return Report(checks=checks, generated_at=now, duration_ms=(time.monotonic() - started) * 1000)


def prometheus_text(report: Report) -> str:
    """The report as Prometheus text exposition (gauges only; scraped with the status token)."""
    lines = [
        "# HELP pamong_check_status 0 ok, 1 warning, 2 critical",
        "# TYPE pamong_check_status gauge",
    ]
    lines += [f'pamong_check_status{{check="{c.key}"}} {LEVEL_ORDER[c.level]}' for c in report.checks]
    gauges: list[tuple[str, str, Any]] = []
    for c in report.checks:
        if c.key.startswith("queue_"):
            queue = c.key.removeprefix("queue_")
            for name in ("ready", "running", "failed_24h", "workers"):
                gauges.append((f"pamong_queue_{name}", f'queue="{queue}"', c.values.get(name)))
            gauges.append(
                (
                    "pamong_queue_oldest_ready_age_seconds",
                    f'queue="{queue}"',
                    c.values.get("oldest_ready_age_seconds") or 0,
                )
            )
        elif c.key == "workers":
            gauges.append(("pamong_workers_alive", "", c.values.get("alive")))
            gauges.append(("pamong_worker_last_heartbeat_age_seconds", "", c.values.get("last_heartbeat_age_seconds")))
        elif c.key in ("sweep", "indicators"):
            gauges.append((f"pamong_{c.key}_last_success_age_seconds", "", c.values.get("last_success_age_seconds")))
        elif c.key == "disk":
            gauges.append(("pamong_media_free_bytes", "", c.values.get("free_bytes")))
            gauges.append(("pamong_media_total_bytes", "", c.values.get("total_bytes")))
        elif c.key in ("database", "cache") and "latency_ms" in c.values:
            gauges.append((f"pamong_{c.key}_latency_seconds", "", c.values["latency_ms"] / 1000))
    declared: set[str] = set()
    # The samples of one metric stay together (the exposition format requires it).
    for name, labels, value in sorted(gauges, key=lambda gauge: gauge[0]):
        if value is None:
            continue
        if name not in declared:
            lines.append(f"# TYPE {name} gauge")
            declared.add(name)
        number = float(value)
        shown = str(int(number)) if number.is_integer() else repr(number)
        lines.append(f"{name}{{{labels}}} {shown}" if labels else f"{name} {shown}")
    return "\n".join(lines) + "\n"
