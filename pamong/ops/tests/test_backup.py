"""manage.py backup and restore: one archive of the database and MEDIA_ROOT with a manifest of checksums, restored
elsewhere (another SQLite file or another PostgreSQL database, another folder) with the same rows in every table and
the same files; a database or folder that is not empty is refused."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from pamong.ops.backup import MANIFEST, BackupError, backup_restore, read_manifest, table_counts
from pamong.ops.testing import ROOT, child_env
from pamong.testing import Padang


def hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fill_media(root: Path) -> None:
    (root / "permohonan" / "2026" / "12").mkdir(parents=True)
    (root / "permohonan" / "2026" / "12" / "ktp.jpg").write_bytes(os.urandom(50_000))
    (root / "surat" / "surat-K7M29QXD.pdf").parent.mkdir(parents=True)
    (root / "surat" / "surat-K7M29QXD.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(20_000))
    (root / "nama dengan spasi.txt").write_text("Belakang Pondok", encoding="utf-8")


@pytest.fixture
def restore_target(tmp_path: Path) -> Iterator[tuple[str, Path | str]]:
    """An empty database of the suite's kind: a new SQLite file, or a new PostgreSQL database named after this
    process (dropped afterwards)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "pulih.sqlite3"
        yield f"sqlite:///{path}", path
        return
    import psycopg

    s = connection.settings_dict
    name = f"pamong_restore_{os.getpid()}"
    server = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}", name
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def counts_in(url: str, target: Path | str, tables: list[str]) -> dict[str, int]:
    if isinstance(target, Path):
        with sqlite3.connect(target) as db:
            return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    import psycopg

    with psycopg.connect(url) as db:
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]  # noqa: S608


def restore(tmp_path: Path, url: str, archive: Path, media: Path) -> subprocess.CompletedProcess[str]:
    env = child_env(tmp_path, DATABASE_URL=url, MEDIA_ROOT=str(media))
    return subprocess.run(  # noqa: S603 - the project's own manage.py
        [sys.executable, str(ROOT / "manage.py"), "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_elsewhere_gives_the_same_rows_and_files(
    tmp_path: Path, restore_target: tuple[str, Path | str]
) -> None:
    Padang()
    media = tmp_path / "media"
    fill_media(media)
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=media):
        call_command("backup", "--output", str(tmp_path / "cadangan"), stdout=out)
    assert "Cadangan selesai" in out.getvalue()
    (archive,) = (tmp_path / "cadangan").glob("pamong-backup-*.tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # personal data
    checksum = (tmp_path / "cadangan" / f"{archive.name}.sha256").read_text().split()[0]
    assert checksum == hashlib.sha256(archive.read_bytes()).hexdigest()
    manifest = read_manifest(archive)
    source_counts = table_counts()
    assert manifest["tables"] == source_counts
    assert manifest["tables"]["organization_unit"] == 6
    assert manifest["vendor"] == connection.vendor
    assert {k: v["sha256"] for k, v in manifest["members"].items() if k.startswith("media/")} == {
        f"media/{k}": v for k, v in hashes(media).items()
    }

    url, target = restore_target
    restored_media = tmp_path / "pulih-media"
    done = restore(tmp_path, url, archive, restored_media)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Pemulihan selesai" in done.stdout
    assert "Arsip utuh" in done.stdout  # progress is shown
    assert counts_in(url, target, list(source_counts)) == source_counts
    assert hashes(restored_media) == hashes(media)

    # Again into the same (now filled) database: refused, nothing touched.
    again = restore(tmp_path, url, archive, tmp_path / "lain")
    assert again.returncode != 0
    assert "Basis data tujuan tidak kosong" in again.stderr
    assert counts_in(url, target, list(source_counts)) == source_counts


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    manifest = {"format": 1, "vendor": connection.vendor, "members": {}, "tables": {}, "database_file": "database/x"}
    archive = tmp_path / "cadangan.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match=r"Basis data tujuan tidak kosong: berisi .* tabel"):
        backup_restore(archive_path=archive)


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "bukan.tar.gz"
    junk.write_bytes(b"bukan arsip")
    with pytest.raises(BackupError, match="bukan arsip cadangan Pamong"):
        read_manifest(junk)
