"""Test helpers for operations: a local SMS gateway stub that de-duplicates by idempotency key, and real worker,
scheduler and server processes started against the test database."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from pamong.testing import ThreadedStub, free_port

ROOT = Path(settings.BASE_DIR)


@dataclass
class Received:
    key: str
    header_key: str
    payload: dict[str, Any]
    authorization: str


@dataclass
class GatewayStub(ThreadedStub):
    """An SMS gateway on 127.0.0.1 that sends each message once per idempotency key: a repeat of a key it has
    seen is answered 200 without sending again. ``hang`` makes it take a message and then not answer for that
    many seconds (as if stuck); ``fail_with`` makes it answer that HTTP status without sending."""

    hang: float = 0.0
    hang_first_only: bool = False
    fail_with: int = 0
    # Whether the answer carries a Content-Length (most gateways send one; the response then closes as soon as
    # its body is read, and with HTTP/1.0 so does the connection).
    content_length: bool = True
    requests: list[Received] = field(default_factory=list)
    delivered: dict[str, Received] = field(default_factory=dict)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> GatewayStub:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                got = Received(
                    key=str(payload.get("id", "")),
                    header_key=self.headers.get("Idempotency-Key", ""),
                    payload=payload,
                    authorization=self.headers.get("Authorization", ""),
                )
                with stub.lock:
                    first = not stub.requests
                    stub.requests.append(got)
                    if stub.fail_with:
                        status = stub.fail_with
                    else:
                        status = 200
                        stub.delivered.setdefault(got.header_key, got)
                if stub.hang and (first or not stub.hang_first_only):
                    stub.released.wait(stub.hang)
                try:
                    body = b'{"ok": true}' if status == 200 else b'{"error": "stub"}'
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    if stub.content_length:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the worker that asked is gone

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.serve(Handler)
        return self

    @property
    def url(self) -> str:
        return f"{self.base_url}/send"


def wait_until(condition: Callable[[], Any], *, timeout: float, every: float = 0.1, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(every)


def database_url() -> str:
    """The test database, as a DATABASE_URL for a child process (SQLite file or PostgreSQL database)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def child_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Production settings (the database task queue, the HTTP gateway) on the test database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "PAMONG_", "EMAIL_", "TASKS_", "SENTRY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url(),
        DEBUG="0",
        SECRET_KEY="pamong-test-secret-key-not-for-production",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        PAMONG_REQUIRE_OTP="0",
        PAMONG_SMS_BACKEND="pamong.notifications.backends.HttpSmsBackend",
        PAMONG_SMS_HTTP_TOKEN="rahasia-gateway",  # noqa: S106
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp / "mail"),
        CACHE_LOCATION=str(tmp / "cache"),
        PAMONG_WORKER_LEASE="2",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def terminate(self, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


def start_command(tmp: Path, env: dict[str, str], *args: str, name: str) -> Child:
    log = tmp / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - the project's own manage.py
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Child(process, log)


def start_worker(tmp: Path, env: dict[str, str], queue: str, *, name: str) -> Child:
    child = start_command(
        tmp, env, "run_worker", "--queue-name", queue, "--interval", "0.2", "--no-startup-delay", name=name
    )
    wait_until(lambda: "Starting worker" in child.output() or child.process.poll() is not None, timeout=60)
    assert child.process.poll() is None, child.output()
    return child


def postgres_bin() -> Path | None:
    """The PostgreSQL server programs (initdb, pg_ctl), or None where they are not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on a free loopback port in a temporary folder, which a test may stop and
    start at will (never the shared server on 5432). As root, the cluster runs as the ``postgres`` user."""

    def __init__(self) -> None:
        bin_dir = postgres_bin()
        if bin_dir is None:
            raise FileNotFoundError("initdb")
        self.bin = bin_dir
        # Its own folder under /tmp: the postgres user cannot reach into pytest's (root's) temporary folders.
        self.folder = folder = Path(tempfile.mkdtemp(prefix="pamong-pg-"))
        self.data = folder / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 - the server's own programs
            [*self.as_user, str(self.bin / program), *args], check=True, capture_output=True, timeout=120
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Stop the server if it runs, and delete the cluster."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def query(self, name: str, sql: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.url(name)) as conn:
            return conn.execute(sql).fetchall()  # type: ignore[arg-type]
