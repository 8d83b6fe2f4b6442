"""Reads for the public portal: a region's figures from a few grouped queries, and the cache key that names
the version of every input of the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone

from pamong.attendance.schedule import WORK_SCHEDULE_VERSION, schedule_for
from pamong.catalog.models import ServiceType
from pamong.complaints.models import Complaint, ComplaintChange
from pamong.complaints.models import Status as ComplaintStatus
from pamong.core import fragments, versions
from pamong.core.codes import display
from pamong.core.redact import mask_contacts
from pamong.kinerja.models import UnitDay
from pamong.kinerja.services import VERSION as KINERJA_VERSION
from pamong.organization.models import Employee, Position, Unit
from pamong.portal.models import Announcement
from pamong.regions.models import Region
from pamong.surveys.selectors import public_index_rows

WINDOW_DAYS = 90


@dataclass
class Figures:
    finished: int = 0
    on_time: int = 0
    complaints: int = 0
    answered: int = 0
    complaints_finished: int = 0
    ikm: Decimal | None = None
    mutu: str = ""
    kinerja: str = ""

    @property
    def on_time_share(self) -> Decimal | None:
        if not self.finished:
            return None
        return (Decimal(self.on_time * 100) / self.finished).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Row:
    region: Region
    figures: Figures
    url: str = ""


@dataclass(frozen=True)
class Office:
    """The office a citizen goes to: where, when, who heads it."""

    name: str
    address: str
    phone: str
    email: str
    head_title: str
    head_name: str
    hours: list[tuple[str, str]]
    latitude: Any = None
    longitude: Any = None


@dataclass
class PortalPage:
    region: Region
    crumbs: list[Region]
    total: Figures
    rows: list[Row]
    services: list[dict[str, Any]]
    complaints: list[dict[str, Any]]
    announcements: list[Announcement]
    since: dt.date
    until: dt.date
    complaints_since: dt.date
    today: dt.date = field(default_factory=timezone.localdate)
    office: Office | None = None

    @property
    def child_label(self) -> str:
        """What the rows are: "Kecamatan", "Kelurahan", "Desa", or "Kelurahan dan desa"."""
        labels = dict(Region.Kind.choices)
        kinds = {str(labels.get(row.region.kind, row.region.kind)) for row in self.rows}
        return " dan ".join(sorted(kinds)).capitalize() if kinds else ""


# Everything a portal page shows: announcements ("portal"), the daily aggregates of requests (rebuilt each
# night), complaints, SKM results, the catalogue, regions and offices; the page is also declared daily (the 90-day
# window and publication dates move with the day).
PORTAL_VERSIONS = [
    "portal",
    KINERJA_VERSION,
    "complaints",
    "skm-results",
    "catalogue",
    "region-overview",
    "staff",
    WORK_SCHEDULE_VERSION,
    "innovation",
]


def _clock(t: dt.time) -> str:
    return f"{t:%H.%M}"


def _office(region: Region) -> Office | None:
    """The kantor camat, lurah or desa of a region, with its hours and the name of its head (None for the
    kabupaten/kota page, or where no office is set up)."""
    unit = Unit.objects.filter(region=region).exclude(kind=Unit.Kind.BAGIAN_TAPEM).first()
    if unit is None:
        return None
    head = (
        Employee.objects.filter(unit=unit, active=True, position__unit=unit, position__kind=Position.Kind.KEPALA)
        .order_by("id")
        .first()
    )
    schedule = schedule_for(unit)
    if (schedule.weekday_start, schedule.weekday_end) == (schedule.friday_start, schedule.friday_end):
        hours = [("Senin–Jumat", f"{_clock(schedule.weekday_start)}–{_clock(schedule.weekday_end)}")]
    else:
        hours = [
            ("Senin–Kamis", f"{_clock(schedule.weekday_start)}–{_clock(schedule.weekday_end)}"),
            ("Jumat", f"{_clock(schedule.friday_start)}–{_clock(schedule.friday_end)}"),
        ]
    return Office(
        name=unit.name,
        address=unit.address,
        phone=unit.phone,
        email=unit.email,
        head_title=unit.head_title,
        head_name=head.full_name if head else "",
        hours=hours,
        latitude=unit.latitude,
        longitude=unit.longitude,
    )


def office_of(region: Region) -> Office | None:
    return fragments.cached(
        "portal.office",
        depends_on=["region-overview", "staff", WORK_SCHEDULE_VERSION],
        key=(region.code,),
        build=lambda: _office(region),
    )


# What each kept section of a portal page shows (portal/region.html): its rendered HTML is kept under these.
SECTION_VERSIONS = {
    "office": ["region-overview", "staff", WORK_SCHEDULE_VERSION],
    "services": ["catalogue"],
    "announcements": ["portal", "region-overview", "staff"],
    "innovations": ["innovation", "staff"],
}


def section_versions() -> dict[str, str]:
    """The current versions behind each kept section of a portal page, in one read of the shared cache."""
    names = sorted({n for group in SECTION_VERSIONS.values() for n in group})
    current = dict(zip(names, versions.current_many(names), strict=True))
    return {section: ":".join(current[n] for n in group) for section, group in SECTION_VERSIONS.items()}


def _child_code(region: Region, code: str) -> str:
    """The child of ``region`` (or the region itself, for a kelurahan/desa) under which ``code`` is counted."""
    lengths: dict[int, int] = {Region.Level.KABKOTA: 8, Region.Level.KECAMATAN: 13}
    length = lengths.get(region.level, len(region.code))
    return code[:length]


def region_portal(region: Region) -> PortalPage:
    """The figures of a kabupaten/kota, kecamatan or kelurahan/desa and of each of its children."""
    kab = region.code[:5]
    today = timezone.localdate()
    since = timezone.now() - dt.timedelta(days=WINDOW_DAYS)
    inside = Q(unit__region__code=region.code) | Q(unit__region__code__startswith=region.code + ".")
    children, crumbs = fragments.cached(
        "portal.regions", depends_on=["region-overview"], key=(region.code,), build=lambda: _regions(region)
    )
    figures: dict[str, Figures] = {c.code: Figures() for c in children} or {region.code: Figures()}
    total = Figures()

    def bucket(code: str) -> Figures | None:
        return figures.get(_child_code(region, code))

    # Requests from the daily aggregates (built each night), never from the raw rows: the 90 days up to yesterday.
    last_day = today - dt.timedelta(days=1)
    first_day = last_day - dt.timedelta(days=WINDOW_DAYS - 1)
    requests = fragments.cached(
        "portal.requests",
        depends_on=[KINERJA_VERSION, "region-overview"],
        key=(region.code,),
        daily=True,
        build=lambda: list(
            UnitDay.objects.filter(inside, kabkota_code=kab, day__gte=first_day, day__lte=last_day)
            .order_by()
            .values("unit__region_id")
            .annotate(n=Sum("requests_finished"), on_time=Sum("requests_on_time"))
        ),
    )
    for r in requests:
        for f in (total, bucket(r["unit__region_id"])):
            if f is not None:
                f.finished += r["n"] or 0
                f.on_time += r["on_time"] or 0
    complaint_rows, latest = fragments.cached(
        "portal.complaints",
        depends_on=["complaints", "region-overview"],
        key=(region.code,),
        daily=True,
        build=lambda: _complaints(region, since),
    )
    for row in complaint_rows:
        for f in (total, bucket(row["region_id"])):
            if f is not None:
                f.complaints += row["n"]
                f.answered += row["answered"]
                f.complaints_finished += row["done"]
    for code, ikm, mutu, kinerja in fragments.cached(
        "portal.skm",
        depends_on=["skm-results", "staff", "region-overview"],
        key=(kab,),
        daily=True,
        build=lambda: _skm(kab),
    ):
        target = figures.get(code) if code != region.code else total
        if target is not None:
            target.ikm, target.mutu, target.kinerja = ikm, mutu, kinerja
    services: list[dict[str, Any]] = []
    level: dict[int, str] = {
        Region.Level.KECAMATAN: ServiceType.Level.KECAMATAN,
        Region.Level.DESA: ServiceType.Level.DESA,
    }
    if region.level in level:
        wanted = level[region.level]
        services = fragments.cached(
            "portal.services",
            depends_on=["catalogue"],
            key=(kab, wanted),
            build=lambda: [
                dict(s)
                for s in ServiceType.objects.published()
                .for_kabkota(kab)
                .filter(level=wanted)
                .order_by("order", "name")
                .values("code", "name", "deadline_days", "fee")
            ],
        )
    ancestors = region.ancestor_codes()
    # One reversal for every row's link (the URL takes only a region code: "00" stands in for it).
    region_url = reverse("portal:region", args=["00"]).replace("/00/", "/__code__/")
    # Announcements are published and withdrawn by date as well as by a step: kept for the day ("portal").
    announcements = fragments.cached(
        "portal.announcements",
        depends_on=["portal", "region-overview", "staff"],
        key=(region.code,),
        daily=True,
        build=lambda: list(
            Announcement.objects.public(today)
            .filter(Q(unit__region_id__in=ancestors) | inside, kabkota_code=kab)
            .select_related("unit__region")
            .order_by("-pinned", "-publish_from", "-id")[:10]
        ),
    )
    return PortalPage(
        region=region,
        crumbs=crumbs,
        total=total,
        rows=[Row(c, figures[c.code], region_url.replace("__code__", c.code)) for c in children],
        services=services,
        complaints=latest,
        announcements=announcements,
        since=first_day,
        until=last_day,
        complaints_since=since.date(),
        today=today,
        office=office_of(region) if region.level > Region.Level.KABKOTA else None,
    )


def portal_region(code: str) -> Region | None:
    """The region of a portal page (kept under the regions' version)."""
    return fragments.cached(
        "portal.region",
        depends_on=["region-overview"],
        key=(code,),
        build=lambda: Region.objects.filter(code=code).first(),
    )


def _regions(region: Region) -> tuple[list[Region], list[Region]]:
    """The children of a region (none for a kelurahan/desa) and its ancestors from the kabupaten/kota down."""
    children = list(region.children.order_by("code")) if region.level < Region.Level.DESA else []
    crumbs = list(
        Region.objects.filter(code__in=region.ancestor_codes(), level__gte=Region.Level.KABKOTA).order_by("code")
    )
    return children, crumbs


def _skm(kabkota_code: str) -> list[tuple[str, Decimal, str, str]]:
    """The published IKM of every unit as plain values (region, IKM, mutu, kinerja), best first."""
    out = []
    for survey, result in public_index_rows(kabkota_code):
        if result.ikm_unit is not None and result.band is not None:
            out.append((survey.unit.region_id, result.ikm_unit, result.band.mutu, result.band.kinerja))
    return out


def _complaints(region: Region, since: dt.datetime) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Public complaints of the region since ``since``: counts per kelurahan/desa (received, answered in public,
    finished), and the latest ten. Summed from the complaint rows, so kept as a fragment until a complaint
    changes (``complaints``) or the day turns."""
    public = Complaint.objects.public().filter(
        Q(region__code__startswith=region.code + ".") | Q(region__code=region.code),
        kabkota_code=region.code[:5],
        submitted_at__gte=since,
    )
    rows: Any = (
        public.order_by()
        .annotate(answered_once=Exists(ComplaintChange.objects.filter(complaint=OuterRef("pk"), public=True)))
        .values("region_id")
        .annotate(
            n=Count("pk"),
            answered=Count("pk", filter=Q(answered_once=True)),
            done=Count("pk", filter=Q(status=ComplaintStatus.SELESAI)),
        )
    )
    complaint_url = reverse("complaints:detail", args=["__code__"])
    latest: list[dict[str, Any]] = [
        {
            **c,
            "title": mask_contacts(c["title"]),
            "status_label": ComplaintStatus(c["status"]).label,
            "code_display": display(c["code"]),
            "url": complaint_url.replace("__code__", c["code"]),
        }
        for c in public.order_by("-submitted_at", "-id").values("code", "title", "status", "submitted_at")[:10]
    ]
    return [dict(r) for r in rows], latest


def feed_items(kabkota_code: str, limit: int = 30) -> list[Announcement]:
    return list(
        Announcement.objects.public(timezone.localdate())
        .filter(kabkota_code=kabkota_code)
        .select_related("unit__region")
        .order_by("-publish_from", "-id")[:limit]
    )
