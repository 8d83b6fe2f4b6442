from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.core import codes
from pamong.core.errors import DomainError, Forbidden
from pamong.organization.models import Position
from pamong.servicerequests.models import ServiceRequest, Status, StatusChange
from pamong.servicerequests.services import request_transition, requests_assign, requests_sweep_overdue
from pamong.servicerequests.testing import make_request, make_service
from pamong.testing import Padang, make_employee, make_position, make_region, make_unit, make_user
from pamong.workdays.testing import seed_calendar

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def at(y: int, m: int, d: int, h: int = 10, tz: zoneinfo.ZoneInfo = WIB) -> dt.datetime:
    return dt.datetime(y, m, d, h, 0, tzinfo=tz)


@pytest.fixture
def calendar(db: None) -> None:
    seed_calendar(2026, 2027)


pytestmark = pytest.mark.django_db


def test_the_whole_path_from_submission_to_signature(
    calendar: None, padang: Padang, petugas: User, lurah: User
) -> None:
    service = make_service(deadline_days=3)
    request = make_request(padang.kantor_lurah_bp, service, now=at(2026, 11, 25))  # Wednesday
    assert codes.normalize(request.code) == request.code
    assert request.due_at is not None
    assert request.due_at.astimezone(WIB) == dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=WIB)  # Mon: 3 working days
    for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
        request = request_transition(request=request, actor=petugas, to_status=to)
    with pytest.raises(Forbidden, match="Hanya pejabat penanda tangan"):
        request_transition(request=request, actor=petugas, to_status=Status.SELESAI)
    request = request_transition(request=request, actor=lurah, to_status=Status.SELESAI)
    assert request.status == Status.SELESAI and request.finished_at is not None
    history = list(request.changes.values_list("from_status", "to_status", "actor_label"))
    assert history[0] == ("", "diajukan", "Pemohon")
    assert history[-1] == ("menunggu_ttd", "selesai", "Lurah (Mulyadi)")
    assert len(history) == 5


def test_transitions_outside_the_table_are_refused_with_a_reason(padang: Padang, petugas: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    with pytest.raises(DomainError, match="berstatus Diajukan tidak dapat diubah menjadi Selesai"):
        request_transition(request=request, actor=petugas, to_status=Status.SELESAI)
    with pytest.raises(DomainError, match="Tuliskan alasan"):
        request_transition(request=request, actor=petugas, to_status=Status.DITOLAK, note="  ")
    request = request_transition(request=request, actor=petugas, to_status=Status.DITOLAK, note="Bukan warga sini")
    with pytest.raises(DomainError, match="berstatus Ditolak"):
        request_transition(request=request, actor=petugas, to_status=Status.DIVERIFIKASI)
    assert StatusChange.objects.filter(request=request).count() == 2


def test_staff_of_another_kelurahan_cannot_act(padang: Padang) -> None:
    other = make_user("petugas_al", Role.PETUGAS, padang.staf_al)
    request = make_request(padang.kantor_lurah_bp, make_service())
    with pytest.raises(Forbidden, match="Hanya petugas unit yang menangani"):
        request_transition(request=request, actor=other, to_status=Status.DIVERIFIKASI)
    assert ServiceRequest.objects.get(pk=request.pk).status == Status.DIAJUKAN


def test_a_stale_page_gets_told_it_already_changed(padang: Padang, petugas: User, lurah: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    stale = ServiceRequest.objects.get(pk=request.pk)
    request_transition(request=request, actor=petugas, to_status=Status.DIVERIFIKASI)
    with pytest.raises(DomainError, match="baru saja diubah"):
        request_transition(request=stale, actor=lurah, to_status=Status.DITOLAK, note="Tidak lengkap")
    assert list(StatusChange.objects.filter(request=request).values_list("to_status", flat=True)) == [
        "diajukan",
        "diverifikasi",
    ]


@pytest.mark.django_db(transaction=True)
def test_two_officers_acting_at_the_same_moment_one_wins(padang: Padang) -> None:
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    request = make_request(padang.kantor_lurah_bp, make_service())
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(actor: User, to: str, note: str) -> None:
        mine = ServiceRequest.objects.select_related("service", "unit__region").get(pk=request.pk)
        barrier.wait()
        try:
            request_transition(request=mine, actor=actor, to_status=to, note=note)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(petugas, Status.DIVERIFIKASI, "")),
        threading.Thread(target=act, args=(lurah, Status.DITOLAK, "Berkas palsu")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert StatusChange.objects.filter(request=request).count() == 2


def test_the_clock_stops_while_the_citizen_corrects(calendar: None, padang: Padang, petugas: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service(deadline_days=3), now=at(2026, 11, 23))  # Mon
    assert request.due_at is not None and request.due_at.astimezone(WIB).date() == dt.date(2026, 11, 26)
    request = request_transition(
        request=request,
        actor=petugas,
        to_status=Status.DIKEMBALIKAN,
        note="Lampirkan pengantar RT",
        now=at(2026, 11, 24),
    )
    assert request.due_at is None and request.paused_days == 2  # Wed and Thu were left
    # The citizen comes back the next Monday; two working days remain from then.
    request = request_transition(request=request, actor=None, to_status=Status.DIAJUKAN, now=at(2026, 11, 30))
    assert request.due_at is not None and request.due_at.astimezone(WIB).date() == dt.date(2026, 12, 2)
    assert request.paused_days is None


def test_deadlines_in_a_wita_unit_skip_nyepi_and_idul_fitri(calendar: None, padang: Padang) -> None:
    make_region("51", "Bali")
    denpasar = make_region("51.71", "Kota Denpasar")
    make_region("51.71.01", "Denpasar Selatan")
    sesetan = make_region("51.71.01.1001", "Sesetan")
    unit = make_unit(sesetan)
    service = make_service(kabkota="51.71", deadline_days=2)
    # Tuesday 17 March 2026, 23:30 WITA (22:30 WIB): Nyepi, cuti bersama and Idul Fitri follow.
    request = make_request(unit, service, now=at(2026, 3, 17, 23, tz=WITA))
    assert denpasar.timezone == "Asia/Makassar"
    assert request.due_at is not None
    assert request.due_at.astimezone(WITA) == dt.datetime(2026, 3, 26, 23, 59, 59, tzinfo=WITA)


def test_the_sweep_marks_overdue_work_once_and_escalates_up_the_chain(
    calendar: None, padang: Padang, lurah: User
) -> None:
    service = make_service(deadline_days=1)
    assigned = make_request(padang.kantor_lurah_bp, service, now=at(2026, 11, 2))
    unassigned = make_request(padang.kantor_lurah_bp, service, now=at(2026, 11, 2))
    on_time = make_request(padang.kantor_lurah_bp, service, now=at(2026, 11, 25))
    requests_assign(requests=[assigned], assignee=padang.staf_bp, actor=lurah)
    first = requests_sweep_overdue(now=at(2026, 11, 25, 12))
    assert first.marked == 2
    assigned.refresh_from_db()
    unassigned.refresh_from_db()
    on_time.refresh_from_db()
    assert assigned.overdue and assigned.escalated_to == padang.staf_bp_pos.reports_to  # the lurah's position
    assert unassigned.overdue and unassigned.escalated_to is not None
    assert unassigned.escalated_to.kind == Position.Kind.KEPALA
    assert not on_time.overdue
    assert requests_sweep_overdue(now=at(2026, 11, 25, 12)).marked == 0


def test_assigning_stays_inside_the_unit(padang: Padang, lurah: User, petugas: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    with pytest.raises(DomainError, match="petugas unit yang sama"):
        requests_assign(requests=[request], assignee=padang.staf_al, actor=lurah)
    with pytest.raises(Forbidden, match="Hanya kepala unit atau sekretaris"):
        requests_assign(requests=[request], assignee=padang.staf_bp, actor=petugas)
    assert requests_assign(requests=[request], assignee=padang.staf_bp, actor=lurah) == 1


def test_a_resent_form_creates_one_request(padang: Padang) -> None:
    service = make_service()
    first = make_request(padang.kantor_lurah_bp, service, token="sama")
    second = make_request(padang.kantor_lurah_bp, service, token="sama")
    assert first.pk == second.pk
    assert ServiceRequest.objects.count() == 1


def test_tracking_codes_catch_typing_mistakes() -> None:
    code = codes.new_code()
    assert codes.normalize(codes.display(code).lower()) == code
    for i in range(9):  # every single mistyped character is caught
        for ch in codes.ALPHABET:
            if ch != code[i]:
                assert codes.normalize(code[:i] + ch + code[i + 1 :]) is None
    for i in range(8):  # and every swap of two different neighbours, but Luhn's blind spot 0 <-> Z
        if code[i] != code[i + 1] and {code[i], code[i + 1]} != {"0", "Z"}:
            assert codes.normalize(code[:i] + code[i + 1] + code[i] + code[i + 2 :]) is None
    assert all(ch in codes.ALPHABET for ch in code)  # nothing to spell out like "$" or "*"
    assert codes.normalize("ABCD") is None
    assert codes.normalize("O0000000" + codes.check_symbol("00000000")) == "00000000" + codes.check_symbol("00000000")


def test_kecamatan_services_go_to_the_kantor_camat(padang: Padang) -> None:
    waris = make_service(code="ahli-waris", level="kecamatan")
    with pytest.raises(DomainError, match="diselenggarakan di kantor camat"):
        make_request(padang.kantor_lurah_bp, waris)
    assert make_request(padang.kantor_camat_ps, waris).unit == padang.kantor_camat_ps
    make_position(padang.kantor_camat_ps, "Kepala Seksi Pelayanan Umum", Position.Kind.KEPALA_SEKSI)
    make_employee(padang.kantor_camat_ps, "Efendi")


def test_each_role_is_offered_only_the_steps_it_may_take(
    padang: Padang, petugas: User, lurah: User, camat_padang_selatan: User
) -> None:
    from pamong.servicerequests.services import MACHINE

    request = make_request(padang.kantor_lurah_bp, make_service())

    def offered(user: User) -> list[str]:
        return [t.verb_for(request) for t in MACHINE.available(user, request)]

    assert offered(petugas) == ["Berkas lengkap", "Kembalikan ke pemohon", "Tolak permohonan"]
    assert offered(camat_padang_selatan) == []  # sees the request, does not work it
    for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
        request = request_transition(request=request, actor=petugas, to_status=to)
    assert offered(petugas) == []  # the signature is not the petugas's step
    assert offered(lurah) == ["Tanda tangani dan selesaikan", "Kembalikan ke petugas"]
    with pytest.raises(Forbidden, match="Hanya pejabat penanda tangan"):
        request_transition(request=request, actor=petugas, to_status=Status.SELESAI)


def test_the_history_keeps_the_post_the_actor_held_at_the_time(padang: Padang, petugas: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    request_transition(request=request, actor=petugas, to_status=Status.DIVERIFIKASI)
    # Later the petugas moves to another office with another post.
    padang.staf_bp.unit, padang.staf_bp.position = padang.kantor_lurah_al, padang.staf_al_pos
    padang.staf_bp.save()
    row = StatusChange.objects.get(request=request, to_status=Status.DIVERIFIKASI)
    assert (row.actor_unit, row.actor_position, row.kabkota_code) == (
        padang.kantor_lurah_bp,
        padang.staf_bp_pos,
        "13.71",
    )
    assert row.actor_label == "Pengadministrasi Umum (Yusnimar)"
    first = StatusChange.objects.get(request=request, to_status=Status.DIAJUKAN)
    assert (first.actor, first.actor_label, first.actor_position) == (None, "Pemohon", None)


def test_a_refused_step_keeps_the_note_typed_on_the_page(client: Client, padang: Padang, petugas: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    client.force_login(petugas)
    url = reverse("servicerequests:transition", kwargs={"code": request.code})
    stale = client.post(url, {"from_status": "diverifikasi", "to_status": "dikembalikan", "note": "Lampirkan KK asli"})
    html = stale.content.decode()
    assert stale.status_code == 400 and "baru saja diubah" in html and "Lampirkan KK asli</textarea>" in html
    request.refresh_from_db()
    assert request.status == Status.DIAJUKAN
