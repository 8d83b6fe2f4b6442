"""Checks shared by the demo's tests: the work the demo promises to leave in the demo accounts' queues."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q

from pamong.accounts.models import User
from pamong.complaints.models import Complaint, ComplaintChange, Rejection
from pamong.complaints.services import MACHINE as COMPLAINTS
from pamong.core.transitions import Machine
from pamong.demo.queues import SUBMITTED_AS
from pamong.organization.models import Position, Unit
from pamong.servicerequests.models import ServiceRequest, StatusChange
from pamong.servicerequests.models import Status as RequestStatus
from pamong.servicerequests.services import MACHINE as REQUESTS


def every_status(machine: Machine) -> set[str]:
    """The statuses a machine can put an object in: where it starts and every target of its table."""
    return {str(machine.statuses.values[0])} | {target for _source, target in machine.pairs()}


def assert_every_stage_waits(*, office: Unit, lurah: User) -> None:
    """What the demo promises the lurah and the petugas of ``office`` (checked after the quick builder and after
    the whole load_demo command)."""
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
    token = Q(submit_token__startswith=SUBMITTED_AS)
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


def assert_bulk_histories_name_their_posts(*, kabkota_code: str) -> None:
    """The bulk demo histories (every request but those the queues moved through the services) name the officer
    of each staff step, as the services would: a post of the request's own office, a staff post for verifying,
    processing, returning, refusing and sending to be signed, a signing post (head or secretary) for signing. Only
    the citizen's submission carries no post."""
    rows = StatusChange.objects.filter(request__kabkota_code=kabkota_code).exclude(
        request__submit_token__startswith=SUBMITTED_AS
    )
    assert rows.filter(actor_label="Pemohon").count() == rows.filter(from_status="").count() > 0
    assert not rows.filter(actor_label="Pemohon").exclude(actor_position=None, actor_unit=None).exists()
    staff = rows.exclude(actor_label="Pemohon")
    assert staff.exists() and not staff.filter(actor_position=None).exists()
    assert not staff.exclude(actor_unit_id=F("request__unit_id")).exists()
    assert not staff.exclude(actor_position__unit_id=F("request__unit_id")).exists()
    signing = staff.filter(to_status=RequestStatus.SELESAI)
    assert signing.exists()
    assert set(signing.values_list("actor_position__kind", flat=True)) <= {
        Position.Kind.KEPALA,
        Position.Kind.SEKRETARIS,
    }
    # The petugas's steps are a staff officer's (a kasi/kaur's, or the secretary's or head's only in an office
    # without staff).
    working = staff.exclude(to_status=RequestStatus.SELESAI)
    by_staff = working.filter(actor_position__kind__in=[Position.Kind.STAF, Position.Kind.KEPALA_SEKSI]).count()
    assert by_staff >= 0.9 * working.count() > 0
