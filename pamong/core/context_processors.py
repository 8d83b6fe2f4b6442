from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pamong.core.deployment import deployment


def pamong(request: HttpRequest) -> dict[str, Any]:
    return {"deployment": deployment()}
