"""Backup and restore of a whole deployment: the database and MEDIA_ROOT (uploads, signed letters, photos).

One archive, ``pamong-backup-<kabkota>-<UTC time>.tar.gz``::

    manifest.json            what is inside: database vendor, Pamong's latest migrations, rows per table,
                             and the size and SHA-256 of every other member
    database/pamong.pgdump   PostgreSQL: pg_dump custom format (a consistent snapshot, restored by pg_restore)
    database/pamong.sqlite3  SQLite: a consistent copy through SQLite's online backup API
    media/...                every file under MEDIA_ROOT

The database is dumped first, then the files: a letter or upload that a row names was written before that row
committed (pamong.core.storage), so every file the dump refers to is in the archive; a file written during the
backup may be there without its row, which is harmless. The archive is written under a temporary name and renamed
when complete; a ``.sha256`` file next to it lets an operator check a copy (``sha256sum -c``).

``restore`` goes only into an empty database (no tables at all) and an empty MEDIA_ROOT: it never mixes a
backup with live data. It checks every member against the manifest, restores, and compares the row count of every
table with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024

Progress = Callable[[str], None]


class BackupError(Exception):
    """Backup or restore refused or failed; ``message`` is for the operator (Bahasa Indonesia)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class BackupResult:
    path: Path
    size: int
    files: int
    media_bytes: int
    tables: int
    rows: int
    seconds: float


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    seconds: float
    mismatches: list[str] = field(default_factory=list)


def _quiet(_: str) -> None:
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _db() -> dict[str, Any]:
    return connection.settings_dict


def _vendor() -> str:
    return connection.vendor


def _pg_env() -> dict[str, str]:
    s = _db()
    env = dict(os.environ)
    env.update(
        PGHOST=str(s.get("HOST") or "127.0.0.1"),
        PGPORT=str(s.get("PORT") or 5432),
        PGUSER=str(s.get("USER") or ""),
        PGDATABASE=str(s["NAME"]),
        PGCONNECT_TIMEOUT=str(s.get("OPTIONS", {}).get("connect_timeout", 10)),
    )
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return env


def _sqlite_path() -> Path:
    name = str(_db()["NAME"])
    if name == ":memory:" or name.startswith("file:memorydb") or "mode=memory" in name:
        raise BackupError("Basis data SQLite di memori tidak dapat dicadangkan atau dipulihkan.")
    return Path(name)


def table_counts() -> dict[str, int]:
    """Rows in every table of the database (Django's and Pamong's), in name order."""
    names = sorted(connection.introspection.table_names(include_views=False))
    counts = {}
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608 - introspected
            counts[name] = int(cursor.fetchone()[0])
    return counts


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _run(command: list[str], *, env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} tidak ditemukan: pasang postgresql-client (versi server atau lebih baru)."
        ) from exc
    if done.returncode != 0:
        raise BackupError(f"{what} gagal (kode {done.returncode}): {done.stderr.strip()[-800:]}")


def _dump_database(folder: Path, progress: Progress) -> tuple[Path, dict[str, int]]:
    """The database dump and the rows of every table *in that dump*: a site that goes on writing during the
    backup does not make the counts disagree with what is restored."""
    if _vendor() == "postgresql":
        target = folder / "pamong.pgdump"
        with transaction.atomic():
            # One snapshot for the counts and pg_dump: the transaction exports it and stays open while pg_dump runs.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = str(cursor.fetchone()[0])
            progress("Menghitung baris per tabel …")
            counts = table_counts()
            progress(f"Basis data PostgreSQL {_db()['NAME']}: pg_dump …")
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                ],
                env=_pg_env(),
                what="pg_dump",
            )
        return target, counts
    if _vendor() == "sqlite":
        source_path = _sqlite_path()
        target = folder / "pamong.sqlite3"
        progress(f"Basis data SQLite {source_path}: salinan daring (backup API) …")
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination, pages=4096)
            progress("Menghitung baris per tabel di salinan …")
            names = sorted(connection.introspection.table_names(include_views=False))
            counts = {
                name: int(destination.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0])  # noqa: S608
                for name in names
            }
        finally:
            destination.close()
            source.close()
        return target, counts
    raise BackupError(f"Basis data {_vendor()} tidak didukung.")


def _media_files(root: Path) -> Iterator[Path]:
    if not root.exists():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


def backup_create(*, output: Path, progress: Progress = _quiet) -> BackupResult:
    """Write one archive of the database and MEDIA_ROOT into ``output``; returns where and what."""
    started = time.monotonic()
    output.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    name = f"pamong-backup-{settings.PAMONG_REGION_CODE.replace('.', '')}-{stamp}.tar.gz"
    final = output / name
    with tempfile.TemporaryDirectory(prefix="pamong-backup-") as tmp:
        work = Path(tmp)
        dump, counts = _dump_database(work, progress)
        members: dict[str, dict[str, Any]] = {
            f"database/{dump.name}": {"size": dump.stat().st_size, "sha256": sha256_of(dump)}
        }
        progress(f"Basis data: {dump.stat().st_size / 1e6:.1f} MB, {sum(counts.values())} baris di {len(counts)} tabel")
        partial = output / f".{name}.partial"
        files = media_bytes = 0
        try:
            partial.touch(mode=0o600)  # personal data: readable by the service account only
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                archive.add(dump, arcname=f"database/{dump.name}")
                progress(f"Berkas MEDIA_ROOT ({media_root}) …")
                for path in _media_files(media_root):
                    relative = path.relative_to(media_root).as_posix()
                    arcname = f"media/{relative}"
                    size = path.stat().st_size
                    members[arcname] = {"size": size, "sha256": sha256_of(path)}
                    archive.add(path, arcname=arcname, recursive=False)
                    files += 1
                    media_bytes += size
                    if files % 500 == 0:
                        progress(f"  {files} berkas, {media_bytes / 1e6:.1f} MB")
                progress(f"Berkas: {files}, {media_bytes / 1e6:.1f} MB")
                manifest = {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "region_code": settings.PAMONG_REGION_CODE,
                    "vendor": _vendor(),
                    "database_file": f"database/{dump.name}",
                    "migrations": _latest_migrations(),
                    "tables": counts,
                    "members": members,
                }
                data = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(time.time())
                archive.addfile(info, _bytes_io(data))
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)
    final.chmod(0o600)
    (output / f"{name}.sha256").write_text(f"{sha256_of(final)}  {name}\n")
    return BackupResult(
        path=final,
        size=final.stat().st_size,
        files=files,
        media_bytes=media_bytes,
        tables=len(counts),
        rows=sum(counts.values()),
        seconds=time.monotonic() - started,
    )


def _bytes_io(data: bytes) -> IO[bytes]:
    import io

    return io.BytesIO(data)


def read_manifest(archive_path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.load(member)
    except (OSError, tarfile.TarError, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive_path} bukan arsip cadangan Pamong yang utuh: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Format arsip {manifest.get('format')} tidak dikenal (versi ini membaca format {FORMAT}).")
    return manifest


def refuse_unless_empty(media_root: Path) -> None:
    """Restore only into a database without tables and a MEDIA_ROOT without files."""
    tables = connection.introspection.table_names(include_views=True)
    if tables:
        shown = ", ".join(sorted(tables)[:5])
        raise BackupError(
            f"Basis data tujuan tidak kosong: berisi {len(tables)} tabel (mis. {shown}). Pemulihan hanya ke basis "
            "data kosong, supaya data lama tidak tercampur: buat basis data baru (createdb) atau pindahkan berkas "
            "SQLite yang ada, arahkan DATABASE_URL ke sana, lalu ulangi."
        )
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(
            f"MEDIA_ROOT tujuan ({media_root}) tidak kosong. Pindahkan isinya atau arahkan MEDIA_ROOT ke folder "
            "kosong, lalu ulangi."
        )


def _extract_checked(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path, expected: dict[str, Any]) -> None:
    source = archive.extractfile(member)
    if source is None:
        raise BackupError(f"{member.name} dalam arsip bukan berkas.")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != expected["sha256"]:
        target.unlink(missing_ok=True)
        raise BackupError(f"{member.name}: checksum tidak cocok dengan manifest; arsip rusak.")


def _restore_database(dump: Path, vendor: str, progress: Progress) -> None:
    if vendor == "postgresql":
        progress(f"Basis data PostgreSQL {_db()['NAME']}: pg_restore …")
        connections.close_all()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                str(_db()["NAME"]),
                str(dump),
            ],
            env=_pg_env(),
            what="pg_restore",
        )
        return
    target_path = _sqlite_path()
    progress(f"Basis data SQLite {target_path}: salin dari arsip (backup API) …")
    connections.close_all()
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    destination = sqlite3.connect(target_path)
    try:
        with destination:
            source.backup(destination, pages=4096)
    finally:
        destination.close()
        source.close()


def backup_restore(*, archive_path: Path, progress: Progress = _quiet) -> RestoreResult:
    """Restore an archive into the (empty) configured database and MEDIA_ROOT, then compare the row counts."""
    started = time.monotonic()
    manifest = read_manifest(archive_path)
    vendor = manifest["vendor"]
    if vendor != _vendor():
        raise BackupError(
            f"Arsip ini berisi basis data {vendor}, sedangkan DATABASE_URL menunjuk ke {_vendor()}: pulihkan ke "
            "jenis basis data yang sama."
        )
    media_root = Path(settings.MEDIA_ROOT)
    refuse_unless_empty(media_root)
    members: dict[str, dict[str, Any]] = manifest["members"]
    files = 0
    with tempfile.TemporaryDirectory(prefix="pamong-restore-") as tmp, tarfile.open(archive_path, "r:*") as archive:
        dump = Path(tmp) / Path(manifest["database_file"]).name
        seen: set[str] = set()
        progress(f"Memeriksa dan membuka arsip {archive_path.name} ({archive_path.stat().st_size / 1e6:.1f} MB) …")
        staged_media = Path(tmp) / "media"
        for member in archive:
            if member.name == MANIFEST:
                continue
            expected = members.get(member.name)
            if expected is None or not member.isfile():
                raise BackupError(f"{member.name} dalam arsip tidak tercatat di manifest; arsip tidak dipulihkan.")
            if member.name == manifest["database_file"]:
                _extract_checked(archive, member, dump, expected)
            else:
                relative = Path(member.name).relative_to("media")
                if relative.is_absolute() or ".." in relative.parts:
                    raise BackupError(f"{member.name}: jalur berkas tidak sah.")
                _extract_checked(archive, member, staged_media / relative, expected)
                files += 1
                if files % 500 == 0:
                    progress(f"  {files} berkas diperiksa")
            seen.add(member.name)
        missing = sorted(set(members) - seen)
        if missing:
            raise BackupError(f"Arsip tidak lengkap: {len(missing)} berkas hilang (mis. {missing[0]}).")
        progress(f"Arsip utuh: basis data dan {files} berkas cocok dengan checksum manifest.")
        _restore_database(dump, vendor, progress)
        progress(f"Berkas ke MEDIA_ROOT ({media_root}) …")
        media_root.mkdir(parents=True, exist_ok=True)
        if staged_media.exists():
            for item in staged_media.iterdir():
                shutil.move(str(item), media_root / item.name)
    progress("Membandingkan jumlah baris per tabel dengan manifest …")
    counts = table_counts()
    expected_counts: dict[str, int] = manifest["tables"]
    mismatches = [
        f"{table}: arsip {expected_counts.get(table)}, sekarang {counts.get(table)}"
        for table in sorted(set(counts) | set(expected_counts))
        if counts.get(table) != expected_counts.get(table)
    ]
    return RestoreResult(
        tables=len(counts),
        rows=sum(counts.values()),
        files=files,
        seconds=time.monotonic() - started,
        mismatches=mismatches,
    )
