"""Reads for the region browser."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

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
