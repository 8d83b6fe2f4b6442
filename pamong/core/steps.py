"""The steps a page offers on an object: only those the user may take (``Machine.available``), each with its own
fields, and after a refused attempt the fields of the step tried keep what was typed and say why. The template is
``core/_steps.html``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pamong.core.transitions import Machine, Transition


@dataclass
class Step:
    """A step offered on a page: its transition, the verb on its button, and its fields with what was typed and
    the error, after a refused attempt at this very step."""

    transition: Transition
    verb: str
    fields: list[tuple[Any, str, str]]  # (Field, value typed, error)
    error: str = ""  # an error of the step that belongs to none of its fields


@dataclass
class Refused:
    """A step that was tried and refused: what was posted, and why."""

    to_status: str
    values: dict[str, str] = field(default_factory=dict)
    message: str = ""
    field: str | None = None


def offered_steps(machine: Machine, user: Any, obj: Any, refused: Refused | None = None) -> tuple[list[Step], str]:
    """The steps ``user`` may take on ``obj`` now. An error that belongs to no step offered now (the object moved
    on, the step is no longer possible) is returned apart, for the top of the panel."""
    steps: list[Step] = []
    shown = False
    for t in machine.available(user, obj):
        tried = refused if refused is not None and refused.to_status == t.target else None
        fields = [
            (
                f,
                tried.values.get(f.name, "") if tried and not f.secret else "",  # a secret is never sent back
                tried.message if tried and tried.field == f.name else "",
            )
            for f in t.asked_fields()
        ]
        error = tried.message if tried and not any(e for _f, _v, e in fields) else ""
        shown = shown or tried is not None
        steps.append(Step(t, t.verb_for(obj), fields, error))
    return steps, (refused.message if refused is not None and not shown else "")
