"""Two app servers behind one proxy: two gunicorn instances on one database and one Redis as the shared cache
(CACHE_BACKEND=django.core.cache.backends.redis.RedisCache, docs/OPERATIONS.md). What one server counts or
changes, the other sees: the tracking-code rate limit, the sign-in lockout, a signed-out session, and the version
counters under which each worker keeps whole pages in its own memory. Skipped when Redis does not answer on
127.0.0.1:6379; the keys live under a prefix of this test's own and are deleted afterwards."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from pamong.ops.testing import ROOT, child_env, wait_until
from pamong.testing import PASSWORD, Padang, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

REDIS = ("127.0.0.1", 6379)
REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def listening(self) -> bool:
        """Our gunicorn bound the port, not whatever else might answer on it."""
        return f"Listening at: http://127.0.0.1:{self.port} " in self.output()

    def healthy(self) -> bool:
        try:
            return Browser("192.0.2.1").open(self.url("/healthz"))[0] == 200
        except OSError:
            return False


class Browser:
    """One visitor (cookies kept across both servers, as a browser behind one host name would) coming through the
    proxy from ``address`` (nginx appends it to X-Forwarded-For; PAMONG_TRUSTED_PROXIES=1)."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def open(self, url: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"X-Forwarded-For": self.address})  # noqa: S310
        if data is not None:
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def sign_in(self, server: Server, username: str, password: str) -> int:
        login = server.url(reverse("accounts:login"))
        _, page = self.open(login)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        status, _ = self.open(
            login, {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        )
        return status

    def csrf_token(self) -> str:
        return next(str(c.value) for c in self.jar if c.name == "csrftoken")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@pytest.fixture
def prefix() -> Iterator[str]:
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    import redis

    name = f"pamong-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    yield name
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{name}:*", count=1000))
    if keys:
        client.delete(*keys)


def test_two_gunicorns_share_rate_limits_lockouts_sessions_and_page_versions(
    tmp_path: Path, prefix: str, settings: Any, padang: Padang
) -> None:
    from pamong.accounts.models import Role
    from pamong.servicerequests.models import Status
    from pamong.servicerequests.services import request_transition
    from pamong.servicerequests.testing import make_request, make_service
    from pamong.testing import make_user
    from pamong.workdays.testing import seed_calendar

    shared = {
        "CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache",
        "CACHE_LOCATION": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
    }
    # The production settings, but static file URLs without collectstatic's manifest (no page here needs CSS)
    # and the test suite's password hasher.
    (tmp_path / "two_servers_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        "STORAGES = {**STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}  # noqa: F405\n"
        # The test users' passwords are hashed as the test settings do.
        "PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n"
    )
    env = child_env(
        tmp_path,
        **shared,
        DJANGO_SETTINGS_MODULE="two_servers_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]),
        SECURE_COOKIES="0",  # plain http on loopback
        PAMONG_TRUSTED_PROXIES="1",
        PAMONG_TRACK_LIMIT="4",
        AXES_FAILURE_LIMIT="3",
    )
    # This test process writes like a third app server (or a task worker): through the same cache.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": shared["CACHE_BACKEND"],
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    seed_calendar()
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    request = make_request(padang.kantor_lurah_bp, make_service())
    request = request_transition(request=request, actor=petugas, to_status=Status.DIVERIFIKASI)

    servers: list[Server] = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = tmp_path / f"gunicorn-{name}.log"
            with log.open("wb") as out:
                process = subprocess.Popen(  # noqa: S603 - the project's own server
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "config.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "2",
                        "--control-socket",
                        str(tmp_path / f"gunicorn-{name}.ctl"),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            servers.append(Server(port, process, log))
        for server in servers:
            wait_until(lambda: server.listening(), timeout=60, what="gunicorn to bind its port")  # noqa: B023
            wait_until(lambda: server.healthy(), timeout=60, what="gunicorn to answer")  # noqa: B023
        a, b = servers

        # 1. The tracking-code limit (4 unknown codes per 10 minutes) counts on both servers together.
        guesser, citizen = Browser("203.0.113.7"), Browser("203.0.113.8")
        for server in (a, b, a, b):
            assert guesser.open(server.url("/lacak/SALAH-KODE/"))[0] == 404
        assert guesser.open(a.url("/lacak/SALAH-KODE/"))[0] == 429
        assert guesser.open(b.url(f"/lacak/{request.code}/"))[0] == 429  # even a real code, on the other server
        assert citizen.open(b.url(f"/lacak/{request.code}/"))[0] == 200  # another address is not held back

        # 2. The sign-in lockout (3 failures) counts on both servers; then the right password is refused on either.
        intruder = Browser("198.51.100.9")
        for server in (a, b):
            assert intruder.sign_in(server, "lurah_bp", "salah-salah-salah") == 200
        assert intruder.sign_in(a, "lurah_bp", "salah-salah-salah") == 429  # the third failure locks
        assert intruder.sign_in(b, "lurah_bp", PASSWORD) == 429
        assert intruder.sign_in(a, "lurah_bp", PASSWORD) == 429

        # 3. A session signed out on one server is gone on the other (sessions are read from the shared cache).
        lurah = Browser("198.51.100.10")
        assert lurah.sign_in(a, "lurah_bp", PASSWORD) == 302
        inbox = reverse("servicerequests:inbox")
        assert lurah.open(b.url(inbox))[0] == 200
        assert lurah.open(b.url(reverse("accounts:logout")), {"csrfmiddlewaretoken": lurah.csrf_token()})[0] == 302
        assert lurah.open(a.url(inbox))[0] == 302  # to the sign-in page

        # 4. Pages kept in each worker's memory: warm every worker of both servers, change the request here, and
        # no worker of either server serves the old page again.
        track = f"/lacak/{request.code}/"
        for server in (a, b):
            for _ in range(6):
                status, page = citizen.open(server.url(track))
                assert status == 200 and "Stempel RT kurang." not in page
        request_transition(request=request, actor=petugas, to_status=Status.DIKEMBALIKAN, note="Stempel RT kurang.")
        for server in (a, b):
            for _ in range(6):
                status, page = citizen.open(server.url(track))
                assert status == 200 and "Stempel RT kurang." in page
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            try:
                server.process.wait(20)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait(10)
