"""The sign-in backend: Django's ModelBackend, loading a session's user together with their post."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PamongBackend(ModelBackend):
    """Every staff page needs the user's employee and unit (the menu shows the name; the scope follows the
    unit's region): one query with the user instead of three."""

    def get_user(self, user_id: Any) -> Any:
        from pamong.accounts.models import User

        user = User._default_manager.select_related("employee__unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
