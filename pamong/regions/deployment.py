"""Facts about the kabupaten/kota this deployment serves, read once and cached."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "pamong:deployment:v1"


@dataclass(frozen=True)
class Deployment:
    code: str
    name: str
    timezone: str
    imported: bool


def deployment() -> Deployment:
    info = cache.get(CACHE_KEY)
    if info is None:
        from pamong.regions.models import Region, timezone_for_code

        code = settings.PAMONG_REGION_CODE
        region = Region.objects.filter(code=code).only("name", "timezone").first()
        if region is None:
            info = Deployment(code=code, name=code, timezone=timezone_for_code(code), imported=False)
        else:
            info = Deployment(code=code, name=region.name, timezone=region.timezone, imported=True)
            cache.set(CACHE_KEY, info, 300)
    return info


def deployment_timezone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(deployment().timezone)


def forget_deployment() -> None:
    cache.delete(CACHE_KEY)
