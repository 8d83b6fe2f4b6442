"""Staff pages of the SKM: the surveys a user sees, one survey's results and report, paper entry, the follow-up
plan, kiosks, and the kabupaten/kota comparison."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from pamong.catalog.models import ServiceType
from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.xlsx import build_workbook, xlsx_response
from pamong.organization.models import Employee, Unit
from pamong.regions.deployment import deployment
from pamong.regions.models import Region
from pamong.surveys import charts
from pamong.surveys.forms import FollowUpForm, KioskForm, PaperResponseForm, SurveyForm
from pamong.surveys.ikm import BANDS, Result, combine
from pamong.surveys.models import FollowUp, Kiosk, Survey, SurveyResponse
from pamong.surveys.report import report_of, report_pdf, report_xlsx
from pamong.surveys.selectors import comparison, results_by_survey, suggestions
from pamong.surveys.services import (
    FOLLOW_UP,
    follow_up_create,
    follow_up_transition,
    kiosk_create,
    kiosk_new_key,
    kiosk_set_active,
    response_by_paper,
    survey_create,
    survey_publish,
)

PAGE_SIZE = 50


def _number(raw: str, low: int, high: int) -> int | None:
    """A whole number typed in a URL, or None: ASCII digits only, within bounds."""
    if raw and len(raw) <= 9 and raw.isascii() and raw.isdigit() and low <= int(raw) <= high:
        return int(raw)
    return None


def _survey(request: HttpRequest, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.visible_to(request.user).select_related("unit__region", "service"), pk=pk)


def _creatable_units(request: HttpRequest) -> list[Unit]:
    """The serving units (kantor camat, lurah, desa) of the user's scope for which they may open a survey."""
    serving = Unit.objects.exclude(kind=Unit.Kind.BAGIAN_TAPEM).visible_to(request.user).select_related("region")
    return [u for u in serving.order_by("region_id") if gate.can(request.user, "surveys.open", u)]


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = Survey.objects.visible_to(request.user).select_related("unit__region", "service")
    years = sorted({d.year for d in surveys.dates("period_start", "year")}, reverse=True)
    year = request.GET.get("tahun", "")
    chosen_year = _number(year, 2000, 2100)
    if chosen_year:
        surveys = surveys.filter(period_start__year=chosen_year)
    else:
        year = ""
    page = Paginator(surveys.order_by("-period_start", "unit__region_id", "service_id"), PAGE_SIZE).get_page(
        request.GET.get("hal")
    )
    results = results_by_survey(page.object_list)
    return render(
        request,
        "surveys/list.html",
        {
            "page": page,
            "rows": [(s, results[s.pk]) for s in page.object_list],
            "years": years,
            "year": year,
            "can_create": bool(_creatable_units(request)),
        },
    )


@login_required
def survey_new(request: HttpRequest) -> HttpResponse:
    units = _creatable_units(request)
    if not units:
        raise Http404("Tidak ada unit yang dapat Anda buka surveinya.")
    kabkota_codes = {u.kabkota_code for u in units}
    services = list(ServiceType.objects.filter(kabkota_code__in=kabkota_codes, active=True).order_by("name"))
    form = SurveyForm(request.POST or None, units=units, services=services)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_create(
                unit=form.unit_instance(),
                service=form.service_instance(),
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                population=form.cleaned_data["population"],
                actor=request.user,
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Survei {survey.period_label} untuk {survey.unit.name} dibuka.")
            return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/new.html", {"form": form})


@dataclass
class FollowUpError:
    """A refused step on a follow-up action: shown next to its field, with what was typed."""

    follow_up_id: int
    to_status: str
    note: str
    message: str


def _detail_context(
    request: HttpRequest,
    survey: Survey,
    follow_up_form: FollowUpForm | None = None,
    follow_up_error: FollowUpError | None = None,
) -> dict:
    report = report_of(survey)
    user = request.user
    may_plan = gate.can(user, "surveys.plan", survey)
    may_kiosk = gate.can(user, "surveys.kiosk", survey.unit)
    staff = list(Employee.objects.filter(unit_id=survey.unit_id, active=True).order_by("name")) if may_plan else []
    weakest = report.result.weakest
    return {
        "survey": survey,
        "report": report,
        "result": report.result,
        "charts": report.charts(),
        "bands": BANDS,
        "may_publish": gate.can(user, "surveys.publish", survey),
        "may_kiosk": may_kiosk,
        "can_enter": gate.can(user, "surveys.enter_paper", survey),
        "follow_up_form": follow_up_form
        or (FollowUpForm(staff=staff, weakest=weakest.unsur.number if weakest else None) if may_plan else None),
        # Each action with only the steps this user may take on it, each step with its own field and verb.
        "follow_up_rows": [(f, FOLLOW_UP.available(user, f)) for f in report.follow_ups],
        "follow_up_error": follow_up_error,
        "kiosks": list(Kiosk.objects.filter(unit=survey.unit).order_by("name")) if may_kiosk else [],
        "kiosk_form": KioskForm() if may_kiosk else None,
        "suggestions": suggestions(survey, limit=10),
        "today": timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(survey.unit.region.timezone)).date(),
    }


@login_required
@require_safe
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    return render(request, "surveys/detail.html", _detail_context(request, survey))


@login_required
@require_safe
def survey_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    response = HttpResponse(report_pdf(survey), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("unduh") else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="skm-{survey.unit.code}-{survey.period_start:%Y%m%d}.pdf"'
    )
    return response


@login_required
@require_safe
def survey_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    return xlsx_response(f"skm-{survey.unit.code}-{survey.period_start:%Y%m%d}.xlsx", report_xlsx(survey))


@login_required
def survey_paper(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not gate.can(request.user, "surveys.enter_paper", survey):
        raise Http404("Hanya petugas unit ini yang memasukkan kuesioner kertasnya.")
    form = PaperResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            response, created = response_by_paper(
                survey=survey,
                answers=form.answers(),
                paper_number=form.cleaned_data["paper_number"],
                filled_on=form.cleaned_data["filled_on"],
                token=form.cleaned_data["token"],
                actor=request.user,
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            if created:
                messages.success(request, f"Kuesioner nomor {response.paper_number} tersimpan.")
            return redirect("surveys:paper", pk=survey.pk)
    entered = SurveyResponse.objects.filter(survey=survey, channel="kertas").count()
    return render(request, "surveys/paper.html", {"survey": survey, "form": form, "entered": entered})


@login_required
@require_POST
def survey_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    publish = request.POST.get("published") == "1"
    try:
        survey_publish(survey=survey, actor=request.user, published=publish)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Hasil survei diumumkan di portal publik." if publish else "Hasil survei ditarik dari portal."
        )
    return redirect("surveys:detail", pk=survey.pk)


@login_required
@require_POST
def follow_up_new(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not gate.can(request.user, "surveys.plan", survey):
        raise Http404("Hanya kepala unit atau sekretaris yang menyusun rencana tindak lanjut.")
    staff = list(Employee.objects.filter(unit_id=survey.unit_id, active=True).order_by("name"))
    form = FollowUpForm(request.POST, staff=staff)
    if form.is_valid():
        try:
            follow_up_create(
                survey=survey,
                unsur=form.cleaned_data["unsur"],
                action=form.cleaned_data["action"],
                owner=form.owner_instance(),
                due_date=form.cleaned_data["due_date"],
                actor=request.user,
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Rencana tindak lanjut ditambahkan.")
            return redirect(f"{survey.get_absolute_url()}#tindak-lanjut")
    context = _detail_context(request, survey, follow_up_form=form)
    return render(request, "surveys/detail.html", context, status=400)


@login_required
@require_POST
def follow_up_change(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("survey__unit__region", "survey__service").filter(
            survey__in=Survey.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    FOLLOW_UP.require_any(request.user, follow_up)
    to_status, note = request.POST.get("to", ""), request.POST.get("note", "")
    try:
        follow_up_transition(
            follow_up=follow_up,
            to_status=to_status,
            note=note,
            seen=request.POST.get("from_status") or None,
            actor=request.user,
        )
    except DomainError as exc:
        # The page again, with the reason next to the field and what was typed kept.
        error = FollowUpError(follow_up_id=follow_up.pk, to_status=to_status, note=note, message=exc.message)
        context = _detail_context(request, follow_up.survey, follow_up_error=error)
        return render(request, "surveys/detail.html", context, status=400)
    messages.success(request, f"Tindak lanjut kini {follow_up.get_status_display().lower()}.")
    return redirect(f"{follow_up.survey.get_absolute_url()}#tindak-lanjut")


@login_required
@require_POST
def kiosk_new(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    gate.require(
        request.user, "surveys.kiosk", survey.unit, "Hanya kepala unit atau sekretaris yang mengatur kios survei."
    )
    form = KioskForm(request.POST)
    if form.is_valid():
        try:
            kiosk = kiosk_create(unit=survey.unit, name=form.cleaned_data["name"], actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Kios {kiosk.name} dibuat. Buka alamatnya di tablet loket.")
    else:
        messages.error(request, "Beri nama kios, mis. 'Loket 1'.")
    return redirect(f"{survey.get_absolute_url()}#kios")


@login_required
@require_POST
def kiosk_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    kiosk = get_object_or_404(Kiosk.objects.filter(unit__in=Unit.objects.visible_to(request.user)), pk=pk)
    back_pk = _number(request.POST.get("survey", ""), 1, 999_999_999)
    back = _survey(request, back_pk).get_absolute_url() + "#kios" if back_pk else reverse("surveys:list")
    try:
        if request.POST.get("action") == "kunci":
            kiosk_new_key(kiosk=kiosk, actor=request.user)
            done = f"Kios {kiosk.name} mendapat alamat baru; alamat lama tidak berlaku lagi."
        else:
            kiosk_set_active(kiosk=kiosk, active=request.POST.get("active") == "1", actor=request.user)
            done = f"Kios {kiosk.name} {'diaktifkan' if kiosk.active else 'dinonaktifkan'}."
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(back)


@login_required
def comparison_view(request: HttpRequest) -> HttpResponse:
    """Every unit side by side for a year: per kecamatan first (all its offices' respondents together), then
    each unit, optionally within one kecamatan."""
    this_year = timezone.localdate().year
    year = _number(request.GET.get("tahun", ""), 2000, 2100) or this_year
    rows = comparison(user=request.user, year=year)
    kecamatan_names = dict(
        Region.objects.filter(
            code__in={s.unit.region_id[:8] for s, _r in rows}, level=Region.Level.KECAMATAN
        ).values_list("code", "name")
    )
    groups: dict[str, list[Result]] = {}
    for s, r in rows:
        groups.setdefault(s.unit.region_id[:8], []).append(r)
    by_kecamatan = sorted(
        ((code, kecamatan_names.get(code, code), combine(results), len(results)) for code, results in groups.items()),
        key=lambda g: (g[2].ikm_unit is None, -(g[2].ikm_unit or 0)),
    )
    chosen = request.GET.get("kecamatan", "")
    if chosen in groups:
        rows = [(s, r) for s, r in rows if s.unit.region_id.startswith(chosen + ".") or s.unit.region_id == chosen]
    if request.GET.get("format") == "xlsx":
        return _comparison_xlsx(rows, year)
    if chosen in groups:
        chart_rows = [(s.unit.name, r.ikm_unit) for s, r in rows if r.ikm_unit is not None]
    else:
        chart_rows = [(f"Kec. {name}", r.ikm_unit) for _c, name, r, _n in by_kecamatan if r.ikm_unit is not None]
    return render(
        request,
        "surveys/comparison.html",
        {
            "rows": rows,
            "by_kecamatan": by_kecamatan,
            "chosen": chosen if chosen in groups else "",
            "chosen_name": kecamatan_names.get(chosen, ""),
            "year": year,
            "years": list(range(this_year, this_year - 5, -1)),
            "chart": charts.comparison_chart(chart_rows) if chart_rows else "",
            "bands": BANDS,
        },
    )


def _comparison_xlsx(rows: list[tuple[Survey, Result]], year: int) -> HttpResponse:
    content = build_workbook(
        title=f"Perbandingan IKM {deployment().name} {year}",
        subtitle="Survei kepuasan masyarakat per unit (PermenPANRB 14/2017)",
        headers=["Peringkat", "Unit", "Periode", "Responden", "IKM", "IKM unit", "Mutu", "Kinerja", "Unsur terlemah"],
        rows=[
            [
                i,
                s.unit.name,
                s.period_label,
                r.respondents,
                float(round(r.ikm, 4)) if r.ikm is not None else None,
                float(r.ikm_unit) if r.ikm_unit is not None else None,
                r.band.mutu if r.band else "",
                r.band.kinerja if r.band else "",
                f"{r.weakest.unsur.code} {r.weakest.unsur.name}" if r.weakest else "",
            ]
            for i, (s, r) in enumerate(rows, start=1)
        ],
    )
    return xlsx_response(f"perbandingan-ikm-{year}.xlsx", content)
