"""Who may do what with service requests (pamong.core.gate)."""

from __future__ import annotations

from typing import Any

import rules

from pamong.accounts.predicates import employee_of, is_admin, is_office_staff, is_unit_manager, works_in
from pamong.core import gate
from pamong.organization.models import Position

# Staff of the office that handles the request: they work it and see the applicant's personal data.
handles_request = is_office_staff & works_in(lambda req: req.unit_id, name="handles_request")


@rules.predicate
def holds_signing_post(user: Any, req: Any) -> bool:
    """The head of the office, or the post the service names as its signer (e.g. the secretary)."""
    employee = employee_of(user)
    position = employee.position if employee is not None else None
    return position is not None and position.kind in {Position.Kind.KEPALA, req.service.signer}


gate.rule("servicerequests.work", handles_request)
gate.rule("servicerequests.sign", handles_request & holds_signing_post)
gate.rule("servicerequests.see_applicant", handles_request)
# Sharing out the inbox: the head or secretary of the office (obj: the office).
gate.rule("servicerequests.assign", (is_admin | is_unit_manager) & works_in(lambda unit: unit.pk, name="in_unit"))
