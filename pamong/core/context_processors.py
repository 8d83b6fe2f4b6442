from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pamong.core.deployment import deployment


def pamong(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "deployment": deployment(),
        "can_manage_staff": bool(user and user.is_authenticated and user.can_manage_staff),
    }
