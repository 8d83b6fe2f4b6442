from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pamong.catalog.models import ServiceType
from pamong.catalog.selectors import catalogue_version, public_catalogue, public_service
from pamong.catalog.services import standard_approve
from pamong.core import gate, pagecache
from pamong.core.errors import DomainError
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


@login_required
def review(request: HttpRequest) -> HttpResponse:
    """Tinjau standar pelayanan: every service of the kabupaten/kota with whether its Standar Pelayanan is
    approved, the ones waiting first; approvers approve from here after reading the standard."""
    if not gate.can(request.user, "catalog.see_reviews"):
        raise Http404
    services = (
        ServiceType.objects.visible_to(request.user)
        .select_related("reviewed_by")
        .only(
            "pk",
            "code",
            "name",
            "level",
            "active",
            "kabkota_code",
            "reviewed_at",
            "reviewed_by__username",
            "reviewed_by__first_name",
            "reviewed_by__last_name",
            "updated_at",
        )
        .order_by(F("reviewed_at").asc(nulls_first=True), "order", "name")
    )
    rows = list(services)
    waiting = sum(1 for s in rows if s.needs_review)
    return render(request, "catalog/review.html", {"services": rows, "waiting": waiting})


@login_required
@require_POST
def approve(request: HttpRequest, code: str) -> HttpResponse:
    service = get_object_or_404(ServiceType.objects.visible_to(request.user), code=code)
    try:
        standard_approve(actor=request.user, service=service)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Standar pelayanan {service.name} disetujui.")
    return redirect("catalog:review")
