from __future__ import annotations

import datetime as dt

import pygal
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from pamong.core import charts, gate, pagecache
from pamong.core.errors import DomainError
from pamong.core.xlsx import build_workbook, xlsx_response
from pamong.kinerja import selectors, services
from pamong.kinerja.forms import WeightsForm
from pamong.kinerja.scoring import COMPONENTS, LABELS, evidence, month_bounds, score_areas, weights_for
from pamong.kinerja.weaklinks import slow_employees, weak_links
from pamong.organization.models import Unit
from pamong.organization.selectors import unit_chain
from pamong.regions.models import Region


def _month(request: HttpRequest) -> dt.date:
    raw = request.GET.get("bulan", "")
    try:
        return dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        today = timezone.localdate()
        return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _check(request: HttpRequest) -> None:
    if not gate.can(request.user, "kinerja.view_dashboard"):
        raise Http404


# The dashboard reads the daily aggregates (rebuilt each night and after weight changes) and regions/offices.
DASHBOARD_PAGE = pagecache.page("kinerja.dashboard", depends_on=lambda request: [services.VERSION, "region-overview"])


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    _check(request)
    month = _month(request)
    region_code = request.GET.get("wilayah", "")
    if request.GET.get("format") == "xlsx":
        board = selectors.dashboard(user=request.user, region_code=region_code, month=month)
        rows = [[a.rank, a.label, a.index, *(a.scores[k] for k in COMPONENTS), a.movement] for a in board.areas]
        content = build_workbook(
            title=f"Indeks kinerja {board.region.name} {month:%m-%Y}",
            headers=["Peringkat", "Wilayah/unit", "Indeks", *(LABELS[k] for k in COMPONENTS), "Perubahan"],
            rows=rows,
        )
        return xlsx_response(f"kinerja-{board.region.code}-{month:%Y-%m}.xlsx", content)

    def build() -> HttpResponse:
        board = selectors.dashboard(user=request.user, region_code=region_code, month=month)
        labels = [a.label for a in reversed(board.areas)]
        values = [a.index for a in reversed(board.areas)]
        months = [f"{m:%m/%Y}" for m, _ in board.trend]
        trend = [v for _, v in board.trend]
        bar = charts.memo("kinerja.bar", (labels, values), lambda: _bar_chart(labels, values))
        line = charts.memo(
            "kinerja.trend", (board.region.name, months, trend), lambda: _trend_chart(board.region.name, months, trend)
        )
        context = {
            "board": board,
            "rows": [(a, _fmt(a.index), [_fmt(a.scores[k]) for k in COMPONENTS]) for a in board.areas],
            "labels": [LABELS[k] for k in COMPONENTS],
            "bar": bar,
            "line": line,
            "month_value": f"{month:%Y-%m}",
            "regions": selectors.region_choices(request.user),
            "weights": [(LABELS[k], board.weights.get(k, 0)) for k in COMPONENTS],
        }
        return render(request, "kinerja/dashboard.html", context)

    return DASHBOARD_PAGE.serve(request, build)


def _bar_chart(labels: list[str], values: list[float | None]) -> str:
    bar = pygal.HorizontalBar(
        **charts.chart_config(title="Indeks komposit", height=max(260, 28 * len(labels) + 120), range=(0, 100))
    )
    bar.x_labels = labels
    bar.add("Indeks", values)
    return charts.data_uri(bar)


def _trend_chart(region_name: str, months: list[str], values: list[float | None]) -> str:
    line = pygal.Line(**charts.chart_config(title=f"Tren indeks {region_name}", range=(0, 100)))
    line.x_labels = months
    line.add("Indeks", values)
    return charts.data_uri(line)


@login_required
def unit_view(request: HttpRequest, pk: int) -> HttpResponse:
    _check(request)
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    month = _month(request)
    first, last = month_bounds(month)
    areas = score_areas(
        groups=[(unit.code, unit.name, [unit.pk])],
        kabkota_code=unit.kabkota_code,
        month=month,
        weights=weights_for(unit.kabkota_code),
    )
    findings = weak_links(unit=unit, first=first, last=last)
    causes = evidence(areas[0].figures)
    flagged = {f.position_id for f in findings if f.flagged}
    return render(
        request,
        "kinerja/unit.html",
        {
            "unit": unit,
            "area": areas[0],
            "components": [(LABELS[k], _fmt(areas[0].scores[k]), causes[k]) for k in COMPONENTS],
            "index": _fmt(areas[0].index),
            "findings": findings,
            "employees": slow_employees(unit=unit, first=first, last=last),
            "chain": unit_chain(unit),
            "flagged": flagged,
            "first": first,
            "last": last,
            "month_value": f"{month:%Y-%m}",
            "kecamatan": Region.objects.filter(code=unit.region_id[:8], level=Region.Level.KECAMATAN).first(),
        },
    )


@login_required
def weights_view(request: HttpRequest) -> HttpResponse:
    if not gate.can(request.user, "kinerja.edit_weights"):
        raise Http404
    kabkota = selectors.home_region(request.user).code[:5]
    form = WeightsForm(request.POST or None, initial=weights_for(kabkota))
    if request.method == "POST" and form.is_valid():
        try:
            services.weights_update(actor=request.user, kabkota_code=kabkota, values=form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("kinerja:dashboard")
    return render(request, "kinerja/weights.html", {"form": form})
