from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from pamong.core.charts import stacked_bars
from pamong.core.scope import scope_of
from pamong.core.xlsx import build_workbook, xlsx_response
from pamong.organization.models import Employee
from pamong.organization.selectors import staffing_summary
from pamong.regions.deployment import deployment
from pamong.regions.models import Region
from pamong.regions.selectors import overview_version, region_overview


def home(request: HttpRequest) -> HttpResponse:
    """The public home page of the kabupaten/kota."""
    code = deployment().code
    # The overview is read only when the cached fragment is cold (templates call callables).
    return render(request, "core/home.html", {"o": lambda: region_overview(code), "version": overview_version()})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The staff landing page: staff, positions and vacancies in the user's scope, per area."""
    scope = scope_of(request.user)
    summary = staffing_summary(user=request.user)
    types = Employee.EmploymentType
    chart = None
    if len(summary.rows) > 1:
        chart = stacked_bars(
            title="Pegawai aktif menurut jenis kepegawaian",
            labels=[r.name for r in summary.rows],
            series=[(str(label), [r.count(value) for r in summary.rows]) for value, label in types.choices],
        )
    return render(
        request,
        "core/dashboard.html",
        {
            "scope_region": Region.objects.filter(code=scope.region_code).first() if scope.region_code else None,
            "summary": summary,
            "types": types.labels,
            "by_type": [(label, summary.total.count(value)) for value, label in types.choices],
            "chart": chart,
        },
    )


@login_required
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    summary = staffing_summary(user=request.user)
    now = timezone.localtime()
    rows = [[r.code, r.name, r.units, *r.cells, r.total, r.positions, r.vacant] for r in [*summary.rows, summary.total]]
    content = build_workbook(
        title="Kepegawaian",
        subtitle=f"Pegawai aktif dan jabatan per {summary.area_label.lower()}, {now:%d-%m-%Y %H:%M}",
        headers=[
            "Kode",
            summary.area_label,
            "Unit",
            *[str(label) for label in Employee.EmploymentType.labels],
            "Jumlah pegawai",
            "Jabatan",
            "Jabatan kosong",
        ],
        rows=rows,
        text_columns=[0],
    )
    return xlsx_response(f"kepegawaian-{now:%Y%m%d}.xlsx", content)


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
    import sys

    from django.template import loader

    from pamong.core.unavailable import database_unavailable, unavailable_response

    exc = sys.exc_info()[1]
    if exc is not None and database_unavailable(exc):  # raised outside a view, e.g. while saving the session
        return unavailable_response(request)
    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "csrf_failure.html", status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico; the icon is an SVG among the static files (resolved per request, so that
    importing the URLs never needs the static manifest)."""
    return HttpResponsePermanentRedirect(static("pamong/favicon.svg"))
