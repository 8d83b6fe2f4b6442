"""Shared test helpers: small ``make_*`` builders and named actors in Kota Padang."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches

from pamong.accounts.models import Role, User
from pamong.organization.models import Employee, Position, Unit
from pamong.organization.services import letter_code_default
from pamong.regions.models import Region, timezone_for_code

_seq = itertools.count(1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--days-ahead",
        type=int,
        default=int(os.environ.get("PAMONG_TEST_DAYS_AHEAD", "0")),
        help="run the whole suite with the clock moved this many days forward (tests must pass on any day)",
    )


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


def make_region(code: str, name: str) -> Region:
    level = len(code.split("."))
    kind = {1: "provinsi", 2: "kota" if name.startswith("Kota") else "kabupaten", 3: "kecamatan"}.get(
        level, "kelurahan" if code.split(".")[-1].startswith("1") else "desa"
    )
    parent = code.rsplit(".", 1)[0] if level > 1 else None
    region, _ = Region.objects.update_or_create(
        code=code,
        defaults={"name": name, "level": level, "kind": kind, "parent_id": parent, "timezone": timezone_for_code(code)},
    )
    return region


def make_unit(region: Region, kind: str | None = None, name: str | None = None, letter_code: str = "") -> Unit:
    """An office of the region; its letter code is the default one (initials, "Kel.BP") unless given."""
    kind = kind or {2: Unit.Kind.BAGIAN_TAPEM, 3: Unit.Kind.KANTOR_CAMAT}.get(region.level, Unit.Kind.KANTOR_LURAH)
    label = dict(Unit.Kind.choices)[kind]
    return Unit.objects.create(
        code=region.code,
        name=name or f"{label} {region.name}",
        kind=kind,
        region=region,
        kabkota_code=region.code[:5],
        letter_code=letter_code or letter_code_default(region=region, kind=kind),
    )


def make_position(
    unit: Unit, title: str, kind: str = Position.Kind.STAF, reports_to: Position | None = None
) -> Position:
    return Position.objects.create(
        unit=unit, title=title, kind=kind, reports_to=reports_to, kabkota_code=unit.kabkota_code, order=next(_seq)
    )


def make_nip(
    birth: dt.date = dt.date(1985, 4, 2), tmt: str = "201001", gender: str = "1", seq: int | None = None
) -> str:
    return f"{birth:%Y%m%d}{tmt}{gender}{(seq if seq is not None else next(_seq) % 999 + 1):03d}"


def make_employee(unit: Unit, name: str = "Afrizal", position: Position | None = None, **kw: Any) -> Employee:
    employment = kw.pop("employment_type", Employee.EmploymentType.PNS)
    gender = kw.pop("gender", "L")
    nip = kw.pop("nip", make_nip(gender="1" if gender == "L" else "2") if employment in Employee.WITH_NIP else None)
    return Employee.objects.create(
        name=name,
        gender=gender,
        employment_type=employment,
        nip=nip,
        unit=unit,
        position=position,
        kabkota_code=unit.kabkota_code,
        birth_date=kw.pop("birth_date", None),
        **kw,
    )


def make_user(username: str, role: str, employee: Employee | None = None) -> User:
    user = User.objects.create_user(username=username, password="rahasia-panjang-123", role=role, employee=employee)
    if role == Role.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
    return user


class Padang:
    """Kota Padang in miniature: two kecamatan, two kelurahan each, with their offices and a few people."""

    def __init__(self) -> None:
        make_region("13", "Sumatera Barat")
        self.kota = make_region("13.71", "Kota Padang")
        self.padang_selatan = make_region("13.71.01", "Padang Selatan")
        self.belakang_pondok = make_region("13.71.01.1001", "Belakang Pondok")
        self.alang_laweh = make_region("13.71.01.1002", "Alang Laweh")
        self.padang_barat = make_region("13.71.03", "Padang Barat")
        self.belakang_tangsi = make_region("13.71.03.1001", "Belakang Tangsi")
        self.tapem = make_unit(self.kota)
        self.kantor_camat_ps = make_unit(self.padang_selatan)
        self.kantor_camat_pb = make_unit(self.padang_barat)
        self.kantor_lurah_bp = make_unit(self.belakang_pondok)
        self.kantor_lurah_al = make_unit(self.alang_laweh)
        self.kantor_lurah_bt = make_unit(self.belakang_tangsi)
        camat_pos = make_position(self.kantor_camat_ps, "Camat", Position.Kind.KEPALA)
        lurah_pos = make_position(self.kantor_lurah_bp, "Lurah", Position.Kind.KEPALA, reports_to=camat_pos)
        self.staf_bp_pos = make_position(self.kantor_lurah_bp, "Pengadministrasi Umum", reports_to=lurah_pos)
        self.staf_al_pos = make_position(self.kantor_lurah_al, "Pengadministrasi Umum")
        self.camat_ps = make_employee(self.kantor_camat_ps, "Zulfahmi", camat_pos)
        self.lurah_bp = make_employee(self.kantor_lurah_bp, "Mulyadi", lurah_pos)
        self.staf_bp = make_employee(self.kantor_lurah_bp, "Yusnimar", self.staf_bp_pos, gender="P")
        self.staf_al = make_employee(self.kantor_lurah_al, "Rosmawati", self.staf_al_pos, gender="P")
        self.staf_bt = make_employee(self.kantor_lurah_bt, "Hendri")
        self.kabag = make_employee(self.tapem, "Firdaus")


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


@contextlib.contextmanager
def broken_disk(folder: Path, kind: str) -> Iterator[Path]:
    """A small file system of its own at ``folder`` that is full ("penuh"), has room for one small file and no
    more ("satu-berkas"), or is read-only ("hanya-baca"): a tmpfs mounted there (as root), or for "hanya-baca"
    without root a folder without write permission. Skips the test where neither can be had."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        options = "size=64k,mode=0755" + (",ro" if kind == "hanya-baca" else "")
        run = subprocess.run(  # noqa: S603
            ["mount", "-t", "tmpfs", "-o", options, "pamong-test", str(folder)],  # noqa: S607
            capture_output=True,
        )
        mounted = run.returncode == 0
    if not mounted and (kind != "hanya-baca" or os.geteuid() == 0):
        pytest.skip("a full or read-only disk needs a tmpfs mount (root)")
    try:
        if kind == "hanya-baca" and not mounted:
            folder.chmod(0o555)
        if kind in ("penuh", "satu-berkas"):
            filler = folder / "isi"
            with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
                while True:
                    out.write(b"\0" * 4096)
            if kind == "satu-berkas":
                os.truncate(filler, max(0, filler.stat().st_size - 4096))
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)  # noqa: S603, S607
        else:
            folder.chmod(0o755)


def stored_files(folder: Path) -> list[str]:
    """Every file under a media folder except a broken disk's filler."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != "isi")


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
