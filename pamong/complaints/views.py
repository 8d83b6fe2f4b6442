"""Staff pages: the complaint queue of a unit and the page of one complaint with its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pamong.complaints.forms import ActionForm, StaffComplaintForm
from pamong.complaints.models import Complaint, ComplaintChange, ComplaintPhoto, ReporterDataAccess, Status
from pamong.complaints.selectors import complaint_by_code, queue, sees_reporter
from pamong.complaints.services import (
    allowed_next,
    complaint_merge,
    complaint_submit,
    complaint_transition,
    photo_publish,
)
from pamong.core.errors import DomainError
from pamong.core.uploads import stored_file_response
from pamong.organization.models import Position, Unit

PAGE_SIZE = 50


def _complaint(request: HttpRequest, code: str) -> Complaint:
    return get_object_or_404(
        Complaint.objects.visible_to(request.user).select_related("category", "region", "unit__region", "position"),
        code=code,
    )


def _action_form(complaint: Complaint, data: object = None) -> ActionForm:
    positions = list(Position.objects.filter(unit_id=complaint.unit_id).order_by("order"))
    units = list(
        Unit.objects.filter(kabkota_code=complaint.kabkota_code).exclude(pk=complaint.unit_id).order_by("region_id")
    )
    return ActionForm(data, positions=positions, units=units)  # type: ignore[arg-type]


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in (*Status.values, "semua") else ""
    qs, counts = queue(user=request.user, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("hal"))
    return render(
        request,
        "complaints/queue.html",
        {
            "page": page,
            "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
            "active_status": status,
        },
    )


def _detail(
    request: HttpRequest, complaint: Complaint, form: ActionForm | None = None, status: int = 200
) -> HttpResponse:
    show_reporter = sees_reporter(request.user, complaint)
    if show_reporter and (complaint.reporter_name or complaint.reporter_phone or complaint.reporter_email):
        ReporterDataAccess.objects.create(complaint=complaint, user=request.user)  # type: ignore[misc]
    return render(
        request,
        "complaints/detail_staff.html",
        {
            "c": complaint,
            "history": ComplaintChange.objects.filter(complaint=complaint).order_by("at", "id"),
            "photos": list(complaint.photos.all()),
            "show_reporter": show_reporter,
            "actions": [
                (to, "Tambah tanggapan" if to == complaint.status else Status(to).label)
                for to in allowed_next(complaint.status)
            ]
            + ([("gabung", "Gabungkan")] if complaint.status not in (Status.SELESAI, Status.DITOLAK) else []),
            "form": form or _action_form(complaint),
        },
        status=status,
    )


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, _complaint(request, code))


@login_required
@require_POST
def act(request: HttpRequest, code: str) -> HttpResponse:
    complaint = _complaint(request, code)
    form = _action_form(complaint, request.POST)
    handled_by = complaint.unit_id
    if form.is_valid() and form.cleaned_data["to"] == "gabung":
        into = complaint_by_code(form.cleaned_data["into"])
        visible = Complaint.objects.visible_to(request.user)
        try:
            if into is None or not visible.filter(pk=into.pk).exists():
                raise DomainError("Kode pengaduan utama tidak ditemukan.", field="into")
            complaint_merge(complaint=complaint, into=into, actor=request.user)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Pengaduan digabung dengan {into.code_display}.")
            return redirect("complaints:staff_detail", code=complaint.code)
    elif form.is_valid():
        try:
            complaint_transition(
                complaint=complaint,
                actor=request.user,
                to_status=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
                rejection=form.cleaned_data["rejection"],
                position=form.position_instance(),
                unit=form.unit_instance(),
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Status diubah menjadi {Status(form.cleaned_data['to']).label}.")
            if complaint.unit_id != handled_by:  # handed to another unit: no longer in this queue
                return redirect("complaints:queue")
            return redirect("complaints:staff_detail", code=complaint.code)
    return _detail(request, complaint, form, status=400)


@login_required
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
    if photo_publish(photo=picture, actor=request.user, public=public):
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
    if employee is None:
        raise Http404("Hanya pegawai unit yang dapat mencatat pengaduan.")
    form = StaffComplaintForm(request.POST or None, request.FILES or None, kabkota_code=employee.kabkota_code)
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
    return render(request, "complaints/intake.html", {"form": form})
