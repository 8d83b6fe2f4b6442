"""Who may do what with priority programmes and the register of vulnerable residents (pamong.core.gate).

Counts carry no names: every staff member reads them within their scope (``visible_to``). The offices enter the
monthly counts and targets of the kelurahan/desa in their scope (the services check the place).

The register is health data with a need-to-know, not a rank: health workers and the head of the unit of the
area, nobody else — not admin, not pimpinan daerah, not sekretaris or petugas.
"""

from __future__ import annotations

from typing import Any

from pamong.accounts.models import Role
from pamong.accounts.predicates import has_role, in_scope, is_admin, is_head, is_health_worker
from pamong.core import gate

enters_counts = is_admin | has_role(Role.KEPALA_UNIT, Role.SEKRETARIS, Role.PETUGAS)
# ``~is_admin``: an account with the admin flag (superuser) never reads health data, whatever its role.
needs_to_know = (is_health_worker | is_head) & ~is_admin


def _place_of(resident: Any) -> Any:
    return resident.place_id


gate.rule("programmes.enter_progress", enters_counts)
gate.rule("programmes.set_target", enters_counts)
# No object: the register exists for the user (the list, adding a resident); services check the place's scope.
gate.rule("programmes.see_register", needs_to_know)
# obj: the resident. A follow-up visit of a resident in the user's area.
gate.rule("programmes.record_visit", needs_to_know & in_scope(_place_of, name="resident_in_scope"))
# Who looked at the register of the area: its head only.
gate.rule("programmes.read_access_log", needs_to_know & is_head)
