"""A full or read-only disk while the pimpinan records a visit with a photo: a clear message, the form kept, no
visit, finding or photo left behind."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.meetings.models import Finding, FindingPhoto, Visit
from pamong.meetings.testing import photo_with_gps
from pamong.testing import Padang, stored_files

pytestmark = pytest.mark.django_db


def test_a_visit_with_a_photo_on_a_broken_disk_keeps_the_form(
    client: Client, padang: Padang, pimpinan_padang: User, broken_media: Path
) -> None:
    client.force_login(pimpinan_padang)
    response = client.post(
        reverse("meetings:visit_new"),
        {
            "token": uuid.uuid4().hex,
            "region": padang.belakang_pondok.code,
            "visited_on": "2026-03-10",
            "title": "Kunjungan kerja Sekda ke Belakang Pondok",
            "led_by": padang.kabag.pk,
            "theme_1": "pelayanan",
            "text_1": "Antrean panjang, papan standar pelayanan belum dipasang.",
            "photos_1": photo_with_gps(),
        },
    )
    html = response.content.decode()
    assert "penyimpanan server sedang bermasalah" in html
    assert "Kunjungan kerja Sekda ke Belakang Pondok" in html and "Antrean panjang" in html
    assert not Visit.objects.exists() and not Finding.objects.exists() and not FindingPhoto.objects.exists()
    assert stored_files(broken_media) == []
