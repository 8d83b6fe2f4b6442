"""Pages for meetings, evaluation visits and action items. Thin: parse, call one service or selector, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from pamong.core import gate
from pamong.core.charts import stacked_bars
from pamong.core.errors import DomainError
from pamong.core.steps import Refused, offered_steps
from pamong.core.uploads import stored_file_response
from pamong.core.xlsx import build_workbook, xlsx_response
from pamong.meetings import selectors
from pamong.meetings.forms import (
    ActionItemForm,
    AttendanceSheet,
    FindingForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    StepForm,
    VisitForm,
    employees_for,
)
from pamong.meetings.models import (
    OPEN_ACTIONS,
    ActionItem,
    ActionItemChange,
    ActionStatus,
    Attendance,
    FindingPhoto,
    Invitee,
    Meeting,
    MeetingChange,
    MeetingKind,
    MeetingStatus,
    Visit,
)
from pamong.meetings.services import (
    ACTION_MACHINE,
    MEETING_MACHINE,
    action_item_create,
    action_item_transition,
    finding_add,
    meeting_create,
    meeting_invite,
    meeting_record_attendance,
    meeting_transition,
    meeting_write_minutes,
    visit_create,
)
from pamong.organization.models import Employee
from pamong.regions.models import Region

PAGE_SIZE = 50


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("unit__region", "chair__position", "created_by"),
        pk=pk,
    )


def _visit(request: HttpRequest, pk: int) -> Visit:
    return get_object_or_404(
        Visit.objects.visible_to(request.user).select_related("region", "unit", "led_by__position"), pk=pk
    )


def _item(request: HttpRequest, pk: int) -> ActionItem:
    return get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related(
            "owner__position", "owner__unit", "unit", "meeting", "visit__region"
        ),
        pk=pk,
    )


def _refused(form: StepForm, exc: DomainError | None = None) -> Refused:
    if exc is None:  # the form itself was invalid (a note too long)
        name, errors = next(iter(form.errors.items()))
        return Refused(form.data.get("to_status", ""), {"note": form.data.get("note", "")}, str(errors[0]), name)
    return Refused(form.cleaned_data["to_status"], {"note": form.data.get("note", "")}, exc.message, exc.field)


def _query(request: HttpRequest) -> str:
    """The list's filters for the pagination and export links, without the page number or the format."""
    params = request.GET.copy()
    params.pop("hal", None)
    params.pop("format", None)
    return params.urlencode()


# --- meetings ---------------------------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.MeetingFilters(
        when=request.GET.get("waktu", ""),
        status=request.GET.get("status", ""),
        kind=request.GET.get("jenis", "") if request.GET.get("jenis", "") in MeetingKind.values else "",
        q=request.GET.get("q", "").strip()[:100],
    )
    qs = selectors.meeting_list(user=request.user, filters=filters)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                timezone.localtime(m.starts_at).strftime("%d/%m/%Y %H:%M"),
                m.get_kind_display(),
                m.title,
                m.unit.name,
                m.chair.full_name,
                m.place,
                m.get_status_display(),
                m.n_invited,  # type: ignore[attr-defined]
                m.n_present,  # type: ignore[attr-defined]
                round(100 * m.n_present / m.n_recorded, 1) if m.n_recorded else None,  # type: ignore[attr-defined]
                m.n_open_actions,  # type: ignore[attr-defined]
            )
            for m in qs[:20_000]
        )
        content = build_workbook(
            title="Daftar rapat",
            headers=(
                "Waktu",
                "Jenis",
                "Judul",
                "Unit penyelenggara",
                "Pimpinan rapat",
                "Tempat",
                "Status",
                "Diundang",
                "Hadir",
                "Tingkat kehadiran (%)",
                "Tindak lanjut terbuka",
            ),
            rows=rows,
        )
        return xlsx_response("rapat.xlsx", content)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("hal"))
    for m in page.object_list:  # rounded, not truncated: two of three is 66,7%
        m.attendance_percent = round(100 * m.n_present / m.n_recorded, 1) if m.n_recorded else None  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/list.html",
        {
            "page": page,
            "filters": filters,
            "kinds": MeetingKind.choices,
            "statuses": MeetingStatus.choices,
            "can_create": gate.can(request.user, "meetings.schedule"),
            "query": _query(request),
        },
    )


def _period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    """The ?dari= and ?sampai= dates of a recap, the last 90 days by default."""
    until = selectors.today()
    since = until - dt.timedelta(days=89)
    try:
        since = dt.date.fromisoformat(request.GET.get("dari", "")) if request.GET.get("dari") else since
        until = dt.date.fromisoformat(request.GET.get("sampai", "")) if request.GET.get("sampai") else until
    except ValueError:
        pass
    return (since, until) if since <= until else (until, since)


def _share(row: selectors.UnitAttendance, index: int) -> int:
    """A reason's share (whole percent) of a unit's recorded attendance, so that large and small offices compare."""
    return round(100 * row.ordered_counts()[index] / row.recorded) if row.recorded else 0


@login_required
def attendance_recap(request: HttpRequest) -> HttpResponse:
    """Attendance at the meetings of each unit in the user's subtree, by reason: table, chart and XLSX."""
    since, until = _period(request)
    zone = timezone.get_current_timezone()
    rows = selectors.attendance_recap(
        user=request.user,
        since=dt.datetime.combine(since, dt.time.min, tzinfo=zone),
        until=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )
    labels = [str(label) for label in Attendance.labels]
    if request.GET.get("format") == "xlsx":
        content = build_workbook(
            title="Rekap kehadiran rapat",
            subtitle=f"{since:%d/%m/%Y} s.d. {until:%d/%m/%Y}",
            headers=("Unit", "Rapat", "Dicatat", *labels, "Kehadiran (%)"),
            rows=[(r.unit, r.meetings, r.recorded, *r.ordered_counts(), r.percent) for r in rows],
        )
        return xlsx_response(f"rekap-kehadiran-rapat-{since:%Y%m%d}-{until:%Y%m%d}.xlsx", content)
    chart = (
        stacked_bars(
            title="Kehadiran rapat per unit (% dari yang dicatat)",
            labels=[r.unit for r in rows],
            series=[(label, [_share(r, i) for r in rows]) for i, label in enumerate(labels)],
            legend_at_bottom_columns=6,
            truncate_legend=-1,
            range=(0, 100),
        )
        if rows
        else ""
    )
    return render(
        request,
        "meetings/recap.html",
        {"rows": rows, "labels": labels, "chart": chart, "since": since, "until": until},
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    if not gate.can(request.user, "meetings.schedule"):
        raise Http404("Hanya kepala unit, sekretaris dan pimpinan daerah yang dapat menjadwalkan rapat.")
    form = MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            meeting, created = meeting_create(actor=request.user, draft=form.draft())
        except DomainError as exc:
            exc.attach_to(form)
        else:
            if created:
                messages.success(request, f"Rapat dijadwalkan; {meeting.invitees.count()} orang diundang.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form}, status=400 if form.errors else 200)


def _detail(
    request: HttpRequest, meeting: Meeting, refused: Refused | None = None, invite_form: InviteForm | None = None
) -> HttpResponse:
    invitees = selectors.meeting_invitees(meeting)
    manager = gate.can(request.user, "meetings.manage", meeting)
    steps, step_error = offered_steps(MEETING_MACHINE, request.user, meeting, refused)
    return render(
        request,
        "meetings/detail.html",
        {
            "m": meeting,
            "invitees": invitees,
            "summary": selectors.attendance_summary(invitees),
            "guests": list(meeting.guests.all()),
            "decisions": list(meeting.decisions.all()),
            "items": selectors.source_items(user=request.user, meeting=meeting),
            "history": list(MeetingChange.objects.filter(meeting=meeting).order_by("at", "id")),
            "manager": manager,
            "steps": steps,
            "step_error": step_error,
            "invite_form": invite_form
            or (InviteForm(user=request.user) if manager and meeting.status == MeetingStatus.DIJADWALKAN else None),
        },
        status=400 if refused or invite_form else 200,
    )


@login_required
@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _meeting(request, pk))


@login_required
@require_POST
def meeting_status(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    MEETING_MACHINE.require_any(request.user, meeting)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _detail(request, meeting, refused=_refused(form))
    try:
        meeting_transition(
            meeting=meeting,
            actor=request.user,
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data["note"],
            seen=form.cleaned_data["from_status"] or None,
        )
    except DomainError as exc:
        meeting.refresh_from_db()
        return _detail(request, meeting, refused=_refused(form, exc))
    messages.success(request, f"Status rapat: {meeting.get_status_display()}.")
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = InviteForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            added = meeting_invite(
                meeting=meeting,
                actor=request.user,
                employees=list(form.cleaned_data["employees"]),
                positions=list(form.cleaned_data["positions"]),
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"{added} orang ditambahkan ke undangan.")
            return redirect("meetings:detail", pk=meeting.pk)
    return _detail(request, meeting, invite_form=form)


@login_required
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not gate.can(request.user, "meetings.manage", meeting):
        raise Http404("Hanya penyelenggara rapat yang mencatat kehadiran.")
    invitees = selectors.meeting_invitees(meeting)
    form = AttendanceSheet(request.POST or None, invitees=invitees)
    if request.method == "POST" and form.is_valid():
        try:
            changed = meeting_record_attendance(meeting=meeting, actor=request.user, marks=form.marks())
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Kehadiran disimpan ({changed} baris berubah).")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/attendance.html", {"m": meeting, "form": form}, status=400 if form.errors else 200)


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not gate.can(request.user, "meetings.manage", meeting):
        raise Http404("Hanya penyelenggara atau pimpinan rapat yang menulis notulen.")
    initial = {"minutes": meeting.minutes, "decisions": "\n".join(d.text for d in meeting.decisions.all())}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_write_minutes(
                meeting=meeting,
                actor=request.user,
                minutes=form.cleaned_data["minutes"],
                decisions=form.decision_list(),
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Notulen dan keputusan disimpan.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/minutes.html", {"m": meeting, "form": form}, status=400 if form.errors else 200)


def _owners_for(request: HttpRequest, meeting: Meeting | None = None) -> Any:
    visible = employees_for(request.user)
    if meeting is None:
        return visible
    invited = Invitee.objects.filter(meeting=meeting).values("employee_id")
    return (
        Employee.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=invited), active=True)
        .select_related("position", "unit")
        .order_by("unit__region_id", "name")
    )


@login_required
def meeting_action_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not gate.can(request.user, "meetings.manage", meeting):
        raise Http404("Hanya pimpinan atau penyelenggara rapat yang menetapkan tindak lanjut.")
    form = ActionItemForm(request.POST or None, owners=_owners_for(request, meeting))
    if request.method == "POST" and form.is_valid():
        try:
            action_item_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Tindak lanjut ditambahkan.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "source": meeting, "back": "meetings:detail"},
        status=400 if form.errors else 200,
    )


# --- action items -----------------------------------------------------------------------------------------------


ITEM_HEADERS = ("Tindak lanjut", "Asal", "Penanggung jawab", "Unit", "Batas waktu", "Status", "Terlambat")


def _item_rows(items: list[ActionItem]) -> list[tuple[Any, ...]]:
    return [
        (
            i.title,
            i.source_title,
            i.owner.full_name,
            i.unit.name,
            i.deadline.strftime("%d/%m/%Y"),
            i.get_status_display(),
            "ya" if i.overdue else "",  # type: ignore[attr-defined]
        )
        for i in items
    ]


@login_required
def my_items(request: HttpRequest) -> HttpResponse:
    # ?tempo=7: only the items due within a week, as the desk counts them.
    raw = request.GET.get("tempo", "")
    due_within = int(raw) if raw.isdigit() else None
    data = selectors.my_items(user=request.user, due_within=due_within)
    if request.GET.get("format") == "xlsx":
        content = build_workbook(
            title="Tindak lanjut",
            headers=("Daftar", *ITEM_HEADERS),
            rows=[("Saya", *r) for r in _item_rows(data["mine"])]
            + [("Rapat/kunjungan yang saya pimpin", *r) for r in _item_rows(data["chaired"])],
        )
        return xlsx_response("tindak-lanjut.xlsx", content)
    return render(
        request,
        "meetings/my_items.html",
        {
            **data,
            "overdue_mine": len([i for i in data["mine"] if i.overdue]),  # type: ignore[attr-defined]
            "due_within": due_within,
        },
    )


def _item_page(request: HttpRequest, item: ActionItem, refused: Refused | None = None) -> HttpResponse:
    steps, step_error = offered_steps(ACTION_MACHINE, request.user, item, refused)
    return render(
        request,
        "meetings/item.html",
        {
            "item": item,
            "overdue": item.status in (ActionStatus.TERBUKA, ActionStatus.DIKERJAKAN)
            and item.deadline < selectors.today(),
            "history": list(ActionItemChange.objects.filter(item=item).order_by("at", "id")),
            "steps": steps,
            "step_error": step_error,
            # Offered to the owner: the next open item; "none left" only once this one is closed.
            "next_item": selectors.next_own_item(user=request.user, after=item),
            "is_open": item.status in OPEN_ACTIONS,
        },
        status=400 if refused else 200,
    )


@login_required
@require_safe
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, _item(request, pk))


@login_required
@require_POST
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    ACTION_MACHINE.require_any(request.user, item)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _item_page(request, item, _refused(form))
    try:
        action_item_transition(
            item=item,
            actor=request.user,
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data["note"],
            seen=form.cleaned_data["from_status"] or None,
        )
    except DomainError as exc:
        item.refresh_from_db()
        return _item_page(request, item, _refused(form, exc))
    messages.success(request, f"Status tindak lanjut: {item.get_status_display()}.")
    return redirect("meetings:item", pk=item.pk)


# --- evaluation visits ------------------------------------------------------------------------------------------


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.visit_list(user=request.user)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                v.visited_on.strftime("%d/%m/%Y"),
                v.region.name,
                v.region_id,
                v.title,
                v.led_by.full_name if v.led_by else "",
                v.n_findings,  # type: ignore[attr-defined]
                v.n_open_actions,  # type: ignore[attr-defined]
            )
            for v in qs[:20_000]
        )
        content = build_workbook(
            title="Kunjungan kerja",
            headers=("Tanggal", "Wilayah", "Kode wilayah", "Judul", "Dipimpin oleh", "Temuan", "Tindak lanjut terbuka"),
            rows=rows,
            text_columns=(2,),
        )
        return xlsx_response("kunjungan-kerja.xlsx", content)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("hal"))
    return render(
        request, "meetings/visits.html", {"page": page, "can_create": gate.can(request.user, "meetings.record_visit")}
    )


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    if not gate.can(request.user, "meetings.record_visit"):
        raise Http404("Kunjungan kerja dicatat oleh pimpinan daerah.")
    form = VisitForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            visit, _created = visit_create(actor=request.user, draft=form.draft())
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Kunjungan kerja dicatat.")
            return redirect("meetings:visit", pk=visit.pk)
    return render(request, "meetings/visit_form.html", {"form": form}, status=400 if form.errors else 200)


def _visit_page(request: HttpRequest, visit: Visit, finding_form: FindingForm | None = None) -> HttpResponse:
    manager = gate.can(request.user, "meetings.manage_visit", visit)
    return render(
        request,
        "meetings/visit.html",
        {
            "v": visit,
            "participants": list(visit.participants.select_related("employee__position")),
            "findings": list(visit.findings.prefetch_related("photos")),
            "items": selectors.source_items(user=request.user, visit=visit),
            "manager": manager,
            "finding_form": finding_form or (FindingForm() if manager else None),
        },
        status=400 if finding_form else 200,
    )


@login_required
@require_safe
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_page(request, _visit(request, pk))


@login_required
@require_POST
def visit_finding(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    gate.require(
        request.user,
        "meetings.manage_visit",
        visit,
        "Hanya pencatat kunjungan atau pimpinan daerah yang dapat menambah temuan.",
    )
    form = FindingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            finding_add(visit=visit, actor=request.user, draft=form.draft())
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Temuan ditambahkan.")
            return redirect("meetings:visit", pk=visit.pk)
    return _visit_page(request, visit, form)


@login_required
def visit_action_new(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    if not gate.can(request.user, "meetings.manage_visit", visit):
        raise Http404("Hanya pencatat kunjungan atau pimpinan daerah yang menetapkan tindak lanjut.")
    form = ActionItemForm(request.POST or None, owners=_owners_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            action_item_create(actor=request.user, visit=visit, **form.cleaned_data)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Tindak lanjut ditambahkan.")
            return redirect("meetings:visit", pk=visit.pk)
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "source": visit, "back": "meetings:visit"},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def visit_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A finding photo, only for those who may see the visit."""
    photo = get_object_or_404(
        FindingPhoto.objects.filter(finding__visit__in=Visit.objects.visible_to(request.user)), pk=pk
    )
    return stored_file_response(photo.file, photo.content_type)


@login_required
@require_safe
def region_history(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    visits = selectors.region_history(user=request.user, region=region)
    open_total = 0
    for visit in visits:
        open_total += len(visit.open_items)  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/region_history.html",
        {"region": region, "visits": visits, "open_total": open_total},
    )
