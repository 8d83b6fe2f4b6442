"""Who may do what with SKP assessments (pamong.core.gate).

Only the pejabat penilai rates (the active holder of the position the employee's position reports to, or of the
next one up as Plt. when it is vacant: ``services.rater_for``); not a higher superior, not an admin. Pimpinan daerah
(for the units in their scope) and admins may only re-open a final assessment, with a reason.
"""

from __future__ import annotations

from typing import Any

import rules

from pamong.accounts.predicates import employee_of, in_scope, is_admin, is_pimpinan, is_unit_manager
from pamong.core import gate
from pamong.core.errors import DomainError


@rules.predicate
def rates(user: Any, assessment: Any) -> bool:
    """The user is the pejabat penilai of the assessed employee, as the chain of positions stands now."""
    from pamong.skp.services import rater_for

    employee = employee_of(user)
    if employee is None or assessment is None:
        return False
    try:
        return bool(rater_for(assessment.employee).holder.pk == employee.pk)
    except DomainError:  # no position, or no superior in office: nobody rates in Pamong
        return False


oversees = is_admin | is_pimpinan

gate.rule("skp.rate", rates)  # save a draft and make it final (obj: the assessment)
gate.rule("skp.reopen", is_admin | (is_pimpinan & in_scope(lambda a: a.unit.region_id, name="skp_in_scope")))
# Heads and secretaries of units, leaders and admins see every assessment of their scope and its recap (no obj).
gate.rule("skp.see_all", oversees | is_unit_manager)
