"""The demo leaves work in every queue of the demo accounts: in the demo kelurahan a request and a complaint in
every status of their machines, a request waiting for the lurah's signature, a complaint rejected as spam; every
step taken through the apps' services, so each history row names the officer and their post at the time."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Q

from pamong.accounts.models import User
from pamong.catalog.services import service_types_load
from pamong.catalog.standards import standard_services
from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Complaint, ComplaintChange, Rejection
from pamong.complaints.services import MACHINE as COMPLAINTS
from pamong.core.transitions import Machine
from pamong.demo.queues import queues_populate
from pamong.notifications.models import Notification
from pamong.organization.models import Unit
from pamong.servicerequests.models import ServiceRequest, StatusChange
from pamong.servicerequests.models import Status as RequestStatus
from pamong.servicerequests.services import MACHINE as REQUESTS
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def every_status(machine: Machine) -> set[str]:
    """The statuses a machine can put an object in: where it starts and every target of its table."""
    return {str(machine.statuses.values[0])} | {target for _source, target in machine.pairs()}


def assert_every_stage_waits(*, office: Unit, lurah: User) -> None:
    """What the demo promises the lurah and the petugas of ``office``: shared by the quick test below and the
    test of the whole load_demo command."""
    assert set(REQUESTS.statuses.values) == every_status(REQUESTS)  # no status the machine cannot reach
    assert set(COMPLAINTS.statuses.values) == every_status(COMPLAINTS)
    requests = ServiceRequest.objects.filter(unit=office)
    complaints = Complaint.objects.filter(region_id=office.region_id)
    assert set(requests.values_list("status", flat=True)) == every_status(REQUESTS)
    assert set(complaints.values_list("status", flat=True)) == every_status(COMPLAINTS)
    waiting = requests.filter(status=RequestStatus.MENUNGGU_TTD)
    assert any(RequestStatus.SELESAI in {t.target for t in REQUESTS.available(lurah, r)} for r in waiting)
    assert complaints.filter(rejection=Rejection.SPAM).exists()
    assert complaints.filter(status="dialihkan").exclude(unit=office).exists()  # with the kantor camat now


def assert_histories_name_their_officers(*, office: Unit) -> None:
    """Every step on the items the demo moved was taken by an officer with a post: no history row without an
    actor but the citizen's own (submitting, sending a correction)."""
    token = Q(submit_token__startswith="demo-antrean-")
    histories = (
        (StatusChange.objects.filter(request__in=ServiceRequest.objects.filter(token)), "Pemohon"),
        (ComplaintChange.objects.filter(complaint__in=Complaint.objects.filter(token)), "Pelapor"),
    )
    for rows, citizen in histories:
        assert rows.count() > 20
        assert not rows.filter(actor__isnull=True).exclude(actor_label=citizen).exists()
        for row in rows.filter(actor__isnull=False).select_related("actor__employee"):
            employee: Any = getattr(row.actor, "employee", None)
            assert (row.actor_position_id, row.actor_unit_id) == (employee.position_id, employee.unit_id)
            assert row.actor_unit_id == office.pk


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
