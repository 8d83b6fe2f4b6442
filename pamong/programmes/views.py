"""Staff pages: programme progress (tables, chart, XLSX), entry of monthly counts and targets; the protected
register of vulnerable residents with its access log. Nothing here is public."""

from __future__ import annotations

from typing import Any

import pygal
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST, require_safe

from pamong.core import gate
from pamong.core.charts import chart_config, data_uri
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.xlsx import Sheet, build_sheets, xlsx_response
from pamong.programmes.forms import ProgressForm, ResidentForm, TargetForm, VisitForm
from pamong.programmes.models import AccessLog, Category, Programme, VulnerableResident
from pamong.programmes.selectors import (
    MONTHS,
    Overview,
    access_log_for,
    overview,
    place_history,
    programmes_for,
    residents_for,
    target_history,
)
from pamong.programmes.services import access_record, progress_record, resident_create, target_set, visit_record
from pamong.regions.models import Region

PAGE_SIZE = 50


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    if len(raw) == 4 and raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


def _home_region(request: HttpRequest) -> Region:
    scope = scope_of(request.user)
    if scope.region_code:
        return get_object_or_404(Region, code=scope.region_code)
    if scope.everything:  # admin: the (first) kabupaten/kota that has offices
        region = Region.objects.filter(level=Region.Level.KABKOTA, units__isnull=False).order_by("code").first()
        if region:
            return region
    raise Http404


def _region(request: HttpRequest) -> Region:
    """The area asked for (``?wilayah=``), which must be inside the user's scope; else the user's own area."""
    code = request.GET.get("wilayah", "")
    if not code:
        return _home_region(request)
    region = Region.objects.filter(code=code, level__gte=Region.Level.KABKOTA).first()
    if region is None or not scope_of(request.user).contains(region.code):
        raise Http404
    return region


def _places(request: HttpRequest) -> list[Region]:
    home = _home_region(request)
    return list(
        Region.objects.subtree(home.code).visible_to(request.user).filter(level=Region.Level.DESA).order_by("code")
    )


def _programme(code: str) -> Programme:
    return get_object_or_404(Programme, code=code, active=True)


def _chart(data: Overview) -> str:
    chart = pygal.Line(
        **chart_config(
            title=f"{data.programme.name} — {data.region.name} {data.year}",
            x_labels=list(MONTHS),
            show_dots=True,
            allow_interruptions=True,
            margin_bottom=28,
        )
    )
    chart.add(f"Jumlah {data.programme.unit_label}", data.monthly)
    chart.add("Lintasan target", [round(v) if v is not None else None for v in data.monthly_target])
    return data_uri(chart)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    region = _home_region(request)
    year = _year(request)
    cards = [(p, overview(user=request.user, programme=p, region=region, year=year).total) for p in programmes_for()]
    return render(
        request,
        "programmes/index.html",
        {
            "cards": cards,
            "region": region,
            "year": str(year),  # a year, not a number: no thousands separator
        },
    )


@login_required
def programme_view(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(code)
    region = _region(request)
    year = _year(request)
    data = overview(user=request.user, programme=programme, region=region, year=year)
    context: dict[str, Any] = {
        "programme": programme,
        "region": region,
        "year": str(year),  # a year, not a number: no thousands separator
        "data": data,
        "chart": _chart(data),
        "months": list(enumerate(MONTHS, start=1)),
        "parent": region.parent if region.parent_id and scope_of(request.user).contains(region.parent_id) else None,
    }
    if region.level == Region.Level.DESA:
        row = data.places[0] if data.places else None
        context["row"] = row
        context["month_rows"] = [(i, name, row.months.get(i) if row else None) for i, name in enumerate(MONTHS, 1)]
        context["history"] = place_history(user=request.user, programme=programme, place=region, year=year)
        context["target_history"] = target_history(user=request.user, programme=programme, place=region, year=year)
        return render(request, "programmes/place.html", context)
    return render(request, "programmes/area.html", context)


@login_required
def programme_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(code)
    region = _region(request)
    year = _year(request)
    data = overview(user=request.user, programme=programme, region=region, year=year)
    subtitle = f"{region.name}, tahun {year}. Satuan: {programme.unit_label}. Hanya jumlah, tanpa nama."
    place_rows = [
        [
            r.region.code,
            r.region.name,
            r.baseline,
            r.target,
            *[(r.months[m]["count"] if m in r.months else None) for m in range(1, 13)],
            r.reached,
            {True: "Sesuai lintasan", False: "Tertinggal", None: "Belum ada data"}[r.on_track],
        ]
        for r in data.places
    ]
    sheets = [
        Sheet(
            title="Per kelurahan-desa",
            headers=["Kode", "Kelurahan/desa", "Data awal", "Target", *MONTHS, "Dijangkau", "Status"],
            rows=place_rows,
            subtitle=subtitle,
            text_columns=(0,),
        )
    ]
    if data.groups:
        sheets.append(
            Sheet(
                title="Per kecamatan",
                headers=[
                    "Kode",
                    "Kecamatan",
                    "Kel/desa",
                    "Melapor",
                    "Data awal",
                    "Target",
                    "Terakhir",
                    "Dijangkau",
                    "Sesuai lintasan",
                    "% sesuai lintasan",
                ],
                rows=[
                    [
                        g.code,
                        g.label,
                        g.places,
                        g.reported,
                        g.baseline,
                        g.target,
                        g.latest,
                        g.reached,
                        g.on_track,
                        round(g.on_track_share, 1) if g.on_track_share is not None else None,
                    ]
                    for g in data.groups
                ],
                subtitle=subtitle,
                text_columns=(0,),
            )
        )
    name = f"{programme.code}-{region.code}-{year}.xlsx"
    return xlsx_response(name, build_sheets(sheets))


@login_required
def progress_entry(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(code)
    if not gate.can(request.user, "programmes.enter_progress"):
        raise Http404
    places = _places(request)
    initial = {"place": request.GET.get("wilayah", ""), "month": timezone.localdate().strftime("%Y-%m")}
    form = ProgressForm(request.POST or None, places=places, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        place = form.places[d["place"]]
        try:
            _, changed = progress_record(
                user=request.user,
                programme=programme,
                place=place,
                month=d["month"],
                count=d["count"],
                reached=d["reached"],
                note=d["note"],
                reason=d["reason"],
            )
        except DomainError as error:
            error.attach_to(form)
        else:
            if changed:
                messages.success(request, f"Capaian {place.name} bulan {d['month']:%m/%Y} tersimpan.")
            else:
                messages.info(request, "Tidak ada perubahan: angka yang sama sudah tersimpan.")
            url = reverse("programmes:programme", args=[programme.code])
            return redirect(f"{url}?wilayah={place.code}&tahun={d['month'].year}")
    return render(request, "programmes/entry.html", {"programme": programme, "form": form, "kind": "progress"})


@login_required
def target_entry(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(code)
    if not gate.can(request.user, "programmes.set_target"):
        raise Http404
    form = TargetForm(
        request.POST or None,
        places=_places(request),
        initial={"place": request.GET.get("wilayah", ""), "year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        place = form.places[d["place"]]
        try:
            _, changed = target_set(
                user=request.user,
                programme=programme,
                place=place,
                year=d["year"],
                baseline=d["baseline"],
                target=d["target"],
                reason=d["reason"],
            )
        except DomainError as error:
            error.attach_to(form)
        else:
            if changed:
                messages.success(request, f"Target {place.name} tahun {d['year']} tersimpan.")
            else:
                messages.info(request, "Tidak ada perubahan: target yang sama sudah tersimpan.")
            url = reverse("programmes:programme", args=[programme.code])
            return redirect(f"{url}?wilayah={place.code}&tahun={d['year']}")
    return render(request, "programmes/entry.html", {"programme": programme, "form": form, "kind": "target"})


# --- protected register -------------------------------------------------------------------------------------


def _register_gate(request: HttpRequest) -> None:
    """Other roles get a 404: the register does not exist for them."""
    if not gate.can(request.user, "programmes.see_register"):
        raise Http404


def _resident(request: HttpRequest, pk: int) -> VulnerableResident:
    _register_gate(request)
    return get_object_or_404(VulnerableResident.objects.visible_to(request.user).select_related("place"), pk=pk)


@never_cache
@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    _register_gate(request)
    home = _home_region(request)
    place_code = request.GET.get("wilayah", "")
    if place_code and not scope_of(request.user).contains(place_code):
        place_code = ""
    category = request.GET.get("kategori", "")
    if category not in Category.values:
        category = ""
    rows = residents_for(user=request.user, place_code=place_code, category=category)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("hal"))
    detail = ", ".join(f"{k}={v}" for k, v in (("wilayah", place_code), ("kategori", category)) if v) or "semua"
    access_record(
        user=request.user,
        action=AccessLog.Action.LIST,
        region_code=place_code or home.code,
        detail=f"{detail}; halaman {page.number}",
    )
    return render(
        request,
        "programmes/register_list.html",
        {
            "page": page,
            "places": _places(request),
            "categories": Category.choices,
            "chosen": {"wilayah": place_code, "kategori": category},
        },
    )


@never_cache
@login_required
@sensitive_post_parameters("name", "nik", "address", "condition")
def register_new(request: HttpRequest) -> HttpResponse:
    _register_gate(request)
    form = ResidentForm(request.POST or None, places=_places(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            resident = resident_create(
                user=request.user,
                place=form.places[d["place"]],
                name=d["name"],
                nik=d["nik"],
                address=d["address"],
                category=d["category"],
                condition=d["condition"],
            )
        except DomainError as error:
            error.attach_to(form)
        else:
            messages.success(request, "Data warga tersimpan.")
            return redirect("programmes:resident", pk=resident.pk)
    return render(request, "programmes/register_new.html", {"form": form})


@sensitive_variables("resident")
def _resident_page(request: HttpRequest, resident: VulnerableResident, *, full_nik: bool, form: Any = None) -> Any:
    return render(
        request,
        "programmes/resident.html",
        {
            "resident": resident,
            "nik": resident.nik if full_nik else resident.masked_nik,
            "full_nik": full_nik,
            "visits": list(resident.visits.select_related("worker")),
            "form": form or VisitForm(initial={"visited_on": timezone.localdate()}),
        },
    )


@never_cache
@login_required
@require_safe
def resident_view(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _resident(request, pk)
    access_record(user=request.user, action=AccessLog.Action.VIEW, region_code=resident.place_id, resident=resident)
    return _resident_page(request, resident, full_nik=False)


@never_cache
@login_required
@require_POST
def resident_reveal_nik(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _resident(request, pk)
    access_record(
        user=request.user, action=AccessLog.Action.REVEAL_NIK, region_code=resident.place_id, resident=resident
    )
    return _resident_page(request, resident, full_nik=True)


@never_cache
@login_required
@require_POST
@sensitive_post_parameters("note")
def resident_visit(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _resident(request, pk)
    gate.require(request.user, "programmes.record_visit", resident, "Anda tidak berwenang mencatat kunjungan.")
    form = VisitForm(request.POST)
    if form.is_valid():
        try:
            visit_record(
                user=request.user,
                resident=resident,
                visited_on=form.cleaned_data["visited_on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            error.attach_to(form)
        else:
            messages.success(request, "Kunjungan tercatat.")
            return redirect("programmes:resident", pk=resident.pk)
    return _resident_page(request, resident, full_nik=False, form=form)


@never_cache
@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    if not gate.can(request.user, "programmes.read_access_log"):
        raise Http404
    page = Paginator(access_log_for(user=request.user), PAGE_SIZE).get_page(request.GET.get("hal"))
    return render(request, "programmes/access_log.html", {"page": page})
