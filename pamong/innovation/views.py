"""Staff pages of innovations (the list and search, registering, one innovation with its effect, stage, evidence
and approval, the yearly recap in XLSX and PDF) and the public ones (/inovasi/, one innovation, the Atom feed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST, require_safe

from pamong.catalog.models import ServiceType
from pamong.core import gate, pagecache
from pamong.core.errors import DomainError
from pamong.core.redact import mask_contacts
from pamong.core.steps import Refused, offered_steps
from pamong.core.uploads import stored_file_response
from pamong.core.views import changes_reported
from pamong.core.xlsx import Sheet, build_sheets, xlsx_response
from pamong.innovation import charts, selectors
from pamong.innovation.forms import EvidenceForm, InnovationForm, StageForm, TransitionForm
from pamong.innovation.models import Evidence, Innovation, Kind, Stage, Status
from pamong.innovation.services import (
    MACHINE,
    VERSION,
    evidence_add,
    innovation_create,
    innovation_stage_set,
    innovation_transition,
    innovation_update,
)
from pamong.kinerja.services import VERSION as KINERJA_VERSION
from pamong.organization.models import Unit
from pamong.regions.deployment import deployment
from pamong.training.models import Kind as TrainingKind
from pamong.training.models import TrainingEvent

PAGE_SIZE = 30
PUBLIC_PAGE_SIZE = 12  # each card reads its effect (four queries when not cached)


def _innovation(request: HttpRequest, pk: int) -> Innovation:
    return get_object_or_404(Innovation.objects.visible_to(request.user).select_related("unit__region"), pk=pk)


def _proposing_units(request: HttpRequest) -> list[Unit]:
    units = Unit.objects.visible_to(request.user).select_related("region").order_by("region_id", "kind")
    return [u for u in units if gate.can(request.user, "innovation.propose", u)]


def _int(raw: str) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _form(request: HttpRequest, units: list[Unit], *, initial: dict[str, Any] | None = None) -> InnovationForm:
    kab = units[0].kabkota_code
    return InnovationForm(
        request.POST or None,
        units=units,
        services=ServiceType.objects.filter(kabkota_code=kab).order_by("name"),
        visits=TrainingEvent.objects.filter(kabkota_code=kab, kind=TrainingKind.STUDI_TIRU).order_by("-start_date"),
        initial=initial,
    )


# Staff --------------------------------------------------------------------------------------------------------


@login_required
@require_safe
def innovation_list(request: HttpRequest) -> HttpResponse:
    """The innovations of the user's offices, and a search over every office's published ones."""
    text = request.GET.get("q", "").strip()[:100]
    service_id = _int(request.GET.get("layanan", ""))
    visit_id = _int(request.GET.get("studi_tiru", ""))
    stage = request.GET.get("tahap", "")
    searching = bool(text or service_id or visit_id)
    qs = selectors.searchable_for(request.user) if searching else selectors.innovations_for(request.user)
    qs = selectors.search(qs, text=text, service_id=service_id)
    if visit_id:
        qs = qs.filter(field_visit_id=visit_id)
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    page = Paginator(qs.order_by("-updated_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("hal"))
    shown = [i.pk for i in page]
    mine = set(Innovation.objects.visible_to(request.user).filter(pk__in=shown).values_list("pk", flat=True))
    kab = getattr(request.user, "compute_scope", lambda: None)()
    code = (kab.region_code[:5] if kab is not None and kab.region_code else "") or deployment().code
    query = "&".join(
        f"{k}={v}"
        for k, v in (("q", text), ("layanan", service_id or ""), ("studi_tiru", visit_id or ""), ("tahap", stage))
        if v
    )
    return render(
        request,
        "innovation/list.html",
        {
            "page": page,
            "mine": mine,
            "text": text,
            "service_id": service_id,
            "stage": stage,
            "visit": TrainingEvent.objects.filter(pk=visit_id).first() if visit_id else None,
            "searching": searching,
            "services": selectors.service_choices(code, published_only=False),
            "stages": Stage.choices,
            "query": query,
            "can_create": bool(_proposing_units(request)),
        },
    )


@login_required
def innovation_new(request: HttpRequest) -> HttpResponse:
    units = _proposing_units(request)
    if not units:
        raise Http404("Anda tidak bekerja di kantor yang dapat mencatat inovasi.")
    form = _form(request, units, initial={"initiated_on": timezone.localdate(), "stage": Stage.INISIATIF})
    if request.method == "POST" and form.is_valid():
        try:
            innovation, created = innovation_create(
                unit=form.unit_instance(), data=form.data_object(), actor=request.user
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            if created:
                messages.success(request, f"Inovasi “{innovation.name}” dicatat sebagai draf. Lengkapi buktinya.")
            return redirect(innovation)
    return render(request, "innovation/form.html", {"form": form}, status=400 if form.errors else 200)


FIELD_LABELS = {
    "name": "nama",
    "problem": "masalah",
    "change": "perubahan bagi warga",
    "kind": "jenis",
    "stage": "tahap",
    "initiated_on": "tanggal inisiatif",
    "trial_on": "mulai uji coba",
    "applied_on": "mulai penerapan",
    "services": "layanan sasaran",
    "indicators": "indikator",
    "team": "tim",
    "cost": "biaya",
    "funding": "sumber dana",
    "summary": "ringkasan publik",
    "field_visit": "studi tiru",
    "evidence": "bukti",
    "date": "tanggal",
}


@login_required
def innovation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _innovation(request, pk)
    if not gate.can(request.user, "innovation.edit", innovation) or innovation.status != Status.DRAF:
        raise Http404("Inovasi ini tidak dapat Anda ubah.")
    initial = {
        "unit": innovation.unit_id,
        "name": innovation.name,
        "kind": innovation.kind,
        "problem": innovation.problem,
        "change": innovation.change,
        "stage": innovation.stage,
        "initiated_on": innovation.initiated_on,
        "trial_on": innovation.trial_on,
        "applied_on": innovation.applied_on,
        "services": list(innovation.services.values_list("pk", flat=True)),
        "indicators": innovation.indicators,
        "team": innovation.team,
        "cost": f"{innovation.cost:,}".replace(",", ".") if innovation.cost is not None else "",
        "funding": innovation.funding,
        "summary": innovation.summary,
        "field_visit": innovation.field_visit_id,
    }
    form = _form(request, [innovation.unit], initial=initial)
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            changed = innovation_update(innovation=innovation, data=form.data_object(), actor=request.user)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            changes_reported(request, changed, FIELD_LABELS)
            return redirect(innovation)
    return render(
        request, "innovation/form.html", {"form": form, "innovation": innovation}, status=400 if form.errors else 200
    )


def _detail_context(
    request: HttpRequest,
    innovation: Innovation,
    *,
    refused: Refused | None = None,
    stage_form: StageForm | None = None,
    evidence_form: EvidenceForm | None = None,
) -> dict[str, Any]:
    edits = gate.can(request.user, "innovation.edit", innovation)
    steps, step_error = offered_steps(MACHINE, request.user, innovation, refused)
    effect = selectors.effect_of(innovation)
    return {
        "innovation": innovation,
        "edits": edits,
        "editable": edits and innovation.status == Status.DRAF,
        "may_move_stage": edits and innovation.stage != Stage.PENERAPAN,
        "steps": steps,
        "step_error": step_error,
        "effect": effect,
        "chart": charts.effect_chart(effect) if effect is not None else "",
        "services": list(innovation.services.order_by("name")),
        "evidence": selectors.evidence_of(innovation),
        "stage_form": stage_form or StageForm(),
        "evidence_form": evidence_form or EvidenceForm(),
        "changes": [(c, [FIELD_LABELS.get(f, f) for f in c.new]) for c in innovation.changes.select_related("actor")],
    }


@login_required
@require_safe
def innovation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _innovation(request, pk)
    return render(request, "innovation/detail.html", _detail_context(request, innovation))


@login_required
@require_POST
def innovation_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _innovation(request, pk)
    MACHINE.require_any(request.user, innovation)
    form = TransitionForm(request.POST)
    typed = {"note": request.POST.get("note", "")}
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        refused = Refused(request.POST.get("to_status", ""), typed, str(errors[0]), name)
        context = _detail_context(request, innovation, refused=refused)
        return render(request, "innovation/detail.html", context, status=400)
    try:
        innovation_transition(
            innovation=innovation,
            to_status=form.cleaned_data["to_status"],
            actor=request.user,
            note=form.cleaned_data["note"],
            seen=form.cleaned_data["from_status"] or None,
        )
    except DomainError as exc:
        innovation.refresh_from_db()
        refused = Refused(form.cleaned_data["to_status"], typed, exc.message, exc.field)
        context = _detail_context(request, innovation, refused=refused)
        return render(request, "innovation/detail.html", context, status=400)
    messages.success(request, f"Status inovasi menjadi {innovation.get_status_display().lower()}.")
    return redirect(innovation)


@login_required
@require_POST
def stage_view(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _innovation(request, pk)
    gate.require(request.user, "innovation.edit", innovation, "Hanya pegawai kantor ini yang dapat mengubah tahap.")
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            innovation_stage_set(
                innovation=innovation,
                stage=form.cleaned_data["stage"],
                day=form.cleaned_data["day"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except DomainError as exc:
            if exc.field in ("trial_on", "applied_on"):
                exc.field = "day"
            exc.attach_to(form)
        else:
            messages.success(request, f"Tahap inovasi menjadi {innovation.get_stage_display().lower()}.")
            return redirect(innovation)
    context = _detail_context(request, innovation, stage_form=form)
    return render(request, "innovation/detail.html", context, status=400)


@login_required
@require_POST
def evidence_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = _innovation(request, pk)
    gate.require(request.user, "innovation.edit", innovation, "Hanya pegawai kantor ini yang dapat menambah bukti.")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence = evidence_add(
                innovation=innovation,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                actor=request.user,
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Bukti “{evidence.title}” ditambahkan.")
            return redirect(innovation.get_absolute_url() + "#bukti")
    context = _detail_context(request, innovation, evidence_form=form)
    return render(request, "innovation/detail.html", context, status=400)


@login_required
@require_safe
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only for those who see its innovation."""
    evidence = get_object_or_404(
        Evidence.objects.filter(innovation__in=Innovation.objects.visible_to(request.user)), pk=pk
    )
    return stored_file_response(evidence.file, evidence.content_type, name=Path(evidence.file.name or "bukti").name)


# Yearly recap -------------------------------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("tahun", "")
    year = _int(raw)
    return year if year is not None and 2000 <= year <= 2100 else timezone.localdate().year


def _recap(request: HttpRequest) -> selectors.Recap:
    return selectors.recap(user=request.user, year=_year(request))


@login_required
@require_safe
def recap_view(request: HttpRequest) -> HttpResponse:
    data = _recap(request)
    this_year = timezone.localdate().year
    return render(request, "innovation/recap.html", {"recap": data, "years": list(range(this_year, this_year - 5, -1))})


@login_required
@require_safe
def recap_xlsx(request: HttpRequest) -> HttpResponse:
    data = _recap(request)
    where = data.kabkota.name if data.kabkota else ""
    subtitle = f"{where} · inovasi disetujui s.d. 31-12-{data.year} · diunduh {timezone.localdate():%d-%m-%Y}"

    def day(value: dt.date | None) -> str:
        return f"{value:%d-%m-%Y}" if value else ""

    rows = [
        [
            i,
            r.name,
            r.unit.name,
            r.get_kind_display(),
            r.get_stage_display(),
            day(r.initiated_on),
            day(r.trial_on),
            day(r.applied_on),
            "; ".join(s.name for s in r.services.all()),
            "; ".join(r.indicator_labels()),
            r.problem,
            r.change,
            r.cost,
            r.funding,
            "; ".join(name + (f" ({role})" if role else "") for name, role in r.team_members()),
            "; ".join(f"{e.get_kind_display()}: {e.title}" for e in data.evidence[r.pk]),
        ]
        for i, r in enumerate(data.rows, start=1)
    ]
    sheets = [
        Sheet(
            "Inovasi",
            [
                "No",
                "Nama inovasi",
                "Kantor",
                "Jenis",
                "Tahap",
                "Inisiatif",
                "Uji coba",
                "Penerapan",
                "Layanan sasaran",
                "Indikator",
                "Masalah",
                "Perubahan bagi warga",
                "Biaya (Rp)",
                "Sumber dana",
                "Tim",
                "Bukti",
            ],
            rows,
            subtitle=subtitle,
        ),
        Sheet("Per tahap", ["Tahap", "Jumlah"], data.by_stage, subtitle=subtitle),
        Sheet("Per jenis", ["Jenis", "Jumlah"], data.by_kind, subtitle=subtitle),
        Sheet("Per kantor", ["Kantor", "Jumlah"], data.by_office, subtitle=subtitle),
    ]
    return xlsx_response(f"rekap-inovasi-{data.year}.xlsx", build_sheets(sheets))


@login_required
@require_safe
def recap_pdf(request: HttpRequest) -> HttpResponse:
    from weasyprint import CSS, HTML

    data = _recap(request)
    html = render_to_string(
        "innovation/recap_pdf.html",
        {"recap": data, "today": timezone.localdate()},
        request=request,
    )
    css = CSS(filename=str(Path(__file__).parent / "pdf" / "recap.css"))
    content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css])
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rekap-inovasi-{data.year}.pdf"'
    return response


# Public -------------------------------------------------------------------------------------------------------

PUBLIC_LIST = pagecache.page(
    "innovation.public_list", depends_on=lambda request: [VERSION, KINERJA_VERSION], daily=True
)
PUBLIC_DETAIL = pagecache.page(
    "innovation.public_detail", depends_on=lambda request, pk: [VERSION, KINERJA_VERSION], daily=True
)


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    """/inovasi/: the published innovations of the kabupaten/kota with their effect, by kecamatan and service."""
    return PUBLIC_LIST.serve(request, lambda: _public_list(request))


def _public_list(request: HttpRequest) -> HttpResponse:
    kab = deployment().code
    kecamatan = request.GET.get("kecamatan", "")
    choices = selectors.kecamatan_choices(kab)
    if kecamatan not in {code for code, _name in choices}:
        kecamatan = ""
    service_id = _int(request.GET.get("layanan", ""))
    qs = selectors.public_filter(selectors.published(kab), kecamatan=kecamatan, service_id=service_id)
    page = Paginator(qs, PUBLIC_PAGE_SIZE).get_page(request.GET.get("hal"))
    query = "&".join(f"{k}={v}" for k, v in (("kecamatan", kecamatan), ("layanan", service_id or "")) if v)
    return render(
        request,
        "innovation/public_list.html",
        {
            "page": page,
            "rows": [(i, selectors.effect_of(i)) for i in page.object_list],
            "kecamatan": kecamatan,
            "service_id": service_id,
            "kecamatan_choices": choices,
            "services": selectors.service_choices(kab, published_only=True),
            "query": query,
            "place": deployment().name,
        },
    )


@require_safe
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return PUBLIC_DETAIL.serve(request, lambda: _public_detail(request, pk), pk=pk)


def _public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = get_object_or_404(
        Innovation.objects.published().select_related("unit__region", "field_visit"),
        pk=pk,
        kabkota_code=deployment().code,
    )
    effect = selectors.effect_of(innovation)
    return render(
        request,
        "innovation/public_detail.html",
        {
            "innovation": innovation,
            "effect": effect,
            "chart": charts.effect_chart(effect) if effect is not None else "",
            "services": list(innovation.services.order_by("name")),
            "evidence_count": innovation.evidence.count(),
        },
    )


class InnovationFeed(Feed):
    feed_type = Atom1Feed
    title = "Inovasi pelayanan"
    subtitle = "Inovasi kantor camat, lurah dan desa yang telah disetujui kepala unitnya."
    language = "id"

    def link(self) -> str:
        return reverse("innovation:public_list")

    def items(self) -> list[Innovation]:
        return list(selectors.published(deployment().code)[:50])

    def item_title(self, item: Innovation) -> str:
        return f"{item.name} — {item.unit.name}"

    def item_description(self, item: Innovation) -> str:
        return mask_contacts(item.summary or item.change)

    def item_link(self, item: Innovation) -> str:
        return item.get_public_url()

    def item_pubdate(self, item: Innovation) -> Any:
        return item.published_at

    def item_updateddate(self, item: Innovation) -> Any:
        return item.updated_at

    def item_author_name(self, item: Innovation) -> str:
        return item.unit.name

    def item_categories(self, item: Innovation) -> list[str]:
        return [str(Kind(item.kind).label), str(Stage(item.stage).label)]
