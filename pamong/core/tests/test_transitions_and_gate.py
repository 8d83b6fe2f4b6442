"""What holds for every status machine and every rule, whichever app declares them."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import models

from pamong.core import gate
from pamong.core.history import History
from pamong.core.transitions import MACHINES


@pytest.fixture(autouse=True, scope="module")
def _every_machine_declared() -> None:
    """Machines are declared in each app's services.py: import them all, whatever ran before."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("services")


# Status fields that no person moves (recomputed, or the queue's own bookkeeping): not transitions.
NOT_MACHINES: dict[str, str] = {
    "attendance.Attendance": "computed from check-in/out and leave; a correction keeps its history (AttendanceChange)",
    "notifications.Notification": "the delivery queue's own bookkeeping (queued, sent, failed)",
}


def test_every_transition_names_a_declared_rule_and_every_machine_writes_the_one_history() -> None:
    assert MACHINES
    for machine in MACHINES:
        assert issubclass(machine.history, History), machine.history
        subject = machine.history._meta.get_field(machine.history.subject)
        assert subject.related_model is machine.model
        for t in machine.transitions:
            assert t.permission is None or t.permission in gate.actions(), t
            assert t.target in machine.statuses.values and all(s in machine.statuses.values for s in t.sources)


def test_every_history_table_has_the_one_shape() -> None:
    changes = [m for m in apps.get_models() if m.__name__.endswith("Change") and m.__module__.startswith("pamong.")]
    assert changes
    for model in changes:
        assert issubclass(model, History), f"{model.__name__} does not have the one history shape"


def test_an_undeclared_action_is_an_error_not_a_no(db: Any) -> None:
    with pytest.raises(KeyError):
        gate.can(None, "nothing.declared")
    with pytest.raises(KeyError):
        gate.rule("servicerequests.sign", lambda user: True)  # declared once


def _status_models() -> list[type[models.Model]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("pamong."):
            continue
        field = next((f for f in model._meta.fields if f.name == "status"), None)
        if field is not None and field.choices:
            found.append(model)
    return found


def test_every_status_is_moved_by_a_machine() -> None:
    moved = {m.model for m in MACHINES}
    for model in _status_models():
        label = model._meta.label
        assert model in moved or label in NOT_MACHINES, f"{label} has a status but no transition machine"
