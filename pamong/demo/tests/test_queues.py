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


def test_the_demo_petugas_lands_on_requests_to_work_and_the_lurah_on_the_letter_to_sign(
    client: Any, padang: Padang, catalogue: None, lurah_belakang_pondok: User, petugas_belakang_pondok: User
) -> None:
    """After signing in, the demo petugas's page lists requests to work on; on the request waiting for the lurah's
    signature the petugas is offered no signature, and the lurah sees the letter's DRAF preview above the
    signature."""
    from django.urls import reverse

    from pamong.servicerequests.models import Status as RS
    from pamong.testing import PASSWORD

    queues_populate(kabkota=padang.kota, lurah=lurah_belakang_pondok, petugas=petugas_belakang_pondok)
    signed_in = client.post(reverse("accounts:login"), {"username": "petugas_bp", "password": PASSWORD}, follow=True)
    landing = signed_in.content.decode()
    assert signed_in.redirect_chain[-1][0] == reverse("desk:home")
    office = padang.kantor_lurah_bp
    to_work = ServiceRequest.objects.filter(unit=office, status__in=[RS.DIAJUKAN, RS.DIVERIFIKASI, RS.DIPROSES])
    assert to_work.exists()
    assert "Berkas perlu diverifikasi" in landing and "Siap diproses" in landing
    assert any(r.code_display in landing for r in to_work)

    waiting = ServiceRequest.objects.filter(unit=office, status=RS.MENUNGGU_TTD).first()
    assert waiting is not None
    page = client.get(reverse("servicerequests:detail", args=[waiting.code])).content.decode()
    assert "Tanda tangani" not in page

    client.force_login(lurah_belakang_pondok)
    desk_page = client.get(reverse("desk:home")).content.decode()
    assert "Surat menunggu tanda tangan Anda" in desk_page and waiting.code_display in desk_page
    page = client.get(reverse("servicerequests:detail", args=[waiting.code])).content.decode()
    assert 'id="letter-preview"' in page and "DRAF" in page
    assert page.index('id="letter-preview"') < page.index("Tanda tangani dan selesaikan")
