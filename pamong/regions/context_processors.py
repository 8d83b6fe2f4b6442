from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pamong.core import versions
from pamong.regions.deployment import deployment


def pamong(request: HttpRequest) -> dict[str, Any]:
    """The kabupaten/kota this deployment serves, on every page; and what the menu depends on (base.html keeps
    the rendered menu under it): the user's account and the staff records (posts, offices) the rules read. A
    callable, so read only by the pages that render the menu."""
    user = getattr(request, "user", None)

    def nav_version() -> str:
        if user is None or not user.is_authenticated:
            return "-"
        return ":".join(versions.current_many(["staff", f"user:{user.pk}"]))

    return {"deployment": deployment(), "nav_version": nav_version}
