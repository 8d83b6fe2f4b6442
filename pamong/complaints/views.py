"""Staff pages: the complaint queue of a unit and the page of one complaint with its actions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from pamong.complaints.forms import StaffComplaintForm, StepForm
from pamong.complaints.models import Complaint, ComplaintChange, ComplaintPhoto, ReporterDataAccess, Status
from pamong.complaints.selectors import STAGES, complaint_by_code, queue, sees_reporter
from pamong.complaints.services import (
    MACHINE,
    MERGE,
    complaint_merge,
    complaint_submit,
    complaint_transition,
    photo_publish,
)
from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.staging import Keeper
from pamong.core.transitions import Transition
from pamong.core.uploads import stored_file_response
from pamong.organization.models import Position, Unit

PAGE_SIZE = 50


def _complaint(request: HttpRequest, code: str) -> Complaint:
    return get_object_or_404(
        Complaint.objects.visible_to(request.user).select_related("category", "region", "unit__region", "position"),
        code=code,
    )


def _step_form(complaint: Complaint, transition: Transition, data: object = None) -> StepForm:
    """The form of one step, with the choices it needs: the posts of the handling unit, or the other units."""
    names = {f.name for f in transition.fields}
    positions = (
        list(Position.objects.filter(unit_id=complaint.unit_id).order_by("order")) if "position" in names else []
    )
    units = (
        list(
            Unit.objects.filter(kabkota_code=complaint.kabkota_code).exclude(pk=complaint.unit_id).order_by("region_id")
        )
        if "unit" in names
        else []
    )
    return StepForm(data, transition=transition, positions=positions, units=units)


@dataclass(frozen=True)
class QueueFilters:
    """The complaint box's filters, from its query parameters (``?tahap=&terlambat=1&unit=saya&status=``)."""

    status: str = ""
    stage: str = ""
    overdue: bool = False
    own_unit: bool = False

    @classmethod
    def parse(cls, params: QueryDict) -> QueueFilters:
        status = params.get("status", "")
        stage = params.get("tahap", "")
        return cls(
            status=status if status in (*Status.values, "semua") else "",
            stage=stage if stage in STAGES else "",
            overdue=params.get("terlambat") == "1",
            own_unit=params.get("unit") == "saya",
        )

    def query(self) -> str:
        """The filters as the box's query string: what a complaint page keeps as its queue (``?antrian=``)."""
        kept = QueryDict(mutable=True)
        if self.stage:
            kept["tahap"] = self.stage
        if self.overdue:
            kept["terlambat"] = "1"
        if self.own_unit:
            kept["unit"] = "saya"
        if self.status:
            kept["status"] = self.status
        return kept.urlencode()

    def rows(self, user: Any) -> tuple[QuerySet[Complaint], dict[str, int]]:
        return queue(user=user, status=self.status, stage=self.stage, overdue=self.overdue, own_unit=self.own_unit)


def _queue(raw: str) -> str:
    """The box query a complaint was opened from, reduced to the box's own filters (anything else dropped)."""
    return QueueFilters.parse(QueryDict(raw[:500])).query()


def _next_in_queue(user: Any, queue_query: str, *, after: Complaint) -> Complaint | None:
    """The first complaint of the queue other than ``after``: the queue's own order (stage deadline first)."""
    rows, _counts = QueueFilters.parse(QueryDict(queue_query)).rows(user)
    return rows.exclude(pk=after.pk).first()


def _in_queue(code: str, queue_query: str) -> str:
    url = reverse("complaints:staff_detail", args=[code])
    return f"{url}?{urlencode({'antrian': queue_query})}" if queue_query else url


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    filters = QueueFilters.parse(request.GET)
    status, stage, overdue, own_unit = filters.status, filters.stage, filters.overdue, filters.own_unit
    qs, counts = filters.rows(request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("hal"))
    query = filters.query()
    return render(
        request,
        "complaints/queue.html",
        {
            "page": page,
            "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
            "active_status": status,
            "stage_label": STAGES[stage][0] if stage else "",
            "overdue": overdue,
            "own_unit": own_unit,
            "kept": replace(filters, status="").query(),  # the status tabs add their own
            "page_query": query,
            "queue_param": query,
        },
    )


def _detail(
    request: HttpRequest, complaint: Complaint, bound: StepForm | None = None, status: int = 200
) -> HttpResponse:
    """The staff page: only the steps this user may take now, each its own form; ``bound``: the step just tried,
    shown again with what was typed and why it was refused. Opened from a queue (the box or the desk), it links
    back to it and on to the next complaint in it."""
    queue_query = _queue(request.GET.get("antrian") or request.POST.get("antrian", ""))
    following = _next_in_queue(request.user, queue_query, after=complaint) if queue_query else None
    show_reporter = sees_reporter(request.user, complaint)
    if show_reporter and (complaint.reporter_name or complaint.reporter_phone or complaint.reporter_email):
        ReporterDataAccess.objects.create(complaint=complaint, user=request.user)  # type: ignore[misc]
    steps = []
    for t in MACHINE.available(request.user, complaint):
        form = bound if bound is not None and bound.transition is t else _step_form(complaint, t)
        steps.append((t, t.verb_for(complaint), form))
    # A step that could not be shown again (the complaint moved on, or it is not this user's to take): its
    # messages go at the top of the page.
    errors = [] if bound is None or any(form is bound for _t, _v, form in steps) else _messages(bound)
    return render(
        request,
        "complaints/detail_staff.html",
        {
            "c": complaint,
            "history": ComplaintChange.objects.filter(complaint=complaint).order_by("at", "id"),
            "photos": list(complaint.photos.all()),
            "show_reporter": show_reporter,
            "steps": steps,
            "errors": errors,
            "queue": queue_query,
            "queue_url": reverse("complaints:queue") + ("?" + queue_query if queue_query else ""),
            "following": following,
            "following_url": _in_queue(following.code, queue_query) if following else "",
        },
        status=status,
    )


def _messages(form: StepForm) -> list[str]:
    return [str(message) for messages_ in form.errors.values() for message in messages_]


@login_required
@require_safe
def detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, _complaint(request, code))


@login_required
@require_POST
def act(request: HttpRequest, code: str) -> HttpResponse:
    """One step of the complaint, as the officer chose it on the page (``from_status``: the status they saw)."""
    complaint = _complaint(request, code)
    MACHINE.require_any(request.user, complaint)
    handled_by = complaint.unit_id
    to, key = request.POST.get("to", ""), request.POST.get("key", "")
    seen = request.POST.get("from_status") or None
    transition = MACHINE.get(seen or complaint.status, to, key)
    if transition is None:
        messages.error(request, "Tindakan ini tidak tersedia untuk pengaduan ini. Muat ulang halaman.")
        return redirect("complaints:staff_detail", code=complaint.code)
    form = _step_form(complaint, transition, request.POST)
    if form.is_valid():
        try:
            if key == MERGE:
                into = complaint_by_code(form.cleaned_data["into"])
                if into is None or not Complaint.objects.visible_to(request.user).filter(pk=into.pk).exists():
                    raise DomainError("Kode pengaduan utama tidak ditemukan.", field="into")
                complaint_merge(complaint=complaint, into=into, actor=request.user, seen=seen)
                done = f"Pengaduan digabung dengan {into.code_display}."
            else:
                complaint_transition(
                    complaint=complaint,
                    actor=request.user,
                    to_status=to,
                    note=form.cleaned_data.get("note", ""),
                    rejection=form.cleaned_data.get("rejection", ""),
                    position=form.position_instance(),
                    unit=form.unit_instance(),
                    seen=seen,
                )
                done = f"Status diubah menjadi {Status(to).label}."
        except DomainError as exc:
            exc.attach_to(form)
            complaint.refresh_from_db()
        else:
            return _after_step(request, complaint, done, moved_away=complaint.unit_id != handled_by)
    return _detail(request, complaint, form, status=400)


def _after_step(request: HttpRequest, complaint: Complaint, done: str, *, moved_away: bool) -> HttpResponse:
    """Where a step leads. Opened from a queue: the same complaint while it is still in the queue (a follow-up
    recorded, to be finished), else the next one of the queue, else the queue's list. Without a queue: the
    complaint's page, or the box when it went to another unit."""
    queue_query = _queue(request.POST.get("antrian", ""))
    if not queue_query:
        messages.success(request, done)
        return redirect("complaints:queue" if moved_away else reverse("complaints:staff_detail", args=[complaint.code]))
    rows, _counts = QueueFilters.parse(QueryDict(queue_query)).rows(request.user)
    if not moved_away and rows.filter(pk=complaint.pk).exists():
        messages.success(request, done)
        return redirect(_in_queue(complaint.code, queue_query))
    following = rows.exclude(pk=complaint.pk).first()
    if following is None:
        messages.success(request, f"{done} Antrean ini sudah habis.")
        return redirect(reverse("complaints:queue") + "?" + queue_query)
    messages.success(request, f"{done} Berikutnya: {following.code_display}.")
    return redirect(_in_queue(following.code, queue_query))


@login_required
@require_safe
def photo(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A complaint photo for staff who see the complaint (EXIF was stripped at upload)."""
    picture = get_object_or_404(ComplaintPhoto, complaint=_complaint(request, code), pk=pk)
    return stored_file_response(picture.file, picture.content_type)


@login_required
@require_POST
def photo_public(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Show a checked photo on the public page of the complaint, or take it off."""
    complaint = _complaint(request, code)
    picture = get_object_or_404(ComplaintPhoto, complaint=complaint, pk=pk)
    public = request.POST.get("public") == "1"
    try:
        changed = photo_publish(photo=picture, actor=request.user, public=public)
    except DomainError as exc:
        messages.error(request, exc.message)
        changed = False
    if changed:
        if public and complaint.confidential:
            messages.info(request, "Foto ditandai tampil, tetapi pengaduan rahasia tidak tampil di halaman publik.")
        else:
            messages.success(
                request, "Foto ditampilkan di halaman publik." if public else "Foto tidak lagi ditampilkan."
            )
    return redirect("complaints:staff_detail", code=complaint.code)


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Staff enter a complaint brought to the counter or by phone/WhatsApp, on the reporter's behalf."""
    employee = getattr(request.user, "employee", None)
    if employee is None or not gate.can(request.user, "complaints.record"):
        raise Http404("Hanya pegawai unit yang dapat mencatat pengaduan.")
    keeper = Keeper(request.session, form="complaints.intake", kabkota_code=employee.kabkota_code)
    form = StaffComplaintForm(
        request.POST or None, request.FILES or None, kabkota_code=employee.kabkota_code, keeper=keeper
    )
    if request.method == "POST" and form.is_valid():
        try:
            complaint, _created = complaint_submit(
                report=form.report(channel=form.cleaned_data["channel"]), actor=request.user
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Pengaduan {complaint.code_display} dicatat. Berikan kode ini kepada pelapor.")
            if Complaint.objects.visible_to(request.user).filter(pk=complaint.pk).exists():
                return redirect("complaints:staff_detail", code=complaint.code)
            return redirect("complaints:queue")
    form.keep_files()
    return render(request, "complaints/intake.html", {"form": form})
