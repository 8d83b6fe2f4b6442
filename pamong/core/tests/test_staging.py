"""Files kept from a refused form (pamong.core.staging): only the browser, form and field they were attached in
may use them again, for 24 hours; the sweep removes them with their files; a broken disk keeps nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core import signing
from django.core.files.base import ContentFile
from django.core.management import call_command

from pamong.core.models import StagedUpload
from pamong.core.staging import SALT, Keeper, as_clean, size_label, sweep_expired
from pamong.core.storage import StorageError
from pamong.core.uploads import PDF, CleanFile
from pamong.testing import broken_disk, stored_files

pytestmark = pytest.mark.django_db

KTP = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def checked(data: bytes = KTP, name: str = "ktp warga.pdf") -> CleanFile:
    return CleanFile(
        content=ContentFile(data, name=name),
        original_name=name,
        content_type=PDF,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def keeper(session: SessionStore, form: str = "servicerequests.apply") -> Keeper:
    return Keeper(session, form=form, kabkota_code="13.71")


def test_a_kept_file_comes_back_whole_in_the_same_browser_and_form(media: Path) -> None:
    warga = SessionStore()
    kept = keeper(warga).stage(field="doc_1", instance="formulir-1", clean=checked(), now=NOW)
    assert kept.original_name == "ktp warga.pdf" and kept.size == len(KTP)
    row = StagedUpload.objects.get()
    assert row.kabkota_code == "13.71" and row.expires_at == NOW + dt.timedelta(hours=24)
    assert warga["pamong_terlampir"] not in row.owner  # only a hash of the browser's key is stored

    found, refused = keeper(warga).claim(field="doc_1", instance="formulir-1", tokens=[kept.token], now=NOW)
    assert not refused and [r.pk for _k, r in found] == [row.pk]
    again = as_clean(found[0][1])
    assert again is not None and again.content.read() == KTP and again.staged_pk == row.pk


def test_a_tampered_token_is_refused(media: Path) -> None:
    warga = SessionStore()
    first = keeper(warga).stage(field="doc_1", instance="formulir-1", clean=checked(), now=NOW)
    second = keeper(warga).stage(field="doc_1", instance="formulir-1", clean=checked(b"%PDF-1.4 lain %%EOF"), now=NOW)
    value = signing.loads(first.token, salt=SALT)
    forged = signing.dumps({**value, "id": value["id"] + 1}, salt="bukan-garam-pamong")
    for token in (first.token[:-2] + "xx", forged, second.token + "a", "sembarang"):
        found, refused = keeper(warga).claim(field="doc_1", instance="formulir-1", tokens=[token], now=NOW)
        assert found == [] and refused, token


def test_another_browser_form_or_field_cannot_claim_the_file(media: Path) -> None:
    warga = SessionStore()
    kept = keeper(warga).stage(field="doc_1", instance="formulir-1", clean=checked(), now=NOW)
    orang_lain = SessionStore()
    orang_lain["pamong_terlampir"] = "kunci-peramban-lain"
    for who, form, field, instance in (
        (SessionStore(), "servicerequests.apply", "doc_1", "formulir-1"),  # a browser without a key
        (orang_lain, "servicerequests.apply", "doc_1", "formulir-1"),  # another browser
        (warga, "complaints.new", "doc_1", "formulir-1"),  # another form
        (warga, "servicerequests.apply", "doc_2", "formulir-1"),  # another field
        (warga, "servicerequests.apply", "doc_1", "formulir-2"),  # another copy of the form
    ):
        found, refused = keeper(who, form).claim(field=field, instance=instance, tokens=[kept.token], now=NOW)
        assert found == [] and refused


def test_an_expired_file_is_refused_and_the_sweep_removes_it(media: Path) -> None:
    warga = SessionStore()
    kept = keeper(warga).stage(field="doc_1", instance="formulir-1", clean=checked(), now=NOW)
    fresh = keeper(warga).stage(field="doc_2", instance="formulir-1", clean=checked(name="kk.pdf"), now=NOW)
    StagedUpload.objects.filter(original_name="kk.pdf").update(expires_at=NOW + dt.timedelta(hours=48))
    assert len(stored_files(media)) == 2
    with time_machine.travel(NOW + dt.timedelta(hours=24, minutes=1), tick=False):
        found, refused = keeper(warga).claim(field="doc_1", instance="formulir-1", tokens=[kept.token])
        assert found == [] and refused
        call_command("sweep_uploads")
        assert sweep_expired() == 0  # again: nothing more to do
    assert list(StagedUpload.objects.values_list("original_name", flat=True)) == ["kk.pdf"]
    assert len(stored_files(media)) == 1 and stored_files(media)[0].endswith("kk.pdf")
    assert fresh.token


def test_a_broken_disk_keeps_nothing(tmp_path: Path, settings: Any) -> None:
    with broken_disk(tmp_path / "media", "penuh") as folder:
        settings.MEDIA_ROOT = folder
        with pytest.raises(StorageError):
            keeper(SessionStore()).stage(field="doc_1", instance="formulir-1", clean=checked(KTP * 2000), now=NOW)
        assert not StagedUpload.objects.exists()
        assert stored_files(folder) == []


def test_sizes_read_as_people_say_them() -> None:
    assert size_label(200) == "1 KB"
    assert size_label(120 * 1024) == "120 KB"
    assert size_label(int(1.25 * 1024 * 1024)) == "1,3 MB"  # half-up, like every number on the pages
