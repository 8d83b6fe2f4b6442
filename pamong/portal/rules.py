"""Who may write on the public portal (pamong.core.gate).

The head of a unit and its secretary post announcements for their own unit; pimpinan daerah for every unit of
their kabupaten/kota. Whoever may post for a unit also corrects, publishes and withdraws its announcements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules.predicates import Predicate

from pamong.accounts.predicates import in_scope, is_pimpinan, is_unit_manager, works_in
from pamong.core import gate


def posts_for(unit_of: Callable[[Any], Any], *, name: str) -> Predicate:
    """Pimpinan daerah with the unit ``unit_of(obj)`` in scope, or the head or secretary of that unit."""
    return (is_pimpinan & in_scope(lambda obj: unit_of(obj).region_id, name=f"{name}_in_scope")) | (
        is_unit_manager & works_in(lambda obj: unit_of(obj).pk, name=f"{name}_own_unit")
    )


announcement_unit = posts_for(lambda a: a.unit, name="posts_for_announcement")

gate.rule("portal.post", posts_for(lambda unit: unit, name="posts_for_unit"))  # a new announcement (obj: the unit)
gate.rule("portal.edit", announcement_unit)  # correct an announcement (obj: the announcement)
gate.rule("portal.publish", announcement_unit)  # publish, withdraw, take back to draft
