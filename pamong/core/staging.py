"""Files already attached survive a refused form: nothing a citizen uploaded is lost on an error.

When a form with uploads is refused (a wrong NIK, a missing field), each file that passed the content checks is
kept as a ``StagedUpload`` row for 24 hours and the page shows it as "sudah terlampir" with a hidden input
holding a signed token. Sent back without a new file, the token stands for the file; the service stores it as if
just uploaded and removes the staged row after its commit (``release_on_commit``). The sweep
(``manage.py sweep_uploads``, queued by ``run_schedule``) removes expired rows and their files.

A token is signed (``django.core.signing``, its own salt) over the row, the field and the form it was made for,
and the row is bound to a random key kept in the browser's session (only its SHA-256 is stored): a token copied
into another browser, another form or another field is refused, as is one older than 24 hours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from pamong.core import formats
from pamong.core.models import StagedUpload
from pamong.core.storage import atomic_with_files
from pamong.core.uploads import CleanFile

log = logging.getLogger("pamong.staging")

SALT = "pamong.core.staging"
LIFETIME = dt.timedelta(hours=24)
SESSION_KEY = "pamong_terlampir"
REFUSED = (
    "Berkas yang tadi terlampir tidak dapat dipakai lagi (sudah lebih dari 24 jam atau dari peramban lain). "
    "Pilih lagi berkasnya."
)


@dataclass(frozen=True)
class Kept:
    """A staged file as the page shows it: the name, the size and the token for the hidden input."""

    token: str
    original_name: str
    size: int
    content_type: str


class Keeper:
    """Keeps and finds the staged files of one form (``form``, e.g. "servicerequests.apply") in one browser."""

    def __init__(self, session: SessionBase, *, form: str, kabkota_code: str) -> None:
        self.session = session
        self.form = form
        self.kabkota_code = kabkota_code

    def _owner(self, *, create: bool) -> str | None:
        key = self.session.get(SESSION_KEY)
        if not key:
            if not create:
                return None
            key = secrets.token_urlsafe(32)
            self.session[SESSION_KEY] = key
        return hashlib.sha256(key.encode()).hexdigest()

    def stage(self, *, field: str, instance: str, clean: CleanFile, now: dt.datetime | None = None) -> Kept:
        """Keep a checked file; raises StorageError (nothing kept) when the disk refuses it."""
        now = now or timezone.now()
        owner = self._owner(create=True)
        assert owner is not None
        with atomic_with_files():  # a refused file or row leaves neither behind
            row = StagedUpload.objects.create(
                kabkota_code=self.kabkota_code,
                owner=owner,
                form=self.form,
                field=field,
                file=_copy(clean),
                original_name=clean.original_name,
                content_type=clean.content_type,
                size=clean.size,
                sha256=clean.sha256,
                created_at=now,
                expires_at=now + LIFETIME,
            )
        return self._kept(row, instance)

    def _kept(self, row: StagedUpload, instance: str) -> Kept:
        token = signing.dumps({"id": row.pk, "f": row.field, "i": instance, "k": self.form}, salt=SALT)
        return Kept(token=token, original_name=row.original_name, size=row.size, content_type=row.content_type)

    def claim(
        self, *, field: str, instance: str, tokens: Iterable[str], now: dt.datetime | None = None
    ) -> tuple[list[tuple[Kept, StagedUpload]], bool]:
        """The staged files these tokens stand for, in order; and whether any token was refused (tampered,
        expired, made in another browser, for another form or field)."""
        now = now or timezone.now()
        owner = self._owner(create=False)
        found: list[tuple[Kept, StagedUpload]] = []
        refused = False
        for token in tokens:
            if not token:
                continue
            try:
                value: Any = signing.loads(token, salt=SALT, max_age=LIFETIME)
            except signing.BadSignature:
                refused = True
                continue
            if not (
                isinstance(value, dict)
                and value.get("f") == field
                and value.get("k") == self.form
                and value.get("i") == instance
                and isinstance(value.get("id"), int)
            ):
                refused = True
                continue
            row = StagedUpload.objects.filter(
                pk=value["id"], kabkota_code=self.kabkota_code, form=self.form, field=field, expires_at__gt=now
            ).first()
            if row is None or owner is None or not secrets.compare_digest(row.owner, owner):
                refused = True
                continue
            if any(r.pk == row.pk for _k, r in found):
                continue
            found.append((self._kept(row, instance), row))
        return found, refused


def _copy(clean: CleanFile) -> ContentFile[bytes]:
    clean.content.seek(0)
    data = clean.content.read()
    clean.content.seek(0)
    return ContentFile(data, name=clean.content.name or "berkas")


def as_clean(row: StagedUpload) -> CleanFile | None:
    """The staged file as a checked upload, ready to be stored again; None when its file is gone or changed."""
    try:
        with row.file.open("rb") as stored:
            data = stored.read()
    except OSError:
        log.warning("staged upload %s: file missing", row.pk)
        return None
    if hashlib.sha256(data).hexdigest() != row.sha256:
        log.warning("staged upload %s: file changed", row.pk)
        return None
    name = (row.file.name or "berkas").rsplit("/", 1)[-1]
    return CleanFile(
        content=ContentFile(data, name=name),
        original_name=row.original_name,
        content_type=row.content_type,
        size=len(data),
        sha256=row.sha256,
        staged_pk=row.pk,
    )


def release_on_commit(files: Iterable[CleanFile]) -> None:
    """Inside a service's transaction: once it commits, remove the staged rows the stored files came from
    (their bytes now live with the request or complaint). A rollback keeps them for the next try."""
    ids = [f.staged_pk for f in files if f.staged_pk is not None]
    if ids:
        transaction.on_commit(lambda: _delete(StagedUpload.objects.filter(pk__in=ids)))


def sweep_expired(*, now: dt.datetime | None = None) -> int:
    """Remove staged files older than 24 hours, row and file. Idempotent; a file the disk will not remove keeps
    its row for the next sweep."""
    now = now or timezone.now()
    return _delete(StagedUpload.objects.filter(expires_at__lte=now).order_by("pk")[:5000])


def _delete(rows: Iterable[StagedUpload]) -> int:
    removed = 0
    for row in rows:
        try:
            if row.file.name:
                row.file.storage.delete(row.file.name)
        except OSError as exc:
            log.error("cannot remove a staged upload's file: %s", exc.strerror or exc)
            continue
        StagedUpload.objects.filter(pk=row.pk).delete()
        removed += 1
    return removed


def size_label(size: int) -> str:
    """120 KB, 1,2 MB: how big a kept file is, as the page says it."""
    if size < 1024 * 1024:
        return f"{formats.angka(max(1, size / 1024))} KB"
    return f"{formats.angka(Decimal(size) / (1024 * 1024), 1)} MB"
