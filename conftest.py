"""Fixtures shared by every app's tests: the named actors in Kota Padang, the moved clock, a browser page.

The builders (``make_*``, ``Padang``) live in ``pamong/testing.py``; tests import them from there."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches

from pamong.accounts.models import Role, User
from pamong.testing import Padang, broken_disk, make_user
from pamong.workdays.testing import seed_calendar


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--days-ahead",
        type=int,
        default=int(os.environ.get("PAMONG_TEST_DAYS_AHEAD", "0")),
        help="run the whole suite with the clock moved this many days forward (tests must pass on any day)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Debian's chromium are marked ``browser``: they test what a page shows and its scripts do,
    not the database, so .ci/run runs them on SQLite only (``-m "not browser"`` on PostgreSQL)."""
    for item in items:
        if "browser_page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def pytest_report_header(config: pytest.Config) -> str | None:
    days = config.getoption("--days-ahead")
    if not days:
        return None
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
    return f"clock moved {days} days ahead: the run starts at {start:%Y-%m-%d %H:%M} UTC"


@pytest.fixture(scope="session", autouse=True)
def _moved_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """With --days-ahead N the clock of the whole run starts N days from now and keeps ticking; a test that
    travels in time itself still does so from there."""
    days = request.config.getoption("--days-ahead")
    if not days:
        yield
        return
    import time_machine

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=days), tick=True):
        yield


@pytest.fixture
def calendar(db: Any) -> list[int]:
    """Holidays of last, this and next year of the clock (moved forward with --days-ahead too), for a test that
    computes working days from today. A test about fixed dates seeds their years: ``seed_calendar(2026)``."""
    return seed_calendar()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def _requests_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request made with the test client ends as in production: what it wrote has committed, so what it
    deferred to the commit (cache version bumps, queued tasks) has run when the response comes back. The test's
    own transaction stays open around it, so the database is still rolled back after the test."""
    from django.test import TestCase
    from django.test.client import ClientHandler

    handle = ClientHandler.__call__

    def committed(self: ClientHandler, environ: dict[str, Any]) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return handle(self, environ)

    monkeypatch.setattr(ClientHandler, "__call__", committed)


@pytest.fixture
def padang(db: Any) -> Padang:
    return Padang()


@pytest.fixture
def lurah_belakang_pondok(padang: Padang) -> User:
    return make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)


@pytest.fixture
def petugas_belakang_pondok(padang: Padang) -> User:
    return make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)


@pytest.fixture
def petugas_alang_laweh(padang: Padang) -> User:
    return make_user("petugas_al", Role.PETUGAS, padang.staf_al)


@pytest.fixture
def camat_padang_selatan(padang: Padang) -> User:
    return make_user("camat_ps", Role.KEPALA_UNIT, padang.camat_ps)


@pytest.fixture
def pimpinan_padang(padang: Padang) -> User:
    return make_user("pimpinan", Role.PIMPINAN_DAERAH, padang.kabag)


@pytest.fixture
def admin_diskominfo(padang: Padang) -> User:
    return make_user("admin", Role.ADMIN)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A page in Debian's chromium (through Playwright), and the list of console errors it collects."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import ConsoleMessage, Error, sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":  # CSP violations and failed loads show up here
                errors.append(message.text)

        def on_page_error(error: Error) -> None:
            errors.append(str(error))

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        yield page, errors
        browser.close()


@pytest.fixture(params=["penuh", "hanya-baca"])
def broken_media(request: pytest.FixtureRequest, tmp_path: Path, settings: Any) -> Iterator[Path]:
    """MEDIA_ROOT on a full or a read-only disk."""
    with broken_disk(tmp_path / "media", request.param) as folder:
        settings.MEDIA_ROOT = folder
        yield folder


@pytest.fixture(scope="session", autouse=True)
def _close_stray_connections(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The live server's request threads can leave a PostgreSQL session open; end them before the test
    database is dropped, so teardown does not fail with "being accessed by other users"."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
