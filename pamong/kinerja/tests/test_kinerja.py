from __future__ import annotations

import base64
import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.catalog.models import ServiceType
from pamong.core.errors import Forbidden
from pamong.kinerja.models import EmployeeDay, IndexWeights, StageDwell, UnitDay
from pamong.kinerja.scoring import DEFAULT_WEIGHTS, evidence, score_areas
from pamong.kinerja.selectors import region_trend
from pamong.kinerja.services import indicators_backfill, indicators_build
from pamong.kinerja.testing import WIB, make_history
from pamong.kinerja.weaklinks import slow_employees, weak_links
from pamong.organization.models import Position
from pamong.servicerequests.models import Status
from pamong.testing import Padang, make_employee, make_position, make_user
from pamong.workdays.testing import seed_calendar

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
MONDAY = dt.datetime(2026, 3, 2, 8, tzinfo=WIB)


def _walk(
    unit: Any, service: ServiceType, petugas: Any, lurah: Any, sign_wait: dt.timedelta, start: dt.datetime
) -> None:
    make_history(
        unit,
        service,
        submitted=start,
        due=start + 2 * D,
        steps=[
            (Status.DIVERIFIKASI, 2 * H, petugas),
            (Status.DIPROSES, 1 * H, petugas),
            (Status.MENUNGGU_TTD, 3 * H, petugas),
            (Status.SELESAI, sign_wait, lurah),
        ],
        assignee=petugas.employee,
    )


@pytest.fixture
def chain(padang: Padang, service: ServiceType) -> dict[str, Any]:
    """Three kantor lurah with the same chain (Lurah → Pengadministrasi Umum). In Belakang Pondok the lurah
    keeps letters waiting five days for a signature; elsewhere two hours."""
    lurah_bp = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    petugas_bp = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    people = {}
    for name, unit in (("al", padang.kantor_lurah_al), ("bt", padang.kantor_lurah_bt)):
        lurah_pos = make_position(unit, "Lurah", Position.Kind.KEPALA)
        staf_pos = Position.objects.filter(unit=unit, title="Pengadministrasi Umum").first() or make_position(
            unit, "Pengadministrasi Umum", reports_to=lurah_pos
        )
        people[name] = (
            make_user(f"petugas_{name}2", Role.PETUGAS, make_employee(unit, f"Staf {name}", staf_pos)),
            make_user(f"lurah_{name}", Role.KEPALA_UNIT, make_employee(unit, f"Lurah {name}", lurah_pos)),
        )
    for i in range(3):
        start = MONDAY + i * H
        _walk(padang.kantor_lurah_bp, service, petugas_bp, lurah_bp, 5 * D, start)
        _walk(padang.kantor_lurah_al, service, *people["al"], 2 * H, start)
        _walk(padang.kantor_lurah_bt, service, *people["bt"], 2 * H, start)
    indicators_backfill(first=dt.date(2026, 3, 2), last=dt.date(2026, 3, 9), kabkota_code="13.71")
    return {"lurah_bp": lurah_bp}


def test_the_lurah_holding_letters_longest_is_the_weak_link_with_evidence(
    padang: Padang, chain: dict[str, Any], client: Client
) -> None:
    findings = weak_links(unit=padang.kantor_lurah_bp, first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31))
    top = findings[0]
    assert (top.status, top.position_title, top.flagged) == (Status.MENUNGGU_TTD, "Lurah", True)
    assert top.late_share > 0.9
    assert top.peers == 2 and top.peers_median == pytest.approx(2.0)
    assert top.hours_per_stay == pytest.approx(120.0)
    # The peers themselves have no late time, so nothing to flag there.
    assert weak_links(unit=padang.kantor_lurah_al, first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31)) == []

    client.force_login(chain["lurah_bp"])
    page = client.get(reverse("kinerja:unit", args=[padang.kantor_lurah_bp.pk]) + "?bulan=2026-03").content.decode()
    assert "Lurah — mata rantai lemah" in page
    assert "Menunggu tanda tangan" in page and "120,0" in page and "2,0" in page


def test_the_weak_link_names_the_post_held_at_the_time_after_the_officer_moves(
    padang: Padang, chain: dict[str, Any], client: Client
) -> None:
    """The lurah who kept the letters waiting is later moved to the kantor camat as a plain officer. Rebuilding
    the month (the nightly build redoes the last week; a backfill any range) still names the post he held, in
    the office he held it: the history keeps it, not his staff record of today."""
    before = _snapshot()
    lurah = padang.lurah_bp
    lurah_post = lurah.position
    lurah.unit, lurah.position = padang.kantor_camat_ps, make_position(padang.kantor_camat_ps, "Analis Kebijakan")
    lurah.save()
    indicators_backfill(first=dt.date(2026, 3, 2), last=dt.date(2026, 3, 9), kabkota_code="13.71")
    assert _snapshot() == before
    top = weak_links(unit=padang.kantor_lurah_bp, first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31))[0]
    assert (top.status, top.position_id, top.position_title, top.flagged) == (
        Status.MENUNGGU_TTD,
        lurah_post.pk if lurah_post else None,
        "Lurah",
        True,
    )
    assert not StageDwell.objects.filter(unit=padang.kantor_camat_ps).exists()
    client.force_login(make_user("camat_ps", Role.KEPALA_UNIT, padang.camat_ps))
    page = client.get(reverse("kinerja:unit", args=[padang.kantor_lurah_bp.pk]) + "?bulan=2026-03").content.decode()
    assert "Lurah — mata rantai lemah" in page and "Analis Kebijakan" not in page


def test_each_role_is_offered_only_what_it_may_do(
    padang: Padang,
    petugas_belakang_pondok: Any,
    camat_padang_selatan: Any,
    pimpinan_padang: Any,
    admin_diskominfo: Any,
    client: Client,
) -> None:
    """Leaders see the dashboard; only the pimpinan daerah and admins are offered the weights and may save
    them."""
    from pamong.kinerja.services import weights_update

    _fill(padang, 3)
    for user, sees, weighs in (
        (petugas_belakang_pondok, False, False),
        (camat_padang_selatan, True, False),
        (pimpinan_padang, True, True),
        (admin_diskominfo, True, True),
    ):
        client.force_login(user)
        page = client.get(reverse("kinerja:dashboard") + "?bulan=2026-03")
        assert (page.status_code == 200) is sees, user
        if sees:
            assert ("Bobot indeks" in page.content.decode()) is weighs, user
        assert (client.get(reverse("kinerja:weights")).status_code == 200) is weighs, user
        if not weighs:
            with pytest.raises(Forbidden, match="tidak berwenang"):
                weights_update(actor=user, kabkota_code="13.71", values={"pelayanan": 5})
    assert not IndexWeights.objects.exists()


def _snapshot() -> list[Any]:
    return [
        sorted(UnitDay.objects.values_list(*[f.name for f in UnitDay._meta.fields if f.name != "id"])),
        sorted(EmployeeDay.objects.values_list(*[f.name for f in EmployeeDay._meta.fields if f.name != "id"])),
        sorted(
            StageDwell.objects.values_list(*[f.name for f in StageDwell._meta.fields if f.name != "id"]),
            key=repr,
        ),
    ]


def test_rerunning_aggregation_changes_nothing(padang: Padang, chain: dict[str, Any]) -> None:
    before = _snapshot()
    assert before[1] and before[2]
    indicators_build(day=dt.date(2026, 3, 7), kabkota_code="13.71")
    indicators_backfill(first=dt.date(2026, 3, 2), last=dt.date(2026, 3, 9), kabkota_code="13.71")
    assert _snapshot() == before


def test_daily_figures_of_requests(padang: Padang, chain: dict[str, Any]) -> None:
    bp = padang.kantor_lurah_bp
    monday = UnitDay.objects.get(unit=bp, day=dt.date(2026, 3, 2))
    assert (monday.requests_received, monday.requests_finished, monday.backlog) == (3, 0, 3)
    saturday = UnitDay.objects.get(unit=bp, day=dt.date(2026, 3, 7))
    # Finished Saturday 7 March, submitted Monday 2 March: Monday–Friday are working days.
    assert (saturday.requests_finished, saturday.requests_on_time, saturday.backlog) == (3, 0, 0)
    assert saturday.median_workdays == Decimal("5.0")
    al = UnitDay.objects.get(unit=padang.kantor_lurah_al, day=dt.date(2026, 3, 2))
    assert (al.requests_finished, al.requests_on_time, al.median_workdays) == (3, 3, Decimal("1.0"))


def _unit_day(unit: Any, day: dt.date, **kw: Any) -> UnitDay:
    return UnitDay.objects.create(kabkota_code=unit.kabkota_code, unit=unit, day=day, **kw)


def test_composite_index_with_weights_on_a_hand_made_set(padang: Padang) -> None:
    bp, al = padang.kantor_lurah_bp, padang.kantor_lurah_al
    march = dt.date(2026, 3, 1)
    # Belakang Pondok: pelayanan 80, pengaduan (50 on time, rating 4 → 75) 62.5, IKM 85 → 80, disiplin 90.
    _unit_day(
        bp,
        dt.date(2026, 3, 2),
        requests_finished=10,
        requests_on_time=8,
        complaints_finished=2,
        complaints_on_time=1,
        rating_sum=8,
        rating_count=2,
        ikm=Decimal("85"),
        attendance_expected=10,
        attendance_present=9,
    )
    # Alang Laweh: pelayanan 100 only.
    _unit_day(al, dt.date(2026, 3, 3), requests_finished=4, requests_on_time=4)
    # February: Alang Laweh was behind.
    _unit_day(bp, dt.date(2026, 2, 3), requests_finished=1, requests_on_time=1)
    _unit_day(al, dt.date(2026, 2, 3), requests_finished=2, requests_on_time=1)
    IndexWeights.objects.create(
        kabkota_code="13.71", pelayanan=40, pengaduan=20, kepuasan=20, disiplin=10, pelaporan=10
    )
    weights = IndexWeights.objects.get().as_dict()
    areas = score_areas(
        groups=[("bp", "BP", [bp.pk]), ("al", "AL", [al.pk])], kabkota_code="13.71", month=march, weights=weights
    )
    by_key = {a.key: a for a in areas}
    # Pelaporan has no value yet: weights renormalised over 40+20+20+10 = 90.
    assert by_key["bp"].index == pytest.approx((40 * 80 + 20 * 62.5 + 20 * 80 + 10 * 90) / 90)
    assert by_key["bp"].scores["pelaporan"] is None
    assert by_key["al"].index == pytest.approx(100.0)
    assert [a.key for a in areas] == ["al", "bp"]
    assert (by_key["al"].rank, by_key["al"].previous_rank, by_key["al"].movement) == (1, 2, 1)
    assert by_key["bp"].movement == -1


def _fill(padang: Padang, days: int) -> None:
    units = [
        padang.kantor_camat_ps,
        padang.kantor_camat_pb,
        padang.kantor_lurah_bp,
        padang.kantor_lurah_al,
        padang.kantor_lurah_bt,
    ]
    for unit in units:
        for i in range(days):
            _unit_day(
                unit,
                dt.date(2026, 3, 1) + dt.timedelta(days=i),
                requests_finished=3,
                requests_on_time=2,
                attendance_expected=5,
                attendance_present=4,
            )


def _count(client: Client, url: str) -> int:
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_query_count_does_not_grow_with_rows(
    padang: Padang, pimpinan_padang: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    client.force_login(pimpinan_padang)
    url = reverse("kinerja:dashboard") + "?bulan=2026-03"
    _fill(padang, 2)
    few = _count(client, url)
    UnitDay.objects.all().delete()
    _fill(padang, 28)
    assert _count(client, url) == few
    with django_assert_max_num_queries(few):
        client.get(url + "&wilayah=13.71.01")


def test_pimpinan_sees_every_kecamatan_side_by_side(padang: Padang, pimpinan_padang: Any, client: Client) -> None:
    _fill(padang, 3)
    client.force_login(pimpinan_padang)
    page = client.get(reverse("kinerja:dashboard") + "?bulan=2026-03").content.decode()
    assert "Kecamatan Padang Selatan" in page and "Kecamatan Padang Barat" in page
    assert "data:image/svg+xml;base64," in page
    xlsx = client.get(reverse("kinerja:dashboard") + "?bulan=2026-03&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_camat_sees_only_his_kecamatan(padang: Padang, camat_padang_selatan: Any, client: Client) -> None:
    _fill(padang, 3)
    client.force_login(camat_padang_selatan)
    page = client.get(reverse("kinerja:dashboard") + "?bulan=2026-03&wilayah=13.71.03").content.decode()
    assert "Kantor Lurah Belakang Pondok" in page and "Kantor Lurah Alang Laweh" in page
    assert "Belakang Tangsi" not in page and "Padang Barat" not in page
    assert client.get(reverse("kinerja:unit", args=[padang.kantor_lurah_bt.pk])).status_code == 404
    assert client.get(reverse("kinerja:unit", args=[padang.kantor_lurah_bp.pk])).status_code == 200
    assert client.get(reverse("kinerja:weights")).status_code == 404


def test_petugas_has_no_dashboard(padang: Padang, petugas_belakang_pondok: Any, client: Client) -> None:
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("kinerja:dashboard")).status_code == 404


def test_weights_all_zero_is_refused_and_kept(padang: Padang, pimpinan_padang: Any, client: Client) -> None:
    client.force_login(pimpinan_padang)
    zeros = {k: "0" for k in ("pelayanan", "pengaduan", "kepuasan", "disiplin", "pelaporan")}
    page = client.post(reverse("kinerja:weights"), zeros).content.decode()
    assert "Setidaknya satu bobot harus lebih dari nol." in page
    assert not IndexWeights.objects.exists()
    client.post(reverse("kinerja:weights"), {**zeros, "pelayanan": "3"})
    assert IndexWeights.objects.get().pelayanan == 3


def test_command(padang: Padang, chain: dict[str, Any], capsys: Any) -> None:
    UnitDay.objects.all().delete()
    call_command("build_indicators", "--from", "2026-03-02", "--to", "2026-03-03")
    assert "2026-03-02:" in capsys.readouterr().out
    assert UnitDay.objects.filter(day=dt.date(2026, 3, 3)).count() == 6


def test_employees_far_outside_their_peers(padang: Padang) -> None:
    """Same position title in three kantor lurah: peers take 2.0 and 2.2 working days a request. In Belakang
    Pondok one clerk takes 5.0 (flagged), one 2.5 (above the peers' p90 but not 1.5× their median) and one 10.0
    with only three requests (too few to judge)."""
    bp, al, bt = padang.kantor_lurah_bp, padang.kantor_lurah_al, padang.kantor_lurah_bt
    title = "Pengadministrasi Umum"

    def clerk(unit: Any, name: str) -> Any:
        position = Position.objects.filter(unit=unit, title=title).first() or make_position(unit, title)
        return make_employee(unit, name, position)

    def worked(employee: Any, finished: int, days: int) -> None:
        EmployeeDay.objects.create(
            kabkota_code="13.71",
            unit=employee.unit,
            employee=employee,
            day=dt.date(2026, 3, 10),
            finished=finished,
            workdays_sum=days,
        )

    worked(clerk(al, "Peer AL"), 10, 20)
    worked(clerk(bt, "Peer BT"), 10, 22)
    slow, fair, few = clerk(bp, "Lambat"), clerk(bp, "Wajar"), clerk(bp, "Sedikit")
    worked(slow, 6, 30)
    worked(fair, 6, 15)
    worked(few, 3, 30)
    found = slow_employees(unit=bp, first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31))
    assert [(e.name, e.finished, e.mean_days, e.peers) for e in found] == [("Lambat", 6, 5.0, 2)]
    assert (found[0].peers_median, found[0].position_title) == (pytest.approx(2.1), title)


def test_daily_schedule_builds_the_last_week_once_a_day(padang: Padang, chain: dict[str, Any], capsys: Any) -> None:
    import time_machine

    UnitDay.objects.all().delete()
    with time_machine.travel(dt.datetime(2026, 3, 10, 0, 5, tzinfo=WIB), tick=False):
        call_command("build_indicators", "--daily")
        days = sorted(set(UnitDay.objects.values_list("day", flat=True)))
        assert (days[0], days[-1], len(days)) == (dt.date(2026, 3, 3), dt.date(2026, 3, 9), 7)
        UnitDay.objects.filter(day=dt.date(2026, 3, 3)).delete()
        call_command("build_indicators", "--daily")  # yesterday is built: nothing to do until tomorrow
        assert not UnitDay.objects.filter(day=dt.date(2026, 3, 3)).exists()
    with time_machine.travel(dt.datetime(2026, 3, 11, 0, 5, tzinfo=WIB), tick=False):
        call_command("build_indicators", "--daily")
        assert UnitDay.objects.filter(day=dt.date(2026, 3, 10)).count() == 6


def test_trend_of_the_whole_kota_from_aggregates(padang: Padang) -> None:
    _fill(padang, 3)
    trend = region_trend(kabkota_code="13.71", unit_ids=None, month=dt.date(2026, 3, 1), weights=DEFAULT_WEIGHTS)
    assert [m.isoformat() for m, _ in trend] == [
        "2025-10-01",
        "2025-11-01",
        "2025-12-01",
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
    ]
    # Pelayanan 2/3, disiplin 4/5; pengaduan, kepuasan and pelaporan have no value: weights 35 and 15 remain.
    assert trend[-1][1] == pytest.approx((35 * 200 / 3 + 15 * 80) / 50)
    assert [v for _, v in trend[:-1]] == [None] * 5


def test_report_punctuality_is_the_pelaporan_component(
    padang: Padang, camat_padang_selatan: Any, pimpinan_padang: Any
) -> None:
    """Padang Selatan sends October's report before its deadline (Friday 13 November); Padang Barat opens
    none at all: on the deadline day one report is due from each, one on time."""
    seed_calendar(2026)  # the fixed dates below, also when the suite's clock is moved ahead
    import time_machine

    from pamong.reports.models import Status as ReportStatus
    from pamong.reports.services import report_open, report_transition, report_update

    report = report_open(unit=padang.kantor_camat_ps, day=dt.date(2026, 10, 15))
    report_update(report=report, actor=camat_padang_selatan, narratives={"pelayanan": "Berjalan baik."})
    with time_machine.travel(dt.datetime(2026, 11, 5, 10, tzinfo=WIB), tick=False):
        report_transition(report=report, actor=camat_padang_selatan, to_status=ReportStatus.SUBMITTED)
    indicators_backfill(first=dt.date(2026, 11, 12), last=dt.date(2026, 11, 13), kabkota_code="13.71")
    due = {
        (row.unit_id, row.day): (row.reports_due, row.reports_on_time)
        for row in UnitDay.objects.filter(reports_due__gt=0)
    }
    assert due == {
        (padang.kantor_camat_ps.pk, dt.date(2026, 11, 13)): (1, 1),
        (padang.kantor_camat_pb.pk, dt.date(2026, 11, 13)): (1, 0),
    }
    areas = score_areas(
        groups=[
            ("ps", "Padang Selatan", [padang.kantor_camat_ps.pk, padang.kantor_lurah_bp.pk]),
            ("pb", "Padang Barat", [padang.kantor_camat_pb.pk]),
            ("bp", "Belakang Pondok", [padang.kantor_lurah_bp.pk]),
        ],
        kabkota_code="13.71",
        month=dt.date(2026, 11, 1),
        weights=dict(DEFAULT_WEIGHTS),
    )
    scores = {a.key: a.scores["pelaporan"] for a in areas}
    assert scores == {"ps": 100.0, "pb": 0.0, "bp": None}  # a kelurahan sends no camat report
    assert evidence(next(a for a in areas if a.key == "pb").figures)["pelaporan"] == (
        "0 dari 1 laporan camat disampaikan tepat waktu"
    )
    # Returned and sent again after the deadline: still on time, the first submission counts.
    with time_machine.travel(dt.datetime(2026, 11, 16, 10, tzinfo=WIB), tick=False):
        report_transition(report=report, actor=pimpinan_padang, to_status=ReportStatus.RETURNED, note="Lengkapi.")
        report_transition(report=report, actor=camat_padang_selatan, to_status=ReportStatus.SUBMITTED)
    assert report.late is False and report.submitted_at is not None and report.submitted_at > report.due_at
    indicators_build(day=dt.date(2026, 11, 13), kabkota_code="13.71")
    assert UnitDay.objects.get(unit=padang.kantor_camat_ps, day=dt.date(2026, 11, 13)).reports_on_time == 1


@pytest.mark.django_db
def test_weights_are_kept_until_anyone_changes_them_even_in_the_admin(django_capture_on_commit_callbacks: Any) -> None:
    """The dashboard reads the weights on every render from a fragment; a save anywhere (the weights page, the
    admin, a shell) must show at once."""
    from pamong.kinerja.scoring import weights_for

    assert weights_for("13.71") == dict(DEFAULT_WEIGHTS)
    with CaptureQueriesContext(connection) as queries:
        weights_for("13.71")
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        saved = IndexWeights.objects.create(kabkota_code="13.71", pelayanan=40, pengaduan=20, kepuasan=20, disiplin=10)
    assert weights_for("13.71")["pelayanan"] == 40
    saved.pelayanan = 55
    with django_capture_on_commit_callbacks(execute=True):
        saved.save()  # as the admin saves it: no service, only the model's signal
    assert weights_for("13.71")["pelayanan"] == 55
    assert weights_for("13.72") == dict(DEFAULT_WEIGHTS)


def test_a_lurah_sees_the_kelurahan_beside_its_peers_in_a_fixed_number_of_queries(
    padang: Padang, lurah_belakang_pondok: Any, camat_padang_selatan: Any, client: Client
) -> None:
    """A lurah's dashboard ranks the kelurahan among the kelurahan of its kecamatan (not a one-row table), with
    the same number of queries whatever the rows; a peer's own page is linked only for who may open it."""
    client.force_login(lurah_belakang_pondok)
    url = reverse("kinerja:dashboard") + "?bulan=2026-03"
    _fill(padang, 2)
    few = _count(client, url)
    UnitDay.objects.all().delete()
    _fill(padang, 28)
    assert _count(client, url) == few
    page = client.get(url).content.decode()
    assert "Dibanding kelurahan/desa se-Kecamatan Padang Selatan" in page
    assert "Belakang Pondok" in page and "Alang Laweh" in page and "Belakang Tangsi" not in page
    assert page.count('aria-current="true"') == 1
    # Its charts sit side by side in half of a wide page: drawn that wide, so their 12 px text shows at 12 px.
    drawn = re.findall(r'<img class="img-fluid" src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(drawn) >= 3  # on-time share, late hours by post, the trend
    for chart in drawn:
        assert 'viewBox="0 0 560 ' in base64.b64decode(chart).decode()
    peer_page = reverse("kinerja:unit", args=[padang.kantor_lurah_al.pk])
    assert peer_page not in page and reverse("kinerja:unit", args=[padang.kantor_lurah_bp.pk]) in page
    client.force_login(camat_padang_selatan)
    page = client.get(url + "&wilayah=13.71.01.1002").content.decode()
    assert "Dibanding kelurahan/desa se-Kecamatan Padang Selatan" in page and peer_page in page
    assert reverse("kinerja:unit", args=[padang.kantor_lurah_bp.pk]) in page  # a peer the camat may open
