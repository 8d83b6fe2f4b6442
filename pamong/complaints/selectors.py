"""Reads for complaints: the public board (never the reporter), the public page of one complaint, the staff
queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.timesince import timeuntil

from pamong.accounts.predicates import employee_of
from pamong.complaints.models import OPEN_STATUSES, Category, Complaint, ComplaintChange, Status
from pamong.core import formats, fragments, gate
from pamong.core.codes import display, normalize
from pamong.core.redact import mask_contacts
from pamong.core.scope import scope_of
from pamong.organization.models import Unit
from pamong.regions.models import Region

# The complaint's own columns only: the names of its category, place and office come from kept lookups
# (``board_names``), so the page's one query joins nothing (a third of its time was planning the joins).
BOARD_COLUMNS = (
    "code",
    "title",
    "category_id",
    "region_id",
    "unit_id",
    "status",
    "submitted_at",
    "finished_at",
    "due_at",
)


BOARD_NAMES = ("code", "title", "category", "region", "unit", "status", "submitted_at", "finished_at", "due_at")


_BOARD_BADGES = {Status.SELESAI: "success", Status.DITOLAK: "secondary"}


@dataclass(frozen=True)
class BoardNames:
    categories: dict[int, str]
    regions: dict[str, str]
    units: dict[int, str]


def board_names(kabkota_code: str) -> BoardNames:
    """The names a board row shows, by id: categories (kept until a category changes, not every complaint:
    ``complaint-categories``), the kelurahan/desa and kecamatan (``region-overview``) and the offices (``staff``)
    of the kabupaten/kota."""
    return fragments.cached(
        "complaints.board_names",
        depends_on=["complaint-categories", "region-overview", "staff"],
        key=(kabkota_code,),
        build=lambda: BoardNames(
            categories=dict(Category.objects.filter(kabkota_code=kabkota_code).values_list("pk", "name")),
            regions=dict(Region.objects.filter(code__startswith=kabkota_code + ".").values_list("code", "name")),
            units=dict(Unit.objects.filter(kabkota_code=kabkota_code).values_list("pk", "name")),
        ),
    )


def board_rows(rows: Any, kabkota_code: str) -> list[dict[str, Any]]:
    """One page of ``board()`` as display-ready values for the template: the names of its category, place and
    office, the title masked, the status label and badge, the code as written, the link, the dates and the time
    it took, formatted here once rather than through a filter per cell (the board is rendered for every visitor
    after any complaint changes)."""
    url = reverse("complaints:detail", args=["__code__"])
    names = board_names(kabkota_code)
    out = []
    for r in rows:
        row = dict(zip(BOARD_NAMES, r, strict=True))
        finished, submitted = row["finished_at"], row["submitted_at"]
        row |= {
            "category": names.categories.get(row["category"], ""),
            "region": names.regions.get(row["region"], ""),
            "unit": names.units.get(row["unit"], ""),
            "title": mask_contacts(r[1]),
            "status_label": Status(row["status"]).label,
            "badge": _BOARD_BADGES.get(row["status"], "primary"),
            "url": url.replace("__code__", row["code"]),
            "code_display": display(row["code"]),
            "submitted_label": formats.tanggal(submitted, short=True),
            "took": timeuntil(finished, submitted) if finished else "",
            "late": bool(finished and row["due_at"] and finished > row["due_at"]),
        }
        out.append(row)
    return out


@dataclass
class BoardFilters:
    kecamatan: str = ""
    region: str = ""
    category: int | None = None
    status: str = ""


def board(kabkota_code: str, filters: BoardFilters) -> QuerySet[Complaint, tuple[Any, ...]]:
    """Non-confidential complaints of the kabupaten/kota, newest first, as plain columns (no reporter fields)."""
    qs = Complaint.objects.public().filter(kabkota_code=kabkota_code)
    if filters.region:
        qs = qs.filter(region_id=filters.region)
    elif filters.kecamatan:
        qs = qs.filter(region__code__startswith=filters.kecamatan + ".")
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("-submitted_at", "-id").values_list(*BOARD_COLUMNS)


@dataclass
class UnitRecord:
    unit: str
    total: int
    finished: int
    on_time: int

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.finished if self.finished else None


class _CountedPaginator(Paginator):
    """A paginator told its count (kept as a fragment) instead of counting every row on each page."""

    def __init__(self, object_list: Any, per_page: int, known: int) -> None:
        super().__init__(object_list, per_page)
        self.known = known

    @cached_property
    def count(self) -> int:
        return self.known


def board_page(kabkota_code: str, filters: BoardFilters, number: Any, per_page: int) -> Page:
    """One page of the board. The number of complaints behind the filters is counted once per version of the
    complaints (a count over every complaint of the kabupaten/kota); the page itself is one indexed query."""
    count = fragments.cached(
        "complaints.board_count",
        depends_on=["complaints"],
        key=(kabkota_code, filters.kecamatan, filters.region, filters.category, filters.status),
        build=lambda: board(kabkota_code, filters).count(),
    )
    return _CountedPaginator(board(kabkota_code, filters), per_page, count).get_page(number)


def unit_records(kabkota_code: str) -> list[UnitRecord]:
    """Per handling unit: complaints received, finished, and finished by their deadline. Grouped over every
    complaint of the kabupaten/kota, so kept (``pamong.core.fragments``) until a complaint or an office changes."""
    return fragments.cached(
        "complaints.unit_records",
        depends_on=["complaints", "staff"],
        key=(kabkota_code,),
        build=lambda: _unit_records(kabkota_code),
    )


def _unit_records(kabkota_code: str) -> list[UnitRecord]:
    rows = (
        Complaint.objects.public()
        .filter(kabkota_code=kabkota_code)
        .order_by()
        .values("unit__name")
        .annotate(
            total=Count("id"),
            finished=Count("id", filter=Q(status=Status.SELESAI)),
            on_time=Count("id", filter=Q(status=Status.SELESAI, finished_at__lte=F("due_at"))),
        )
        .order_by("unit__name")
    )
    return [UnitRecord(r["unit__name"], r["total"], r["finished"], r["on_time"]) for r in rows]


def complaint_by_code(raw: str) -> Complaint | None:
    code = normalize(raw)
    if code is None:
        return None
    return Complaint.objects.select_related("category", "region", "unit").filter(code=code).first()


def public_history(complaint: Complaint) -> list[ComplaintChange]:
    """Status changes with the official responses; internal notes and staff names are left out."""
    changes = list(ComplaintChange.objects.steps().filter(complaint=complaint).order_by("at", "id"))
    for change in changes:
        if not change.public:
            change.note = ""
    return changes


# The stages a desk counts, each one step of the machine and the statuses it starts from (``?tahap=``).
STAGES = {
    "perlu_verifikasi": ("Perlu diverifikasi", (Status.BARU, Status.DIALIHKAN)),
    "perlu_disposisi": ("Perlu disposisi", (Status.DIVERIFIKASI,)),
    "perlu_tindak_lanjut": ("Perlu ditindaklanjuti", (Status.DIDISPOSISIKAN, Status.DITINDAKLANJUTI)),
}


def queue(
    *, user: Any, status: str = "", stage: str = "", overdue: bool = False, own_unit: bool = False
) -> tuple[QuerySet[Complaint], dict[str, int]]:
    """The complaints the user's units handle, the nearest stage deadline first, with counts per status (after
    the stage and overdue filters, before the status one)."""
    qs = Complaint.objects.visible_to(user).select_related("category", "region", "unit")
    if stage in STAGES:
        qs = qs.filter(status__in=STAGES[stage][1])
    if overdue:
        qs = qs.filter(overdue=True, status__in=OPEN_STATUSES)
    unit_id = (getattr(employee_of(user), "unit_id", 0) or 0) if own_unit else None
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    # Counted once per version of the complaints (every change and the overdue sweep bump it), keyed by what
    # selects the rows: the scope, the unit and the filters. A pimpinan's late queue counts some 30,000 rows of a
    # large kota; every landing and queue page shows these counts.
    scope = scope_of(user)
    counted = qs  # grouped only when the counts are not kept
    counts = fragments.cached(
        "complaints.queue_counts",
        depends_on=["complaints", "staff"],
        key=("*" if scope.everything else (scope.region_code or "-"), unit_id, stage, overdue),
        build=lambda: dict(counted.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")),
    )
    if status == "semua":
        pass
    elif status:
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs.order_by(F("stage_due_at").asc(nulls_last=True), "id"), counts


def sees_reporter(user: Any, complaint: Complaint) -> bool:
    """Confidential reporters are seen only by staff of the handling unit (rule ``complaints.see_reporter``)."""
    return gate.can(user, "complaints.see_reporter", complaint)


def employee_section(*, employee: Any, viewer: Any) -> dict[str, Any]:
    """The complaints an employee acted on in the last 12 months, how many were finished and on time, and the
    open ones disposed to their position. Two queries."""
    since = timezone.now() - dt.timedelta(days=365)
    user_id = getattr(getattr(employee, "user", None), "pk", None)
    figures: dict[str, Any] = {"handled": 0, "finished": 0, "on_time": 0}
    if user_id is not None:  # without an account nobody acted as this employee (NULL is the reporter/system)
        touched = ComplaintChange.objects.filter(actor_id=user_id, at__gte=since).values("complaint_id")
        figures = Complaint.objects.filter(pk__in=touched).aggregate(
            handled=Count("pk"),
            finished=Count("pk", filter=Q(status=Status.SELESAI)),
            on_time=Count("pk", filter=Q(status=Status.SELESAI, finished_at__lte=F("due_at"))),
        )
    disposed = {"n": 0, "late": 0}
    if employee.position_id:
        disposed = Complaint.objects.filter(position_id=employee.position_id, status__in=OPEN_STATUSES).aggregate(
            n=Count("pk"), late=Count("pk", filter=Q(overdue=True))
        )
    return {**figures, "assigned": disposed["n"], "assigned_late": disposed["late"], "has_account": bool(user_id)}


def map_center(kabkota_code: str, *, sample: int = 200) -> tuple[float, float] | None:
    """The median of the latest ``sample`` complaint locations of a kabupaten/kota (None before the first one):
    where a location picker opens, without a table of region coordinates. Kept until a complaint changes."""
    import statistics

    def build() -> tuple[float, float] | None:
        rows = (
            Complaint.objects.filter(kabkota_code=kabkota_code, latitude__isnull=False, longitude__isnull=False)
            .order_by("-id")
            .values_list("latitude", "longitude")[:sample]
        )
        points = [(float(lat), float(lng)) for lat, lng in rows if lat is not None and lng is not None]
        if not points:
            return None
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)

    return fragments.cached("complaints.map_center", depends_on=["complaints"], key=(kabkota_code, sample), build=build)
