"""The signed-in user is kept in memory between requests; any change to the account or to staff records
takes effect on the very next request."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.testing import Padang


def staff_page_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("servicerequests:inbox")).status_code == 200
    return sum("accounts_user" in q["sql"] for q in ctx.captured_queries)


def test_an_unchanged_user_costs_no_query_and_every_change_is_seen_at_once(
    client: Client, padang: Padang, lurah_belakang_pondok: User, django_capture_on_commit_callbacks: Any
) -> None:
    from pamong.servicerequests.testing import make_request, make_service

    request = make_request(padang.kantor_lurah_bp, make_service())
    client.force_login(lurah_belakang_pondok)
    assert request.code_display in client.get(reverse("servicerequests:inbox")).content.decode()
    assert staff_page_queries(client) == 0
    # Deactivating the employee takes the scope away on the next request.
    padang.lurah_bp.active = False
    with django_capture_on_commit_callbacks(execute=True):
        padang.lurah_bp.save()
    html = client.get(reverse("servicerequests:inbox")).content.decode()
    assert request.code_display not in html and "Tidak ada permohonan yang cocok" in html
    # A new password ends the session on the next request.
    user = User.objects.get(pk=lurah_belakang_pondok.pk)
    user.set_password("kata-sandi-baru-sekali")
    with django_capture_on_commit_callbacks(execute=True):
        user.save()
    assert client.get(reverse("servicerequests:inbox")).status_code == 302


def test_a_deactivated_account_is_signed_out_at_once(
    client: Client, padang: Padang, django_capture_on_commit_callbacks: Any
) -> None:
    from pamong.testing import make_user

    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    client.force_login(petugas)
    assert client.get(reverse("servicerequests:inbox")).status_code == 200
    petugas.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        petugas.save()
    assert client.get(reverse("servicerequests:inbox")).status_code == 302
