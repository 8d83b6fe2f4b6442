"""A database that cannot be reached answers 503 with Retry-After and an Indonesian page; a query that is wrong
still answers 500."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.unavailable import database_unavailable
from pamong.testing import Padang, free_port

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def database_gone() -> Iterator[None]:
    """Inside, this process cannot connect: a SQLite file that cannot be opened, or a PostgreSQL port nobody
    listens on (what a stopped server looks like)."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent/folder/pamong.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def database_away() -> Iterator[None]:
    with database_gone():
        yield


def test_a_citizen_is_told_to_try_again_when_the_database_is_away(padang: Padang, database_away: None) -> None:
    response = Client(raise_request_exception=False).get(reverse("portal:front"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Layanan sementara tidak tersedia" in html and "Coba lagi dalam 30 detik" in html
    assert '<meta http-equiv="refresh" content="30">' in html  # a page that was only read reloads itself


def test_a_form_sent_while_the_database_is_away_is_not_lost_silently(padang: Padang, database_away: None) -> None:
    response = Client(raise_request_exception=False).post(reverse("servicerequests:track_lookup"), {"code": "K7M29QXD"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "belum tersimpan" in html and "tombol <em>Kembali</em>" in html
    assert "http-equiv" not in html  # no reload that would drop what was typed


def test_a_signed_in_officer_gets_503_too(padang: Padang, lurah_belakang_pondok: User) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(lurah_belakang_pondok)
    with database_gone():
        response = client.get(reverse("organization:staffing"))  # the user is read in a middleware, before any view
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_the_api_answers_503_in_json(padang: Padang, database_away: None) -> None:
    response = Client(raise_request_exception=False).get("/open311/v2/services.json?jurisdiction_id=13.71")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["detail"].startswith("Basis data sedang tidak dapat dihubungi")


def test_a_wrong_query_is_still_a_500(padang: Padang) -> None:
    def broken(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        raise OperationalError("no such column: regions_region.nama")

    with connection.execute_wrapper(broken):
        response = Client(raise_request_exception=False).get(reverse("portal:front"))
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    ("message", "unavailable"),
    [
        ("connection failed: connection to server at 127.0.0.1, port 5432 failed: Connection refused", True),
        ("server closed the connection unexpectedly", True),
        ("terminating connection due to administrator command", True),
        ("the database system is starting up", True),
        ("database is locked", True),
        ("unable to open database file", True),
        ("no such table: notifications_notification", False),
        ('syntax error at or near "SELEC"', False),
    ],
)
def test_what_counts_as_the_database_being_away(message: str, unavailable: bool) -> None:
    assert database_unavailable(OperationalError(message)) is unavailable
