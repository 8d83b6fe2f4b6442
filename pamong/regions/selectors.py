"""Reads for the region browser."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from pamong.core import versions
from pamong.organization.models import Unit
from pamong.regions.models import Region


def _count_subquery(qs: QuerySet, group_field: str) -> Coalesce:
    sub = (
        qs.filter(**{group_field: OuterRef("code")}).order_by().values(group_field).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def region_children(region: Region) -> QuerySet[Region]:
    """Children of a region with, for each, how many kelurahan and desa lie below it and how many offices."""
    children = region.children.all()
    if region.level < Region.Level.KECAMATAN:
        # Count the kelurahan/desa of each child in one grouped subquery per kind.
        villages = Region.objects.filter(level=Region.Level.DESA)
        if region.level == Region.Level.KABKOTA:
            children = children.annotate(
                n_kelurahan=_count_subquery(villages.filter(kind=Region.Kind.KELURAHAN), "parent_id"),
                n_desa=_count_subquery(villages.exclude(kind=Region.Kind.KELURAHAN), "parent_id"),
            )
        else:
            children = children.annotate(n_kecamatan=Count("children", distinct=True))
    return children.annotate(n_units=_count_subquery(Unit.objects.all(), "region_id")).order_by("code")


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


@dataclass
class RegionOverview:
    """What the public region pages show, evaluated and ready to cache."""

    region: Region
    crumbs: list[Region]
    children: list[Region]
    totals: dict[str, int]
    units: list[Unit]


_OVERVIEW_TTL = 600  # seconds; imports and office changes also clear it at once


def overview_version() -> str:
    return versions.current("region-overview")


def forget_region_overviews() -> None:
    """Call after regions or offices change so that public pages show it at once."""
    versions.bump("region-overview")


def region_overview(code: str) -> RegionOverview | None:
    """A region with its breadcrumbs, children and their counts, totals and offices; cached across requests."""
    key = f"region-overview:{overview_version()}:{code}"
    overview = caches["local"].get(key)
    if overview is None:
        region = Region.objects.filter(code=code).first()
        if region is None:
            return None
        overview = RegionOverview(
            region=region,
            crumbs=region_breadcrumbs(region),
            children=list(region_children(region)) if region.level < Region.Level.DESA else [],
            totals=region_totals(region),
            units=list(Unit.objects.filter(region=region).order_by("kind")),
        )
        caches["local"].set(key, overview, _OVERVIEW_TTL)
    return overview
