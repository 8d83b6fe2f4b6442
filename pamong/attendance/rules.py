"""Who may do what with attendance (pamong.core.gate).

The kepala unit and the sekretaris of an office keep its attendance: they record any status for its staff, fill
its day sheet, correct its records and set its office hours; an admin may do so for every office. Everyone else
reports only their own leave (the services check that an employee records for themself) and checks in and out.
"""

from __future__ import annotations

from typing import Any

import rules

from pamong.accounts.models import Role
from pamong.accounts.predicates import has_role, is_admin, is_staff_member, is_unit_manager, works_in
from pamong.core import gate

# The head or secretary of the office itself, while their staff record is active.
_keeps_unit = is_unit_manager & works_in(lambda unit: unit.pk, name="attendance_works_in_unit")
_keeps_record_unit = is_unit_manager & works_in(lambda record: record.unit_id, name="attendance_works_in_record_unit")


@rules.predicate
def is_own_record(user: Any, record: Any) -> bool:
    employee_id = getattr(user, "employee_id", None)
    return record is not None and employee_id is not None and employee_id == record.employee_id


# No object: reading other employees' attendance within one's scope (recap, records, the employee page). A
# petugas reads only their own.
gate.rule("attendance.see_colleagues", is_admin | ~has_role(Role.PETUGAS))
# obj: the unit. Record any status for its staff (not only one's own leave) and fill its day sheet.
gate.rule("attendance.record", is_admin | _keeps_unit)
# No object: whether the user keeps the day sheet of some office (the "Daftar hadir harian" tab).
gate.rule("attendance.keep_day_sheet", is_admin | (is_unit_manager & is_staff_member))
# obj: the attendance record. A correction, always with a reason and a history row.
gate.rule("attendance.correct", is_admin | _keeps_record_unit)
# obj: the unit, or None for the kabupaten/kota default (admins only).
gate.rule("attendance.set_hours", is_admin | _keeps_unit)
# obj: the attendance record. A doctor's letter is health data: the employee and whoever keeps the office's
# attendance.
gate.rule("attendance.see_document", is_own_record | is_admin | _keeps_record_unit)
