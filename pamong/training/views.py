"""Staff pages of training: the event list, planning an event, one event with its participants, the attendance
and score sheet, certificates, and the coverage of staff trained. Public: the certificate check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.ratelimit import blocked, count_miss
from pamong.core.steps import Refused, offered_steps
from pamong.core.views import changes_reported
from pamong.core.xlsx import Sheet, build_sheets, xlsx_response
from pamong.organization.models import Unit
from pamong.training import charts
from pamong.training.certificates import certificate_pdf, date_range, mask_nip
from pamong.training.forms import (
    GROUPS,
    AddEmployeeForm,
    AddGroupForm,
    AddUnitForm,
    EventForm,
    SheetForm,
    TransitionForm,
    score_text,
)
from pamong.training.models import Certificate, Kind, Participant, Status, TrainingEvent
from pamong.training.selectors import coverage, employee_section, events_for, participants_of, summary_of
from pamong.training.services import (
    MACHINE,
    certificate_for,
    certificates_issue,
    eligible_employees,
    event_create,
    event_transition,
    event_update,
    participant_remove,
    participants_add,
    sheet_record,
)

PAGE_SIZE = 50
VERIFY_LIMIT = 30
VERIFY_WINDOW = 600


def _event(request: HttpRequest, pk: int) -> TrainingEvent:
    return get_object_or_404(TrainingEvent.objects.visible_to(request.user).select_related("unit__region"), pk=pk)


def _manageable_units(request: HttpRequest) -> list[Unit]:
    units = Unit.objects.visible_to(request.user).select_related("region").order_by("region_id", "kind")
    return [u for u in units if gate.can(request.user, "training.organise", u)]


def _year(raw: str) -> int | None:
    if raw and len(raw) == 4 and raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return None


def _filtered(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    events = events_for(request.user)
    chosen = {"tahun": "", "status": "", "jenis": ""}
    year = _year(request.GET.get("tahun", ""))
    if year:
        events = events.filter(start_date__year=year)
        chosen["tahun"] = str(year)
    status = request.GET.get("status", "")
    if status in Status.values:
        events = events.filter(status=status)
        chosen["status"] = status
    kind = request.GET.get("jenis", "")
    if kind in Kind.values:
        events = events.filter(kind=kind)
        chosen["jenis"] = kind
    return events.order_by("-start_date", "-pk"), chosen


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events, chosen = _filtered(request)
    years = sorted(
        {d.year for d in TrainingEvent.objects.visible_to(request.user).dates("start_date", "year")}, reverse=True
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("hal"))
    query = "&".join(f"{k}={v}" for k, v in chosen.items() if v)
    return render(
        request,
        "training/list.html",
        {
            "page": page,
            "years": years,
            "chosen": chosen,
            "query": query,
            "statuses": Status.choices,
            "kinds": Kind.choices,
            "can_create": bool(_manageable_units(request)),
            "mine": _my_trainings(request),
        },
    )


def _my_trainings(request: HttpRequest) -> dict[str, Any] | None:
    """The signed-in employee's own trainings (with their certificates), whoever organised them."""
    employee = getattr(request.user, "employee", None)
    if employee is None:
        return None
    section = employee_section(employee=employee, viewer=request.user)
    return section if section["rows"] else None


@login_required
def event_list_xlsx(request: HttpRequest) -> HttpResponse:
    events, _chosen = _filtered(request)
    rows = (
        [
            e.title,
            e.get_kind_display(),
            e.unit.name,
            e.start_date.strftime("%d-%m-%Y"),
            e.end_date.strftime("%d-%m-%Y"),
            e.place,
            e.hours,
            e.get_status_display(),
            e.n_participants,
            e.n_present,
        ]
        for e in events.iterator(chunk_size=500)
    )
    content = build_sheets(
        [
            Sheet(
                "Kegiatan pelatihan",
                ["Judul", "Jenis", "Penyelenggara", "Mulai", "Selesai", "Tempat", "JP", "Status", "Peserta", "Hadir"],
                rows,
                subtitle=f"Diunduh {timezone.localdate():%d-%m-%Y}",
            )
        ]
    )
    return xlsx_response("pelatihan.xlsx", content)


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    units = _manageable_units(request)
    if not units:
        raise Http404("Anda tidak mengelola unit penyelenggara pelatihan.")
    form = EventForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            event, created = event_create(unit=form.unit_instance(), data=form.data_object(), actor=request.user)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            if created:
                messages.success(request, f"Kegiatan “{event.title}” direncanakan. Tambahkan pesertanya.")
            return redirect(event.get_absolute_url())
    return render(request, "training/new.html", {"form": form})


FIELD_LABELS = {
    "title": "judul",
    "kind": "jenis",
    "start_date": "tanggal mulai",
    "end_date": "tanggal selesai",
    "place": "tempat",
    "hours": "JP",
    "pass_mark": "nilai lulus",
    "description": "keterangan",
    "host": "tuan rumah",
    "host_region_code": "kode wilayah tuan rumah",
    "lessons": "pelajaran",
    "topics": "materi",
    "trainers": "narasumber",
}


def _shown(value: Any) -> str:
    """An old value in the history, as people read it."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return "; ".join(" | ".join(str(part) for part in row if part) for row in value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}-{value[5:7]}-{value[:4]}"
    if value in Kind.values:
        return str(Kind(value).label)
    return str(value).replace(".", ",") if isinstance(value, str) and value.replace(".", "").isdigit() else str(value)


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not gate.can(request.user, "training.manage", event) or event.status not in (
        Status.DIRENCANAKAN,
        Status.BERLANGSUNG,
    ):
        raise Http404("Kegiatan ini tidak dapat Anda ubah.")
    initial = {
        "unit": event.unit_id,
        "title": event.title,
        "kind": event.kind,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "place": event.place,
        "hours": event.hours,
        "pass_mark": score_text(event.pass_mark),
        "description": event.description,
        "host": event.host,
        "host_region_code": event.host_region_code,
        "lessons": event.lessons,
        "topics": "\n".join(f"{t.title} | {t.hours}" if t.hours else t.title for t in event.topics.all()),
        "trainers": "\n".join(f"{t.name} | {t.institution}" if t.institution else t.name for t in event.trainers.all()),
    }
    form = EventForm(request.POST or None, units=[event.unit], initial=initial)
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            changed = event_update(event=event, data=form.data_object(), actor=request.user)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            changes_reported(request, changed, FIELD_LABELS)
            return redirect(event.get_absolute_url())
    return render(request, "training/edit.html", {"form": form, "event": event})


def _add_forms(request: HttpRequest, event: TrainingEvent, bound: Any = None) -> dict[str, Any]:
    employees = list(
        eligible_employees(event=event, actor=request.user)
        .select_related("unit", "position")
        .order_by("unit__region_id", "unit__kind", "name")
    )
    units = list(
        Unit.objects.visible_to(request.user).filter(kabkota_code=event.kabkota_code).order_by("region_id", "kind")
    )
    data = bound or {}
    return {
        "add_employee": AddEmployeeForm(data.get("pegawai"), employees=employees, prefix="pegawai"),
        "add_unit": AddUnitForm(data.get("unit"), units=units, prefix="unit"),
        "add_group": AddGroupForm(data.get("jabatan"), prefix="jabatan"),
    }


def _detail_context(
    request: HttpRequest, event: TrainingEvent, bound: Any = None, refused: Refused | None = None
) -> dict[str, Any]:
    manages = gate.can(request.user, "training.manage", event)
    participants = participants_of(event)
    adding = manages and event.status in (Status.DIRENCANAKAN, Status.BERLANGSUNG)
    steps, step_error = offered_steps(MACHINE, request.user, event, refused)
    return {
        "event": event,
        "manages": manages,
        "participants": [(p, p.passed_with(event.pass_mark)) for p in participants],
        "summary": summary_of(event, participants),
        "topics": list(event.topics.all()),
        "trainers": list(event.trainers.all()),
        "changes": [
            # in the form's order: PostgreSQL's jsonb does not keep the keys' order
            (c, [(label, _shown(c.old.get(f))) for f, label in FIELD_LABELS.items() if f in c.new])
            for c in event.changes.select_related("actor").order_by("at", "pk")
        ],
        "editable": manages and event.status in (Status.DIRENCANAKAN, Status.BERLANGSUNG),
        "steps": steps,
        "step_error": step_error,
        "dates": date_range(event.start_date, event.end_date),
        "adding": adding,
        "removable": manages and event.status == Status.DIRENCANAKAN,
        **(_add_forms(request, event, bound) if adding else {}),
    }


@login_required
@require_safe
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return render(request, "training/detail.html", _detail_context(request, event))


@login_required
@require_safe
def event_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    participants = participants_of(event)
    rows = [
        [
            i,
            p.employee.full_name,
            p.employee.nip or "",
            p.employee.position.title if p.employee.position else "",
            p.unit.name,
            p.get_attendance_display() or "",
            p.get_absence_reason_display() or "",
            float(p.pre_score) if p.pre_score is not None else None,
            float(p.post_score) if p.post_score is not None else None,
            float(p.improvement) if p.improvement is not None else None,
            "Lulus" if p.passed_with(event.pass_mark) else "",
            p.certificate.number if getattr(p, "certificate", None) else "",
        ]
        for i, p in enumerate(participants, start=1)
    ]
    content = build_sheets(
        [
            Sheet(
                "Peserta",
                [
                    "No",
                    "Nama",
                    "NIP",
                    "Jabatan",
                    "Unit",
                    "Kehadiran",
                    "Alasan",
                    "Pre-test",
                    "Post-test",
                    "Peningkatan",
                    "Kelulusan",
                    "Nomor sertifikat",
                ],
                rows,
                subtitle=f"{event.title} · {date_range(event.start_date, event.end_date)} · {event.unit.name}",
                text_columns=(2,),
            )
        ]
    )
    return xlsx_response(f"pelatihan-{event.pk}-peserta.xlsx", content)


@login_required
@require_safe
def attendance_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The daftar hadir to print and have signed at the event: one row per participant, a signature column
    for each day (at most five)."""
    event = _event(request, pk)
    days = [
        event.start_date + dt.timedelta(days=i) for i in range(min(5, (event.end_date - event.start_date).days + 1))
    ]
    return render(
        request,
        "training/attendance_print.html",
        {
            "event": event,
            "participants": participants_of(event),
            "days": days,
            "dates": date_range(event.start_date, event.end_date),
        },
    )


@login_required
@require_POST
def event_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    MACHINE.require_any(request.user, event)
    form = TransitionForm(request.POST)
    typed = {"note": request.POST.get("note", "")}
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        refused = Refused(request.POST.get("to_status", ""), typed, str(errors[0]), name)
        return render(request, "training/detail.html", _detail_context(request, event, refused=refused), status=400)
    try:
        event_transition(
            event=event,
            to_status=form.cleaned_data["to_status"],
            actor=request.user,
            note=form.cleaned_data["note"],
            seen=form.cleaned_data["from_status"] or None,
        )
    except DomainError as exc:
        event.refresh_from_db()
        refused = Refused(form.cleaned_data["to_status"], typed, exc.message, exc.field)
        return render(request, "training/detail.html", _detail_context(request, event, refused=refused), status=400)
    messages.success(request, f"Status kegiatan menjadi {event.get_status_display()}.")
    return redirect(event.get_absolute_url())


@login_required
def participants_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if request.method != "POST":
        return redirect(event.get_absolute_url())
    gate.require(request.user, "training.manage", event, "Hanya pengelola kegiatan yang menambah peserta.")
    mode = request.POST.get("mode", "")
    if mode not in ("pegawai", "unit", "jabatan"):
        return redirect(event.get_absolute_url())
    context = (
        _detail_context(request, event, bound={mode: request.POST})
        if event.status
        in (
            Status.DIRENCANAKAN,
            Status.BERLANGSUNG,
        )
        else None
    )
    if context is None:
        messages.error(request, "Peserta hanya dapat ditambahkan sebelum kegiatan selesai.")
        return redirect(event.get_absolute_url())
    form = context[{"pegawai": "add_employee", "unit": "add_unit", "jabatan": "add_group"}[mode]]
    if form.is_valid():
        pool = eligible_employees(event=event, actor=request.user)
        if mode == "pegawai":
            chosen = pool.filter(pk=form.cleaned_data["employee"])
        elif mode == "unit":
            chosen = pool.filter(unit_id=form.cleaned_data["unit"])
        else:
            _label, position_kind, unit_kind = GROUPS[form.cleaned_data["group"]]
            chosen = pool.filter(position__kind=position_kind)
            if unit_kind:
                chosen = chosen.filter(unit__kind=unit_kind)
        try:
            added, present = participants_add(event=event, employees=list(chosen.only("pk")), actor=request.user)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            text = f"{added} peserta ditambahkan."
            if present:
                text += f" {present} pegawai sudah terdaftar dan tidak ditambahkan lagi."
            messages.success(request, text)
            return redirect(event.get_absolute_url() + "#peserta")
    return render(request, "training/detail.html", context, status=400)


@login_required
@require_POST
def participant_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.filter(event__in=TrainingEvent.objects.visible_to(request.user)).select_related(
            "event__unit", "employee"
        ),
        pk=pk,
    )
    try:
        participant_remove(participant=participant, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{participant.employee.full_name} dihapus dari daftar peserta.")
    return redirect(participant.event.get_absolute_url() + "#peserta")


@login_required
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not gate.can(request.user, "training.manage", event):
        raise Http404("Hanya pengelola kegiatan yang mengisi kehadiran dan nilai.")
    if not event.sheet_open:
        messages.error(request, "Kehadiran dan nilai diisi saat kegiatan berlangsung atau sesudah selesai.")
        return redirect(event.get_absolute_url())
    participants = participants_of(event)
    form = SheetForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        try:
            changed = sheet_record(event=event, entries=form.entries(), actor=request.user)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Kehadiran dan nilai disimpan ({changed} peserta berubah).")
            return redirect(event.get_absolute_url() + "#peserta")
    return render(
        request,
        "training/sheet.html",
        {"event": event, "form": form, "dates": date_range(event.start_date, event.end_date)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def certificates_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not gate.can(request.user, "training.manage", event):
        raise Http404("Hanya pengelola kegiatan yang menerbitkan sertifikat.")
    try:
        made = certificates_issue(event=event)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            f"{len(made)} sertifikat baru diberi nomor."
            if made
            else "Semua peserta yang lulus sudah memiliki sertifikat.",
        )
    return redirect(event.get_absolute_url() + "#peserta")


@login_required
@require_safe
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate of one participant: managers of the event, the participant, and anyone who sees the
    participant's unit."""
    participant = get_object_or_404(
        Participant.objects.select_related("event__unit__region", "employee", "unit"), pk=pk
    )
    event = participant.event
    own = getattr(getattr(request.user, "employee", None), "pk", None) == participant.employee_id
    sees = (
        own
        or TrainingEvent.objects.visible_to(request.user).filter(pk=event.pk).exists()
        or Participant.objects.visible_to(request.user).filter(pk=participant.pk).exists()
    )
    if not sees:
        raise Http404
    if event.status != Status.SELESAI:
        raise Http404("Sertifikat diterbitkan setelah kegiatan selesai.")
    try:
        certificate = certificate_for(participant=participant)
    except DomainError as exc:
        messages.error(request, exc.message)
        return (
            redirect(event.get_absolute_url() + "#peserta")
            if gate.can(request.user, "training.manage", event)
            else redirect("training:list")
        )
    certificate.participant = participant
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("unduh") else "inline"
    filename = "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# Coverage -----------------------------------------------------------------------------------------------------


def _today(request: HttpRequest) -> dt.date:
    return timezone.localdate()


@login_required
def coverage_view(request: HttpRequest) -> HttpResponse:
    data = coverage(user=request.user, today=_today(request))
    rows = data.kecamatan if data.by_kecamatan else data.units
    title = "Pegawai aktif terlatih per " + ("kecamatan" if data.by_kecamatan else "unit") + " (%)"
    return render(
        request,
        "training/coverage.html",
        {"coverage": data, "chart": charts.coverage_chart(rows, title) if rows else ""},
    )


@login_required
def coverage_xlsx(request: HttpRequest) -> HttpResponse:
    data = coverage(user=request.user, today=_today(request))

    def share(value: Any) -> float | None:
        return None if value is None else float(value)

    subtitle = f"Kegiatan selesai {data.since:%d-%m-%Y} s.d. {data.until:%d-%m-%Y}"
    sheets = [
        Sheet(
            "Per unit",
            ["Kode unit", "Unit", "Pegawai aktif", "Terlatih", "Persentase"],
            [[r.code, r.label, r.staff, r.trained, share(r.share)] for r in data.units],
            subtitle=subtitle,
            text_columns=(0,),
            footer=[["", "Jumlah", data.total.staff, data.total.trained, share(data.total.share)]],
        )
    ]
    if data.by_kecamatan:
        sheets.insert(
            0,
            Sheet(
                "Per kecamatan",
                ["Kode", "Kecamatan", "Pegawai aktif", "Terlatih", "Persentase"],
                [[r.code, r.label, r.staff, r.trained, share(r.share)] for r in data.kecamatan],
                subtitle=subtitle,
                text_columns=(0,),
                footer=[["", "Jumlah", data.total.staff, data.total.trained, share(data.total.share)]],
            ),
        )
    return xlsx_response(f"cakupan-pelatihan-{data.until:%Y%m%d}.xlsx", build_sheets(sheets))


# Public -------------------------------------------------------------------------------------------------------


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public check of a certificate: the name, the event, its dates and whether it is valid. The NIP only
    masked; nothing else about the person."""
    if blocked(request, "verifikasi-sertifikat", limit=VERIFY_LIMIT):
        return render(request, "training/verify.html", {"limited": True}, status=429)
    certificate = (
        Certificate.objects.select_related("participant__employee", "participant__event", "unit")
        .filter(code=code.upper()[:16])
        .first()
    )
    if certificate is None:
        count_miss(request, "verifikasi-sertifikat", window=VERIFY_WINDOW)
        raise Http404("Kode sertifikat tidak ditemukan.")
    event = certificate.participant.event
    employee = certificate.participant.employee
    return render(
        request,
        "training/verify.html",
        {
            "certificate": certificate,
            "name": employee.full_name,
            "nip": mask_nip(employee.nip),
            "event": event,
            "dates": date_range(event.start_date, event.end_date),
        },
    )
