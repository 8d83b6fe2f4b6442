"""Who may do what in the service catalogue (pamong.core.gate)."""

from __future__ import annotations

from typing import Any

import rules

from pamong.accounts.predicates import employee_of, in_scope, is_admin, is_head, is_pimpinan
from pamong.core import gate
from pamong.organization.models import Unit


@rules.predicate
def heads_tapem(user: Any) -> bool:
    """The user heads (or is acting head of) a Bagian Tata Pemerintahan, which coordinates the front-line
    services of the kabupaten/kota."""
    employee = employee_of(user)
    return employee is not None and employee.unit.kind == Unit.Kind.BAGIAN_TAPEM


@rules.predicate
def heads_tapem_of(user: Any, service: Any) -> bool:
    employee = employee_of(user)
    return service is not None and employee is not None and employee.unit.kabkota_code == service.kabkota_code


in_kabkota = in_scope(lambda service: service.kabkota_code, name="service_in_scope")
approvers = is_pimpinan | (is_head & heads_tapem)

# Approving (menetapkan) a Standar Pelayanan, PermenPANRB 15/2014: pimpinan daerah of the kabupaten/kota, or the head
# of its Bagian Tata Pemerintahan. Admins (Diskominfo) keep the catalogue but do not approve standards.
gate.rule("catalog.approve_standard", (is_pimpinan & in_kabkota) | (is_head & heads_tapem & heads_tapem_of))
# The list of standards and their review state: the approvers and admins.
gate.rule("catalog.see_reviews", is_admin | approvers)
