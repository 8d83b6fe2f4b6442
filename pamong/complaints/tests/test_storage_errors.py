"""A full or read-only disk while a citizen files a complaint with a photo: a clear message, the form kept, no
complaint and no photo left behind."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from pamong.complaints.models import Category, Complaint, ComplaintPhoto
from pamong.complaints.testing import make_category
from pamong.testing import Padang, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(padang: Padang) -> Category:
    return make_category()


def test_a_complaint_with_a_photo_on_a_broken_disk_keeps_the_form(
    client: Client, padang: Padang, category: Category, broken_media: Path
) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    response = client.post(
        reverse("complaints:new"),
        {
            "token": "c" * 32,
            "category": category.pk,
            "region": padang.belakang_pondok.code,
            "title": "Got tersumbat",
            "text": "Got di depan rumah tersumbat dan banjir setiap hujan.",
            "anonymous": "on",
            "photos": [SimpleUploadedFile("got.jpg", buffer.getvalue(), content_type="image/jpeg")],
        },
    )
    html = response.content.decode()
    assert "penyimpanan server sedang bermasalah" in html
    assert "Got tersumbat" in html and "banjir setiap hujan" in html
    assert not Complaint.objects.exists() and not ComplaintPhoto.objects.exists()
    assert stored_files(broken_media) == []
