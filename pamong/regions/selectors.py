"""Reads about regions alone (the browser with its offices is in pamong.organization.selectors)."""

from __future__ import annotations

from django.db.models import Count, Q

from pamong.core import versions
from pamong.regions.models import Region


def region_totals(region: Region) -> dict[str, int]:
    below = Region.objects.subtree(region.code).exclude(code=region.code)
    return below.aggregate(
        kecamatan=Count("code", filter=Q(level=Region.Level.KECAMATAN)),
        kelurahan=Count("code", filter=Q(level=Region.Level.DESA, kind=Region.Kind.KELURAHAN)),
        desa=Count("code", filter=Q(level=Region.Level.DESA) & ~Q(kind=Region.Kind.KELURAHAN)),
    )


def region_breadcrumbs(region: Region) -> list[Region]:
    codes = region.ancestor_codes()
    return list(Region.objects.filter(code__in=codes).order_by("code"))


def overview_version() -> str:
    return versions.current("region-overview")


def forget_region_overviews() -> None:
    """Call after regions or offices change so that public pages show it at once."""
    versions.bump("region-overview")
