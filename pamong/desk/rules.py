"""Which queues a desk shows (pamong.core.gate; obj: none). The queues themselves count only what the work
apps' own rules let the user act on."""

from __future__ import annotations

from pamong.accounts.models import Role
from pamong.accounts.predicates import has_role, is_admin, is_pimpinan, is_unit_manager
from pamong.core import gate

# The front line: berkas to verify and process, complaints to verify and follow up.
gate.rule("desk.front_line", has_role(Role.PETUGAS, Role.SEKRETARIS))
# The head of an office (and its secretary): letters to sign, complaints to dispose, what is late, SKP to rate.
gate.rule("desk.office_head", is_unit_manager)
# The kabupaten/kota: late camat reports, what is late across the region, ranking movement.
gate.rule("desk.region", is_pimpinan | is_admin)
