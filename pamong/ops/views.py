"""Operations pages for staff: messages that could not be delivered, with a resend action; the operations
status (page, JSON for monitors, optional Prometheus text)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.formats import ribuan
from pamong.notifications.services import MAX_ATTEMPTS
from pamong.ops import health, selectors, services
from pamong.ops.checklist import checklist
from pamong.ops.forms import GatewayTestForm

PAGE_SIZE = 50


def _allowed(request: HttpRequest) -> None:
    if not gate.can(request.user, "ops.failed_messages"):
        raise Http404


@login_required
def failed_messages(request: HttpRequest) -> HttpResponse:
    """Pesan gagal terkirim: SMS/WhatsApp and e-mail that failed every try, newest first."""
    _allowed(request)
    failed = selectors.failed_messages(request.user).only(
        "pk",
        "channel",
        "recipient",
        "subject",
        "body",
        "reference",
        "attempts",
        "last_error",
        "created_at",
        "failed_at",
    )
    page = Paginator(failed, PAGE_SIZE).get_page(request.GET.get("hal"))
    return render(request, "ops/failed_messages.html", {"page": page, "query": "", "max_attempts": MAX_ATTEMPTS})


@login_required
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    get_object_or_404(selectors.messages_of(request.user), pk=pk)  # another kabupaten/kota's message: 404
    try:
        services.failed_message_resend(user=request.user, notification_id=pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Pesan dimasukkan lagi ke antrean dan segera dikirim ulang.")
    return redirect("ops:failed_messages")


@login_required
@require_POST
def resend_all(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    try:
        count = services.failed_messages_resend_all(user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if count:
            messages.success(request, f"{ribuan(count)} pesan dimasukkan lagi ke antrean dan segera dikirim ulang.")
        else:
            messages.info(request, "Tidak ada pesan gagal yang perlu dikirim ulang.")
    return redirect("ops:failed_messages")


def _token_ok(request: HttpRequest) -> bool:
    """A monitor's bearer token (PAMONG_STATUS_TOKEN); compared in constant time, never from the query string
    (it would land in access logs)."""
    expected = settings.PAMONG_STATUS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(expected) and constant_time_compare(given, f"Bearer {expected}")


def _status_allowed(request: HttpRequest) -> bool:
    # The token first: it needs no session, so the answer comes even while the database is away.
    return _token_ok(request) or (request.user.is_authenticated and gate.can(request.user, "ops.status"))


@login_required
def status_page(request: HttpRequest) -> HttpResponse:
    """Status operasional: database, cache, queues, workers, sweeps, indicators, holidays, disk."""
    if not gate.can(request.user, "ops.status"):
        raise Http404
    report = health.status_report()
    response = render(request, "ops/status.html", {"report": report, "metrics": settings.PAMONG_METRICS})
    add_never_cache_headers(response)
    return response


@never_cache
def status_json(request: HttpRequest) -> HttpResponse:
    """The same report for a monitor: 200 when nothing is critical, else 503."""
    if not _status_allowed(request):
        return JsonResponse({"error": "Perlu token status atau masuk sebagai admin/pimpinan daerah."}, status=403)
    report = health.status_report()
    return JsonResponse(report.as_json(), status=503 if report.level == health.CRITICAL else 200)


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text of the status report; off unless PAMONG_METRICS=1."""
    if not settings.PAMONG_METRICS:
        raise Http404
    if not _status_allowed(request):
        return HttpResponse("forbidden\n", status=403, content_type="text/plain; charset=utf-8")
    text = health.prometheus_text(health.status_report())
    return HttpResponse(text, content_type="text/plain; version=0.0.4; charset=utf-8")


@login_required
def checklist_page(request: HttpRequest) -> HttpResponse:
    """Persiapan: what this deployment still lacks before every office can serve citizens, each item with where to
    fix it; and a test message through the SMS or e-mail gateway."""
    if not gate.can(request.user, "ops.checklist"):
        raise Http404
    form = GatewayTestForm(request.POST or None, initial={"channel": "sms"})
    if request.method == "POST" and form.is_valid():
        notification = services.gateway_test_send(
            user=request.user, channel=form.cleaned_data["channel"], recipient=form.cleaned_data["recipient"]
        )
        messages.success(
            request,
            f"Pesan uji ke {notification.masked_recipient} masuk antrean; muat ulang halaman ini sebentar lagi "
            "untuk melihat hasilnya.",
        )
        return redirect("ops:checklist")
    items = checklist()
    response = render(
        request,
        "ops/checklist.html",
        {"items": items, "done": sum(1 for item in items if item.done), "form": form},
        status=400 if form.errors else 200,
    )
    add_never_cache_headers(response)
    return response
