"""Who may do what with the SKM (pamong.core.gate).

The head of a unit or its secretary (and admins) open its surveys, publish their results, set up kiosks and plan
the follow-up; every active staff member of the unit enters paper questionnaires; a follow-up action is moved by
the employee responsible for it or by the unit's head or secretary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from rules.predicates import Predicate

from pamong.accounts.predicates import employee_of, is_admin, is_office_staff, is_unit_manager, works_in
from pamong.core import gate


def manager_of(unit_id_of: Callable[[Any], Any], *, name: str) -> Predicate:
    """An admin, or the head or secretary of the unit ``unit_id_of(obj)``."""
    return is_admin | (is_unit_manager & works_in(unit_id_of, name=name))


@rules.predicate
def owns_follow_up(user: Any, follow_up: Any) -> bool:
    employee = employee_of(user)
    return follow_up is not None and employee is not None and employee.pk == follow_up.owner_id


manages_unit = manager_of(lambda unit: unit.pk, name="manages_unit")  # obj: a unit
manages_survey = manager_of(lambda survey: survey.unit_id, name="manages_survey_unit")  # obj: a survey

gate.rule("surveys.open", manages_unit)
gate.rule("surveys.kiosk", manages_unit)  # set up, re-key, switch on or off the unit's kiosks
gate.rule("surveys.publish", manages_survey)  # show the result on the public portal, or take it down
gate.rule("surveys.plan", manages_survey)  # add actions to the follow-up plan
gate.rule(
    "surveys.enter_paper",
    is_admin | (is_office_staff & works_in(lambda survey: survey.unit_id, name="works_in_survey_unit")),
)
gate.rule(
    "surveys.follow_up",  # move a follow-up action (obj: the action)
    manager_of(lambda f: f.survey.unit_id, name="manages_follow_up_unit") | owns_follow_up,
)
