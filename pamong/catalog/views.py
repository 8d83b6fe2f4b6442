from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pamong.catalog.selectors import catalogue_version, public_catalogue, public_service
from pamong.core import pagecache
from pamong.regions.deployment import deployment

CATALOGUE_PAGE = pagecache.page("catalog.catalogue", depends_on=lambda request: ["catalogue"])


@CATALOGUE_PAGE
def catalogue(request: HttpRequest) -> HttpResponse:
    """Public list of services with their time limit and fee. The list is the same for everyone and is cached
    (template fragment) until a service changes; the services are read only when the cache is cold."""
    code = deployment().code
    return render(
        request,
        "catalog/catalogue.html",
        {"groups": lambda: public_catalogue(code), "version": catalogue_version(), "kabkota": code},
    )


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The Standar Pelayanan of one service; prints like the board on the office wall."""
    service = public_service(deployment().code, code)
    if service is None:
        raise Http404("Layanan tidak ditemukan.")
    return render(request, "catalog/service_detail.html", {"service": service})
