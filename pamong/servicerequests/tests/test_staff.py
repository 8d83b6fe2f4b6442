from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.core.uploads import clean_upload
from pamong.servicerequests.models import PersonalDataAccess, ServiceRequest, Status
from pamong.servicerequests.services import Submission, request_submit, request_transition
from pamong.servicerequests.testing import WARGA, make_request, make_service
from pamong.testing import Padang, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def test_inbox_shows_only_visible_requests_with_counts_and_masked_names(
    client: Client, padang: Padang, petugas: User, camat_padang_selatan: User
) -> None:
    service = make_service()
    mine = make_request(padang.kantor_lurah_bp, service)
    make_request(padang.kantor_lurah_bp, service)
    other = make_request(padang.kantor_lurah_al, service)
    far = make_request(padang.kantor_lurah_bt, service)
    request_transition(request=mine, actor=petugas, to_status=Status.DIVERIFIKASI)

    client.force_login(petugas)
    html = client.get(reverse("servicerequests:inbox")).content.decode()
    assert mine.code_display in html and other.code_display not in html and far.code_display not in html
    assert "Yusnimar Chaniago" in html  # the office that works the request sees who applied
    assert 'Diverifikasi <span class="badge text-bg-light">1</span>' in html
    assert 'Diajukan <span class="badge text-bg-light">1</span>' in html

    client.force_login(camat_padang_selatan)
    html = client.get(reverse("servicerequests:inbox")).content.decode()
    assert other.code_display in html and far.code_display not in html
    assert "Y*** C***" in html and "Chaniago" not in html  # the kecamatan reads the kelurahan's rows masked
    filtered = client.get(
        reverse("servicerequests:inbox"), {"status": "diverifikasi"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert mine.code_display in filtered and other.code_display not in filtered
    by_code = client.get(reverse("servicerequests:inbox"), {"q": other.code_display.lower()}).content.decode()
    assert other.code_display in by_code and mine.code_display not in by_code


def test_a_new_office_in_the_scope_shows_in_the_inbox_at_once(
    client: Client, padang: Padang, camat_padang_selatan: User, django_capture_on_commit_callbacks: Any
) -> None:
    """The offices of a scope are kept in memory (``unit_ids_in``); a new kelurahan office is seen at once, and
    an office moved out of the scope is no longer seen."""
    service = make_service()
    client.force_login(camat_padang_selatan)
    assert "Tidak ada permohonan yang cocok" in client.get(reverse("servicerequests:inbox")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the bumps run when the writes commit
        new_office = make_unit(make_region("13.71.01.1003", "Rawang"))
        request = make_request(new_office, service)
    html = client.get(reverse("servicerequests:inbox")).content.decode()
    assert request.code_display in html
    new_office.region = padang.belakang_tangsi  # now in Padang Barat, outside the camat's kecamatan
    with django_capture_on_commit_callbacks(execute=True):
        new_office.save()
    html = client.get(reverse("servicerequests:inbox")).content.decode()
    assert request.code_display not in html and "Tidak ada permohonan yang cocok" in html


def test_inbox_keeps_a_constant_number_of_queries(client: Client, padang: Padang, lurah: User) -> None:
    service = make_service()
    make_request(padang.kantor_lurah_bp, service)
    client.force_login(lurah)
    client.get(reverse("servicerequests:inbox"))
    caches["local"].clear()  # measure the page as it is built, not as it is served from memory
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("servicerequests:inbox"))
    for _ in range(25):
        make_request(padang.kantor_lurah_bp, service)
    caches["local"].clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("servicerequests:inbox"))
    assert len(many.captured_queries) == len(few.captured_queries)
    # The user with their post, the offices of their scope, service choices, assignable staff, counts per status,
    # the names of the services and of the offices (all kept until they change), one page of rows that joins
    # nothing: the session comes from the cache and the page count from the status counts.
    assert len(few.captured_queries) <= 8, "\n".join(q["sql"][:200] for q in few.captured_queries)
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("servicerequests:inbox") + "?status=semua")
    assert len(again.captured_queries) <= 3, [q["sql"][:80] for q in again.captured_queries]


def test_inbox_pages_follow_the_status_counts(client: Client, padang: Padang, lurah: User, petugas: User) -> None:
    service = make_service()
    requests = [make_request(padang.kantor_lurah_bp, service) for _ in range(52)]
    request_transition(request=requests[0], actor=petugas, to_status=Status.DITOLAK, note="Bukan warga kelurahan ini.")
    client.force_login(lurah)
    first = client.get(reverse("servicerequests:inbox")).content.decode()
    assert "1 / 2" in first and "Berikutnya" in first and first.count('name="ids"') == 50
    second = client.get(reverse("servicerequests:inbox"), {"hal": "2"}).content.decode()
    assert "2 / 2" in second and second.count('name="ids"') == 1
    everything = client.get(reverse("servicerequests:inbox"), {"status": "semua", "hal": "2"}).content.decode()
    assert everything.count('name="ids"') == 2
    rejected = client.get(reverse("servicerequests:inbox"), {"status": "ditolak"}).content.decode()
    assert rejected.count('name="ids"') == 1 and "1 / " not in rejected and requests[0].code_display in rejected


def test_personal_data_only_for_the_handling_unit_and_every_view_recorded(
    client: Client, padang: Padang, petugas: User, camat_padang_selatan: User
) -> None:
    service = make_service()
    clean = clean_upload(SimpleUploadedFile("ktp.pdf", PDF), field="doc")
    request, _ = request_submit(
        submission=Submission(
            service=service,
            unit=padang.kantor_lurah_bp,
            applicant=WARGA,
            answers={"keperluan": "Bank"},
            token="t1",
            documents=[(None, "", clean)],
        )
    )
    doc = request.documents.get()
    client.force_login(petugas)
    html = client.get(reverse("servicerequests:detail", args=[request.code])).content.decode()
    assert "1371014204850003" in html and "Jl. Belakang Pondok No. 12" in html
    assert client.get(reverse("servicerequests:document", args=[request.code, doc.pk])).status_code == 200
    assert list(PersonalDataAccess.objects.filter(user=petugas).values_list("what", flat=True)) == [
        "halaman permohonan",
        f"berkas {doc.pk}",
    ]

    client.force_login(camat_padang_selatan)
    html = client.get(reverse("servicerequests:detail", args=[request.code])).content.decode()
    assert "1371014204850003" not in html and "1371********0003" in html
    assert "Tindakan" not in html
    assert client.get(reverse("servicerequests:document", args=[request.code, doc.pk])).status_code == 404
    assert not PersonalDataAccess.objects.filter(user=camat_padang_selatan).exists()

    stranger = make_user("petugas_bt", Role.PETUGAS, padang.staf_bt)
    client.force_login(stranger)
    assert client.get(reverse("servicerequests:detail", args=[request.code])).status_code == 404


def test_a_stale_page_is_told_and_nothing_changes(client: Client, padang: Padang, petugas: User, lurah: User) -> None:
    request = make_request(padang.kantor_lurah_bp, make_service())
    client.force_login(petugas)
    client.post(
        reverse("servicerequests:transition", args=[request.code]),
        {"from_status": "diajukan", "to_status": "diverifikasi"},
    )
    client.force_login(lurah)  # still looking at the page as it was
    response = client.post(
        reverse("servicerequests:transition", args=[request.code]),
        {"from_status": "diajukan", "to_status": "ditolak", "note": "Palsu"},
        follow=True,
    )
    assert "baru saja diubah" in response.content.decode()
    assert ServiceRequest.objects.get(pk=request.pk).status == Status.DIVERIFIKASI


def test_the_lurah_hands_out_requests(client: Client, padang: Padang, lurah: User, petugas: User) -> None:
    service = make_service()
    first = make_request(padang.kantor_lurah_bp, service)
    second = make_request(padang.kantor_lurah_bp, service)
    client.force_login(lurah)
    response = client.post(
        reverse("servicerequests:assign"), {"ids": [first.pk, second.pk], "assignee": padang.staf_bp.pk}, follow=True
    )
    assert "2 permohonan ditugaskan kepada Yusnimar" in response.content.decode()
    client.force_login(petugas)
    html = client.get(reverse("servicerequests:inbox"), {"assignee": "saya"}).content.decode()
    assert first.code_display in html and second.code_display in html
    assert 'name="ids"' not in html  # a petugas does not hand out work


def test_the_inbox_kept_in_memory_shows_every_change_at_once(
    padang: Padang, lurah: User, petugas: User, camat_padang_selatan: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """The inbox is served from memory between changes; a new request, a transition, an assignment, the
    overdue sweep or a new member of staff shows at once, for the lurah and for the camat above."""
    import datetime as dt

    from pamong.organization.services import EmployeeData, employee_create
    from pamong.servicerequests.services import requests_sweep_overdue

    service = make_service()
    lurah_client, camat_client = Client(enforce_csrf_checks=True), Client()
    lurah_client.force_login(lurah)
    camat_client.force_login(camat_padang_selatan)

    def pages() -> tuple[str, str]:
        return lurah_client.get(reverse("servicerequests:inbox")).content.decode(), camat_client.get(
            reverse("servicerequests:inbox")
        ).content.decode()

    pages()
    with CaptureQueriesContext(connection) as warm:
        pages()
    assert not any("servicerequests_servicerequest" in q["sql"] for q in warm.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(padang.kantor_lurah_bp, service)
    assert all(request.code_display in html for html in pages())
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request=request, actor=petugas, to_status=Status.DIVERIFIKASI)
    assert all("Diverifikasi" in html for html in pages())
    # The bulk-assign form works from the page in memory: the CSRF token is the visitor's own.
    html = lurah_client.get(reverse("servicerequests:inbox")).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        done = lurah_client.post(
            reverse("servicerequests:assign"),
            {"ids": [request.pk], "assignee": padang.staf_bp.pk, "csrfmiddlewaretoken": token},
            follow=True,
        )
    assert "1 permohonan ditugaskan kepada Yusnimar" in done.content.decode()
    again = lurah_client.get(reverse("servicerequests:inbox")).content.decode()
    assert "ditugaskan kepada" not in again  # a one-time message is not kept in the cached page
    assert "Yusnimar" in again
    with django_capture_on_commit_callbacks(execute=True):
        requests_sweep_overdue(now=timezone.now() + dt.timedelta(days=60))
    assert all("terlambat" in html for html in pages())
    with django_capture_on_commit_callbacks(execute=True):
        employee_create(
            actor=lurah,
            data=EmployeeData(
                nip="", name="Rahmat Hidayat", gender="L", employment_type="honorer", unit=padang.kantor_lurah_bp
            ),
        )
    assert "Rahmat Hidayat" in lurah_client.get(reverse("servicerequests:inbox")).content.decode()


def test_without_the_page_cache_the_inbox_counts_and_staff_list_kept_as_fragments_are_never_stale(
    padang: Padang, lurah: User, petugas: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """With the whole-page cache off (as after a write elsewhere), the status counts and the staff who can be
    assigned are fragments under the inbox and staff versions: a new request, a step and a new member of staff
    show at once."""
    from pamong.organization.services import EmployeeData, employee_create

    settings.PAMONG_PAGE_CACHE = False
    service = make_service()
    client = Client()
    client.force_login(lurah)

    def counts() -> dict[str, int]:
        response = client.get(reverse("servicerequests:inbox"))
        return {value: n for value, _label, n in response.context["counts"] if n}

    assert counts() == {}
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(padang.kantor_lurah_bp, service)
    assert counts() == {Status.DIAJUKAN: 1}
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request=request, actor=petugas, to_status=Status.DIVERIFIKASI)
    assert counts() == {Status.DIVERIFIKASI: 1}
    with django_capture_on_commit_callbacks(execute=True):
        employee_create(
            actor=lurah,
            data=EmployeeData(
                nip="", name="Rahmat Hidayat", gender="L", employment_type="honorer", unit=padang.kantor_lurah_bp
            ),
        )
    assert "Rahmat Hidayat" in client.get(reverse("servicerequests:inbox")).content.decode()


def test_the_inbox_filter_form_shows_the_query_of_this_request(client: Client, padang: Padang, lurah: User) -> None:
    """The rendered filter form is kept in memory: under a key naming the query, never one shared by all."""
    client.force_login(lurah)
    first = client.get(reverse("servicerequests:inbox"), {"q": "Yusnimar"}).content.decode()
    second = client.get(reverse("servicerequests:inbox"), {"q": "Chaniago"}).content.decode()
    assert 'value="Yusnimar"' in first
    assert 'value="Chaniago"' in second and 'value="Yusnimar"' not in second
