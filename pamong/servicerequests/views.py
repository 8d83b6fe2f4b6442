"""Staff pages: the inbox of a unit and the page of one request."""

from __future__ import annotations

from typing import Any, NamedTuple
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe
from lokal import partial_mask

from pamong.accounts.predicates import employee_of
from pamong.catalog.models import ServiceField
from pamong.catalog.selectors import catalogue_version
from pamong.core import fragments, gate, pagecache
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.steps import Refused, offered_steps
from pamong.core.uploads import stored_file_response
from pamong.organization.models import Employee
from pamong.servicerequests.forms_staff import InboxFilterForm, TransitionForm
from pamong.servicerequests.letters import letter_preview_pdf, letter_scan_attach
from pamong.servicerequests.models import OPEN_STATUSES, Letter, RequestDocument, ServiceRequest, Status
from pamong.servicerequests.selectors import (
    inbox,
    inbox_matching,
    inbox_page_versions,
    inbox_rows,
    inbox_values,
)
from pamong.servicerequests.services import (
    MACHINE,
    personal_data_viewed,
    request_transition,
    requests_assign,
)

PAGE_SIZE = 50


class CountedPaginator(Paginator):
    """A paginator told its count (the inbox has it from the status counts), so it runs no COUNT query."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


class _Assignee(NamedTuple):
    pk: int
    full_name: str


def _assignable(user: object) -> list[_Assignee]:
    """The staff of the user's office a request can be given to (plain rows: read on every inbox render)."""
    employee = getattr(user, "employee", None)
    if employee is None or not gate.can(user, "servicerequests.assign", employee.unit):
        return []
    unit_id = employee.unit_id
    return fragments.cached(
        "servicerequests.assignable",
        depends_on=["staff"],
        key=(unit_id,),
        build=lambda: [
            _Assignee(e.pk, e.full_name) for e in Employee.objects.filter(unit_id=unit_id, active=True).order_by("name")
        ],
    )


def _filters_key(request: HttpRequest) -> str:
    """What the rendered filter form depends on: the services it lists (the catalogue of the user's kabupaten/kota
    and its version), whether the user signs letters, and the query it shows."""
    scope = scope_of(request.user)
    catalogue = "*" if scope.everything else (scope.region_code or "-")[:5]
    signs = int(gate.can(request.user, "servicerequests.sign_letters"))  # "waiting for my signature" is offered
    return f"{catalogue}:{catalogue_version()}:{signs}:{request.GET.urlencode()}"


INBOX_PAGE = pagecache.page("servicerequests.inbox", depends_on=inbox_page_versions)


@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    """The unit's work list. Staff reload it all day; it is rendered once per version of what it shows and kept
    in the worker's memory under the user (see ``inbox_page_versions``)."""
    partial = bool(request.htmx)  # type: ignore[attr-defined]
    return INBOX_PAGE.serve(request, lambda: _inbox_render(request, partial))


def _names_of_unit(user: Any) -> int | None:
    """The office whose applicants' names the user sees in the inbox: their own, if they work its requests."""
    employee = employee_of(user)
    if employee is None or not gate.can(user, "servicerequests.see_applicants_of", employee.unit):
        return None
    return int(employee.unit_id)


def _inbox_render(request: HttpRequest, partial: bool) -> HttpResponse:
    form = InboxFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    qs, counts = inbox(user=request.user, filters=filters)
    paginator = CountedPaginator(inbox_values(qs), PAGE_SIZE, count=inbox_matching(counts, filters.status))
    page = paginator.get_page(request.GET.get("hal"))
    assignable = _assignable(request.user)
    params = request.GET.copy()
    params.pop("hal", None)
    params.pop("status", None)
    context = {
        "form": form,
        "page": page,
        # Each row rendered once per content and kept (a row's dozen variables cost more than its query).
        "rows": [
            fragments.rendered(
                "servicerequests/_inbox_row.html",
                {**row, "assignable": bool(assignable)},
            )
            for row in inbox_rows(
                page.object_list, names_of_unit=_names_of_unit(request.user), queue=_queue(request.GET.urlencode())
            )
        ],
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "total": sum(counts.values()),
        "open_total": sum(counts.get(s, 0) for s in (*OPEN_STATUSES, Status.DIKEMBALIKAN)),
        "active_status": filters.status,
        "query": params.urlencode(),
        "assignable": assignable,
        "can_sign": gate.can(request.user, "servicerequests.sign_letters"),
        "filters_key": _filters_key(request),
    }
    template = "servicerequests/inbox.html#table" if partial else "servicerequests/inbox.html"
    return render(request, template, context)


@login_required
@require_POST
def assign(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    chosen = list(ServiceRequest.objects.visible_to(request.user).filter(pk__in=ids))
    assignee = Employee.objects.filter(pk=request.POST.get("assignee") or 0).first()
    if not chosen or assignee is None:
        messages.error(request, "Pilih permohonan dan petugas yang akan ditugaskan.")
    else:
        try:
            n = requests_assign(requests=chosen, assignee=assignee, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"{n} permohonan ditugaskan kepada {assignee.full_name}.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("servicerequests:inbox")
    return redirect(target)


def _visible(request: HttpRequest, code: str) -> ServiceRequest:
    return get_object_or_404(
        ServiceRequest.objects.visible_to(request.user).select_related(
            "service", "unit__region", "assignee", "escalated_to"
        ),
        code=code,
    )


# The inbox filters a request page remembers as its queue (``?antrian=``): where "Berikutnya" comes from.
QUEUE_KEYS = (
    "q",
    "status",
    "service",
    "assignee",
    "unit",
    "overdue",
    "kembali",
    "ttd",
    "submitted_from",
    "submitted_to",
)


def _queue(raw: str) -> str:
    """The inbox query a request was opened from, reduced to the inbox's own filters (anything else dropped)."""
    params = QueryDict(raw[:500])
    kept = QueryDict(mutable=True)
    for key in QUEUE_KEYS:
        if params.get(key):
            kept[key] = params[key]
    return kept.urlencode()


def _next_in_queue(user: Any, queue: str, *, after: ServiceRequest) -> ServiceRequest | None:
    """The first request of the queue other than ``after``: the queue's own order (deadline first)."""
    form = InboxFilterForm(QueryDict(queue), user=user)
    rows, _counts = inbox(user=user, filters=form.filters())
    return rows.exclude(pk=after.pk).first()


def _with_queue(url: str, queue: str) -> str:
    return f"{url}?{urlencode({'antrian': queue})}" if queue else url


@login_required
@require_safe
def detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail_page(request, _visible(request, code))


def _detail_page(request: HttpRequest, req: ServiceRequest, refused: Refused | None = None) -> HttpResponse:
    """The request's page; after a refused step, that step's form keeps what was typed and says why (400).
    Opened from a queue (the inbox or the desk), it links back to it and on to the next request in it."""
    queue = _queue(request.GET.get("antrian") or request.POST.get("antrian", ""))
    following = _next_in_queue(request.user, queue, after=req) if queue else None
    own = gate.can(request.user, "servicerequests.see_applicant", req)
    if own:
        personal_data_viewed(request=req, user=request.user, what="halaman permohonan")
    fields = {f.code: f for f in req.service.fields.all()}
    steps, step_error = offered_steps(MACHINE, request.user, req, refused)
    return render(
        request,
        "servicerequests/detail.html",
        {
            "req": req,
            "own": own,
            "answers": _answers(req, fields, own=own),
            "documents": req.documents.select_related("requirement"),
            "history": req.changes.all(),
            "steps": steps,
            "step_error": step_error,
            "letter": Letter.objects.filter(request=req).first(),
            "previewable": own and req.status in (Status.DIPROSES, Status.MENUNGGU_TTD),
            "queue": queue,
            "queue_url": reverse("servicerequests:inbox") + ("?" + queue if queue else ""),
            "following": following,
            "following_url": _with_queue(reverse("servicerequests:detail", args=[following.code]), queue)
            if following
            else "",
        },
        status=400 if refused else 200,
    )


def _answers(req: ServiceRequest, fields: dict[str, ServiceField], *, own: bool) -> list[tuple[str, object]]:
    """Answers with their labels; NIK and address answers are personal data, masked for staff of other units."""
    out = []
    for code, value in req.answers.items():
        spec = fields.get(code)
        label = spec.label if spec else code
        if not own and spec and spec.kind in (ServiceField.Kind.NIK, ServiceField.Kind.ADDRESS) and value:
            value = partial_mask("NIK", str(value)) if spec.kind == ServiceField.Kind.NIK else "(disamarkan)"
        out.append((label, value))
    return out


@sensitive_post_parameters("passphrase")
@login_required
@require_POST
def transition(request: HttpRequest, code: str) -> HttpResponse:
    req = _visible(request, code)
    MACHINE.require_any(request.user, req)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        typed = {"note": request.POST.get("note", "")}
        return _detail_page(request, req, Refused(request.POST.get("to_status", ""), typed, str(errors[0]), name))
    try:
        # Act on the status the officer saw: if someone changed it since, nothing happens and they are told.
        request_transition(
            request=req,
            actor=request.user,
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data["note"],
            seen=form.cleaned_data["from_status"],
            passphrase=form.cleaned_data["passphrase"],
        )
    except DomainError as exc:
        typed = {"note": form.cleaned_data["note"]}
        req.refresh_from_db()
        return _detail_page(request, req, Refused(form.cleaned_data["to_status"], typed, exc.message, exc.field))
    done = f"{req.code_display}: status diubah menjadi {Status(form.cleaned_data['to_status']).label}."
    queue = _queue(request.POST.get("antrian", ""))
    if not queue:
        messages.success(request, done)
        return redirect("servicerequests:detail", code=req.code)
    # After an action the next request of the same queue opens; when none is left, the queue's list.
    following = _next_in_queue(request.user, queue, after=req)
    if following is None:
        messages.success(request, f"{done} Antrean ini sudah habis.")
        return redirect(reverse("servicerequests:inbox") + "?" + queue)
    messages.success(request, f"{done} Berikutnya: {following.code_display}.")
    return redirect(_with_queue(reverse("servicerequests:detail", args=[following.code]), queue))


@login_required
@require_safe
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})  # type: ignore[arg-type]  # django-csp types a one-argument view
def letter_preview(request: HttpRequest, code: str) -> HttpResponse:
    """The letter as it will be issued, marked DRAF, for whoever works or signs the request before it is signed:
    shown inside the request's page (same origin only) and openable on its own."""
    req = _visible(request, code)
    if not gate.can(request.user, "servicerequests.see_applicant", req):
        raise Http404("Pratinjau surat hanya untuk petugas unit yang menangani.")
    if req.status not in (Status.DIPROSES, Status.MENUNGGU_TTD):
        raise Http404("Pratinjau tersedia saat surat disiapkan dan menunggu tanda tangan.")
    personal_data_viewed(request=req, user=request.user, what="pratinjau surat")
    signer = _signer_for(req)
    pdf = letter_preview_pdf(request=req, signer=signer, now=timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draf-{req.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _signer_for(req: ServiceRequest) -> Employee | None:
    """Who will sign: the holder of the post the service names in the handling office (the head by default)."""
    return (
        Employee.objects.filter(unit_id=req.unit_id, active=True, position__kind=req.service.signer)
        .select_related("position")
        .order_by("id")
        .first()
    )


@login_required
@require_safe
def letter_copy(request: HttpRequest, code: str) -> FileResponse:
    """The signed letter for the office that issued it, to hand over or print at the counter; every copy taken is
    recorded with the request's personal-data reads ("unduh/cetak surat")."""
    req = _visible(request, code)
    if not gate.can(request.user, "servicerequests.see_applicant", req):
        raise Http404("Surat hanya dapat diunduh oleh petugas unit yang menerbitkannya.")
    letter = Letter.objects.filter(request=req).first()
    if letter is None or not letter.ready:
        raise Http404("Surat belum selesai dibuat; coba lagi sebentar.")
    personal_data_viewed(request=req, user=request.user, what="unduh/cetak surat")
    return stored_file_response(letter.pdf, "application/pdf", cache="private, no-store", name=f"surat-{req.code}.pdf")


@login_required
@require_POST
def letter_scan(request: HttpRequest, code: str) -> HttpResponse:
    """Register the scan of the letter signed and stamped by hand (offices without an electronic signature)."""
    req = _visible(request, code)
    if not gate.can(request.user, "servicerequests.attach_scan", req):
        raise Http404("Pindaian hanya dapat didaftarkan oleh petugas kantor yang menerbitkan surat.")
    letter = Letter.objects.filter(request=req).select_related("request").first()
    if letter is None:
        raise Http404("Permohonan ini belum punya surat.")
    upload = request.FILES.get("scan")
    if upload is None:
        messages.error(request, "Pilih berkas pindaian surat yang sudah ditandatangani dan dicap (PDF, JPEG atau PNG).")
        return redirect(reverse("servicerequests:detail", args=[req.code]) + "#letter")
    try:
        letter_scan_attach(letter=letter, actor=request.user, upload=upload)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Pindaian surat bertanda tangan basah terdaftar; kode QR surat kini menunjukkannya.")
    return redirect(reverse("servicerequests:detail", args=[req.code]) + "#letter")


@login_required
@require_safe
def document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    req = _visible(request, code)
    if not gate.can(request.user, "servicerequests.see_applicant", req):
        raise Http404("Berkas hanya dapat dibuka oleh petugas unit yang menangani.")
    doc = get_object_or_404(RequestDocument, request=req, pk=pk)
    personal_data_viewed(request=req, user=request.user, what=f"berkas {doc.pk}")
    name = (doc.file.name or "berkas").rsplit("/", 1)[-1]
    return stored_file_response(doc.file, doc.content_type, cache="private, no-store", name=name)
