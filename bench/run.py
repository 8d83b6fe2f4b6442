"""Pamong benchmarks: ``make bench`` prints a table of named measurements.

Uses only the project's own dependencies. Each measurement runs the real command or the real server:

* region import of all Indonesia (~91,600 rows) into an empty database, and a second run that changes nothing,
  on SQLite and on PostgreSQL;
* pages served by gunicorn with the production settings against PostgreSQL holding the demo data, under a
  closed-loop load from this process, each twice: cached, and cold (``PAMONG_PAGE_CACHE=0``: the whole-page
  cache off, fragment caches kept); ``/healthz`` (a bare view returning "ok") of the same server is the
  baseline every page is compared with as a ratio, measured in slices between the page's own;
* every page cold at the large size (1,000,000 requests, 200,000 complaints), one client at a time, p50 and p95.

PostgreSQL is taken from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pamong_bench); the
database is dropped and created again. Without a reachable server the PostgreSQL rows say so and are skipped.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pamong_bench")
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "8"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# "imports" runs only the region imports; "pages" only the demo-size pages, cached and cold; "attendance" only the
# attendance recap (PostgreSQL); "large" (or "kinerja") builds the large data at once and runs the indicator
# measurements and every page cold at that size (PostgreSQL); empty runs everything.
ONLY = os.environ.get("BENCH_ONLY", "")

BASE_ENV = {
    **os.environ,
    "SECRET_KEY": "pamong-bench-not-secret",
    "DEBUG": "0",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "PAMONG_REQUIRE_OTP": "0",
    "LOG_LEVEL": "WARNING",
    "PAMONG_TRACK_LIMIT": "100000000",  # the load comes from one address
}


@dataclass
class Row:
    name: str
    value: str
    target: str = ""
    note: str = ""


ROWS: list[Row] = []


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def manage(args: list[str], env: dict[str, str]) -> float:
    """Run a management command; return its wall time in seconds. Fail loudly with its output."""
    started = time.perf_counter()
    proc = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def import_seconds(env: dict[str, str]) -> tuple[float, float]:
    manage(["migrate", "--noinput", "-v0"], env)
    first = manage(["import_regions"], env)
    second = manage(["import_regions"], env)
    return first, second


def pg_available() -> bool:
    url = urlparse(PG_URL)
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 5432), timeout=2):
            return True
    except OSError:
        return False


def pg_recreate() -> None:
    import psycopg

    url = urlparse(PG_URL)
    name = url.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"unsafe benchmark database name: {name!r}")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def bench_imports() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**BASE_ENV, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
        say("region import, SQLite …")
        first, second = import_seconds(env)
    ROWS.append(Row("import_regions Indonesia, SQLite, empty db", f"{first:.1f} s", "< 30 s", "91,599 rows"))
    ROWS.append(Row("import_regions Indonesia, SQLite, re-run", f"{second:.1f} s", "", "0 new, 0 changed"))
    if not pg_available():
        ROWS.append(Row("import_regions Indonesia, PostgreSQL", "skipped", "< 30 s", f"no server at {PG_URL}"))
        return
    pg_recreate()
    say("region import, PostgreSQL …")
    first, second = import_seconds({**BASE_ENV, "DATABASE_URL": PG_URL})
    ROWS.append(Row("import_regions Indonesia, PostgreSQL, empty db", f"{first:.1f} s", "< 30 s", "91,599 rows"))
    ROWS.append(Row("import_regions Indonesia, PostgreSQL, re-run", f"{second:.1f} s", "", "0 new, 0 changed"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Load:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        return statistics.quantiles(self.latencies, n=100)[int(q) - 1] * 1000 if len(self.latencies) > 1 else 0.0


def load(port: int, path: str, seconds: float = LOAD_SECONDS, concurrency: int = CONCURRENCY, cookie: str = "") -> Load:
    """Closed-loop load: ``concurrency`` clients each send the next request when the last one is answered."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        mine: list[float] = []
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            began = time.perf_counter()
            try:
                headers = {"Host": "127.0.0.1"}
                if cookie:
                    headers["Cookie"] = cookie
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
            finally:
                conn.close()
            if ok:
                mine.append(time.perf_counter() - began)
            else:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Load(requests=len(latencies), seconds=time.perf_counter() - started, latencies=latencies, errors=errors[0])


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def load_pages(port: int, pages: list[tuple[str, str, str]], where: str) -> None:
    """Warm every worker, then load each page in turn; the first page is the baseline of the ratios."""
    for name, result, ratio in _loaded(port, pages):
        ROWS.append(Row(f"{name}, {where}", f"{result.throughput:,.0f} req/s", "", _load_note(result, ratio)))


# A page's ratio is taken against the baseline measured beside it: the page's load is cut into slices, each after a
# slice of the baseline, so that the machine's drift over a run of several minutes (another process, the CPU's
# clock) falls on both sides of the ratio instead of on the pages measured last.
SLICES = 4


def _sum(loads: list[Load]) -> Load:
    return Load(
        requests=sum(x.requests for x in loads),
        seconds=sum(x.seconds for x in loads),
        latencies=[t for x in loads for t in x.latencies],
        errors=sum(x.errors for x in loads),
    )


def _loaded(port: int, pages: list[tuple[str, str, str]]) -> list[tuple[str, Load, float]]:
    """Each page's load and its ratio to the baseline (the first page) measured in the slices beside it."""
    for _name, path, page_cookie in pages:
        load(port, path, seconds=1, cookie=page_cookie)
    (base_name, base_path, base_cookie), rest = pages[0], pages[1:]
    beside: list[Load] = []
    out = []
    for name, path, page_cookie in rest:
        say(f"load {path} for {LOAD_SECONDS:.0f} s, beside {base_path} …")
        mine: list[Load] = []
        theirs: list[Load] = []
        for _ in range(SLICES):
            theirs.append(load(port, base_path, seconds=LOAD_SECONDS / SLICES / 2, cookie=base_cookie))
            mine.append(load(port, path, seconds=LOAD_SECONDS / SLICES, cookie=page_cookie))
        result, baseline = _sum(mine), _sum(theirs)
        beside += theirs
        out.append((name, result, result.throughput / baseline.throughput))
    return [(base_name, _sum(beside), 1.0), *out]


def _load_note(result: Load, ratio: float) -> str:
    return f"p50 {result.pct(50):.1f} ms, p95 {result.pct(95):.1f} ms, {ratio:.2f} × baseline" + (
        f", {result.errors} errors" if result.errors else ""
    )


# Pages a cold visitor waits for: the whole-page cache off (PAMONG_PAGE_CACHE=0), fragment caches kept (as after a
# write elsewhere). Targets at the demo size, as shares of the /healthz baseline measured in the same server.
COLD_TARGET = 0.15
CACHED_PUBLIC_TARGET = 0.5


def load_cached_and_cold(env: dict[str, str], pages: list[tuple[str, str, str]], where: str) -> None:
    """Every page twice, from a server with the whole-page cache and from one without it, each against /healthz
    of the same server; the two rows of a page side by side."""
    results: dict[str, list[tuple[str, Load, float]]] = {}
    for mode, page_cache in (("cached", "1"), ("cold", "0")):
        port = free_port()
        proc = serve({**env, "PAMONG_PAGE_CACHE": page_cache}, port)
        try:
            say(f"pages, {mode} …")
            results[mode] = _loaded(port, pages)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    for (name, cached, cached_ratio), (_n, cold, cold_ratio) in zip(results["cached"], results["cold"], strict=True):
        baseline = name.startswith("baseline")
        public = not any(cookie for n, _p, cookie in pages if n == name)
        ROWS.append(
            Row(
                f"{name}, cached, {where}",
                f"{cached.throughput:,.0f} req/s",
                "" if baseline or not public else f"≥ {CACHED_PUBLIC_TARGET} ×",
                _load_note(cached, cached_ratio),
            )
        )
        ROWS.append(
            Row(
                f"{name}, cold, {where}",
                f"{cold.throughput:,.0f} req/s",
                "" if baseline else f"≥ {COLD_TARGET} ×",
                _load_note(cold, cold_ratio),
            )
        )


def every_page(code: str, cookie: str, boss_cookie: str) -> list[tuple[str, str, str]]:
    """The pages ``make bench`` measures (the README lists them), the /healthz baseline first."""
    return [
        ("baseline /healthz (bare view, no database)", "/healthz", ""),
        ("public home /", "/", ""),
        ("region browser /wilayah/13.71/", "/wilayah/13.71/", ""),
        ("service catalogue /layanan/", "/layanan/", ""),
        ("public tracking /lacak/<code>/", f"/lacak/{code}/", ""),
        ("staff inbox /permohonan/ (lurah)", "/permohonan/", cookie),
        ("public SKM results /survei/hasil/", "/survei/hasil/", ""),
        ("public complaint board /pengaduan/", "/pengaduan/", ""),
        ("public portal, kota /portal/", "/portal/", ""),
        ("public portal, kecamatan /portal/13.71.01/", "/portal/13.71.01/", ""),
        ("pimpinan dashboard /kinerja/", "/kinerja/", boss_cookie),
    ]


def bench_pages() -> None:
    if pg_available():
        env = {**BASE_ENV, "DATABASE_URL": PG_URL}
        where = "PostgreSQL"
        fresh = not (REUSE and _has_demo(env))
        if fresh:
            pg_recreate()
    else:
        tmp = tempfile.mkdtemp()
        env = {**BASE_ENV, "DATABASE_URL": f"sqlite:///{tmp}/pages.sqlite3"}
        where = "SQLite"
        fresh = True
    say(f"demo data for the page benchmarks ({where}) …")
    manage(["migrate", "--noinput", "-v0"], env)
    if fresh:
        manage(["load_demo"], env)
    manage(["collectstatic", "--noinput", "-v0"], env)
    session, code = _fixtures(env)
    boss, _code = _fixtures(env, "pimpinan")
    if ONLY != "pages":
        letter_times = _letter_seconds(env)
        ROWS.append(
            Row(
                f"letter PDF (WeasyPrint, kop, QR), {where}",
                f"{statistics.median(letter_times):.2f} s",
                "< 1 s",
                f"median of {len(letter_times)}, min {min(letter_times):.2f} s, max {max(letter_times):.2f} s",
            )
        )
    load_cached_and_cold(env, every_page(code, f"sessionid={session}", f"sessionid={boss}"), where)
    if ONLY == "pages":
        return
    bench_skm(env, where)
    bench_attendance(env, where)
    if COMPLAINTS and where == "PostgreSQL":
        bench_complaints(env, where)
    if LARGE_REQUESTS and where == "PostgreSQL":
        bench_large(env, where)


# BENCH_REUSE=1 keeps a database that already holds the data (the demo, or the large data of BENCH_ONLY=large)
# instead of dropping it and building it again; the generators only add what is missing.
REUSE = os.environ.get("BENCH_REUSE", "") not in ("", "0")


def _has_demo(env: dict[str, str]) -> bool:
    try:
        return _shell(env, _HAS_DEMO) == "yes"
    except subprocess.CalledProcessError:
        return False


_HAS_DEMO = """
from pamong.accounts.models import User
print("yes" if User.objects.filter(username="lurah").exists() else "no")
"""


LARGE_REQUESTS = int(os.environ.get("BENCH_REQUESTS", "1000000"))
COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "200000"))


def _get_ms(port: int, path: str) -> tuple[float, int, int]:
    """One GET: milliseconds, status, body size."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    conn.close()
    return elapsed, response.status, len(body)


def bench_complaints(env: dict[str, str], where: str) -> None:
    """Complaints at BENCH_COMPLAINTS (default 200,000): Open311 GET of 1,000 requests, and the public board."""
    say(f"{COMPLAINTS:,} complaints …")
    started = time.perf_counter()
    manage(["build_synthetic", "--employees", "0", "--complaints", str(COMPLAINTS)], env)
    built = time.perf_counter() - started
    port = free_port()
    proc = serve(env, port)  # as deployed (the page cache on): what an Open311 client polling the list gets
    try:
        for fmt in ("json", "xml"):
            path = f"/open311/v2/requests.{fmt}?jurisdiction_id=13.71"
            _get_ms(port, path)
            runs = sorted(_get_ms(port, path) for _ in range(10))
            ms = [r[0] for r in runs]
            status, size = runs[0][1], runs[0][2]
            ROWS.append(
                Row(
                    f"Open311 GET requests.{fmt}, 1,000 of {COMPLAINTS:,} complaints, {where}",
                    f"{statistics.median(ms):.0f} ms",
                    "< 300 ms",
                    f"median of 10, max {max(ms):.0f} ms, HTTP {status}, {size / 1024:,.0f} KB; "
                    f"data built in {built:.0f} s",
                )
            )
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    port = free_port()
    proc = serve({**env, "PAMONG_PAGE_CACHE": "0"}, port)  # cold: every visitor after a write waits for this
    try:
        pages = [
            ("baseline /healthz", "/healthz", ""),
            ("public complaint board /pengaduan/", "/pengaduan/", ""),
            ("public portal, kelurahan /portal/13.71.01.1001/", "/portal/13.71.01.1001/", ""),
        ]
        for name, result, ratio in _loaded(port, pages):
            ROWS.append(
                Row(
                    f"{name}, cold, {COMPLAINTS:,} complaints, {where}",
                    f"{result.pct(95):.0f} ms p95",
                    "" if name.startswith("baseline") else "≤ 150 ms",
                    _load_note(result, ratio),
                )
            )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bench_large(env: dict[str, str], where: str) -> None:
    """The service-request targets at full scale: BENCH_REQUESTS requests (default 1,000,000) across the demo
    kota, then the overdue sweep twice and the lurah's inbox and a tracking page under load."""
    say(f"{LARGE_REQUESTS:,} service requests (several minutes) …")
    started = time.perf_counter()
    manage(["build_synthetic", "--employees", "0", "--requests", str(LARGE_REQUESTS)], env)
    built = time.perf_counter() - started
    # The generator marks late requests itself; clear the marks so that the first sweep does the real work
    # (a backlog of every late request at once), then run it again: the second run must change nothing.
    _shell(env, _UNMARK)
    first = manage(["sweep_requests"], env)
    marked = _shell(env, _MARKED)
    second = manage(["sweep_requests"], env)
    ROWS.append(
        Row(
            f"sweep over {LARGE_REQUESTS:,} requests, first run, {where}",
            f"{first:.1f} s",
            "< 10 s",
            f"marks and escalates {int(marked):,} late requests; data built in {built:.0f} s",
        )
    )
    ROWS.append(
        Row(
            f"sweep over {LARGE_REQUESTS:,} requests, second run, {where}",
            f"{second:.1f} s",
            "< 10 s",
            "changes nothing (idempotent)",
        )
    )
    bench_kinerja(env, where)
    session, code = _fixtures(env)
    inbox_size = _shell(env, _INBOX_SIZE)
    port = free_port()
    proc = serve(env, port)
    try:
        cookie = f"sessionid={session}"
        pages = [
            ("baseline /healthz", "/healthz", ""),
            ("public tracking /lacak/<code>/", f"/lacak/{code}/", ""),
            (f"staff inbox /permohonan/ (lurah, {int(inbox_size):,} requests)", "/permohonan/", cookie),
        ]
        load_pages(port, pages, f"{LARGE_REQUESTS:,} requests, {where}")
        cold = _shell(env, _INBOX_COLD)
        ROWS.append(
            Row(
                f"staff inbox built without the page cache, {LARGE_REQUESTS:,} requests, {where}",
                f"{float(cold.split()[0]):.0f} ms",
                "< 150 ms",
                f"p50 of 20 in-process renders after every change, p95 {float(cold.split()[1]):.0f} ms",
            )
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# Status history for requests that have none (the generator makes the 1,000,000 requests without it): the path
# diajukan → … → the request's status, spread evenly from submission to finishing (5 hours a step for open ones);
# refused or returned requests go diajukan → diverifikasi → their status. One INSERT … SELECT on PostgreSQL.
_HISTORY = """
import time
from django.db import connection
sql = '''
WITH r AS (
  SELECT s.id, s.kabkota_code, s.status, s.submitted_at, s.finished_at,
         CASE s.status WHEN 'diajukan' THEN 1 WHEN 'diverifikasi' THEN 2 WHEN 'diproses' THEN 3
                       WHEN 'menunggu_ttd' THEN 4 WHEN 'selesai' THEN 5 ELSE 3 END AS steps
  FROM servicerequests_servicerequest s
  WHERE NOT EXISTS (SELECT 1 FROM servicerequests_statuschange c WHERE c.request_id = s.id)
), path AS (
  SELECT r.*, g,
         CASE WHEN r.status IN ('ditolak', 'dikembalikan') AND g = 3 THEN r.status
              ELSE (ARRAY['diajukan','diverifikasi','diproses','menunggu_ttd','selesai'])[g] END AS to_status
  FROM r, generate_series(1, r.steps) AS g
)
INSERT INTO servicerequests_statuschange
  (request_id, kabkota_code, public, from_status, to_status, actor_label, note, at)
SELECT id, kabkota_code, true,
       CASE WHEN g = 1 THEN '' ELSE (ARRAY['diajukan','diverifikasi','diproses','menunggu_ttd'])[g - 1] END,
       to_status, CASE WHEN g = 1 THEN 'Pemohon' ELSE 'Petugas' END, '',
       CASE WHEN g = 1 THEN submitted_at
            WHEN finished_at IS NOT NULL THEN submitted_at + (finished_at - submitted_at) * (g - 1) / (steps - 1)
            ELSE LEAST(submitted_at + (g - 1) * interval '5 hours', now()) END
FROM path
'''
started = time.perf_counter()
with connection.cursor() as cursor:
    cursor.execute(sql)
    made = cursor.rowcount
    cursor.execute("ANALYZE servicerequests_statuschange")
    cursor.execute("SELECT count(*) FROM servicerequests_statuschange")
    total = cursor.fetchone()[0]
print(made, total, time.perf_counter() - started)
"""

_KINERJA = """
import datetime as dt, statistics, time
from django.core.cache import caches
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from pamong.accounts.models import User
from pamong.kinerja.models import EmployeeDay, StageDwell, UnitDay
from pamong.kinerja.services import indicators_build
from pamong.servicerequests.models import ServiceRequest, StatusChange
today = timezone.localdate()
# The busiest finished day of the data (most requests submitted): its aggregates are built, then built again.
busiest = (ServiceRequest.objects.filter(kabkota_code="13.71", submitted_at__date__lt=today).order_by()
           .values("submitted_at__date").annotate(n=Count("pk")).order_by("-n")[0]["submitted_at__date"])
received = ServiceRequest.objects.filter(kabkota_code="13.71", submitted_at__date=busiest).count()
changes = StatusChange.objects.filter(request__kabkota_code="13.71", at__date=busiest).count()
def fingerprint():
    return [sorted(m.objects.filter(day=busiest).values_list(*[f.attname for f in m._meta.fields if f.name != "id"]),
                   key=repr) for m in (UnitDay, EmployeeDay, StageDwell)]
runs, prints = [], []
for _ in range(3):
    started = time.perf_counter()
    indicators_build(day=busiest, kabkota_code="13.71")
    runs.append(time.perf_counter() - started)
    prints.append(fingerprint())
same = "same" if prints[0] == prints[1] == prints[2] else "DIFFERENT"
rows = (UnitDay.objects.filter(day=busiest).count() + EmployeeDay.objects.filter(day=busiest).count()
        + StageDwell.objects.filter(day=busiest).count())
# A year of unit rows for the dashboard to read (copies of that day, where no row exists yet).
template = list(UnitDay.objects.filter(kabkota_code="13.71", day=busiest))
have = set(UnitDay.objects.filter(kabkota_code="13.71").values_list("unit_id", "day"))
copies = []
for i in range(1, 366):
    day = today - dt.timedelta(days=i)
    for row in template:
        if (row.unit_id, day) not in have:
            values = {f.attname: getattr(row, f.attname) for f in UnitDay._meta.fields if f.name != "id"}
            copies.append(UnitDay(**{**values, "day": day}))
UnitDay.objects.bulk_create(copies, batch_size=5000)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(User.objects.get(username="pimpinan"))
assert client.get("/kinerja/").status_code == 200
cold = []
for _ in range(20):
    caches["local"].clear()
    t = time.perf_counter(); client.get("/kinerja/"); cold.append((time.perf_counter() - t) * 1000)
cold.sort()
print(busiest, received, changes, rows, runs[0], max(runs[1:]), same, statistics.median(cold), cold[18],
      UnitDay.objects.count())
"""


def bench_kinerja_only() -> None:
    """BENCH_ONLY=large (or kinerja): the issue's data size at once (demo data, then BENCH_REQUESTS requests,
    BENCH_COMPLAINTS complaints, BENCH_SKM_RESPONSES SKM answers, 3,000 employees), then the indicator
    measurements and every page cold at that size. With BENCH_REUSE=1 a database that holds the demo is kept and
    only what is missing is built (nothing, the second time)."""
    env = {**BASE_ENV, "DATABASE_URL": PG_URL}
    fresh = not (REUSE and _has_demo(env))
    if fresh:
        pg_recreate()
    say("demo data, then the large synthetic data (several minutes) …")
    manage(["migrate", "--noinput", "-v0"], env)
    if fresh:
        manage(["load_demo"], env)
    manage(["collectstatic", "--noinput", "-v0"], env)
    started = time.perf_counter()
    manage(
        [
            "build_synthetic",
            "--employees",
            str(ATTENDANCE_EMPLOYEES),
            "--requests",
            str(LARGE_REQUESTS),
            "--complaints",
            str(COMPLAINTS),
            "--responses",
            str(SKM_RESPONSES),
        ],
        env,
    )
    say(f"data built in {time.perf_counter() - started:.0f} s")
    bench_kinerja(env, "PostgreSQL")


LANDING_ROLES = ("petugas", "lurah", "camat", "pimpinan")
SCALE_LOAD_SECONDS = float(os.environ.get("BENCH_SCALE_SECONDS", "10"))


def bench_scale_pages(env: dict[str, str], where: str) -> None:
    """Every page at the large data size, one client at a time, p50 and p95 over BENCH_SCALE_SECONDS a page, twice
    and side by side as at the demo size: cold (without the whole-page cache: the time a visitor waits for a page
    the cache does not hold; the targets) and cached."""
    session, code = _fixtures(env)
    boss, _code = _fixtures(env, "pimpinan")
    pages = every_page(code, f"sessionid={session}", f"sessionid={boss}")
    # Each role's landing (the meja kerja it opens after signing in), signed in as that demo account.
    for role in LANDING_ROLES:
        role_session = boss if role == "pimpinan" else session if role == "lurah" else _fixtures(env, role)[0]
        pages.append((f"landing /beranda/ ({role})", "/beranda/", f"sessionid={role_session}"))
    results: dict[str, list[Load]] = {}
    for mode, page_cache in (("cached", "1"), ("cold", "0")):
        port = free_port()
        proc = serve({**env, "PAMONG_PAGE_CACHE": page_cache}, port)
        try:
            for _name, path, cookie in pages:
                load(port, path, seconds=1, concurrency=WORKERS, cookie=cookie)
            results[mode] = []
            for _name, path, cookie in pages:
                say(f"{mode} {path} at scale for {SCALE_LOAD_SECONDS:.0f} s …")
                results[mode].append(load(port, path, seconds=SCALE_LOAD_SECONDS, concurrency=1, cookie=cookie))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    for (name, path, _cookie), cached, cold in zip(pages, results["cached"], results["cold"], strict=True):
        baseline = name.startswith("baseline")
        for mode, result in (("cached", cached), ("cold", cold)):
            target = "" if baseline or mode == "cached" else ("≤ 100 ms" if path == "/permohonan/" else "≤ 150 ms")
            ROWS.append(
                Row(
                    f"{name}, {mode}, {where}",
                    f"{result.pct(95):.0f} ms",
                    target,
                    f"p95 of {result.requests:,} one at a time, p50 {result.pct(50):.0f} ms"
                    + (f", {result.errors} errors" if result.errors else ""),
                )
            )


def bench_kinerja(env: dict[str, str], where: str) -> None:
    """Indicators at full scale: status history for every request, one day's aggregates, the pimpinan dashboard
    rebuilt in-process and served under load, and the public portal pages against the /healthz baseline."""
    say("status history for every request (SQL) …")
    made, total, seconds = _shell(env, _HISTORY).split()
    say("indicators: one day's aggregates, the dashboard …")
    busiest, received, changes, rows, first, again, same, cold50, cold95, unit_days = _shell(env, _KINERJA).split()
    ROWS.append(
        Row(
            f"indicators: one day's aggregates at {LARGE_REQUESTS:,} requests, {where}",
            f"{float(first):.1f} s",
            "< 30 s",
            f"the busiest day ({busiest}: {int(received):,} requests received, {int(changes):,} status changes), "
            f"every unit of the kota, {int(rows):,} rows; two re-runs, slower {float(again):.1f} s, {same} rows; "
            f"{int(made):,} history rows added in SQL first ({int(total):,} in all, {float(seconds):.0f} s)",
        )
    )
    ROWS.append(
        Row(
            f"pimpinan dashboard rebuilt without the page cache, {where}",
            f"{float(cold95):.0f} ms",
            "< 300 ms",
            f"p95 of 20 in-process renders (p50 {float(cold50):.0f} ms), {int(unit_days):,} unit-day rows "
            "(a year of copies of the busiest day)",
        )
    )
    session, _code = _fixtures(env, "pimpinan")
    port = free_port()
    proc = serve(env, port)
    try:
        pages = [
            ("baseline /healthz", "/healthz", ""),
            ("pimpinan dashboard /kinerja/", "/kinerja/", f"sessionid={session}"),
            ("public portal, kota /portal/", "/portal/", ""),
            ("public portal, kecamatan /portal/13.71.01/", "/portal/13.71.01/", ""),
        ]
        load_pages(port, pages, f"{LARGE_REQUESTS:,} requests, {where}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    bench_scale_pages(env, f"{LARGE_REQUESTS:,} requests, {COMPLAINTS:,} complaints, {where}")


_UNMARK = """
from pamong.demo.services import database_analyze
from pamong.servicerequests.models import ServiceRequest
print(ServiceRequest.objects.filter(overdue=True).update(overdue=False, escalated_to=None))
database_analyze()
"""

_MARKED = """
from pamong.servicerequests.models import ServiceRequest
print(ServiceRequest.objects.filter(overdue=True).count())
"""

_INBOX_SIZE = """
from pamong.accounts.models import User
from pamong.servicerequests.models import ServiceRequest
unit = User.objects.get(username="lurah").employee.unit
print(ServiceRequest.objects.filter(kabkota_code=unit.kabkota_code, unit=unit).count())
"""

_INBOX_COLD = """
import statistics, time
from django.core.cache import caches
from django.test import Client
from pamong.accounts.models import User
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(User.objects.get(username="lurah"))
client.get("/permohonan/")
times = []
for _ in range(20):
    caches["local"].clear()
    started = time.perf_counter()
    client.get("/permohonan/")
    times.append((time.perf_counter() - started) * 1000)
times.sort()
print(statistics.median(times), times[18])
"""


SKM_RESPONSES = int(os.environ.get("BENCH_SKM_RESPONSES", "100000"))

_SKM = """
import time, statistics
from pamong.surveys.models import Survey, SurveyResponse
from pamong.surveys.selectors import result_of, results_by_survey
from pamong.surveys.report import report_pdf
rows = SurveyResponse.objects.filter(kabkota_code="13.71")
n = rows.count()
def best(fn, k=5):
    times = []
    for _ in range(k):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return statistics.median(times), max(times)
whole = best(lambda: result_of(rows))
surveys = list(Survey.objects.filter(kabkota_code="13.71"))
each = best(lambda: results_by_survey(surveys))
biggest = max(results_by_survey(surveys).items(), key=lambda kv: kv[1].respondents)[0]
survey = Survey.objects.select_related("unit__region", "service").get(pk=biggest)
pdf = best(lambda: report_pdf(survey), k=3)
size = SurveyResponse.objects.filter(survey=survey).count()
print(n, len(surveys), size, *whole, *each, *pdf)
"""


def bench_skm(env: dict[str, str], where: str) -> None:
    """IKM and per-unsur results over SKM_RESPONSES answers, and the report PDF of the largest survey."""
    say(f"SKM: {SKM_RESPONSES:,} survey answers …")
    manage(["build_synthetic", "--employees", "0", "--responses", str(SKM_RESPONSES)], env)
    n, surveys, size, whole, whole_max, each, each_max, pdf, pdf_max = _shell(env, _SKM).split()
    ROWS.append(
        Row(
            f"SKM: IKM + 9 NRR over all {int(n):,} answers, {where}",
            f"{float(whole) * 1000:.0f} ms",
            "< 1 s",
            f"one aggregate query, median of 5, max {float(whole_max) * 1000:.0f} ms",
        )
    )
    ROWS.append(
        Row(
            f"SKM: results of all {int(surveys)} surveys (grouped), {where}",
            f"{float(each) * 1000:.0f} ms",
            "< 1 s",
            f"the comparison page's query, median of 5, max {float(each_max) * 1000:.0f} ms",
        )
    )
    ROWS.append(
        Row(
            f"SKM report PDF ({int(size):,} answers, charts), {where}",
            f"{float(pdf):.2f} s",
            "< 5 s",
            f"median of 3, max {float(pdf_max):.2f} s",
        )
    )


ATTENDANCE_EMPLOYEES = int(os.environ.get("BENCH_ATTENDANCE_EMPLOYEES", "3000"))

_ATTENDANCE = """
import datetime as dt, statistics, sys, time
from pamong.accounts.models import Role, User
from pamong.attendance.models import Attendance
from pamong.attendance.report import recap_xlsx
from pamong.attendance.selectors import monthly_recap
from pamong.organization.models import Employee
year, month = (int(x) for x in "{month}".split("-"))
after = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1)
boss = Employee.objects.filter(kabkota_code="13.71", active=True, user__isnull=True).order_by("pk").first()
viewer = User.objects.filter(username="bench_pimpinan").first() or User.objects.create_user(
    username="bench_pimpinan", password=None, role=Role.PIMPINAN_DAERAH, employee=boss
)
viewer = User.objects.select_related("employee__unit").get(pk=viewer.pk)
def recap():
    return monthly_recap(viewer=viewer, year=year, month=month, today=after)
def both():
    return recap_xlsx(recap())
def timed(fn, k=5):
    times = []
    for _ in range(k):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return statistics.median(times), max(times)
result = recap()
rows = Attendance.objects.filter(kabkota_code="13.71", date__year=year, date__month=month).count()
only, only_max = timed(recap)
whole, whole_max = timed(both)
size = len(both())
print(len(result.employees), rows, result.working_days, only, only_max, whole, whole_max, size, len(result.flagged))
"""


def _last_full_month() -> str:
    first = time.localtime()
    year, month = (first.tm_year, first.tm_mon - 1) if first.tm_mon > 1 else (first.tm_year - 1, 12)
    return f"{year}-{month:02d}"


def bench_attendance(env: dict[str, str], where: str) -> None:
    """The monthly attendance recap of ATTENDANCE_EMPLOYEES employees (a pimpinan daerah's view of the whole
    kabupaten/kota): the grouped recap selector plus the XLSX build, median of 5."""
    month = _last_full_month()
    say(f"attendance: {ATTENDANCE_EMPLOYEES:,} employees, one month ({month}) …")
    started = time.perf_counter()
    manage(
        ["build_synthetic", "--employees", str(ATTENDANCE_EMPLOYEES), "--attendance-month", month],
        env,
    )
    built = time.perf_counter() - started
    out = _shell(env, _ATTENDANCE.replace("{month}", month)).split()
    people, rows, days, only, only_max, whole, whole_max, size, flagged = out
    ROWS.append(
        Row(
            f"attendance: monthly recap of {int(people):,} employees + XLSX, {where}",
            f"{float(whole):.2f} s",
            "< 5 s",
            f"median of 5, max {float(whole_max):.2f} s; recap alone {float(only) * 1000:.0f} ms "
            f"(max {float(only_max) * 1000:.0f} ms); {int(rows):,} records, {days} working days, "
            f"{int(flagged):,} flagged, XLSX {int(size) / 1024:,.0f} KB; data built in {built:.0f} s",
        )
    )


_FIXTURES = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from pamong.servicerequests.models import ServiceRequest
user = get_user_model().objects.get(username="{username}")
store = SessionStore()
store["_auth_user_id"] = str(user.pk)
store["_auth_user_backend"] = "pamong.accounts.backends.PamongBackend"
store["_auth_user_hash"] = user.get_session_auth_hash()
store.create()
unit = user.employee.unit
codes = ServiceRequest.objects.filter(kabkota_code=unit.kabkota_code, unit=unit).order_by("-submitted_at")
print(store.session_key, codes.values_list("code", flat=True).first() or "-")
"""

_LETTER = """
import time
from pamong.servicerequests.letters import letter_render_pdf
from pamong.servicerequests.models import Letter
times = []
for letter in Letter.objects.order_by("-id")[:5]:
    letter.pdf = ""
    letter.sha256 = ""
    started = time.perf_counter()
    letter_render_pdf(letter=letter)
    times.append(time.perf_counter() - started)
print(" ".join(f"{t:.4f}" for t in times))
"""


def _shell(env: dict[str, str], code: str) -> str:
    proc = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout.strip().splitlines()[-1]


def _fixtures(env: dict[str, str], username: str = "lurah") -> tuple[str, str]:
    """A signed-in session of a demo account (the lurah by default), and a tracking code of its unit."""
    session, code = _shell(env, _FIXTURES.replace("{username}", username)).split()
    return session, code


def _letter_seconds(env: dict[str, str]) -> list[float]:
    """Render five letters of the demo data in one process (the first includes WeasyPrint's start-up)."""
    return [float(t) for t in _shell(env, _LETTER).split()]


def main() -> None:
    say(f"Pamong benchmarks: gunicorn {WORKERS} workers, {CONCURRENCY} concurrent clients, {LOAD_SECONDS:.0f} s a page")
    if ONLY == "complaints":  # the public board and a kelurahan portal at BENCH_COMPLAINTS complaints, cold
        if not pg_available():
            raise SystemExit(f"the complaints measurement needs PostgreSQL at {PG_URL}")
        env = {**BASE_ENV, "DATABASE_URL": PG_URL}
        if not (REUSE and _has_demo(env)):
            pg_recreate()
            manage(["migrate", "--noinput", "-v0"], env)
            manage(["load_demo"], env)
        manage(["migrate", "--noinput", "-v0"], env)
        manage(["collectstatic", "--noinput", "-v0"], env)
        bench_complaints(env, "PostgreSQL")
    elif ONLY in ("kinerja", "large"):
        if not pg_available():
            raise SystemExit(f"the kinerja measurement needs PostgreSQL at {PG_URL}")
        bench_kinerja_only()
    elif ONLY == "attendance":
        if not pg_available():
            raise SystemExit(f"the attendance measurement needs PostgreSQL at {PG_URL}")
        pg_recreate()
        env = {**BASE_ENV, "DATABASE_URL": PG_URL}
        manage(["migrate", "--noinput", "-v0"], env)
        bench_attendance(env, "PostgreSQL")
    else:
        if ONLY != "pages":
            bench_imports()
        if ONLY != "imports":
            bench_pages()
    width = max(len(r.name) for r in ROWS)
    print()
    print(f"{'measurement':<{width}}  {'value':>14}  {'target':<8}  note")
    print(f"{'-' * width}  {'-' * 14}  {'-' * 8}  {'-' * 40}")
    for r in ROWS:
        print(f"{r.name:<{width}}  {r.value:>14}  {r.target:<8}  {r.note}")


if __name__ == "__main__":
    main()
