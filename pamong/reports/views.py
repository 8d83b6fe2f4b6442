"""Pages for camat reports. Thin: parse, call one service or selector, render."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pygal
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from pamong.core import gate
from pamong.core.charts import chart_config, data_uri
from pamong.core.errors import DomainError
from pamong.core.uploads import clean_upload, stored_file_response
from pamong.core.xlsx import build_workbook, xlsx_response
from pamong.reports import figures, selectors
from pamong.reports.forms import AttachmentForm, NarrativeForm, ScheduleForm, TransitionForm
from pamong.reports.models import Attachment, PeriodicReport, Section, Status
from pamong.reports.periods import label_of, period_of, previous_period
from pamong.reports.services import (
    MACHINE,
    NARRATIVE_FIELDS,
    report_attach,
    report_open,
    report_transition,
    report_update,
    schedule_of,
    schedule_set,
)


def _report(request: HttpRequest, pk: int) -> PeriodicReport:
    return get_object_or_404(selectors.report_list(user=request.user), pk=pk)


def _own_camat_unit(request: HttpRequest) -> Any:
    employee = getattr(request.user, "employee", None)
    if employee is not None and gate.can(request.user, "reports.open", employee.unit):
        return employee.unit
    return None


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.report_list(user=request.user)
    # ?perlu=1: the camat's own reports still to be sent (a draft or returned), as the desk counts them.
    to_send = request.GET.get("perlu") == "1"
    # ?periksa=1: those sent and waiting for review, as the pimpinan's desk counts them.
    to_review = request.GET.get("periksa") == "1" and gate.can(request.user, "reports.oversee")
    if to_send:
        reports = selectors.reports_to_send(user=request.user)
    elif to_review:
        reports = selectors.reports_to_review(user=request.user)
    # The page links of includes/pagination.html say "hal" (this view read "page": page 2 could not be reached).
    page = Paginator(reports, 50).get_page(request.GET.get("hal"))
    return render(
        request,
        "reports/list.html",
        {
            "page": page,
            "own_unit": _own_camat_unit(request),
            "reviewer": gate.can(request.user, "reports.oversee"),
            "now": timezone.now(),
            "to_send": to_send,
            "to_review": to_review,
            "query": "perlu=1" if to_send else "periksa=1" if to_review else "",
        },
    )


@login_required
@require_POST
def report_open_view(request: HttpRequest) -> HttpResponse:
    """The camat opens the report of the last period (the one now due), or the current one."""
    unit = _own_camat_unit(request)
    if unit is None:
        raise Http404
    today = timezone.localdate()
    day = (
        today
        if request.POST.get("periode") == "berjalan"
        else previous_period(schedule_of(unit.kabkota_code).frequency, today)[0]
    )
    try:
        report = report_open(unit=unit, day=day)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reports:list")
    return redirect(report)


def _sections(rows: list[dict[str, Any]], report: PeriodicReport) -> list[dict[str, Any]]:
    return [
        {
            "key": s.value,
            "label": s.label,
            "figures": [r for r in rows if r["section"] == s.value],
            "text": getattr(report, s.value),
        }
        for s in Section
    ]


def _chart(rows: list[dict[str, Any]]) -> str:
    """Requests and complaints received and finished, as an SVG bar chart; "" when there is nothing to draw."""
    values = {r["key"]: r["value"] for r in rows}
    requests = [values.get("requests_received") or 0, values.get("requests_finished") or 0]
    complaints = [values.get("complaints_received") or 0, values.get("complaints_finished") or 0]
    top = max(requests + complaints)
    if not top:
        return ""
    chart = pygal.Bar(
        **chart_config(
            title="Permohonan dan pengaduan", height=320, width=700, range=(0, max(top, 5)), y_labels_major_count=5
        )
    )
    chart.x_labels = ["Diterima", "Selesai"]
    chart.add("Permohonan layanan", requests)
    chart.add("Pengaduan", complaints)
    return data_uri(chart)


def _detail_context(request: HttpRequest, report: PeriodicReport, **forms: Any) -> dict[str, Any]:
    rows = selectors.figure_rows(report)
    editable = report.editable and gate.can(request.user, "reports.write", report)
    return {
        "report": report,
        "sections": _sections(rows, report),
        "computed_at": selectors.figures_computed_at(report),
        "frozen": bool(report.figures),
        "chart": _chart(rows),
        "form": forms.get("form")
        or (NarrativeForm(initial={k: getattr(report, k) for k in NarrativeForm.base_fields}) if editable else None),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        # Only the steps this user may take; "Sampaikan laporan" sends the section texts with it (see the template).
        "actions": [(t, t.verb_for(report)) for t in MACHINE.available(request.user, report)],
        "changes": report.changes.select_related("actor").all(),
        "attachments": list(report.attachments.all()),
        "attachment_form": forms.get("attachment_form") or (AttachmentForm() if editable else None),
        "now": timezone.now(),
    }


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        if form.is_valid():
            try:
                report_update(report=report, actor=request.user, narratives=form.cleaned_data)
            except DomainError as exc:
                exc.attach_to(form)
            else:
                messages.success(request, "Uraian laporan disimpan.")
                return redirect(report)
        return render(request, "reports/detail.html", _detail_context(request, report, form=form), status=400)
    return render(request, "reports/detail.html", _detail_context(request, report))


@login_required
@require_POST
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = TransitionForm(request.POST)
    # "Sampaikan laporan" belongs to the form of the section texts: what is typed there is sent with it.
    typed = NarrativeForm(request.POST) if any(k in request.POST for k in NARRATIVE_FIELDS) else None
    if form.is_valid() and (typed is None or typed.is_valid()):
        to_status = form.cleaned_data["to_status"]
        if to_status not in Status.values:
            raise Http404
        try:
            report_transition(
                report=report,
                actor=request.user,
                to_status=to_status,
                note=form.cleaned_data["note"],
                seen=form.cleaned_data["from_status"] or None,
                narratives=typed.cleaned_data if typed is not None else None,
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Status laporan: {report.get_status_display()}.")
            return redirect(report)
    elif typed is not None and typed.errors:
        form.add_error(None, "Uraian belum dapat disimpan; perbaiki yang ditandai lalu sampaikan lagi.")
    context = _detail_context(
        request, PeriodicReport.objects.get(pk=report.pk), transition_form=form, **({"form": typed} if typed else {})
    )
    return render(request, "reports/detail.html", context, status=400)


@login_required
@require_POST
def report_attach_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload = clean_upload(form.cleaned_data["file"], field="file")
            attachment = report_attach(report=report, actor=request.user, upload=upload)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Lampiran {attachment.original_name} ditambahkan.")
            return redirect(report)
    return render(request, "reports/detail.html", _detail_context(request, report, attachment_form=form), status=400)


@login_required
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment, only for those who may see its report."""
    attachment = get_object_or_404(
        Attachment.objects.filter(report__in=selectors.report_list(user=request.user)), pk=pk
    )
    return stored_file_response(
        attachment.file, attachment.content_type, name=Path(attachment.file.name or "berkas").name
    )


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as an A4 PDF (WeasyPrint): kop of the kantor camat, figures, chart, narratives, signature."""
    from weasyprint import CSS, HTML

    report = _report(request, pk)
    html = render_to_string("reports/report_pdf.html", _detail_context(request, report), request=request)
    css = CSS(filename=str(Path(__file__).parent / "static" / "reports" / "pdf.css"))
    content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css])
    response = HttpResponse(content, content_type="application/pdf")
    name = f"laporan-camat-{report.unit.code}-{report.period_start:%Y-%m}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _kabkota(request: HttpRequest) -> str:
    """The kabupaten/kota of a reviewer (admins: the first one that has a kantor camat)."""
    code = request.user.compute_scope().region_code  # type: ignore[union-attr]
    if code:
        return code[:5]
    from pamong.organization.models import Unit

    return Unit.objects.filter(kind=Unit.Kind.KANTOR_CAMAT).values_list("kabkota_code", flat=True).first() or ""


def _period_start(request: HttpRequest, frequency: str) -> dt.date:
    raw = request.GET.get("periode", "")
    try:
        day = dt.date.fromisoformat(raw + "-01") if len(raw) == 7 else None
    except ValueError:
        day = None
    if day is None:
        return previous_period(frequency, timezone.localdate())[0]
    return period_of(frequency, day)[0]


@login_required
def period_overview(request: HttpRequest) -> HttpResponse:
    """All kecamatan side by side for one period: status, submitted when, late, key figures."""
    if not gate.can(request.user, "reports.oversee"):
        raise Http404
    frequency = schedule_of(_kabkota(request)).frequency
    start = _period_start(request, frequency)
    rows = selectors.period_overview(user=request.user, start=start)
    keys = selectors.key_figures()
    label = label_of(frequency, start)
    if request.GET.get("format") == "xlsx":
        headers = ["Kecamatan", "Status", "Disampaikan", "Terlambat", *[f.label for f in keys]]
        data = [
            [
                r.unit.region.name,
                r.report.get_status_display() if r.report else "Belum dibuat",
                timezone.localtime(r.report.submitted_at).strftime("%d-%m-%Y %H:%M")
                if r.report and r.report.submitted_at
                else "",
                "Ya" if r.late else "Tidak",
                *[r.values.get(f.key) for f in keys],
            ]
            for r in rows
        ]
        content = build_workbook(title=f"Laporan camat {label}", headers=headers, rows=data)
        return xlsx_response(f"laporan-camat-{start:%Y-%m}.xlsx", content)
    prev = previous_period(frequency, start)[0]
    nxt = period_of(frequency, period_of(frequency, start)[1] + dt.timedelta(days=1))[0]
    return render(
        request,
        "reports/overview.html",
        {
            "rows": [(r, [figures.display(r.values.get(f.key), f.unit) for f in keys]) for r in rows],
            "keys": keys,
            "label": label,
            "start": start,
            "prev": prev,
            "next": nxt,
        },
    )


@login_required
def late_list(request: HttpRequest) -> HttpResponse:
    if not gate.can(request.user, "reports.oversee"):
        raise Http404
    # ?belum=1: only those not sent yet, as the desk counts them (not those sent after their deadline).
    unsent = request.GET.get("belum") == "1"
    late = selectors.late_unsent(user=request.user) if unsent else selectors.late_reports(user=request.user)
    reports = list(late[:500])
    return render(request, "reports/late.html", {"reports": reports, "now": timezone.now(), "unsent": unsent})


@login_required
def schedule_view(request: HttpRequest) -> HttpResponse:
    if not gate.can(request.user, "reports.oversee"):
        raise Http404
    kabkota = _kabkota(request)
    schedule = schedule_of(kabkota)
    form = ScheduleForm(request.POST or None, initial={"frequency": schedule.frequency, "due_days": schedule.due_days})
    if request.method == "POST" and form.is_valid():
        try:
            schedule_set(actor=request.user, kabkota_code=kabkota, **form.cleaned_data)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Jadwal laporan camat disimpan.")
            return redirect("reports:schedule")
    return render(
        request, "reports/schedule.html", {"form": form, "kabkota": kabkota}, status=400 if form.errors else 200
    )
