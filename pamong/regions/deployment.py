"""Facts about the kabupaten/kota this deployment serves, read once and cached."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from pamong.core import requestmemo

CACHE_KEY = "pamong:deployment:v2"


@dataclass(frozen=True)
class Deployment:
    code: str
    name: str
    timezone: str
    imported: bool
    kabupaten: bool = False  # a kabupaten (headed by a bupati), not a kota (a wali kota)
    has_desa: bool = False  # desa among its villages, not only kelurahan

    @property
    def head_title(self) -> str:
        """Who heads the kabupaten/kota: Bupati or Wali Kota."""
        return "Bupati" if self.kabupaten else "Wali Kota"

    @property
    def service_offices(self) -> str:
        """The front-line offices, as this kabupaten/kota has them."""
        return "kantor camat, kantor lurah dan kantor desa" if self.has_desa else "kantor camat dan kantor lurah"


def deployment() -> Deployment:
    """Read from the shared cache once per request (the middleware, the menu and the views all ask)."""
    return requestmemo.remember(CACHE_KEY, _deployment)


def _deployment() -> Deployment:
    info = cache.get(CACHE_KEY)
    if info is None:
        from pamong.regions.models import Region, timezone_for_code

        code = settings.PAMONG_REGION_CODE
        region = Region.objects.filter(code=code).only("name", "timezone", "kind").first()
        if region is None:
            info = Deployment(code=code, name=code, timezone=timezone_for_code(code), imported=False)
        else:
            has_desa = (
                Region.objects.filter(code__startswith=f"{code}.", level=Region.Level.DESA)
                .exclude(kind=Region.Kind.KELURAHAN)
                .exists()
            )
            info = Deployment(
                code=code,
                name=region.name,
                timezone=region.timezone,
                imported=True,
                kabupaten=region.kind == Region.Kind.KABUPATEN,
                has_desa=has_desa,
            )
            cache.set(CACHE_KEY, info, 300)
    return info


def deployment_timezone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(deployment().timezone)


def forget_deployment() -> None:
    cache.delete(CACHE_KEY)
    requestmemo.forget([CACHE_KEY])
