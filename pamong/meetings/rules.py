"""Who may do what with meetings, visits and action items. Reads and writes both ask here."""

from __future__ import annotations

from typing import Any

from pamong.accounts.models import Role
from pamong.core.scope import scope_of
from pamong.meetings.models import ActionItem, Meeting, Visit
from pamong.organization.models import Unit

MANAGERS = (Role.KEPALA_UNIT, Role.SEKRETARIS)


def _employee(user: Any) -> Any:
    employee = getattr(user, "employee", None)
    return employee if employee is not None and employee.active else None


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_admin_role", False))


def can_organise_for(user: Any, unit: Unit) -> bool:
    """Kepala unit and sekretaris organise meetings of their own unit; the pimpinan daerah for any unit of the
    kabupaten/kota (bagian tata pemerintahan and the offices below); admins anywhere."""
    if is_admin(user):
        return True
    employee = _employee(user)
    if employee is None:
        return False
    if user.role == Role.PIMPINAN_DAERAH:
        return scope_of(user).contains(unit.region_id)
    return user.role in MANAGERS and employee.unit_id == unit.pk


def can_organise_any(user: Any) -> bool:
    return is_admin(user) or (_employee(user) is not None and user.role in (*MANAGERS, Role.PIMPINAN_DAERAH))


def organisable_units(user: Any) -> Any:
    if is_admin(user):
        return Unit.objects.all()
    employee = _employee(user)
    if employee is None:
        return Unit.objects.none()
    if user.role == Role.PIMPINAN_DAERAH:
        return Unit.objects.visible_to(user)
    if user.role in MANAGERS:
        return Unit.objects.filter(pk=employee.unit_id)
    return Unit.objects.none()


def can_manage_meeting(user: Any, meeting: Meeting) -> bool:
    """The organiser: the chair, whoever created it, the head or secretary of the organising unit, the pimpinan
    daerah of the kabupaten/kota, an admin."""
    if is_admin(user):
        return True
    employee = _employee(user)
    if employee is None:
        return False
    if employee.pk == meeting.chair_id or (meeting.created_by_id is not None and meeting.created_by_id == user.pk):
        return True
    if user.role == Role.PIMPINAN_DAERAH:
        return employee.kabkota_code == meeting.kabkota_code
    return user.role in MANAGERS and employee.unit_id == meeting.unit_id


def can_record_visits(user: Any) -> bool:
    return is_admin(user) or (user.role == Role.PIMPINAN_DAERAH and _employee(user) is not None)


def can_manage_visit(user: Any, visit: Visit) -> bool:
    if is_admin(user):
        return True
    employee = _employee(user)
    if employee is None:
        return False
    if employee.pk == visit.led_by_id or (visit.created_by_id is not None and visit.created_by_id == user.pk):
        return True
    return user.role == Role.PIMPINAN_DAERAH and employee.kabkota_code == visit.kabkota_code


def can_manage_item(user: Any, item: ActionItem) -> bool:
    """The chair or organiser of the item's meeting, or whoever manages the item's visit."""
    if item.meeting_id is not None:
        return can_manage_meeting(user, item.meeting)  # type: ignore[arg-type]
    return can_manage_visit(user, item.visit)  # type: ignore[arg-type]


def is_owner(user: Any, item: ActionItem) -> bool:
    employee = _employee(user)
    return employee is not None and employee.pk == item.owner_id
