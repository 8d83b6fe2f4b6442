"""Who may do what with staff records, formasi and the admin site (pamong.core.gate).

The rules about units, staff records and formasi are declared here rather than in ``organization``: they are
about roles, and ``organization`` sits below ``accounts`` in the layers (accounts may import organization, not the
reverse). Their names keep the area they guard ("organization.*").
"""

from __future__ import annotations

from pamong.accounts.predicates import in_scope, is_admin, is_pimpinan, is_unit_manager
from pamong.core import gate

unit_in_scope = in_scope(lambda unit: unit.region_id, name="unit_in_scope")

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
# The Django admin (Diskominfo).
gate.rule("accounts.admin_site", is_admin)
