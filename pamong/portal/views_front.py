"""The public front of the deployment: the home page and the region browser (regions with their offices)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pamong.catalog.selectors import catalogue_version, public_catalogue
from pamong.core import pagecache
from pamong.core.scope import scope_of
from pamong.organization.selectors import region_overview
from pamong.regions.deployment import deployment
from pamong.regions.selectors import overview_version

# The home page and the region browser show regions and their offices (pamong.core.pagecache).
FRONT_PAGE = pagecache.page("portal.front", depends_on=lambda request: ["region-overview", "catalogue"])
BROWSE_PAGE = pagecache.page("portal.browse", depends_on=lambda request, code: ["region-overview"])


@FRONT_PAGE
def front(request: HttpRequest) -> HttpResponse:
    """The public home page of the kabupaten/kota."""
    code = deployment().code
    # The overview and the services are read only when the cached fragment is cold (templates call callables).
    return render(
        request,
        "portal/front.html",
        {
            "o": lambda: region_overview(code),
            "groups": lambda: public_catalogue(code),
            "version": f"{overview_version()}-{catalogue_version()}",
        },
    )


def browse_root(request: HttpRequest) -> HttpResponse:
    info = deployment()
    if not info.imported:
        raise Http404("Wilayah belum diimpor.")
    return redirect("portal:browse", code=info.code)


@BROWSE_PAGE
def browse(request: HttpRequest, code: str) -> HttpResponse:
    """Public region browser: a region, its children with counts, and the offices in it."""
    overview = region_overview(code)
    if overview is None:
        raise Http404("Wilayah tidak ditemukan.")
    # Staff get a link to the page of each office they may open (their own subtree); the cached fragment is kept
    # per scope, not per person.
    scope = scope_of(request.user)
    linked = {u.pk for u in overview.units if scope.contains(u.region_id)}
    scope_key = "semua" if scope.everything else (scope.region_code or "publik")
    return render(
        request,
        "portal/browse.html",
        {"o": overview, "version": overview_version(), "linked": linked, "scope_key": scope_key},
    )
