"""A full or read-only disk while the camat attaches a file to the report: a clear message, no attachment row
and no file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pamong.reports.models import Attachment
from pamong.reports.testing import october_report
from pamong.testing import Padang, stored_files

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_attachment_on_a_broken_disk_is_refused_plainly(
    padang: Padang, camat_padang_selatan: Any, client: Any, broken_media: Path
) -> None:
    report = october_report(padang, camat_padang_selatan)
    client.force_login(camat_padang_selatan)
    response = client.post(
        reverse("reports:attach", args=[report.pk]), {"file": SimpleUploadedFile("notulen rakor.pdf", PDF_BYTES)}
    )
    assert "penyimpanan server sedang bermasalah" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(broken_media) == []
