from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


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


def changes_reported(request: HttpRequest, changed: list[str], labels: dict[str, str]) -> None:
    """After an edit form is saved: which fields changed, by their labels, or that nothing did."""
    from django.contrib import messages

    if changed:
        messages.success(request, "Perubahan disimpan: " + ", ".join(labels.get(f, f) for f in changed) + ".")
    else:
        messages.info(request, "Tidak ada yang berubah.")
