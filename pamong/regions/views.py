from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from pamong.core.deployment import deployment
from pamong.organization.models import Unit
from pamong.regions.models import Region
from pamong.regions.selectors import region_breadcrumbs, region_children, region_totals


def browse_root(request: HttpRequest) -> HttpResponse:
    info = deployment()
    if not info.imported:
        raise Http404("Wilayah belum diimpor.")
    return redirect("regions:detail", code=info.code)


def browse(request: HttpRequest, code: str) -> HttpResponse:
    """Public region browser: a region, its children with counts, and the offices in it."""
    region = get_object_or_404(Region, code=code)
    units = Unit.objects.filter(region=region).order_by("kind")
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "crumbs": region_breadcrumbs(region),
            "children": region_children(region) if region.level < Region.Level.DESA else [],
            "totals": region_totals(region),
            "units": units,
        },
    )
