"""The portal demo: announcements with two hoax clarifications."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.demo import portal as demo
from pamong.portal.models import Announcement, Kind
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_the_demo_posts_a_dozen_announcements_with_two_hoax_clarifications(client: Client, padang: Padang) -> None:
    lines: list[str] = []
    made = demo.populate(kabkota=padang.kota, progress=lines.append)
    assert Announcement.objects.count() == 12 and made == 36
    assert Announcement.objects.filter(kind=Kind.KLARIFIKASI).count() == 2
    assert lines and "12 pengumuman" in lines[0]
    assert "Tidak ada pungutan untuk pembuatan KTP-el" in client.get(reverse("portal:home")).content.decode()
