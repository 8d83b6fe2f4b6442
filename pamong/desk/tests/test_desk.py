"""Meja kerja: each role lands on what waits for it. Every count equals the rows of the list it links to, the
first rows are that list's first rows, and a queue counts only what the user may act on."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.models import User
from pamong.complaints.models import Complaint
from pamong.complaints.models import Status as CS
from pamong.complaints.services import complaint_transition
from pamong.complaints.testing import make_category, make_complaint
from pamong.desk.selectors import Queue, desk
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.models import Status as S
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import make_request, make_service
from pamong.testing import Padang

pytestmark = pytest.mark.django_db

DETAIL_LINK = re.compile(r'href="/(?:permohonan|pengaduan/kotak)/([A-Z0-9]+)/(?:\?antrian=[^"]*)?"')


def walk(request: ServiceRequest, actor: User, *statuses: str) -> ServiceRequest:
    for to in statuses:
        note = "Lengkapi fotokopi KK." if to == S.DIKEMBALIKAN else ""
        request = request_transition(request=request, actor=actor, to_status=to, note=note)
    return request


@pytest.fixture
def office(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User, petugas_alang_laweh: User
) -> dict[str, object]:
    """Belakang Pondok with work at every stage; Alang Laweh (the same kecamatan) with one new request."""
    service = make_service()
    new = make_request(padang.kantor_lurah_bp, service)
    sent_back = walk(make_request(padang.kantor_lurah_bp, service), petugas_belakang_pondok, S.DIKEMBALIKAN)
    sent_back = request_transition(request=sent_back, actor=None, to_status=S.DIAJUKAN, note="Sudah dilengkapi")
    verified = walk(make_request(padang.kantor_lurah_bp, service), petugas_belakang_pondok, S.DIVERIFIKASI)
    in_process = walk(
        make_request(padang.kantor_lurah_bp, service), petugas_belakang_pondok, S.DIVERIFIKASI, S.DIPROSES
    )
    to_sign = walk(
        make_request(padang.kantor_lurah_bp, service),
        petugas_belakang_pondok,
        S.DIVERIFIKASI,
        S.DIPROSES,
        S.MENUNGGU_TTD,
    )
    elsewhere = make_request(padang.kantor_lurah_al, service)
    category = make_category()
    fresh = make_complaint(padang, category)
    verified_complaint = complaint_transition(
        complaint=make_complaint(padang, category, title="Lampu jalan mati"),
        actor=petugas_belakang_pondok,
        to_status=CS.DIVERIFIKASI,
    )
    return {
        "new": new,
        "sent_back": sent_back,
        "verified": verified,
        "in_process": in_process,
        "to_sign": to_sign,
        "elsewhere": elsewhere,
        "complaint": fresh,
        "verified_complaint": verified_complaint,
    }


def queues(user: User) -> dict[str, Queue]:
    return {q.key: q for s in desk(user=user).sections for q in s.queues}


def listed_codes(client: Client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return list(dict.fromkeys(DETAIL_LINK.findall(html)))


def assert_lists_agree(client: Client, found: dict[str, Queue]) -> None:
    """Each request or complaint queue's count and first rows are those of the list it links to."""
    for queue in found.values():
        if not queue.url.startswith(("/permohonan/", "/pengaduan/kotak/")):
            continue
        codes = listed_codes(client, queue.url)
        assert len(codes) == queue.count, (queue.key, codes)
        opened = [i.url.split("?")[0].rstrip("/").rsplit("/", 1)[1] for i in queue.items]
        assert opened == codes[: len(queue.items)], queue.key


def test_the_petugas_lands_on_the_berkas_and_complaints_of_their_office(
    client: Client, office: dict[str, ServiceRequest], petugas_belakang_pondok: User
) -> None:
    found = queues(petugas_belakang_pondok)
    counts = {key: q.count for key, q in found.items()}
    assert counts["verify"] == 2  # the new one and the one sent back; not Alang Laweh's
    assert counts["resubmitted"] == 1
    assert [i.code for i in found["resubmitted"].items] == [office["sent_back"].code_display]
    assert counts["process"] == 1 and counts["in_process"] == 1
    assert counts["complaints_verify"] == 1 and counts["complaints_follow_up"] == 0
    assert "sign" not in found and "dispose" not in found  # the head's decisions are not offered
    assert all(re.fullmatch(r"sisa \d+ hari kerja|batas hari ini", i.due_label) for i in found["verify"].items)

    client.force_login(petugas_belakang_pondok)
    response = client.get(reverse("desk:home"))
    html = response.content.decode()
    assert 'id="queue-verify" data-count="2"' in html
    assert "Surat menunggu tanda tangan" not in html
    assert office["new"].code_display in html
    assert_lists_agree(client, found)


def test_the_lurah_lands_on_the_letter_to_sign_and_the_complaint_to_dispose(
    client: Client, office: dict[str, ServiceRequest], lurah_belakang_pondok: User
) -> None:
    found = queues(lurah_belakang_pondok)
    assert found["sign"].count == 1
    assert found["sign"].items[0].code == office["to_sign"].code_display
    assert found["dispose"].count == 1
    assert found["late_requests"].count == 0 and found["skp"].count >= 0
    assert "verify" not in found  # the front line's queues stay with the petugas
    client.force_login(lurah_belakang_pondok)
    assert_lists_agree(client, found)
    html = client.get(reverse("desk:home")).content.decode()
    assert "Surat menunggu tanda tangan Anda" in html


def test_late_work_shows_on_the_heads_desk_in_working_days(
    client: Client, office: dict[str, ServiceRequest], camat_padang_selatan: User
) -> None:
    from pamong.servicerequests.services import requests_sweep_overdue

    later = timezone.now() + dt.timedelta(days=40)
    with time_machine.travel(later, tick=False):
        requests_sweep_overdue(now=later)
        found = queues(camat_padang_selatan)
        late = found["late_requests"]
        assert late.count == 6  # every open request of the kecamatan, Alang Laweh's too
        assert all(i.late and i.due_label.startswith("lewat ") for i in late.items)
        assert "sign" not in found or found["sign"].count == 0  # the lurah signs the kelurahan's letters
        client.force_login(camat_padang_selatan)
        assert_lists_agree(client, found)


def test_pimpinan_sees_the_region_and_no_office_queues(
    client: Client, office: dict[str, ServiceRequest], pimpinan_padang: User
) -> None:
    found = queues(pimpinan_padang)
    assert {"late_reports", "late_requests", "late_complaints"} <= set(found)
    assert "verify" not in found and "sign" not in found
    client.force_login(pimpinan_padang)
    html = client.get(reverse("desk:home")).content.decode()
    assert "Pergerakan peringkat kecamatan" in html
    assert "Laporan camat terlambat" in html


def test_signing_in_lands_on_the_desk(client: Client, padang: Padang, petugas_belakang_pondok: User) -> None:
    from pamong.testing import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "petugas_bp", "password": PASSWORD})
    assert response["Location"] == reverse("desk:home")


def test_the_total_counts_each_item_once(office: dict[str, ServiceRequest], petugas_belakang_pondok: User) -> None:
    board = desk(user=petugas_belakang_pondok)
    found = {q.key: q.count for s in board.sections for q in s.queues}
    # The request sent back by its applicant is also one of the berkas to verify.
    assert board.total == sum(found.values()) - found["resubmitted"]


def test_after_an_action_the_next_request_of_the_queue_opens(
    client: Client, office: dict[str, ServiceRequest], petugas_belakang_pondok: User
) -> None:
    """From the desk's "Berkas perlu diverifikasi": verify the first, the second opens; verify it, the queue's
    list says it is done."""
    queue = queues(petugas_belakang_pondok)["verify"]
    client.force_login(petugas_belakang_pondok)
    first_url = queue.items[0].url
    page = client.get(first_url).content.decode()
    assert 'id="next-in-queue"' in page and queue.items[1].code in page
    first = ServiceRequest.objects.get(code=first_url.split("?")[0].rstrip("/").rsplit("/", 1)[1])
    antrian = first_url.split("antrian=", 1)[1]
    from urllib.parse import unquote

    posted = {"from_status": S.DIAJUKAN, "to_status": S.DIVERIFIKASI, "antrian": unquote(antrian)}
    moved = client.post(reverse("servicerequests:transition", args=[first.code]), posted)
    second_code = queue.items[1].url.split("?")[0].rstrip("/").rsplit("/", 1)[1]
    assert moved.status_code == 302 and moved["Location"].startswith(
        reverse("servicerequests:detail", args=[second_code]) + "?antrian="
    )
    again = client.post(reverse("servicerequests:transition", args=[second_code]), posted)
    assert again["Location"] == reverse("servicerequests:inbox") + "?" + unquote(antrian)
    assert "Antrean ini sudah habis" in client.get(again["Location"]).content.decode()


def test_complaint_counts_are_kept_but_follow_every_step(
    office: dict[str, object],
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    """The complaint queues' counts are kept between visits (a kota's late queue counts tens of thousands of
    rows) and are fresh after any step: the petugas verifies the new complaint, and both desks show it at once."""
    assert queues(petugas_belakang_pondok)["complaints_verify"].count == 1
    assert queues(lurah_belakang_pondok)["dispose"].count == 1
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        fresh = office["complaint"]
        assert isinstance(fresh, Complaint)
        complaint_transition(complaint=fresh, actor=petugas_belakang_pondok, to_status=CS.DIVERIFIKASI)
    assert queues(petugas_belakang_pondok)["complaints_verify"].count == 0
    assert queues(lurah_belakang_pondok)["dispose"].count == 2


def test_after_a_disposition_the_next_complaint_of_the_queue_opens(
    client: Client,
    office: dict[str, ServiceRequest],
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
) -> None:
    """From the desk's "Pengaduan perlu disposisi": dispose the first, the second opens; dispose it, the queue's
    list says it is done. A follow-up recorded keeps the complaint open in its queue, to be finished."""
    from urllib.parse import unquote

    complaint_transition(
        complaint=make_complaint(padang, make_category(), title="Jalan berlubang"),
        actor=petugas_belakang_pondok,
        to_status=CS.DIVERIFIKASI,
    )
    queue = queues(lurah_belakang_pondok)["dispose"]
    assert queue.count == 2
    client.force_login(lurah_belakang_pondok)
    first_url, second_url = (i.url for i in queue.items)
    page = client.get(first_url).content.decode()
    assert 'id="next-in-queue"' in page and queue.items[1].code in page
    antrian = unquote(first_url.split("antrian=", 1)[1])
    codes = [u.split("?")[0].rstrip("/").rsplit("/", 1)[1] for u in (first_url, second_url)]
    posted = {
        "from_status": CS.DIVERIFIKASI,
        "to": CS.DIDISPOSISIKAN,
        "position": padang.staf_bp_pos.pk,
        "antrian": antrian,
    }
    moved = client.post(reverse("complaints:act", args=[codes[0]]), posted)
    assert moved.status_code == 302
    assert moved["Location"].startswith(reverse("complaints:staff_detail", args=[codes[1]]) + "?antrian=")
    again = client.post(reverse("complaints:act", args=[codes[1]]), posted)
    assert again["Location"] == reverse("complaints:queue") + "?" + antrian
    assert "Antrean ini sudah habis" in client.get(again["Location"]).content.decode()

    # The petugas records a follow-up: the complaint is still to be finished, so it stays open.
    follow = queues(petugas_belakang_pondok)["complaints_follow_up"]
    client.force_login(petugas_belakang_pondok)
    url = follow.items[0].url
    code = url.split("?")[0].rstrip("/").rsplit("/", 1)[1]
    noted = client.post(
        reverse("complaints:act", args=[code]),
        {
            "from_status": CS.DIDISPOSISIKAN,
            "to": CS.DITINDAKLANJUTI,
            "note": "Dicek ke lokasi.",
            "antrian": unquote(url.split("antrian=", 1)[1]),
        },
    )
    assert noted["Location"].startswith(reverse("complaints:staff_detail", args=[code]) + "?antrian=")
