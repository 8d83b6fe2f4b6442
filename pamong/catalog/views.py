from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pamong.catalog.selectors import public_catalogue, public_service
from pamong.core.deployment import deployment


def catalogue(request: HttpRequest) -> HttpResponse:
    """Public list of services with their time limit and fee."""
    return render(request, "catalog/catalogue.html", {"groups": public_catalogue(deployment().code)})


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The Standar Pelayanan of one service; prints like the board on the office wall."""
    service = public_service(deployment().code, code)
    if service is None:
        raise Http404("Layanan tidak ditemukan.")
    return render(request, "catalog/service_detail.html", {"service": service})
