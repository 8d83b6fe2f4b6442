"""Nothing lost on error: a complaint refused for a missing answer is sent again without choosing the photos again;
the required question of a category is marked as such."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from pamong.complaints.models import Category, Complaint
from pamong.complaints.testing import make_category
from pamong.core.models import StagedUpload
from pamong.testing import Padang, stored_files

pytestmark = pytest.mark.django_db
KEPT = re.compile(r'name="photos-terlampir" value="(?P<token>[^"]+)"')


@pytest.fixture
def infra(padang: Padang) -> Category:
    make_category()
    return Category.objects.get(code="infrastruktur")


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def photo(colour: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(f"{colour}.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_the_photos_are_kept_when_a_required_answer_is_missing(
    client: Client, padang: Padang, infra: Category, media: Path
) -> None:
    url = reverse("complaints:new")
    data = {
        "token": "c" * 32,
        "category": infra.pk,
        "region": padang.belakang_pondok.code,
        "title": "Jalan berlubang",
        "text": "Jalan di depan SD 12 berlubang besar dan membahayakan pengendara.",
        "anonymous": "on",
    }
    html = client.post(url, {**data, "photos": [photo("red"), photo("blue")]}).content.decode()
    assert not Complaint.objects.exists()
    summary = html[html.index('id="ringkasan-kesalahan"') : html.index('id="id_category"')]
    assert f'href="#id_q-{infra.pk}-jenis"' in summary and "Wajib diisi untuk kategori ini." in summary
    assert "Sudah terlampir: <strong" in html and "red.jpg" in html and "blue.jpg" in html
    tokens = [m["token"] for m in KEPT.finditer(html)]
    assert len(tokens) == 2 and StagedUpload.objects.count() == 2
    kept = sorted(Path(row.file.path).read_bytes() for row in StagedUpload.objects.all())

    response = client.post(url, {**data, f"q-{infra.pk}-jenis": "jalan", "photos-terlampir": tokens})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert sorted(p.file.read() for p in complaint.photos.all()) == kept
    assert not StagedUpload.objects.exists()
    assert not [f for f in stored_files(media) if f.startswith("terlampir/")]


def test_a_categorys_required_question_is_marked(client: Client, padang: Padang, infra: Category) -> None:
    html = client.get(reverse("complaints:new")).content.decode()
    label = html[html.index(f'for="id_q-{infra.pk}-jenis"') :]
    label = label[: label.index("</label>")]
    assert "Jenis kerusakan" in label and 'aria-hidden="true">*</span>' in label
    widget = html[html.index(f'id="id_q-{infra.pk}-jenis"') - 200 : html.index(f'id="id_q-{infra.pk}-jenis"') + 100]
    assert 'aria-required="true"' in widget and 'data-wajib="1"' in widget
    optional = html[html.index(f'for="id_q-{infra.pk}-lebar"') :]
    assert "*</span>" not in optional[: optional.index("</label>")]
