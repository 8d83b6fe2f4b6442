"""Pages for respondents and the public, no account needed: the survey link after a finished request, the kiosk
at the counter, and the published results per unit."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from pamong.catalog.models import ServiceType
from pamong.core.deployment import deployment
from pamong.core.errors import DomainError
from pamong.core.ratelimit import too_many
from pamong.organization.models import Unit
from pamong.surveys.forms import ResponseForm
from pamong.surveys.ikm import BANDS
from pamong.surveys.models import Survey
from pamong.surveys.selectors import public_surveys, results_by_survey
from pamong.surveys.services import (
    kiosk_by_key,
    kiosk_survey,
    link_survey,
    request_from_link,
    response_by_kiosk,
    response_by_link,
)

KIOSK_GAP_SECONDS = 10  # one respondent at a time: a kiosk accepts a new response at most this often


def _refused(request: HttpRequest, exc: DomainError, status: int = 200) -> HttpResponse:
    return render(request, "surveys/refused.html", {"message": exc.message, "code": exc.code}, status=status)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey link sent when a request is finished: one response per request, within LINK_DAYS."""
    if too_many(request, "skm-tautan", limit=settings.PAMONG_TRACK_LIMIT, window=600):
        return render(request, "servicerequests/too_many.html", status=429)
    try:
        service_request = request_from_link(token)
        survey = link_survey(service_request=service_request)
    except DomainError as exc:
        return _refused(request, exc, status=404 if exc.code == "forged" else 200)
    form = ResponseForm(request.POST or None)
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
    """A tablet at the counter: one respondent after another, no login. Rate-limited per kiosk."""
    try:
        device = kiosk_by_key(key)
        survey = kiosk_survey(kiosk=device)
    except DomainError as exc:
        return _refused(request, exc, status=404 if exc.code == "forged" else 200)
    services = list(ServiceType.objects.filter(kabkota_code=device.unit.kabkota_code, active=True).order_by("name"))
    form = ResponseForm(request.POST or None, services=services)
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
        {"form": form, "survey": survey, "unit": device.unit, "service": None, "kiosk": device},
    )


def public_index(request: HttpRequest) -> HttpResponse:
    """Published results of every unit of the kabupaten/kota, best first."""
    surveys = list(
        Survey.objects.published()
        .filter(kabkota_code=deployment().code, service__isnull=True)
        .select_related("unit__region")
        .order_by("-period_start", "unit__region_id")
    )
    latest: dict[int, Survey] = {}
    for s in surveys:
        latest.setdefault(s.unit_id, s)
    results = results_by_survey(latest.values())
    rows = sorted(
        ((s, results[s.pk]) for s in latest.values()),
        key=lambda row: (row[1].ikm_unit is None, -(row[1].ikm_unit or 0)),
    )
    return render(request, "surveys/public_index.html", {"rows": rows, "bands": BANDS})


def public_unit(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("region"), code=unit_code)
    rows = public_surveys(unit.code)
    if not rows:
        raise Http404("Unit ini belum mengumumkan hasil survei.")
    return render(request, "surveys/public_unit.html", {"unit": unit, "rows": rows, "bands": BANDS})
