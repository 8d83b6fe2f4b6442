"""Stored files land whole or not at all: a full or read-only disk is a clear message and leaves nothing behind,
and a rolled-back write removes the files it stored."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from pamong.core.storage import SafeFileSystemStorage, StorageError, atomic_with_files
from pamong.testing import broken_disk, stored_files


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def test_the_default_storage_is_the_safe_one() -> None:
    assert isinstance(storages["default"], SafeFileSystemStorage)


def test_a_file_is_stored_whole_under_a_free_name(media: Path) -> None:
    first = default_storage.save("permohonan/2026/03/ktp.pdf", ContentFile(b"%PDF-1.4 satu"))
    second = default_storage.save("permohonan/2026/03/ktp.pdf", ContentFile(b"%PDF-1.4 dua"))
    assert first == "permohonan/2026/03/ktp.pdf" and second != first and second.startswith("permohonan/2026/03/ktp")
    assert (media / first).read_bytes() == b"%PDF-1.4 satu" and (media / second).read_bytes() == b"%PDF-1.4 dua"
    assert oct((media / first).stat().st_mode & 0o777) == oct(0o644)
    assert stored_files(media) == sorted([first, second])  # no temporary file left


@pytest.mark.parametrize("kind", ["penuh", "hanya-baca"])
def test_a_broken_disk_is_a_clear_message_and_leaves_no_file(
    kind: str, tmp_path: Path, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with broken_disk(tmp_path / "media", kind) as folder:
        settings.MEDIA_ROOT = folder
        with pytest.raises(StorageError) as refused, caplog.at_level(logging.ERROR):
            default_storage.save("pengaduan/2026/03/foto Yusnimar.jpg", ContentFile(b"\xff\xd8\xff" + b"x" * 20_000))
        assert "penyimpanan server sedang bermasalah" in refused.value.message
        assert "isian Anda masih ada" in refused.value.message
        assert stored_files(folder) == []  # not even an empty or half-written file
        assert "cannot store a file in pengaduan/2026/03" in caplog.text
        assert "Yusnimar" not in caplog.text  # the folder is logged, never the file's name


@pytest.mark.django_db
def test_a_rolled_back_write_removes_the_files_it_stored(media: Path) -> None:
    with pytest.raises(RuntimeError), atomic_with_files():
        default_storage.save("a/satu.pdf", ContentFile(b"1"))
        default_storage.save("a/dua.pdf", ContentFile(b"2"))
        raise RuntimeError("the database refused the row")
    assert stored_files(media) == []
    with atomic_with_files():
        kept = default_storage.save("a/tiga.pdf", ContentFile(b"3"))
    assert stored_files(media) == [kept]


@pytest.mark.django_db
def test_an_inner_rollback_removes_its_files_and_an_outer_one_removes_all(media: Path) -> None:
    with atomic_with_files():
        outer = default_storage.save("b/luar.pdf", ContentFile(b"luar"))
        try:
            with atomic_with_files():
                default_storage.save("b/dalam.pdf", ContentFile(b"dalam"))
                raise ValueError("inner step refused")
        except ValueError:
            pass
    assert stored_files(media) == [outer]
    with pytest.raises(ValueError), atomic_with_files():
        with atomic_with_files():
            default_storage.save("c/dalam.pdf", ContentFile(b"dalam"))  # committed inside, rolled back outside
        raise ValueError("outer step refused")
    assert stored_files(media) == [outer]


@pytest.mark.django_db
def test_room_for_one_file_only_stores_neither_of_two(tmp_path: Path, settings: Any) -> None:
    with broken_disk(tmp_path / "media", "satu-berkas") as folder:
        settings.MEDIA_ROOT = folder
        with pytest.raises(StorageError), atomic_with_files():
            default_storage.save("d/satu.pdf", ContentFile(b"1" * 100))
            assert len(stored_files(folder)) == 1  # the first fitted
            default_storage.save("d/dua.pdf", ContentFile(b"2" * 100))
        assert stored_files(folder) == []


def test_files_are_written_to_disk_before_they_get_their_name(media: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    default_storage.save("e/surat.pdf", ContentFile(b"%PDF"))
    assert synced
