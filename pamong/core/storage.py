"""Stored files that land whole or not at all.

``SafeFileSystemStorage`` (the default storage) writes each file to a temporary name in its folder and links it
into place only when every byte is on disk: a full or read-only disk never leaves a 0-byte or half-written file
behind, and says so with ``StorageError`` (a DomainError in Bahasa Indonesia) instead of a bare OSError.

``atomic_with_files()`` is ``transaction.atomic()`` for writes that store files: when the block rolls back (a
storage error, a database error, a duplicate submission), the files stored inside it are removed again, so no
file is left without its row. Services that store uploads use it in place of ``transaction.atomic()``.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.utils._os import safe_makedirs

from pamong.core.errors import DomainError

log = logging.getLogger("pamong.storage")

STORAGE_MESSAGE = (
    "Berkas tidak dapat disimpan karena penyimpanan server sedang bermasalah (penuh atau tidak dapat ditulisi). "
    "Belum ada yang tersimpan dan isian Anda masih ada: pilih lagi berkasnya, lalu kirim ulang beberapa saat lagi. "
    "Bila berulang, hubungi admin Diskominfo."
)


class StorageError(DomainError):
    """The disk refused a file (full, read-only, gone). Shown to the user; the operator finds it in the log."""

    def __init__(self) -> None:
        super().__init__(STORAGE_MESSAGE, code="storage")


# The files stored inside the innermost atomic_with_files() block of this thread or task.
_written: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("pamong_written_files", default=None)


def _place(temporary: str, final: str) -> None:
    """Put a complete file at ``final``, never over an existing one (FileExistsError then)."""
    try:
        os.link(temporary, final)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: claim the name, then move the complete file over the claim.
        os.close(os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(temporary, final)


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        temporary = None
        try:
            if self.directory_permissions_mode is not None:
                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                os.makedirs(directory, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=directory, prefix=".incoming-")
            with os.fdopen(fd, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            while True:
                try:
                    _place(temporary, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        except OSError as exc:
            # The folder only: a file name can carry a citizen's name.
            where = os.path.relpath(directory, self.location)
            log.error("cannot store a file in %s: %s", where, exc.strerror or exc)
            raise StorageError() from exc
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        self._ensure_location_group_id(full_path)  # type: ignore[attr-defined]
        name = os.path.relpath(full_path, self.location).replace("\\", "/")
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name


def _remove(files: list[tuple[Storage, str]]) -> None:
    for storage, name in reversed(files):
        try:
            storage.delete(name)
        except OSError as exc:
            log.error("cannot remove a file of a rolled-back write: %s", exc.strerror or exc)


@contextlib.contextmanager
def atomic_with_files(using: str | None = None) -> Iterator[None]:
    """``transaction.atomic()`` that also removes the files stored inside it when it rolls back. Nested blocks
    hand their files to the enclosing one, so an outer rollback removes them too."""
    files: list[tuple[Storage, str]] = []
    outer = _written.get()
    token = _written.set(files)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        _remove(files)
        raise
    finally:
        _written.reset(token)
    if outer is not None:
        outer.extend(files)
