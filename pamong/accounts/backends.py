"""The sign-in backend: Django's ModelBackend, loading a session's user together with their post, and keeping
it in the worker's memory between requests."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches

from pamong.core import versions

USER_TTL = 60  # seconds; every change through the ORM makes the copy stale at once (see signals.py)


def user_cache_key(user_id: Any) -> str:
    return f"auth-user:{user_id}:{versions.current(f'user:{user_id}')}:{versions.current('staff')}"


class PamongBackend(ModelBackend):
    """Every staff page needs the user's employee, unit and post (the menu shows the name; the scope follows
    the unit's region; the rules ask for the post). They are read in one query and kept in memory under the
    versions of the user and of all staff records, which every save bumps; so a password change, a new role or
    a deactivated employee takes effect on the next request, and an unchanged user costs no query."""

    def get_user(self, user_id: Any) -> Any:
        from pamong.accounts.models import User

        local = caches["local"]
        key = user_cache_key(user_id)
        user = local.get(key)
        if user is None:
            user = (
                User._default_manager.select_related("employee__unit", "employee__position").filter(pk=user_id).first()
            )
            if user is not None:
                local.set(key, user, USER_TTL)
        return user if user is not None and self.user_can_authenticate(user) else None
