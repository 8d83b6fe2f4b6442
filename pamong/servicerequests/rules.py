"""Who may do what with service requests (pamong.core.gate)."""

from __future__ import annotations

from typing import Any

import rules

from pamong.accounts.predicates import employee_of, is_admin, is_office_staff, is_unit_manager, works_in
from pamong.catalog.models import ServiceType
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


@rules.predicate
def holds_a_signing_post(user: Any) -> bool:
    """A post that signs some service's letters (the head's, or the secretary's where a service names it)."""
    employee = employee_of(user)
    position = employee.position if employee is not None else None
    return position is not None and position.kind in ServiceType.Signer.values


gate.rule("servicerequests.work", handles_request)
gate.rule("servicerequests.sign", handles_request & holds_signing_post)
gate.rule("servicerequests.see_applicant", handles_request)
# Registering the scan of a letter signed by hand: the staff of the office that issued it.
gate.rule("servicerequests.attach_scan", handles_request)
# The applicants' names in the inbox rows of an office (obj: the office): its own staff, who work them.
gate.rule("servicerequests.see_applicants_of", is_office_staff & works_in(lambda unit: unit.pk, name="in_office"))
# Whether the inbox offers "waiting for my signature" (obj: none).
gate.rule("servicerequests.sign_letters", is_office_staff & holds_a_signing_post)
# Sharing out the inbox: the head or secretary of the office (obj: the office).
gate.rule("servicerequests.assign", (is_admin | is_unit_manager) & works_in(lambda unit: unit.pk, name="in_unit"))
