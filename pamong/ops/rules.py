"""Who may do what on the operations pages (pamong.core.gate)."""

from __future__ import annotations

from pamong.accounts.predicates import is_admin, is_pimpinan
from pamong.core import gate

# Messages that could not be delivered: admins (Diskominfo) and pimpinan daerah, who can act on them.
gate.rule("ops.failed_messages", is_admin | is_pimpinan)
# The operations status (database, queues, workers, sweeps, disk): the same people.
gate.rule("ops.status", is_admin | is_pimpinan)
# What a new deployment still lacks (offices without a head, services not reviewed, …), and the gateway test.
gate.rule("ops.checklist", is_admin | is_pimpinan)
