"""The two cache backends of ``config/settings.py``: the worker's own memory and the shared cache without Redis.

``LocalMemoryCache`` ("local": pages, fragments, the signed-in user) is Django's in-memory cache storing lazy
translation strings as the plain text they stand for: a lazy string pickles as a call that builds a new proxy
class when unpickled (about 40 µs each; a status label on every row of a cached fragment made the fragment cost
more to read than to build). Pamong is shown in one language, so the text at the time of writing is the text.
Neither backend checks keys for memcached's rules (a warning per call): their keys are Pamong's own, hashed.

The shared cache without Redis: Django's file cache with ``add`` and ``incr`` made atomic across processes.

Django's ``FileBasedCache`` inherits ``incr`` from ``BaseCache`` (a read, then a write that also resets the
expiry) and checks ``add`` before writing, so two workers counting the same rate-limit hit at once can both read
4 and both write 5. Here both run under an exclusive ``flock`` on one of a fixed set of lock files (striped by
key, so they never pile up); reads stay lock-free, as entries are replaced by an atomic rename. ``incr`` keeps
the entry's expiry (a rate-limit window does not start again with every hit). Redis and the in-memory cache are
atomic already.
"""

from __future__ import annotations

import fcntl
import io
import os
import pickle
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.functional import Promise

LOCK_STRIPES = 64


class _PlainPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Promise):
            return str, (str(obj),)
        return NotImplemented


def plain_dumps(value: Any) -> bytes:
    """``pickle.dumps`` with every lazy string written as the text it stands for now."""
    buffer = io.BytesIO()
    _PlainPickler(buffer, pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


class LocalMemoryCache(LocMemCache):
    _lock: Any
    _has_expired: Callable[[str], bool]
    _set: Callable[..., None]

    def validate_key(self, key: str) -> None:
        pass

    def add(self, key: str, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        pickled = plain_dumps(value)
        with self._lock:
            if self._has_expired(key):
                self._set(key, pickled, timeout)
                return True
            return False

    def set(self, key: str, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        pickled = plain_dumps(value)
        with self._lock:
            self._set(key, pickled, timeout)


class LockingFileCache(FileBasedCache):
    _dir: str

    def validate_key(self, key: str) -> None:
        pass

    def _key_to_file(self, key: str, version: int | None = None) -> str:
        return str(super()._key_to_file(key, version))  # type: ignore[misc]

    @contextmanager
    def _locked(self, key: str, version: int | None) -> Iterator[None]:
        folder = os.path.join(self._dir, "locks")
        os.makedirs(folder, 0o700, exist_ok=True)
        stripe = zlib.crc32(self.make_and_validate_key(key, version).encode()) % LOCK_STRIPES
        fd = os.open(os.path.join(folder, f"{stripe}.lock"), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def add(self, key: str, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        with self._locked(key, version):
            if self.has_key(key, version):
                return False
            self.set(key, value, timeout, version)
            return True

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        with self._locked(key, version):
            try:
                with open(self._key_to_file(key, version), "rb") as f:
                    expiry = pickle.load(f)  # noqa: S301 (the cache's own file)
                    value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301
            except (FileNotFoundError, EOFError):
                raise ValueError(f"Key '{key}' not found") from None
            now = time.time()
            if expiry is not None and expiry < now:
                raise ValueError(f"Key '{key}' not found")
            new_value = value + delta
            self.set(key, new_value, None if expiry is None else max(expiry - now, 0.001), version)
            return int(new_value)
