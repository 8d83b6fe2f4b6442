"""Reads for service requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from django.core.cache import caches
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from lokal import partial_mask

from pamong.accounts.predicates import employee_of
from pamong.core import fragments
from pamong.core.codes import normalize
from pamong.core.scope import scope_of
from pamong.organization.models import Employee
from pamong.servicerequests.models import OPEN_STATUSES, ServiceRequest, Status, StatusChange

# Notes the citizen should read; other notes are internal.
PUBLIC_NOTE_STATUSES = (Status.DIKEMBALIKAN, Status.DITOLAK, Status.DIAJUKAN)

NEXT_STEP = {
    Status.DIAJUKAN: "Permohonan Anda sudah diterima dan menunggu pemeriksaan berkas oleh petugas.",
    Status.DIVERIFIKASI: "Berkas Anda lengkap. Petugas sedang menyiapkan surat.",
    Status.DIPROSES: "Surat sedang disiapkan.",
    Status.MENUNGGU_TTD: "Surat sudah disiapkan dan menunggu tanda tangan pejabat.",
    Status.SELESAI: "Permohonan selesai dan suratnya sudah terbit: unduh di sini; cara mengambilnya di bawah.",
    Status.DIKEMBALIKAN: "Permohonan dikembalikan. Lengkapi berkas sesuai catatan petugas, lalu kirim kembali.",
    Status.DITOLAK: (
        "Permohonan ditolak. Alasannya tertulis di bawah; Anda dapat mengajukan pengaduan bila tidak setuju."
    ),
}


@dataclass
class TimelineEntry:
    status: str
    label: str
    at: object
    note: str


def request_by_code(raw: str) -> ServiceRequest | None:
    code = normalize(raw)
    if code is None:
        return None
    return ServiceRequest.objects.select_related("service", "unit__region").filter(code=code).first()


def public_timeline(request: ServiceRequest | int) -> list[TimelineEntry]:
    """The history a citizen sees: statuses and dates, with only the notes meant for them. No staff names."""
    entries = []
    changes = StatusChange.objects.filter(request=request).order_by("at", "id").values_list("to_status", "at", "note")
    for to_status, at, note in changes:
        label = str(Status(to_status).label)
        entries.append(TimelineEntry(to_status, label, at, note if to_status in PUBLIC_NOTE_STATUSES else ""))
    return entries


@dataclass(frozen=True)
class TrackedRequest:
    """What the public tracking page shows of a request: no personal data, no staff names."""

    pk: int
    code: str
    service_name: str
    unit_name: str
    status: str
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    overdue: bool
    updated_at: dt.datetime
    letter_id: int | None
    letter_ready: bool
    letter_signed: bool = False  # signed electronically: the PDF alone is the valid letter
    unit_address: str = ""
    unit_phone: str = ""
    unit_region: str = ""

    @property
    def code_display(self) -> str:
        from pamong.core.codes import display

        return display(self.code)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def next_step(self) -> str:
        return NEXT_STEP[Status(self.status)]


_TRACKED_FIELDS = (
    "pk",
    "code",
    "service__name",
    "unit__name",
    "status",
    "submitted_at",
    "due_at",
    "overdue",
    "updated_at",
    "letter__pk",
    "letter__pdf",
    "letter__sha256",
    "letter__signed_by",
    "unit__address",
    "unit__phone",
    "unit__region_id",
)
TIMELINE_TTL = 24 * 60 * 60


def tracked_request(raw: str) -> TrackedRequest | None:
    """The request behind a tracking code as the public page shows it: one query of plain columns."""
    code = normalize(raw)
    if code is None:
        return None
    row = ServiceRequest.objects.filter(code=code).values_list(*_TRACKED_FIELDS).first()
    if row is None:
        return None
    pk, code, service, unit, status, submitted, due, overdue, updated, letter_id, pdf, sha256, *office = row
    signed_by, address, phone, region_code = office
    return TrackedRequest(
        pk,
        code,
        service,
        unit,
        status,
        submitted,
        due,
        overdue,
        updated,
        letter_id,
        bool(pdf) and bool(sha256),
        letter_signed=bool(signed_by),
        unit_address=address or "",
        unit_phone=phone or "",
        unit_region=region_code,
    )


def tracked_timeline(tracked: TrackedRequest) -> list[TimelineEntry]:
    """The public timeline, cached per request and version: every status change writes its StatusChange row in
    the same transaction as the new status and ``updated_at``, so a new change is a new key, shown at once."""
    key = f"track-timeline:v1:{tracked.pk}:{tracked.status}:{tracked.updated_at.timestamp():.6f}"
    entries: list[TimelineEntry] | None = caches["local"].get(key)
    if entries is None:
        entries = public_timeline(tracked.pk)
        caches["local"].set(key, entries, TIMELINE_TTL)
    return entries


@dataclass
class InboxFilters:
    status: str = ""
    service: int | None = None
    overdue: bool = False
    assignee: str = ""  # "", "saya", "belum", or an employee id
    submitted_from: object = None
    submitted_to: object = None
    q: str = ""
    resubmitted: bool = False  # sent back by the applicant after a return
    own_unit: bool = False  # only the requests of the user's own office
    to_sign: bool = False  # waiting for the user's own signature


def inbox(*, user: object, filters: InboxFilters) -> tuple[QuerySet[ServiceRequest], dict[str, int]]:
    """Requests the user may see, filtered and sorted by deadline, and counts per status (before the status
    filter) for the tabs. A fixed number of queries however many rows."""
    from django.db.models import Count, F

    from pamong.core.codes import normalize as normalize_code

    qs = ServiceRequest.objects.visible_to(user).select_related("service", "unit", "assignee")
    if filters.service:
        qs = qs.filter(service_id=filters.service)
    if filters.overdue:
        qs = qs.filter(overdue=True)
    employee_id = getattr(getattr(user, "employee", None), "pk", None)
    if filters.assignee == "saya":
        qs = qs.filter(assignee_id=employee_id)
    elif filters.assignee == "belum":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        qs = qs.filter(assignee_id=int(filters.assignee))
    if filters.submitted_from:
        qs = qs.filter(submitted_at__date__gte=filters.submitted_from)
    if filters.submitted_to:
        qs = qs.filter(submitted_at__date__lte=filters.submitted_to)
    if filters.own_unit:
        qs = qs.filter(unit_id=getattr(employee_of(user), "unit_id", 0) or 0)
    if filters.resubmitted:
        qs = qs.filter(resubmitted_q())
    if filters.to_sign:
        qs = qs.filter(signable_q(user))
    if filters.q:
        code = normalize_code(filters.q)
        if code:
            qs = qs.filter(code=code)
        else:  # a name is personal data: searched only among the requests of the user's own unit
            unit_id = getattr(getattr(user, "employee", None), "unit_id", 0)
            qs = qs.filter(name__icontains=filters.q.strip(), unit_id=unit_id or 0)
    # COUNT(*), not COUNT(id): PostgreSQL answers from the inbox index alone (kabkota_code, unit, status, ...).
    # Kept as a fragment under the inbox versions of the user's scope, keyed by what selects the rows: the scope,
    # the filters, and the user's own employee and unit (the "mine" and name filters).
    scope = scope_of(user)
    scope_key = "*" if scope.everything else (scope.region_code or "-")
    counted = qs  # the grouped query is built only when the counts are not kept (building it costs too)
    counts = fragments.cached(
        "servicerequests.inbox_counts",
        depends_on=["inbox-epoch", f"inbox:{scope_key}"],
        key=(
            scope_key,
            employee_id,
            getattr(getattr(user, "employee", None), "unit_id", None),
            getattr(getattr(user, "employee", None), "position_id", None),  # whose signature "ttd" means
            repr(filters),
        ),
        build=lambda: dict(counted.order_by().values_list("status").annotate(n=Count("*")).values_list("status", "n")),
    )
    if filters.status == "semua":
        pass
    elif filters.status:
        qs = qs.filter(status=filters.status)
    else:  # the working view: what still needs someone, including what waits for the citizen
        qs = qs.filter(status__in=(*OPEN_STATUSES, Status.DIKEMBALIKAN))
    qs = qs.order_by(F("due_at").asc(nulls_last=True), "id")
    return qs, counts


def resubmitted_q() -> Q:
    """Requests the applicant has sent back after staff returned them (a ``dikembalikan → diajukan`` step)."""
    from django.db.models import Exists, OuterRef

    sent_back = StatusChange.objects.filter(
        request=OuterRef("pk"), from_status=Status.DIKEMBALIKAN, to_status=Status.DIAJUKAN
    )
    return Q(Exists(sent_back))


def signable_q(user: Any) -> Q:
    """Letters waiting for this user's signature: the rule ``servicerequests.sign`` as a query (staff of the
    handling office holding the head's post, or the post the service names as its signer)."""
    from pamong.organization.models import Position

    employee = employee_of(user)
    position = employee.position if employee is not None else None
    if employee is None or position is None:
        return Q(pk__in=[])
    q = Q(status=Status.MENUNGGU_TTD, unit_id=employee.unit_id)
    if position.kind != Position.Kind.KEPALA:
        q &= Q(service__signer=position.kind)
    return q


def inbox_matching(counts: dict[str, int], status: str) -> int:
    """How many rows the inbox lists for a status tab, from the counts ``inbox`` already made (no COUNT query)."""
    if status == "semua":
        return sum(counts.values())
    if status:
        return counts.get(status, 0)
    return sum(counts.get(s, 0) for s in (*OPEN_STATUSES, Status.DIKEMBALIKAN))


# The columns one inbox row shows: of the applicant, only the name (masked unless the viewer's office handles it).
# The service's and the office's names come from kept lookups (``request_names``), not joins; the assignee's name
# is read per row by a scalar subquery (``inbox_values``): PostgreSQL hashed every employee of the kabupaten/kota
# for the join (1.3 ms a page on the demo's 1,464 employees, 0.56 ms with the subquery).
INBOX_COLUMNS = (
    "pk",
    "code",
    "name",
    "status",
    "due_at",
    "overdue",
    "service_id",
    "unit_id",
    "kabkota_code",
    "assignee_name",
)
_STATUS_LABELS = dict(Status.choices)
_BADGES = {Status.SELESAI: "success", Status.DITOLAK: "secondary", Status.DIKEMBALIKAN: "warning"}


def inbox_values(qs: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    """``inbox(...)``'s rows as the tuples of ``INBOX_COLUMNS``."""
    assignee = Employee.objects.filter(pk=OuterRef("assignee_id")).values("name")[:1]
    return qs.annotate(assignee_name=Subquery(assignee)).values_list(*INBOX_COLUMNS)


class InboxRow(TypedDict):
    pk: int
    code_display: str
    href: str
    due_label: str
    applicant: str
    service: str
    unit: str
    status_label: str
    badge: str
    assignee: str
    has_due: bool  # False while the clock is stopped (waiting for the applicant)
    overdue: bool


def inbox_rows(rows: Any, *, names_of_unit: int | None = None, queue: str = "") -> list[InboxRow]:
    """Plain rows for the inbox table from ``inbox(...).values_list(*INBOX_COLUMNS)`` (a page of it), formatted
    here once rather than by a filter per cell. The applicant's name is shown in full on the rows of
    ``names_of_unit`` (the viewer's own office, whose staff work those requests: rule
    ``servicerequests.see_applicants_of``) and masked on every other row. ``queue`` is the inbox query each row's
    link carries, so that the request page can open the next one of the same list."""
    from urllib.parse import quote

    from pamong.core.codes import display
    from pamong.core.formats import tanggal

    url = reverse("servicerequests:detail", kwargs={"code": "__code__"})
    suffix = f"?antrian={quote(queue, safe='/')}" if queue else ""
    out: list[InboxRow] = []
    names: dict[str, tuple[dict[int, str], dict[int, str]]] = {}
    for pk, code, name, status, due_at, overdue, service_id, unit_id, kabkota_code, assignee in rows:
        if kabkota_code not in names:
            names[kabkota_code] = request_names(kabkota_code)
        services, units = names[kabkota_code]
        service, unit = services.get(service_id, ""), units.get(unit_id, "")
        masked = names_of_unit is None or unit_id != names_of_unit
        out.append(
            {
                "pk": pk,
                "code_display": display(code),
                "href": url.replace("__code__", code) + suffix,
                "due_label": tanggal(due_at, short=True),
                "applicant": partial_mask("NAME", name) if masked else name,
                "service": service,
                "unit": unit,
                "status_label": str(_STATUS_LABELS.get(status, status)),
                "badge": _BADGES.get(status, "primary"),
                "assignee": assignee or "",
                "has_due": due_at is not None,
                "overdue": overdue,
            }
        )
    return out


def request_names(kabkota_code: str) -> tuple[dict[int, str], dict[int, str]]:
    """The names of the services and of the offices of a kabupaten/kota by id, kept until the catalogue or the
    offices change."""
    from pamong.catalog.models import ServiceType
    from pamong.organization.models import Unit

    services = fragments.cached(
        "servicerequests.service_names",
        depends_on=["catalogue"],
        key=(kabkota_code,),
        build=lambda: dict(ServiceType.objects.filter(kabkota_code=kabkota_code).values_list("pk", "name")),
    )
    units = fragments.cached(
        "servicerequests.unit_names",
        depends_on=["staff"],
        key=(kabkota_code,),
        build=lambda: dict(Unit.objects.filter(kabkota_code=kabkota_code).values_list("pk", "name")),
    )
    return services, units


def inbox_version_names(region_code: str | None) -> list[str]:
    """The version counters a change in a unit of ``region_code`` bumps: one per level of its region (the
    kelurahan, its kecamatan, the kabupaten/kota) and one for everything, so each reader's scope has one."""
    names = ["inbox:*"]
    if region_code:
        parts = region_code.split(".")
        names += [f"inbox:{'.'.join(parts[:n])}" for n in range(1, len(parts) + 1)]
    return names


def inbox_page_versions(request: Any) -> list[str]:
    """What a user's inbox shows: the requests in their scope, the staff who can be assigned, the services in the
    filter, and data loaded in bulk."""
    scope = scope_of(request.user)
    return [
        "inbox-epoch",
        "inbox:*" if scope.everything else f"inbox:{scope.region_code}",
        "staff",
        "catalogue",
    ]


def tracking_page_versions(request: Any, code: str) -> list[str]:
    """What the citizens' tracking page of a request shows: the request itself (every transition, the letter
    ready), all requests (the overdue sweep, bulk loads), the SKM (an answer or a new survey changes the
    invitation), the service's and the office's names and address (catalogue, staff records, offices). The page
    is also declared daily: the survey link expires."""
    return [f"request:{code}", "track-epoch", "skm-results", "catalogue", "staff", "region-overview"]


def employee_section(*, employee: Any, viewer: Any) -> dict[str, Any]:
    """The requests an employee worked on in the last 12 months (any transition they made), how many of those
    were finished and how many on time, and the open ones assigned to them. Two queries."""
    since = timezone.now() - dt.timedelta(days=365)
    user_id = getattr(getattr(employee, "user", None), "pk", None)
    figures: dict[str, Any] = {"handled": 0, "finished": 0, "on_time": 0}
    if user_id is not None:  # without an account nobody acted as this employee (NULL is the applicant/system)
        touched = StatusChange.objects.filter(actor_id=user_id, at__gte=since).values("request_id")
        figures = ServiceRequest.objects.filter(pk__in=touched).aggregate(
            handled=Count("pk"),
            finished=Count("pk", filter=Q(status=Status.SELESAI)),
            on_time=Count("pk", filter=Q(status=Status.SELESAI, finished_at__lte=F("due_at"))),
        )
    open_assigned = ServiceRequest.objects.filter(assignee=employee, status__in=OPEN_STATUSES).aggregate(
        n=Count("pk"), late=Count("pk", filter=Q(overdue=True))
    )
    return {
        **figures,
        "assigned": open_assigned["n"],
        "assigned_late": open_assigned["late"],
        "has_account": bool(user_id),
    }
