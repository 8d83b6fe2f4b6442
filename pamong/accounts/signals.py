"""Cache invalidation, not business rules: any save or delete of a user or of a staff record (employee, unit,
position), whether through a service, the admin or a shell, makes the cached copies built from it stale."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from pamong.core import versions


def _user_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    versions.bump(f"user:{instance.pk}")


def connect() -> None:
    from pamong.accounts.models import User
    from pamong.organization.models import Employee, Position, Unit

    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=User, dispatch_uid=f"pamong-user-{signal}")
    for model in (Employee, Position):
        versions.watch(model, "staff")
    versions.watch(Unit, "staff", "region-overview")  # the region pages list the offices
