"""Who may do what with units, staff records and formasi (pamong.core.gate).

``organization`` sits below ``accounts`` (accounts may import organization, not the reverse), so these rules
cannot use ``pamong.accounts.predicates``; they name the roles by their stored values instead. Like every
``rules.py``, this is one of the few places that looks at a user's role.
"""

from __future__ import annotations

from typing import Any

import rules

from pamong.core import gate
from pamong.core.scope import scope_of


def _role_in(*roles: str, name: str) -> Any:
    wanted = frozenset(roles)
    return rules.predicate(lambda user: getattr(user, "role", None) in wanted, name=name)


@rules.predicate
def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_admin_role", False))


is_pimpinan = _role_in("pimpinan_daerah", name="organization_is_pimpinan")
is_unit_manager = _role_in("kepala_unit", "sekretaris", name="organization_is_unit_manager")


@rules.predicate
def unit_in_scope(user: Any, unit: Any) -> bool:
    return unit is not None and scope_of(user).contains(unit.region_id)


# The head or secretary of an office, or an admin, keeps the staff records inside their region subtree.
keeps_staff = is_admin | is_unit_manager

# obj: the unit. Add or change a staff record of this unit.
gate.rule("organization.manage_staff", keeps_staff & unit_in_scope)
# No object: adding or importing staff somewhere in one's scope (the unit is chosen in the form).
gate.rule("organization.add_staff", keeps_staff)
# obj: the unit. Set how many people each of its positions needs (kebutuhan formasi).
gate.rule("organization.plan_formasi", (is_admin | is_pimpinan) & unit_in_scope)
# No object: the recaps over the staff of one's area (e.g. the SKP recap), for leaders of units and of the region.
gate.rule("organization.see_staff_recaps", is_admin | is_pimpinan | is_unit_manager)
