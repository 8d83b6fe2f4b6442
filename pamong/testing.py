"""Test builders shared by the tests of every app: small ``make_*`` helpers and Kota Padang in miniature.

A plain module (no fixtures): tests import the builders from here, the root ``conftest.py`` keeps the fixtures
(the named actors) and builds them with these. Builders of one app's objects live in ``pamong/<app>/testing.py``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import random
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.organization.models import Employee, Position, Unit
from pamong.organization.services import letter_code_default, units_scaffold
from pamong.regions.models import Region, timezone_for_code
from pamong.workdays.testing import seed_calendar

PASSWORD = "rahasia-panjang-123"  # noqa: S105 - every test user's password
_seq = itertools.count(1)


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
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, employee=employee)
    if role == Role.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
    return user


class Padang:
    """Kota Padang in miniature: two kecamatan, two kelurahan each, with their offices and a few people."""

    def __init__(self) -> None:
        # Deadlines are refused in a year without holidays: last, this and next year of the (moved) clock. A test
        # that travels to fixed dates seeds their years itself (seed_calendar(2026)).
        seed_calendar()
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


# --- a kabupaten with desa: the desa apparatus (kepala desa, perangkat desa) ---------------------------------
@dataclass
class Konsel:
    kabkota: Region
    kecamatan: Region
    desa: Region
    kelurahan: Region
    tapem: Unit
    kantor_camat: Unit
    kantor_desa: Unit
    kantor_lurah: Unit

    def position(self, unit: Unit, title: str) -> Position:
        return Position.objects.get(unit=unit, title=title)


def make_konsel(*, dusun_count: int | None = 4) -> Konsel:
    """Kabupaten Konawe Selatan with one kecamatan (Tinanggea), its kelurahan and Desa Lapoa (4 dusun)."""
    make_region("74", "Sulawesi Tenggara")
    kabkota = make_region("74.05", "Kabupaten Konawe Selatan")
    kecamatan = make_region("74.05.07", "Tinanggea")
    desa = make_region("74.05.07.2006", "Lapoa")
    kelurahan = make_region("74.05.07.1001", "Tinanggea")
    units_scaffold(kabkota=kabkota)
    units = {u.region_id: u for u in Unit.objects.filter(kabkota_code="74.05")}
    kantor_desa = units[desa.code]
    if dusun_count is not None:
        kantor_desa.dusun_count = dusun_count
        kantor_desa.save(update_fields=["dusun_count"])
    return Konsel(
        kabkota=kabkota,
        kecamatan=kecamatan,
        desa=desa,
        kelurahan=kelurahan,
        tapem=units[kabkota.code],
        kantor_camat=units[kecamatan.code],
        kantor_desa=kantor_desa,
        kantor_lurah=units[kelurahan.code],
    )


def make_kepala_desa(konsel: Konsel, name: str = "Lukman Tawulo", **kw: object) -> Employee:
    return make_employee(
        konsel.kantor_desa,
        name,
        konsel.position(konsel.kantor_desa, "Kepala Desa"),
        employment_type=Employee.EmploymentType.KEPALA_DESA,
        nipd=kw.pop("nipd", "7405.07.2006.001"),
        term_start=kw.pop("term_start", dt.date(2022, 1, 10)),
        term_end=kw.pop("term_end", dt.date(2030, 1, 10)),
        **kw,
    )


def make_perangkat(konsel: Konsel, title: str, name: str, **kw: object) -> Employee:
    return make_employee(
        konsel.kantor_desa,
        name,
        konsel.position(konsel.kantor_desa, title),
        employment_type=Employee.EmploymentType.PERANGKAT_DESA,
        **kw,
    )


@contextlib.contextmanager
def migrated_back(targets: list[tuple[str, str]]) -> Iterator[Any]:
    """The database at ``targets`` (yields the historical models), then forward to the latest state, in any case."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    try:
        yield executor.loader.project_state(targets).apps
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def sign_in(page: Any, base: str, username: str) -> None:
    """Sign a test user in through the browser (Playwright page) and wait for the staff home page."""
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**" + reverse("desk:home"))


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


def free_port() -> int:
    """A free port below the kernel's ephemeral range. A port the kernel handed out (bind to 0) is free again
    once closed, and another test's server or client bound to port 0 may get it before our child binds it:
    the child then fails to bind while the other server answers our health check."""
    low = 32768
    with contextlib.suppress(OSError, ValueError):
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    candidates = list(range(max(1025, low - 12000), low))
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")


class ThreadedStub:
    """Start and stop of a loopback HTTP stub of an outside service (an SMS gateway, BSrE), served by a thread of
    the test process. ``released`` lets a handler that hangs on purpose return when the test stops the stub."""

    released: threading.Event
    server: ThreadingHTTPServer

    def serve(self, handler: type[BaseHTTPRequestHandler], port: int = 0) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
