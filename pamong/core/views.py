from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pamong.core.deployment import deployment
from pamong.core.scope import scope_of
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region
from pamong.regions.selectors import region_overview


def home(request: HttpRequest) -> HttpResponse:
    """The public home page of the kabupaten/kota."""
    return render(request, "core/home.html", {"o": region_overview(deployment().code)})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff landing page: what the user's scope holds."""
    user = request.user
    scope = scope_of(user)
    employees = Employee.objects.visible_to(user).filter(active=True)
    by_type = dict(
        employees.order_by().values_list("employment_type").annotate(n=Count("id")).values_list("employment_type", "n")
    )
    positions = Position.objects.visible_to(user).annotate(n=Count("holders", filter=Q(holders__active=True)))
    scope_region = Region.objects.filter(code=scope.region_code).first() if scope.region_code else None
    return render(
        request,
        "core/dashboard.html",
        {
            "scope_region": scope_region,
            "n_units": Unit.objects.visible_to(user).count(),
            "n_employees": sum(by_type.values()),
            "by_type": [(label, by_type.get(value, 0)) for value, label in Employee.EmploymentType.choices],
            "n_positions": positions.count(),
            "n_vacant": positions.filter(n=0).count(),
        },
    )


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness check for the load balancer; also the baseline page of the benchmarks (no database)."""
    return HttpResponse("ok", content_type="text/plain")


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "csrf_failure.html", status=403)
