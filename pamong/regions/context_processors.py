from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pamong.regions.deployment import deployment


def pamong(request: HttpRequest) -> dict[str, Any]:
    """The kabupaten/kota this deployment serves, on every page."""
    return {"deployment": deployment()}
