"""Who may do what with meetings, evaluation visits and action items (pamong.core.gate).

Reads go through ``visible_to``; every write asks one of the rules declared here:

- ``meetings.schedule`` (no object): may schedule meetings at all — kepala unit, sekretaris and pimpinan daerah
  with an active staff record, and admins.
- ``meetings.organise`` (obj: the organising unit): kepala unit and sekretaris for their own unit; the pimpinan
  daerah for any unit in their scope (bagian tata pemerintahan and the offices below); admins anywhere.
- ``meetings.manage`` (obj: a meeting): its organiser — the chair, whoever created it, the head or secretary of
  the organising unit, the pimpinan daerah of the kabupaten/kota, an admin. Takes every step of the meeting:
  finish, cancel, invite, attendance, minutes, action items.
- ``meetings.record_visit`` (no object): the pimpinan daerah and admins record evaluation visits.
- ``meetings.manage_visit`` (obj: a visit): who led or recorded it, the pimpinan daerah of the kabupaten/kota, an
  admin: findings and action items of the visit.
- ``meetings.manage_item`` (obj: an action item): whoever manages its meeting or visit: cancels and reopens.
- ``meetings.work_item`` (obj: an action item): its owner, and whoever manages it: starts, notes progress,
  finishes.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from pamong.accounts.predicates import (
    employee_of,
    in_scope,
    is_admin,
    is_pimpinan,
    is_staff_member,
    is_unit_manager,
    works_in,
)
from pamong.core import gate
from pamong.organization.models import Unit


@rules.predicate
def same_kabkota(user: Any, obj: Any) -> bool:
    """The object (meeting, visit) belongs to the kabupaten/kota of the user's staff record."""
    employee = employee_of(user)
    return obj is not None and employee is not None and employee.kabkota_code == obj.kabkota_code


@rules.predicate
def chairs_meeting(user: Any, meeting: Any) -> bool:
    employee = employee_of(user)
    return meeting is not None and employee is not None and employee.pk == meeting.chair_id


@rules.predicate
def leads_visit(user: Any, visit: Any) -> bool:
    employee = employee_of(user)
    return visit is not None and employee is not None and employee.pk == visit.led_by_id


@rules.predicate
def created_it(user: Any, obj: Any) -> bool:
    """Whoever scheduled the meeting or recorded the visit (while still on the staff)."""
    return (
        obj is not None
        and employee_of(user) is not None
        and obj.created_by_id is not None
        and obj.created_by_id == user.pk
    )


@rules.predicate
def owns_item(user: Any, item: Any) -> bool:
    employee = employee_of(user)
    return item is not None and employee is not None and employee.pk == item.owner_id


may_schedule = is_admin | (is_staff_member & (is_unit_manager | is_pimpinan))
organises_for_unit = (
    is_admin
    | (is_pimpinan & is_staff_member & in_scope(lambda unit: unit.region_id, name="unit_in_scope"))
    | (is_unit_manager & works_in(lambda unit: unit.pk, name="in_unit"))
)
manages_meeting = (
    is_admin
    | chairs_meeting
    | created_it
    | (is_pimpinan & same_kabkota)
    | (is_unit_manager & works_in(lambda meeting: meeting.unit_id, name="in_organising_unit"))
)
may_record_visits = is_admin | (is_pimpinan & is_staff_member)
manages_visit = is_admin | leads_visit | created_it | (is_pimpinan & same_kabkota)


@rules.predicate
def manages_item(user: Any, item: Any) -> bool:
    """The chair or organiser of the item's meeting, or whoever manages the item's visit."""
    if item is None:
        return False
    if item.meeting_id is not None:
        return bool(manages_meeting.test(user, item.meeting))
    return bool(manages_visit.test(user, item.visit))


gate.rule("meetings.schedule", may_schedule)
gate.rule("meetings.organise", organises_for_unit)
gate.rule("meetings.manage", manages_meeting)
gate.rule("meetings.record_visit", may_record_visits)
gate.rule("meetings.manage_visit", manages_visit)
gate.rule("meetings.manage_item", manages_item)
gate.rule("meetings.work_item", owns_item | manages_item)


def organisable_units(user: Any) -> QuerySet[Unit]:
    """The units ``user`` may organise meetings for (``meetings.organise``), as a queryset for the form."""
    if is_admin.test(user):
        return Unit.objects.all()
    if not is_staff_member.test(user):
        return Unit.objects.none()
    if is_pimpinan.test(user):
        return Unit.objects.visible_to(user)
    if is_unit_manager.test(user):
        return Unit.objects.filter(pk=employee_of(user).unit_id)
    return Unit.objects.none()
