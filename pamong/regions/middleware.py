from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from pamong.regions.deployment import deployment_timezone


class RegionTimezoneMiddleware:
    """Show times in the local time of the kabupaten/kota this deployment serves (WIB, WITA or WIT)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(deployment_timezone())
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
