"""What waits for the user: the queues of their landing page (Meja kerja).

Each queue is a count, the link to the list that shows exactly those rows (the inbox, the complaint box, …, with
the filters that select them) and the first rows of that list in the list's own order, so that the number on the
landing and the list it opens never disagree. The work apps' own selectors make both; this module only chooses
which queues a user has (the ``desk.*`` rules) and labels the deadlines in working days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.predicates import employee_of
from pamong.complaints import selectors as complaint_selectors
from pamong.core import gate
from pamong.core.codes import display
from pamong.core.scope import scope_of
from pamong.kinerja import selectors as kinerja_selectors
from pamong.kinerja.scoring import AreaScore, previous_month
from pamong.meetings.models import OPEN_ACTIONS, ActionItem
from pamong.regions.deployment import deployment
from pamong.regions.models import Region
from pamong.reports.models import PeriodicReport
from pamong.reports.selectors import late_unsent, reports_to_review, reports_to_send
from pamong.servicerequests.forms_staff import InboxFilterForm
from pamong.servicerequests.models import Status
from pamong.servicerequests.selectors import InboxFilters, inbox, inbox_matching, request_names
from pamong.skp.forms import last_ended_period
from pamong.skp.models import period_label, period_slug
from pamong.skp.selectors import rater_page
from pamong.workdays.services import WorkCalendar

SHOWN = 5  # rows shown under each count
DUE_SOON_DAYS = 7  # action items due within a week are on the desk


@dataclass
class Item:
    code: str
    title: str
    detail: str
    url: str
    due: dt.date | None = None
    due_label: str = ""
    late: bool = False


@dataclass
class Queue:
    key: str
    label: str
    count: int
    url: str
    items: list[Item] = field(default_factory=list)
    hint: str = ""
    within: bool = False  # part of another queue's count (not added to the total twice)


@dataclass
class Section:
    title: str
    queues: list[Queue]

    @property
    def total(self) -> int:
        return sum(q.count for q in self.queues if not q.within)


@dataclass
class Movement:
    label: str
    rank: int
    previous_rank: int
    url: str

    @property
    def steps(self) -> int:
        return self.previous_rank - self.rank


@dataclass
class Desk:
    sections: list[Section]
    movements: list[Movement] = field(default_factory=list)
    month: dt.date | None = None

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)


def desk(*, user: Any) -> Desk:
    sections: list[Section] = []
    movements: list[Movement] = []
    month = None
    if gate.can(user, "desk.office_head"):
        sections.append(Section("Menunggu keputusan Anda", _office_head(user)))
    if gate.can(user, "desk.front_line"):
        sections.append(Section("Berkas dan pengaduan yang perlu dikerjakan", _front_line(user)))
    if gate.can(user, "desk.region"):
        sections.append(Section("Perlu perhatian di wilayah Anda", _region(user)))
        # The last complete month, as the dashboard opens on: a month under way ranks on a few days' work.
        month = previous_month(timezone.localdate())
        movements = _ranking_movement(user, month)
    employee = employee_of(user)
    if employee is not None:
        sections.append(Section("Tugas Anda", _own_tasks(user)))
    _label_deadlines([item for s in sections for q in s.queues for item in q.items])
    return Desk(sections=sections, movements=movements, month=month)


# -- service requests -----------------------------------------------------------------------------------------


def _requests(user: Any, key: str, label: str, hint: str = "", *, within: bool = False, **params: str) -> Queue:
    """A queue of the inbox: ``params`` are the inbox's own query parameters, parsed by its own form."""
    form = InboxFilterForm(params, user=user)
    filters: InboxFilters = form.filters()
    rows, counts = inbox(user=user, filters=filters)
    # The columns the items show, not the requests with their service's whole standard (a landing reads six
    # queues on every visit).
    detail_url = reverse("servicerequests:detail", args=["__code__"])
    back = "?" + urlencode({"antrian": urlencode(params)})
    items = []
    names: dict[str, tuple[dict[int, str], dict[int, str]]] = {}
    for code, kabkota_code, service_id, unit_id, due_at, overdue in rows.values_list(
        "code", "kabkota_code", "service_id", "unit_id", "due_at", "overdue"
    )[:SHOWN]:
        if kabkota_code not in names:  # one read of the kept names per kabupaten/kota, not one per row
            names[kabkota_code] = request_names(kabkota_code)
        services, units = names[kabkota_code]
        items.append(
            Item(
                code=display(code),
                title=services.get(service_id, ""),
                detail="" if filters.own_unit else units.get(unit_id, ""),
                url=detail_url.replace("__code__", code) + back,
                due=_local_day(due_at),
                late=overdue,
            )
        )
    url = reverse("servicerequests:inbox") + "?" + urlencode(params)
    return Queue(key, label, inbox_matching(counts, filters.status), url, items, hint, within)


def _complaints(user: Any, key: str, label: str, hint: str = "", **params: str) -> Queue:
    rows, counts = complaint_selectors.queue(
        user=user,
        stage=params.get("tahap", ""),
        overdue=params.get("terlambat") == "1",
        own_unit=params.get("unit") == "saya",
    )
    own_unit = params.get("unit") == "saya"
    detail_url = reverse("complaints:staff_detail", args=["__code__"])
    back = "?" + urlencode({"antrian": urlencode(params)})
    items = []
    kept: dict[str, complaint_selectors.BoardNames] = {}
    for code, kabkota_code, title, category_id, unit_id, stage_due_at, overdue in rows.values_list(
        "code", "kabkota_code", "title", "category_id", "unit_id", "stage_due_at", "overdue"
    )[:SHOWN]:
        if kabkota_code not in kept:
            kept[kabkota_code] = complaint_selectors.board_names(kabkota_code)
        names = kept[kabkota_code]
        category = names.categories.get(category_id, "")
        items.append(
            Item(
                code=display(code),
                title=title,
                detail=category if own_unit else f"{category} · {names.units.get(unit_id, '')}",
                url=detail_url.replace("__code__", code) + back,
                due=_local_day(stage_due_at),
                late=overdue,
            )
        )
    count = sum(n for status, n in counts.items() if status in complaint_selectors.OPEN_STATUSES)
    url = reverse("complaints:queue") + "?" + urlencode(params)
    return Queue(key, label, count, url, items, hint)


def _front_line(user: Any) -> list[Queue]:
    return [
        _requests(
            user,
            "verify",
            "Berkas perlu diverifikasi",
            "Periksa kelengkapan berkas permohonan baru.",
            status=Status.DIAJUKAN,
            unit="saya",
        ),
        _requests(
            user,
            "resubmitted",
            "Dikirim kembali oleh pemohon",
            "Pemohon sudah melengkapi berkas yang dikembalikan (termasuk dalam berkas perlu diverifikasi).",
            within=True,
            status=Status.DIAJUKAN,
            unit="saya",
            kembali="1",
        ),
        _requests(
            user,
            "process",
            "Siap diproses",
            "Berkas lengkap: siapkan suratnya.",
            status=Status.DIVERIFIKASI,
            unit="saya",
        ),
        _requests(
            user,
            "in_process",
            "Sedang diproses",
            "Kirim ke pejabat penanda tangan bila surat sudah siap.",
            status=Status.DIPROSES,
            unit="saya",
        ),
        _complaints(
            user,
            "complaints_verify",
            "Pengaduan perlu diverifikasi",
            "Pengaduan baru atau yang dialihkan ke unit Anda.",
            tahap="perlu_verifikasi",
            unit="saya",
        ),
        _complaints(
            user,
            "complaints_follow_up",
            "Pengaduan perlu ditindaklanjuti",
            "Sudah didisposisikan: catat tindak lanjut dan selesaikan.",
            tahap="perlu_tindak_lanjut",
            unit="saya",
        ),
    ]


def _office_head(user: Any) -> list[Queue]:
    queues = []
    if gate.can(user, "servicerequests.sign_letters"):
        queues.append(
            _requests(
                user,
                "sign",
                "Surat menunggu tanda tangan Anda",
                "Periksa dan tanda tangani surat yang sudah disiapkan petugas.",
                status=Status.MENUNGGU_TTD,
                ttd="1",
            )
        )
    queues += [
        _complaints(
            user,
            "dispose",
            "Pengaduan perlu disposisi",
            "Sudah diverifikasi: tentukan pejabat yang menindaklanjuti.",
            tahap="perlu_disposisi",
            unit="saya",
        ),
        _requests(
            user,
            "late_requests",
            "Permohonan lewat batas waktu",
            "Permohonan di wilayah kerja Anda yang melewati standar waktu layanan.",
            overdue="1",
        ),
        _complaints(
            user,
            "late_complaints",
            "Pengaduan lewat batas waktu",
            "Pengaduan di wilayah kerja Anda yang melewati batas tahapnya.",
            terlambat="1",
        ),
        _skp_to_rate(user),
    ]
    report = _camat_report(user)
    if report is not None:
        queues.append(report)
    return queues


def _region(user: Any) -> list[Queue]:
    return [
        _late_camat_reports(user),
        _camat_reports_to_review(user),
        _requests(
            user,
            "late_requests",
            "Permohonan lewat batas waktu",
            "Sudah dieskalasikan ke atasan di unitnya; lihat per kecamatan di daftar.",
            overdue="1",
        ),
        _complaints(
            user,
            "late_complaints",
            "Pengaduan lewat batas waktu",
            "Pengaduan yang melewati batas tahapnya di seluruh wilayah.",
            terlambat="1",
        ),
    ]


# -- SKP, camat reports, action items ---------------------------------------------------------------------------


def _skp_to_rate(user: Any) -> Queue:
    year, quarter = last_ended_period(timezone.localdate())
    rows = rater_page(user=user, year=year, quarter=quarter, pending=True)
    slug = period_slug(year, quarter)
    items = [
        Item(
            code=r.employee.nip or "",
            title=r.employee.full_name,
            detail=r.position.title,
            url=reverse("skp:assess", args=[r.employee.pk, slug]),
        )
        for r in rows[:SHOWN]
    ]
    url = reverse("skp:rater") + "?" + urlencode({"tahun": year, "periode": quarter, "belum": 1})
    hint = f"Bawahan yang SKP {period_label(year, quarter)}-nya belum final."
    return Queue("skp", "SKP perlu dinilai", len(rows), url, items, hint)


def _report_item(r: PeriodicReport) -> Item:
    return Item(
        code=r.period_label,
        title=r.unit.name,
        detail=r.get_status_display(),
        url=reverse("reports:detail", args=[r.pk]),
        due=_local_day(r.due_at),
        late=r.due_at < timezone.now(),
    )


def _camat_report(user: Any) -> Queue | None:
    """The camat's own periodic report while it is still to be sent (a draft or returned), if the user's office
    reports at all."""
    employee = employee_of(user)
    if employee is None or not gate.can(user, "reports.open", employee.unit):
        return None
    reports = reports_to_send(user=user)
    rows = list(reports[: SHOWN + 1])
    count = reports.count() if len(rows) > SHOWN else len(rows)
    return Queue(
        "camat_report",
        "Laporan camat perlu disampaikan",
        count,
        reverse("reports:list") + "?perlu=1",
        [_report_item(r) for r in rows[:SHOWN]],
        f"Laporan berkala kecamatan yang belum disampaikan ke {deployment().head_title.lower()}.",
    )


def _late_camat_reports(user: Any) -> Queue:
    late: QuerySet[PeriodicReport] = late_unsent(user=user)
    rows = list(late[:SHOWN])
    return Queue(
        "late_reports",
        "Laporan camat terlambat",
        late.count(),
        reverse("reports:late") + "?belum=1",
        [_report_item(r) for r in rows],
        "Belum disampaikan padahal batas waktunya sudah lewat.",
    )


def _camat_reports_to_review(user: Any) -> Queue:
    waiting = reports_to_review(user=user)
    rows = list(waiting[: SHOWN + 1])
    return Queue(
        "reports_review",
        "Laporan camat perlu diperiksa",
        waiting.count() if len(rows) > SHOWN else len(rows),
        reverse("reports:list") + "?periksa=1",
        [
            Item(
                code=r.period_label,
                title=r.unit.name,
                detail=f"disampaikan {timezone.localtime(r.submitted_at):%d-%m-%Y}" + (" (terlambat)" if r.late else "")
                if r.submitted_at
                else "",
                url=reverse("reports:detail", args=[r.pk]),
            )
            for r in rows[:SHOWN]
        ],
        "Sudah disampaikan camat: terima, atau kembalikan dengan catatan perbaikan.",
    )


def _own_tasks(user: Any) -> list[Queue]:
    employee = employee_of(user)
    soon = timezone.localdate() + dt.timedelta(days=DUE_SOON_DAYS)
    items = (
        ActionItem.objects.visible_to(user)
        .filter(owner=employee, status__in=OPEN_ACTIONS, deadline__lte=soon)
        .select_related("meeting", "visit")
        .order_by("deadline", "id")
    )
    rows = list(items[: SHOWN + 1])
    count = items.count() if len(rows) > SHOWN else len(rows)
    return [
        Queue(
            "action_items",
            "Tindak lanjut jatuh tempo",
            count,
            reverse("meetings:my_items") + "?" + urlencode({"tempo": DUE_SOON_DAYS}),
            [
                Item(
                    code="",
                    title=a.title,
                    detail=f"Rapat: {a.meeting.title}" if a.meeting is not None else f"Kunjungan: {a.visit}",
                    url=reverse("meetings:item", args=[a.pk]),
                    due=a.deadline,
                )
                for a in rows[:SHOWN]
            ],
            f"Tindak lanjut rapat dan kunjungan atas nama Anda, batas waktunya dalam {DUE_SOON_DAYS} hari.",
        )
    ]


# -- the kabupaten/kota's ranking ----------------------------------------------------------------------------


def _ranking_movement(user: Any, month: dt.date) -> list[Movement]:
    """Kecamatan whose place in ``month``'s index moved against the month before, the biggest moves first."""
    region_code = scope_of(user).region_code or ""
    if not region_code:
        region = Region.objects.filter(level=Region.Level.KABKOTA).order_by("code").first()
        region_code = region.code if region else ""
    if not region_code:
        return []
    board = kinerja_selectors.dashboard(user=user, region_code=region_code[:5], month=month)
    moved: list[AreaScore] = [a for a in board.areas if a.movement]
    moved.sort(key=lambda a: (-a.steps, a.rank or 0))
    # Each link names the month whose movement the desk shows (the dashboard's default too, until the month turns).
    url = reverse("kinerja:dashboard")
    return [
        Movement(
            a.label,
            a.rank or 0,
            a.previous_rank or 0,
            url + "?" + urlencode({"wilayah": a.key, "bulan": f"{month:%Y-%m}"}),
        )
        for a in moved
    ]


# -- deadlines ---------------------------------------------------------------------------------------------------


def _local_day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def _label_deadlines(items: list[Item]) -> None:
    """ "sisa 3 hari kerja", "batas hari ini", "lewat 2 hari kerja": counted on one calendar load."""
    days = [i.due for i in items if i.due is not None]
    if not days:
        return
    today = timezone.localdate()
    calendar = WorkCalendar.load(min([today, *days]), max([today, *days]))
    for item in items:
        if item.due is None:
            continue
        if item.due == today:
            item.due_label = "batas hari ini"
        elif item.due > today:
            left = calendar.count_between(today + dt.timedelta(days=1), item.due)
            item.due_label = f"sisa {left} hari kerja"
        else:
            late = calendar.count_between(item.due + dt.timedelta(days=1), today)
            item.late = True
            item.due_label = f"lewat {late} hari kerja" if late else "lewat batas"
