"""Who may do what with training events (pamong.core.gate).

Who runs an event: admins anywhere; the pimpinan daerah for any organiser in their scope; the kepala unit and
sekretaris for the events their own unit organises.

- ``training.organise`` (obj: the organising unit): plan an event for it.
- ``training.manage`` (obj: an event): every write on it — its status steps, corrections of its details, the
  participants, the attendance and score sheet, numbering its certificates.
"""

from __future__ import annotations

from typing import Any

from rules.predicates import Predicate

from pamong.accounts.predicates import in_scope, is_admin, is_pimpinan, is_unit_manager, works_in
from pamong.core import gate


def runs_events_of(unit_id_of: Any, region_code_of: Any, *, name: str) -> Predicate:
    """Whoever runs the events of the unit named by ``unit_id_of(obj)`` / ``region_code_of(obj)``."""
    return (
        is_admin
        | (is_pimpinan & in_scope(region_code_of, name=f"{name}_in_scope"))
        | (is_unit_manager & works_in(unit_id_of, name=f"{name}_in_unit"))
    )


organises_for_unit = runs_events_of(lambda unit: unit.pk, lambda unit: unit.region_id, name="unit")
manages_event = runs_events_of(lambda event: event.unit_id, lambda event: event.unit.region_id, name="event")

gate.rule("training.organise", organises_for_unit)
gate.rule("training.manage", manages_event)
