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
from pamong.kinerja.peers import HOLDERS, OFFICES, Peers, holders_series
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
        if board.peers is not None:
            return _peers_xlsx(board.peers)
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
        bar = None if board.peers else charts.memo("kinerja.bar", (labels, values), lambda: _bar_chart(labels, values))
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
        if board.peers is not None:
            context.update(_peers_context(board.peers))
        return render(request, "kinerja/dashboard.html", context)

    return DASHBOARD_PAGE.serve(request, build)


def _peers_context(peers: Peers) -> dict[str, object]:
    """The peer table's rows and its two charts: on-time share with the user's own office in its own colour, and
    late hours by the kind of post that held them."""
    names = [r.name for r in peers.rows]
    own = peers.own.name if peers.own else ""
    shares = [None if r.area.on_time_share is None else round(r.area.on_time_share, 1) for r in peers.rows]
    series = holders_series(peers)
    on_time = charts.memo("kinerja.peers_on_time", (names, own, shares), lambda: _peers_chart(names, own, shares))
    late = charts.memo(
        "kinerja.peers_late",
        (peers.kecamatan.name, names, series),
        lambda: charts.stacked_bars(
            title="Jam terlambat menurut pemegang tahap",
            labels=names,
            series=series,
            width=charts.HALF_WIDTH,
            # Half as wide: the hours axis shows its major numbers only and nothing is cut short.
            show_minor_x_labels=False,
            truncate_label=-1,
            truncate_legend=40,
            legend_at_bottom_columns=2,
            style=charts.style_with(colors=("#c62828", "#d9822b", "#3d8bcd", "#8c8c8c")),
        ),
    )
    return {
        "peers": peers,
        "peer_rows": [
            (
                r,
                _fmt(r.area.index),
                _fmt(r.area.on_time_share),
                _fmt(r.median_workdays),
            )
            for r in peers.rows
        ],
        "peers_on_time": on_time,
        "peers_late": late,
    }


def _peers_chart(names: list[str], own: str, shares: list[float | None]) -> str:
    """On-time share of each office, the user's own as a second series ("Kantor Anda", in its own colour);
    stacked so that each office keeps one bar."""
    chart = pygal.HorizontalStackedBar(
        **charts.chart_config(
            title="Permohonan selesai tepat waktu (%)",
            width=charts.HALF_WIDTH,
            height=max(260, 28 * len(names) + 120),
            range=(0, 100),
            style=charts.style_with(colors=("#8fb3d9", "#1f4e79")),
        )
    )
    chart.x_labels = list(reversed(names))
    values = list(reversed(shares))
    others = [None if name == own else v for name, v in zip(reversed(names), values, strict=True)]
    mine = [v if name == own else None for name, v in zip(reversed(names), values, strict=True)]
    chart.add("Lainnya", others)
    chart.add("Kantor Anda", mine)
    return charts.data_uri(chart)


def _peers_xlsx(peers: Peers) -> HttpResponse:
    rows = [
        [
            r.area.rank,
            r.name + (" (kantor Anda)" if r.own else ""),
            r.area.index,
            r.area.figures["requests_finished"],
            r.area.on_time_share,
            r.median_workdays,
            *(round(r.late_hours.get(key, 0.0), 1) for key, _ in HOLDERS),
            r.top_title,
            None if r.top_share is None else round(100 * r.top_share, 1),
            None if r.area.figures.get("ikm") is None else float(r.area.figures["ikm"]),
        ]
        for r in peers.rows
    ]
    content = build_workbook(
        title=f"Kelurahan/desa Kecamatan {peers.kecamatan.name} {peers.month:%m-%Y}",
        headers=[
            "Peringkat",
            "Kelurahan/desa",
            "Indeks",
            "Permohonan selesai",
            "Tepat waktu (%)",
            "Median hari kerja",
            *(f"Jam terlambat: {label}" for _, label in HOLDERS),
            "Waktu terlambat terbanyak pada",
            "Porsinya (%)",
            "IKM",
        ],
        rows=rows,
    )
    return xlsx_response(f"kinerja-sekecamatan-{peers.unit.region_id}-{peers.month:%Y-%m}.xlsx", content)


def _bar_chart(labels: list[str], values: list[float | None]) -> str:
    bar = pygal.HorizontalBar(
        **charts.chart_config(
            title="Indeks komposit", width=charts.HALF_WIDTH, height=max(260, 28 * len(labels) + 120), range=(0, 100)
        )
    )
    bar.x_labels = labels
    bar.add("Indeks", values)
    return charts.data_uri(bar)


def _trend_chart(region_name: str, months: list[str], values: list[float | None]) -> str:
    line = pygal.Line(
        **charts.chart_config(title=f"Tren indeks {region_name}", width=charts.HALF_WIDTH, height=340, range=(0, 100))
    )
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
            "peers_link": unit.kind in OFFICES and gate.can(request.user, "kinerja.compare_peers", unit),
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
