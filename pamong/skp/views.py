"""Pages of SKP: the rater's list of subordinates, the assessment form, one assessment (and its print layout),
the employee's own history, and the recap per unit or kecamatan with its chart and XLSX."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.transitions import Transition
from pamong.core.xlsx import build_workbook, xlsx_response
from pamong.organization.models import Employee
from pamong.skp import charts
from pamong.skp.forms import AssessmentForm, ItemFormSet, PeriodForm, ReopenForm, items_from, parse_period
from pamong.skp.matrix import MATRIX, CoreValue, Predikat, Rating, behaviour_summary
from pamong.skp.models import SkpAssessment, SkpChange, Status, period_label, period_slug
from pamong.skp.selectors import own_history, rater_page, recap
from pamong.skp.services import MACHINE, REOPENERS_ONLY, assessment_reopen, assessment_save, check_period, check_rater


def _assessment(request: HttpRequest, pk: int) -> SkpAssessment:
    return get_object_or_404(
        SkpAssessment.objects.visible_to(request.user).select_related("employee", "rater", "unit__region"), pk=pk
    )


def _sees_recap(request: HttpRequest) -> bool:
    return gate.can(request.user, "skp.see_all")


@login_required
def rater_view(request: HttpRequest) -> HttpResponse:
    """Penilaian SKP: the viewer's subordinates for the chosen period, with status and predikat."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    year, quarter = form.period(today)
    pending = request.GET.get("belum") == "1"  # only those not rated final yet, as the desk counts them
    rows = rater_page(user=request.user, year=year, quarter=quarter, pending=pending)
    return render(
        request,
        "skp/rater.html",
        {
            "form": form,
            "rows": rows,
            "pending": pending,
            "all_url": reverse("skp:rater") + "?" + urlencode({"tahun": year, "periode": quarter}),
            "period": period_label(year, quarter),
            "slug": period_slug(year, quarter),
            "has_employee": getattr(request.user, "employee", None) is not None,
            "sees_recap": _sees_recap(request),
        },
    )


def _refused(request: HttpRequest, employee: Employee, message: str, period: str) -> HttpResponse:
    return render(request, "skp/refused.html", {"employee": employee, "message": message, "period": period}, status=403)


@login_required
def assess(request: HttpRequest, employee_pk: int, period: str) -> HttpResponse:
    """The assessment form of one employee for one period; only their pejabat penilai gets it."""
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("position", "unit"), pk=employee_pk
    )
    parsed = parse_period(period)
    if parsed is None:
        raise Http404("Periode tidak dikenal.")
    year, quarter = parsed
    label = period_label(year, quarter)
    try:
        check_period(year, quarter, today=timezone.localdate())
        rater = check_rater(employee=employee, actor=request.user)
    except DomainError as exc:
        return _refused(request, employee, exc.message, label)
    existing = SkpAssessment.objects.filter(employee=employee, year=year, quarter=quarter).first()
    if existing is not None and existing.status == Status.FINAL:
        messages.info(request, "Penilaian ini sudah final. Koreksi hanya setelah dibuka kembali oleh pimpinan.")
        return redirect(existing)
    status = 200
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        formset = ItemFormSet(request.POST, prefix="hasil")
        if form.is_valid() and formset.is_valid():
            finalize = "finalkan" in request.POST
            try:
                assessment = assessment_save(
                    employee=employee,
                    year=year,
                    quarter=quarter,
                    actor=request.user,
                    data=form.data_with(items_from(formset)),
                    finalize=finalize,
                )
            except DomainError as exc:
                exc.attach_to(form)
            else:
                if assessment.status == Status.FINAL:
                    messages.success(
                        request,
                        f"Penilaian {employee.full_name} {label} difinalkan: {Predikat(assessment.predikat).label}.",
                    )
                    return redirect(assessment)
                messages.success(request, f"Draf penilaian {employee.full_name} {label} disimpan.")
                return redirect("skp:assess", employee_pk=employee.pk, period=period)
        status = 400
    else:
        form = AssessmentForm(initial=AssessmentForm.initial_from(existing))
        items = list(existing.items.all()) if existing else []
        formset = ItemFormSet(
            prefix="hasil",
            initial=[
                {"indicator": i.indicator, "target": i.target, "realisasi": i.realisasi, "note": i.note} for i in items
            ],
        )
    return render(
        request,
        "skp/assess.html",
        {
            "employee": employee,
            "rater": rater,
            "period": label,
            "form": form,
            "formset": formset,
            "existing": existing,
            "summary": behaviour_summary(form.ratings()),
            "matrix": _matrix_rows(),
        },
        status=status,
    )


def _matrix_rows() -> list[tuple[str, list[str]]]:
    """The predikat table for the page: rows hasil kerja, columns perilaku kerja (di atas, sesuai, di bawah)."""
    return [
        (str(h_label), [str(Predikat(MATRIX[(h, p)]).label) for p in Rating.values]) for h, h_label in Rating.choices
    ]


def _detail_context(request: HttpRequest, assessment: SkpAssessment) -> dict[str, object]:
    return {
        "a": assessment,
        "items": list(assessment.items.all()),
        "behaviours": [(label, assessment.behaviours.get(code, {})) for code, label in _core_values()],
        "summary": behaviour_summary(
            {code: (assessment.behaviours.get(code) or {}).get("rating", "") for code, _l in _core_values()}
        ),
        "history": list(SkpChange.objects.filter(assessment=assessment).order_by("at", "id")),
        "can_edit": assessment.status == Status.DRAFT and gate.can(request.user, "skp.rate", assessment),
    }


def _reopen(request: HttpRequest, assessment: SkpAssessment) -> Transition | None:
    """The re-opening step, if this user may take it now (pimpinan daerah or admin, on a final assessment)."""
    return next((t for t in MACHINE.available(request.user, assessment) if t.target == Status.DRAFT), None)


def _core_values() -> list[tuple[str, str]]:
    return [(c, str(label)) for c, label in CoreValue.choices]


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    context = _detail_context(request, assessment)
    context["reopen"] = _reopen(request, assessment)
    context["reopen_form"] = ReopenForm(initial={"from_status": assessment.status}) if context["reopen"] else None
    # Offered once the assessment is final (the rater going on to the next); a draft is still being worked.
    context["rating"] = _next_to_rate(request, assessment) if assessment.status == Status.FINAL else None
    return render(request, "skp/detail.html", context)


@dataclass(frozen=True)
class NextToRate:
    """For the rater of an assessment: the next subordinate of the same period whose assessment is not final
    (``employee`` None when none is left), so that rating a team goes from one to the next."""

    employee: Employee | None
    url: str
    left: int
    list_url: str


def _next_to_rate(request: HttpRequest, assessment: SkpAssessment) -> NextToRate | None:
    rows = rater_page(user=request.user, year=assessment.year, quarter=assessment.quarter)
    if not any(r.employee.pk == assessment.employee_id for r in rows):
        return None  # not this employee's rater: nothing to go on to
    pending = [r for r in rows if r.pending and r.employee.pk != assessment.employee_id]
    period = {"tahun": assessment.year, "periode": assessment.quarter}
    if not pending:
        return NextToRate(employee=None, url="", left=0, list_url=reverse("skp:rater") + "?" + urlencode(period))
    first = pending[0].employee
    return NextToRate(
        employee=first,
        url=reverse("skp:assess", args=[first.pk, assessment.period_slug]),
        left=len(pending),
        list_url=reverse("skp:rater") + "?" + urlencode({**period, "belum": 1}),
    )


@login_required
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    return render(request, "skp/print.html", _detail_context(request, assessment))


@login_required
def pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessment as an A4 PDF (WeasyPrint), for the employee's file."""
    from weasyprint import CSS, HTML

    assessment = _assessment(request, pk)
    html = render_to_string("skp/assessment_pdf.html", _detail_context(request, assessment))
    css = CSS(filename=str(Path(__file__).parent / "static" / "skp" / "pdf.css"))
    content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css])
    response = HttpResponse(content, content_type="application/pdf")
    name = f"skp-{assessment.employee.nip or assessment.employee_id}-{assessment.period_slug}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            assessment_reopen(
                assessment=assessment,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                seen=form.cleaned_data["from_status"] or None,
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Penilaian dibuka kembali. Pejabat penilai dapat mengoreksinya.")
            return redirect(assessment)
    context = _detail_context(request, assessment)
    if gate.can(request.user, "skp.reopen", assessment):  # the form again, with what was typed and why not
        context["reopen"], context["reopen_form"] = MACHINE.get(Status.FINAL, Status.DRAFT), form
    else:
        messages.error(request, REOPENERS_ONLY)
    return render(request, "skp/detail.html", context, status=400)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "skp/mine.html", {"rows": own_history(user=request.user)})


def _recap(request: HttpRequest) -> tuple[PeriodForm, int, int, str]:
    if not _sees_recap(request):
        raise Http404("Rekap SKP untuk pimpinan unit dan daerah.")
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    year, quarter = form.period(today)
    scope = scope_of(request.user)
    wide = scope.everything or len(scope.region_code or "") <= len("13.71")  # a whole kabupaten/kota
    by = request.GET.get("menurut") or ("kecamatan" if wide else "unit")
    return form, year, quarter, by if by in ("unit", "kecamatan") else "unit"


@login_required
def recap_view(request: HttpRequest) -> HttpResponse:
    form, year, quarter, by = _recap(request)
    result = recap(user=request.user, year=year, quarter=quarter, by=by)
    return render(
        request,
        "skp/recap.html",
        {
            "form": form,
            "recap": result,
            "by": by,
            "period": period_label(year, quarter),
            "predikat": Predikat.choices,
            "query": request.GET.urlencode(),
            "chart": charts.distribution(result) if result.total.final else "",
            "chart_total": charts.total_pie(result) if result.total.final else "",
        },
    )


@login_required
def recap_xlsx(request: HttpRequest) -> HttpResponse:
    _form, year, quarter, by = _recap(request)
    result = recap(user=request.user, year=year, quarter=quarter, by=by)
    headers = [
        "Kecamatan" if by == "kecamatan" else "Unit",
        "Pegawai berjabatan",
        *[str(label) for _v, label in Predikat.choices],
        "Jumlah final",
        "Draf",
        "Belum dinilai",
    ]

    def line(r) -> list[object]:  # type: ignore[no-untyped-def]
        return [r.name, r.employees, *r.ordered, r.final, r.drafts, r.not_rated]

    now = timezone.localtime()
    content = build_workbook(
        title=f"Rekap predikat kinerja pegawai (SKP) {period_label(year, quarter)}",
        subtitle=f"Diunduh {now:%d-%m-%Y %H:%M} oleh {request.user.get_username()}; predikat menurut "
        "PermenPANRB 6/2022",
        headers=headers,
        rows=[line(r) for r in result.rows] + [line(result.total)],
    )
    return xlsx_response(f"rekap-skp-{period_slug(year, quarter)}-{by}.xlsx", content)
