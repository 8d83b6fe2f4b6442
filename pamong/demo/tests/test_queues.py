"""The demo leaves work in every queue of the demo accounts: in the demo kelurahan a request and a complaint in
every status of their machines, a request waiting for the lurah's signature, a complaint rejected as spam; every
step taken through the apps' services, so each history row names the officer and their post at the time."""

from __future__ import annotations

from typing import Any

import pytest

from pamong.accounts.models import User
from pamong.catalog.services import service_types_load
from pamong.catalog.standards import standard_services
from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Complaint
from pamong.complaints.services import MACHINE as COMPLAINTS
from pamong.demo.queues import queues_populate
from pamong.demo.testing import assert_every_stage_waits, assert_histories_name_their_officers, every_status
from pamong.notifications.models import Notification
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.services import MACHINE as REQUESTS
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(padang: Padang, calendar: list[int]) -> None:
    service_types_load(kabkota_code="13.71", data=standard_services(padang.kota))
    categories_seed(kabkota_code="13.71")


def test_every_stage_waits_in_the_demo_kelurahan(
    padang: Padang, catalogue: None, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    lines: list[str] = []
    result = queues_populate(
        kabkota=padang.kota, lurah=lurah_belakang_pondok, petugas=petugas_belakang_pondok, progress=lines.append
    )
    office = padang.kantor_lurah_bp
    assert result.kelurahan == office.region.name and result.made == 21 and lines
    assert set(result.requests) == every_status(REQUESTS) and set(result.complaints) == every_status(COMPLAINTS)
    assert_every_stage_waits(office=office, lurah=lurah_belakang_pondok)
    assert_histories_name_their_officers(office=office)
    # The citizens were told, by the message queues (the test settings keep messages on this machine).
    assert {"sms", "email"} <= set(Notification.objects.values_list("channel", flat=True))
    # Safe to run twice: nothing is added or moved.
    again = queues_populate(kabkota=padang.kota, lurah=lurah_belakang_pondok, petugas=petugas_belakang_pondok)
    assert again.made == 0 and (again.requests, again.complaints) == (result.requests, result.complaints)


def test_made_up_citizens_get_no_contact_a_real_gateway_would_reach(
    padang: Padang, catalogue: None, lurah_belakang_pondok: User, petugas_belakang_pondok: User, settings: Any
) -> None:
    settings.PAMONG_SMS_BACKEND = "pamong.notifications.backends.HttpSmsBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    queues_populate(kabkota=padang.kota, lurah=lurah_belakang_pondok, petugas=petugas_belakang_pondok)
    assert not Notification.objects.exists()
    assert not ServiceRequest.objects.exclude(phone="", email="").exists()
    assert not Complaint.objects.filter(anonymous=False).exists()
    assert_every_stage_waits(office=padang.kantor_lurah_bp, lurah=lurah_belakang_pondok)
