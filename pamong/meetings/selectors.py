"""Reads for meetings, visits and action items, already scoped through ``visible_to``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.utils import timezone

from pamong.meetings.models import (
    OPEN_ACTIONS,
    PRESENT,
    ActionItem,
    Attendance,
    Invitee,
    Meeting,
    MeetingStatus,
    Visit,
)
from pamong.organization.models import Employee
from pamong.regions.models import Region


def today() -> dt.date:
    return timezone.localdate()


def with_overdue(qs: QuerySet[ActionItem], day: dt.date | None = None) -> QuerySet[ActionItem]:
    """Annotate ``overdue``: still open and its deadline passed."""
    day = day or today()
    return qs.annotate(
        overdue=ExpressionWrapper(Q(status__in=OPEN_ACTIONS, deadline__lt=day), output_field=BooleanField())
    )


def with_attendance(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Annotate invited, recorded and present counts (one grouped query with the list)."""
    return qs.annotate(
        n_invited=Count("invitees", distinct=True),
        n_recorded=Count("invitees", filter=~Q(invitees__attendance=""), distinct=True),
        n_present=Count("invitees", filter=Q(invitees__attendance__in=PRESENT), distinct=True),
    )


@dataclass
class MeetingFilters:
    when: str = ""  # "", "akan-datang", "lalu"
    status: str = ""
    kind: str = ""
    q: str = ""


def meeting_list(*, user: Any, filters: MeetingFilters) -> QuerySet[Meeting]:
    qs = Meeting.objects.visible_to(user).select_related("unit", "chair")
    now = timezone.now()
    order: tuple[str, ...] = ("-starts_at", "-id")
    if filters.when == "akan-datang":
        qs, order = qs.filter(ends_at__gte=now), ("starts_at", "id")
    elif filters.when == "lalu":
        qs = qs.filter(ends_at__lt=now)
    if filters.status in MeetingStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        qs = qs.filter(title__icontains=filters.q)
    annotated = with_attendance(qs).annotate(
        n_open_actions=Count("action_items", filter=Q(action_items__status__in=OPEN_ACTIONS), distinct=True)
    )
    return annotated.order_by(*order)


def meeting_invitees(meeting: Meeting) -> list[Invitee]:
    return list(
        Invitee.objects.filter(meeting=meeting)
        .select_related("employee__position", "employee__unit", "via_position")
        .order_by(
            "employee__unit__region_id",
            F("employee__position__order").asc(nulls_last=True),
            "employee__name",
            "id",
        )
    )


@dataclass
class AttendanceSummary:
    invited: int
    recorded: int
    present: int
    counts: list[tuple[str, Any, int]]

    @property
    def rate(self) -> float | None:
        """Share present (hadir or terlambat) among those whose attendance was recorded."""
        return self.present / self.recorded if self.recorded else None

    @property
    def percent(self) -> float | None:
        """The rate in percent, rounded to one decimal (66,7 for two of three)."""
        return round(100 * self.present / self.recorded, 1) if self.recorded else None


def attendance_summary(invitees: list[Invitee]) -> AttendanceSummary:
    by = {value: 0 for value in Attendance.values}
    for invitee in invitees:
        if invitee.attendance:
            by[invitee.attendance] += 1
    recorded = sum(by.values())
    present = sum(by[v] for v in PRESENT)
    return AttendanceSummary(
        invited=len(invitees),
        recorded=recorded,
        present=present,
        counts=[(value, label, by[value]) for value, label in Attendance.choices],
    )


def mark_openable(*, user: Any, items: list[ActionItem]) -> list[ActionItem]:
    """Set ``openable`` on each item: whether the user may open its page (one query). A meeting's invitee sees
    all its follow-ups listed but opens only those of their own subtree or on their name."""
    visible = set(ActionItem.objects.visible_to(user).filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True))
    for item in items:
        item.openable = item.pk in visible  # type: ignore[attr-defined]
    return items


def source_items(*, user: Any, meeting: Meeting | None = None, visit: Visit | None = None) -> list[ActionItem]:
    qs = ActionItem.objects.filter(meeting=meeting) if meeting else ActionItem.objects.filter(visit=visit)
    items = list(with_overdue(qs.select_related("owner__position", "owner__unit")).order_by("deadline", "id"))
    return mark_openable(user=user, items=items)


ITEM_RELATED = ("owner__position", "owner__unit", "meeting", "visit__region", "unit")


DUE_WITHIN_MAX = 366


@dataclass(frozen=True)
class NextItem:
    """For the owner of an action item: their next open item (the most urgent first) and how many are open
    besides this one, so that working through "Tindak lanjut saya" goes from one item to the next."""

    item: ActionItem | None
    left: int


def next_own_item(*, user: Any, after: ActionItem) -> NextItem | None:
    """None when the user does not own ``after`` (the chair or a colleague reading it is offered nothing)."""
    employee = getattr(user, "employee", None)
    if employee is None or after.owner_id != employee.pk:
        return None
    others = (
        ActionItem.objects.visible_to(user)
        .filter(owner=employee, status__in=OPEN_ACTIONS)
        .exclude(pk=after.pk)
        .order_by("deadline", "id")
    )
    first = others.only("id", "title", "deadline").first()
    return NextItem(item=first, left=others.count() if first is not None else 0)


def my_items(*, user: Any, due_within: int | None = None) -> dict[str, list[ActionItem]]:
    """ "Tindak lanjut saya": what the user owns (open, the most urgent first; finished in the last 30 days), and
    the open items of the meetings they chair or organised and the visits they led or recorded.

    ``due_within``: only the user's own open items due within that many days (overdue ones included), the list
    the desk's "Tindak lanjut jatuh tempo" counts; nothing else is listed then."""
    employee = getattr(user, "employee", None)
    day = today()
    base = with_overdue(ActionItem.objects.visible_to(user).select_related(*ITEM_RELATED), day)
    mine: list[ActionItem] = []
    done: list[ActionItem] = []
    if due_within is not None:
        if employee is not None:
            soon = day + dt.timedelta(days=min(due_within, DUE_WITHIN_MAX))
            mine = list(
                base.filter(owner=employee, status__in=OPEN_ACTIONS, deadline__lte=soon).order_by("deadline", "id")
            )
        return {"mine": mine, "done": [], "chaired": []}
    if employee is not None:
        mine = list(base.filter(owner=employee, status__in=OPEN_ACTIONS).order_by("deadline", "id"))
        done = list(
            base.filter(owner=employee, finished_at__gte=timezone.now() - dt.timedelta(days=30))
            .exclude(status__in=OPEN_ACTIONS)
            .order_by("-finished_at")
        )
    chaired_q = Q(meeting__created_by=user) | Q(visit__created_by=user)
    if employee is not None:
        chaired_q |= Q(meeting__chair=employee) | Q(visit__led_by=employee)
    chaired = list(base.filter(chaired_q, status__in=OPEN_ACTIONS).order_by("deadline", "id")[:200])
    return {"mine": mine, "done": done, "chaired": chaired}


def visit_list(*, user: Any, region_code: str = "") -> QuerySet[Visit]:
    qs = Visit.objects.visible_to(user).select_related("region", "unit", "led_by")
    if region_code:
        qs = qs.filter(Q(region_id=region_code) | Q(region__code__startswith=region_code + "."))
    return qs.annotate(
        n_findings=Count("findings", distinct=True),
        n_open_actions=Count("action_items", filter=Q(action_items__status__in=OPEN_ACTIONS), distinct=True),
    ).order_by("-visited_on", "-id")


def region_history(*, user: Any, region: Region) -> list[Visit]:
    """Every visit to the region and the regions below it, newest first, with their findings and their open
    action items (a fixed number of queries)."""
    open_items = with_overdue(
        ActionItem.objects.filter(status__in=OPEN_ACTIONS).select_related("owner__position").order_by("deadline")
    )
    visits: list[Visit] = list(
        visit_list(user=user, region_code=region.code).prefetch_related(
            "findings", Prefetch("action_items", queryset=open_items, to_attr="open_items")
        )
    )
    mark_openable(user=user, items=[i for v in visits for i in v.open_items])  # type: ignore[attr-defined]
    return visits


def employee_section(*, employee: Employee, viewer: Any) -> dict[str, Any]:
    """For the employee page: their meetings in the last 90 days and attendance there, and their action items
    (open, overdue, the five nearest). Only what the viewer may see; four queries whatever the numbers."""
    since = timezone.now() - dt.timedelta(days=90)
    day = today()
    meetings = Meeting.objects.visible_to(viewer).filter(starts_at__gte=since, starts_at__lte=timezone.now())
    att = Invitee.objects.filter(employee=employee, meeting__in=meetings).aggregate(
        invited=Count("pk"),
        recorded=Count("pk", filter=~Q(attendance="")),
        present=Count("pk", filter=Q(attendance__in=PRESENT)),
    )
    items = ActionItem.objects.visible_to(viewer).filter(owner=employee)
    counts = items.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_ACTIONS)),
        overdue=Count("pk", filter=Q(status__in=OPEN_ACTIONS, deadline__lt=day)),
        done=Count("pk", filter=Q(status="selesai")),
    )
    nearest = list(
        with_overdue(items.filter(status__in=OPEN_ACTIONS), day)
        .select_related("meeting", "visit")
        .order_by("deadline", "id")[:5]
    )
    return {
        "employee": employee,
        "invited": att["invited"],
        "recorded": att["recorded"],
        "present": att["present"],
        "percent": round(100 * att["present"] / att["recorded"], 1) if att["recorded"] else None,
        "open": counts["open"],
        "overdue": counts["overdue"],
        "done": counts["done"],
        "nearest": nearest,
    }


@dataclass
class UnitAttendance:
    unit_id: int
    unit: str
    meetings: int
    counts: dict[str, int]

    @property
    def recorded(self) -> int:
        return sum(self.counts.values())

    @property
    def present(self) -> int:
        return sum(self.counts.get(v, 0) for v in PRESENT)

    @property
    def percent(self) -> float | None:
        return round(100 * self.present / self.recorded, 1) if self.recorded else None

    def ordered_counts(self) -> list[int]:
        return [self.counts.get(v, 0) for v in Attendance.values]


def attendance_recap(*, user: Any, since: dt.datetime, until: dt.datetime) -> list[UnitAttendance]:
    """Attendance at the finished meetings each unit in the user's subtree held in a period, by reason (two
    grouped queries whatever the number of units or meetings)."""
    meetings = Meeting.objects.in_scope(user).filter(
        status=MeetingStatus.SELESAI, starts_at__gte=since, starts_at__lt=until
    )
    held = {
        r["unit_id"]: (r["unit__name"], r["unit__region_id"], r["n"])
        for r in meetings.order_by().values("unit_id", "unit__name", "unit__region_id").annotate(n=Count("pk"))
    }
    rows = {uid: UnitAttendance(uid, name, n, {}) for uid, (name, _region, n) in held.items()}
    marks = (
        Invitee.objects.filter(meeting__in=meetings.values("pk"))
        .exclude(attendance="")
        .order_by()
        .values("meeting__unit_id", "attendance")
        .annotate(n=Count("pk"))
    )
    for r in marks:
        rows[r["meeting__unit_id"]].counts[r["attendance"]] = r["n"]
    return sorted(rows.values(), key=lambda r: (held[r.unit_id][1], r.unit))
