"""The work an employee did in Pamong, as shown on their page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.testing import finish, make_request, make_service
from pamong.testing import Padang, make_employee

pytestmark = pytest.mark.django_db


def test_employee_page_counts_the_requests_they_worked_and_on_time_share(
    client: Client, padang: Padang, lurah: User, petugas: User
) -> None:
    service = make_service()
    on_time = finish(make_request(padang.kantor_lurah_bp, service), petugas, lurah)
    late = finish(make_request(padang.kantor_lurah_bp, service), petugas, lurah)
    assert late.due_at is not None and on_time.due_at is not None and on_time.finished_at is not None
    ServiceRequest.objects.filter(pk=late.pk).update(finished_at=late.due_at + dt.timedelta(days=1))
    make_request(padang.kantor_lurah_bp, service)  # nobody touched it yet
    ServiceRequest.objects.filter(pk=make_request(padang.kantor_lurah_bp, service).pk).update(
        assignee=padang.staf_bp, overdue=True
    )
    assert on_time.finished_at <= on_time.due_at

    client.force_login(lurah)
    html = client.get(reverse("organization:employee", args=[padang.staf_bp.pk])).content.decode()
    assert "Permohonan layanan" in html
    section = html[html.index("kerja-permohonan") : html.index("kerja-pengaduan")]
    stats = [s.split("</div>")[0] for s in section.split('class="stat">')[1:]]
    assert stats == ["2", "2", "50,0%"]
    assert "<strong>1</strong> permohonan" in section and "1 terlambat" in section
    newcomer = make_employee(padang.kantor_lurah_bp, "Rahmat")
    assert (
        "belum memiliki akun Pamong"
        in client.get(reverse("organization:employee", args=[newcomer.pk])).content.decode()
    )
