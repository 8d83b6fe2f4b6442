"""Staff pages: the inbox of a unit and the page of one request."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe
from lokal import partial_mask

from pamong.catalog.models import ServiceField
from pamong.catalog.selectors import catalogue_version
from pamong.core import fragments, gate, pagecache
from pamong.core.errors import DomainError
from pamong.core.scope import scope_of
from pamong.core.steps import Refused, offered_steps
from pamong.core.uploads import stored_file_response
from pamong.organization.models import Employee
from pamong.servicerequests.forms_staff import InboxFilterForm, TransitionForm
from pamong.servicerequests.models import OPEN_STATUSES, RequestDocument, ServiceRequest, Status
from pamong.servicerequests.selectors import INBOX_COLUMNS, inbox, inbox_matching, inbox_page_versions, inbox_rows
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


def _assignable(user: object) -> list[Employee]:
    employee = getattr(user, "employee", None)
    if employee is None or not gate.can(user, "servicerequests.assign", employee.unit):
        return []
    unit_id = employee.unit_id
    return fragments.cached(
        "servicerequests.assignable",
        depends_on=["staff"],
        key=(unit_id,),
        build=lambda: list(Employee.objects.filter(unit_id=unit_id, active=True).order_by("name")),
    )


def _filters_key(request: HttpRequest) -> str:
    """What the rendered filter form depends on: the services it lists (the catalogue of the user's kabupaten/kota
    and its version) and the query it shows."""
    scope = scope_of(request.user)
    catalogue = "*" if scope.everything else (scope.region_code or "-")[:5]
    return f"{catalogue}:{catalogue_version()}:{request.GET.urlencode()}"


INBOX_PAGE = pagecache.page("servicerequests.inbox", depends_on=inbox_page_versions)


@login_required
def inbox_view(request: HttpRequest) -> HttpResponse:
    """The unit's work list. Staff reload it all day; it is rendered once per version of what it shows and kept
    in the worker's memory under the user (see ``inbox_page_versions``)."""
    partial = bool(request.htmx)  # type: ignore[attr-defined]
    return INBOX_PAGE.serve(request, lambda: _inbox_render(request, partial))


def _inbox_render(request: HttpRequest, partial: bool) -> HttpResponse:
    form = InboxFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    qs, counts = inbox(user=request.user, filters=filters)
    paginator = CountedPaginator(
        qs.values_list(*INBOX_COLUMNS), PAGE_SIZE, count=inbox_matching(counts, filters.status)
    )
    page = paginator.get_page(request.GET.get("hal"))
    params = request.GET.copy()
    params.pop("hal", None)
    params.pop("status", None)
    context = {
        "form": form,
        "page": page,
        "rows": inbox_rows(page.object_list),
        "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
        "total": sum(counts.values()),
        "open_total": sum(counts.get(s, 0) for s in (*OPEN_STATUSES, Status.DIKEMBALIKAN)),
        "active_status": filters.status,
        "query": params.urlencode(),
        "assignable": _assignable(request.user),
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


@login_required
@require_safe
def detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail_page(request, _visible(request, code))


def _detail_page(request: HttpRequest, req: ServiceRequest, refused: Refused | None = None) -> HttpResponse:
    """The request's page; after a refused step, that step's form keeps what was typed and says why (400)."""
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
        )
    except DomainError as exc:
        typed = {"note": form.cleaned_data["note"]}
        req.refresh_from_db()
        return _detail_page(request, req, Refused(form.cleaned_data["to_status"], typed, exc.message, exc.field))
    messages.success(request, f"Status diubah menjadi {Status(form.cleaned_data['to_status']).label}.")
    return redirect("servicerequests:detail", code=req.code)


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
