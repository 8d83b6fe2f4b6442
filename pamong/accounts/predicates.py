"""Predicates every app's rules are built from (the ``rules`` package): roles, and where a user works.

An app's ``rules.py`` combines these with its own object predicates and declares them in the gate
(``pamong.core.gate.rule``). Nothing outside ``rules.py`` files and this module looks at a user's role.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from rules.predicates import Predicate

from pamong.accounts.models import Role
from pamong.core.scope import scope_of


@rules.predicate
def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_admin_role", False))


def has_role(*roles: str) -> Predicate:
    wanted = frozenset(roles)
    name = "has_role_" + "_or_".join(sorted(roles))
    return rules.predicate(lambda user: getattr(user, "role", None) in wanted, name=name)


is_pimpinan = has_role(Role.PIMPINAN_DAERAH)
is_head = has_role(Role.KEPALA_UNIT)
is_secretary = has_role(Role.SEKRETARIS)
is_unit_manager = has_role(Role.KEPALA_UNIT, Role.SEKRETARIS)  # the head of an office or its secretary
is_health_worker = has_role(Role.KESEHATAN)
# Who works an office's front line (requests, complaints, survey forms): its head, secretary and petugas — not the
# health worker, whose account is for the register of vulnerable residents.
is_office_staff = has_role(Role.KEPALA_UNIT, Role.SEKRETARIS, Role.PETUGAS)


def employee_of(user: Any) -> Any:
    """The user's staff record while it is active; None otherwise (who left or moved keeps no access)."""
    employee = getattr(user, "employee", None)
    return employee if employee is not None and employee.active else None


@rules.predicate
def is_staff_member(user: Any) -> bool:
    return employee_of(user) is not None


def works_in(unit_id_of: Callable[[Any], Any], *, name: str) -> Predicate:
    """The user's active staff record is in the unit ``unit_id_of(obj)`` (an id)."""

    def check(user: Any, obj: Any) -> bool:
        employee = employee_of(user)
        return obj is not None and employee is not None and employee.unit_id == unit_id_of(obj)

    return rules.predicate(check, name=name)


def in_scope(region_code_of: Callable[[Any], Any], *, name: str) -> Predicate:
    """The object's region (``region_code_of(obj)``) is inside the user's region subtree."""

    def check(user: Any, obj: Any) -> bool:
        return obj is not None and scope_of(user).contains(region_code_of(obj))

    return rules.predicate(check, name=name)
