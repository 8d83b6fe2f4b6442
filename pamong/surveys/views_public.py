"""Pages for respondents and the public, no account needed: the survey link after a finished request, the kiosk
at the counter, and the published results per unit."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from pamong.catalog.models import ServiceType
from pamong.core import pagecache
from pamong.core.errors import DomainError
from pamong.core.ratelimit import blocked, count_miss, too_many
from pamong.organization.models import Unit
from pamong.regions.deployment import deployment
from pamong.surveys.forms import ResponseForm
from pamong.surveys.ikm import BANDS
from pamong.surveys.selectors import public_index_rows, public_results_version, public_surveys
from pamong.surveys.services import (
    kiosk_by_key,
    kiosk_open,
    link_survey,
    request_from_link,
    response_by_kiosk,
    response_by_link,
    response_sent_before,
)

KIOSK_GAP_SECONDS = 10  # one respondent at a time: a kiosk accepts a new response at most this often


def _refused(request: HttpRequest, exc: DomainError, status: int = 200) -> HttpResponse:
    return render(request, "surveys/refused.html", {"message": exc.message, "code": exc.code}, status=status)


def _already_sent(form: ResponseForm) -> bool:
    """A double click or a resent page: the answer in this form was already saved."""
    token = str(form.data.get("token", ""))[:40] if form.is_bound else ""
    return bool(token) and response_sent_before(token) is not None


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey link sent when a request is finished: one response per request, within LINK_DAYS."""
    if blocked(request, "skm-tautan", limit=settings.PAMONG_TRACK_LIMIT):
        return render(request, "servicerequests/too_many.html", status=429)
    form = ResponseForm(request.POST or None)
    try:
        try:
            service_request = request_from_link(token)
        except DomainError:
            count_miss(request, "skm-tautan", window=600)
            raise
        if request.method == "POST" and _already_sent(form):
            return render(request, "surveys/thanks.html", {"unit": service_request.unit})
        survey = link_survey(service_request=service_request)
    except DomainError as exc:
        return _refused(request, exc, status=404 if exc.code == "forged" else 200)
    if request.method == "POST" and form.is_valid():
        try:
            response_by_link(service_request=service_request, answers=form.answers(), token=form.cleaned_data["token"])
        except DomainError as exc:
            if exc.field:
                exc.attach_to(form)
            else:
                return _refused(request, exc)
        else:
            return render(request, "surveys/thanks.html", {"unit": survey.unit})
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "survey": survey, "unit": survey.unit, "service": service_request.service, "kiosk": None},
    )


def kiosk(request: HttpRequest, key: str) -> HttpResponse:
    """A tablet at the counter: one respondent after another, no login. Rate-limited per kiosk and per day."""
    try:
        device = kiosk_by_key(key)
        kiosk_open(kiosk=device)
    except DomainError as exc:
        return _refused(request, exc, status=404 if exc.code == "forged" else 200)
    level = ServiceType.Level.KECAMATAN if device.unit.kind == Unit.Kind.KANTOR_CAMAT else ServiceType.Level.DESA
    services = list(
        ServiceType.objects.filter(kabkota_code=device.unit.kabkota_code, level=level, active=True).order_by("name")
    )
    form = ResponseForm(request.POST or None, services=services)
    if request.method == "POST" and _already_sent(form):
        return render(request, "surveys/thanks.html", {"unit": device.unit, "kiosk": device})
    if request.method == "POST" and form.is_valid():
        if not cache.add(f"kiosk-gap:{device.pk}", 1, KIOSK_GAP_SECONDS) or too_many(
            request, f"kiosk:{device.pk}", limit=settings.PAMONG_KIOSK_LIMIT, window=3600
        ):
            form.add_error(None, "Kios menerima satu jawaban dalam satu waktu. Tunggu sebentar lalu kirim lagi.")
        else:
            try:
                response_by_kiosk(kiosk=device, answers=form.answers(), token=form.cleaned_data["token"])
            except DomainError as exc:
                cache.delete(f"kiosk-gap:{device.pk}")
                if exc.field:
                    exc.attach_to(form)
                else:
                    return _refused(request, exc)
            else:
                return render(request, "surveys/thanks.html", {"unit": device.unit, "kiosk": device})
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "unit": device.unit, "service": None, "kiosk": device, "period": kiosk_open(kiosk=device)},
    )


# The published results of every unit: answers and publication ("skm-results"), office names; daily like the
# fragment under it (pamong.surveys.selectors.public_index_rows).
PUBLIC_INDEX_PAGE = pagecache.page(
    "surveys.public_index", depends_on=lambda request: ["skm-results", "staff", "region-overview"], daily=True
)


@PUBLIC_INDEX_PAGE
def public_index(request: HttpRequest) -> HttpResponse:
    """Published results of every unit of the kabupaten/kota, best first; the rendered table is cached until an
    answer arrives or a result is published or withdrawn."""
    code = deployment().code
    return render(
        request,
        "surveys/public_index.html",
        {"rows": lambda: public_index_rows(code), "bands": BANDS, "version": public_results_version(), "kabkota": code},
    )


def public_unit(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("region"), code=unit_code)
    rows = public_surveys(unit.code)
    if not rows:
        raise Http404("Unit ini belum mengumumkan hasil survei.")
    return render(request, "surveys/public_unit.html", {"unit": unit, "rows": rows, "bands": BANDS})
