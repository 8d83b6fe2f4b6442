from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.notifications.backends import MemorySmsBackend, SmsBackend
from pamong.notifications.models import Notification
from pamong.servicerequests.models import Status
from pamong.servicerequests.services import request_transition, requests_sweep_overdue
from pamong.servicerequests.testing import WARGA, make_request, make_service
from pamong.testing import Padang, make_user

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def outbox() -> Iterator[list[tuple[str, str]]]:
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox


class BrokenGateway(SmsBackend):
    def send(self, *, to: str, body: str, key: str = "") -> None:
        raise ConnectionError(f"gateway tidak menjawab untuk {to}")


def test_every_status_change_reaches_the_applicant_without_personal_data(
    padang: Padang, outbox: list[tuple[str, str]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from dataclasses import replace

    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(
            padang.kantor_lurah_bp, make_service(), applicant=replace(WARGA, email="yusnimar@contoh.id")
        )
        request_transition(request=request, actor=petugas, to_status=Status.DIKEMBALIKAN, note="Lampirkan KK")
    assert [to for to, _ in outbox] == ["+6281234567890", "+6281234567890"]
    first, second = (body for _, body in outbox)
    assert (
        request.code_display in first
        and "diterima" in first
        and reverse("servicerequests:track", args=[request.code]) in first
    )
    assert "dikembalikan untuk dilengkapi: Lampirkan KK" in second
    for body in (first, second):
        assert "1371014204850003" not in body and "Yusnimar" not in body
    assert [m.to for m in mail.outbox] == [["yusnimar@contoh.id"], ["yusnimar@contoh.id"]]
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 4


@override_settings(PAMONG_SMS_BACKEND="pamong.notifications.tests.test_delivery.BrokenGateway")
def test_a_broken_gateway_is_retried_and_never_loses_the_request(
    padang: Padang, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(padang.kantor_lurah_bp, make_service())
    request.refresh_from_db()
    assert request.status == Status.DIAJUKAN  # the request stands whatever the gateway does
    sms = Notification.objects.get(channel=Notification.Channel.SMS)
    # The immediate test queue runs each retry at once: all attempts are used, then it is marked failed.
    assert sms.attempts == 5 and sms.status == Notification.Status.FAILED
    # The type and the reason, with the number the error text quoted masked.
    assert sms.last_error == "ConnectionError: gateway tidak menjawab untuk [PHONE_1]"


def test_overdue_requests_are_sent_to_the_superior_in_one_digest(
    padang: Padang, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from pamong.workdays.testing import seed_calendar

    seed_calendar(2026)
    padang.lurah_bp.email = "lurah.bp@padang.go.id"
    padang.lurah_bp.save()
    service = make_service(deadline_days=1)
    old = dt.datetime(2026, 11, 2, 9, tzinfo=WIB)
    first = make_request(padang.kantor_lurah_bp, service, now=old)
    second = make_request(padang.kantor_lurah_bp, service, now=old)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        requests_sweep_overdue(now=dt.datetime(2026, 11, 25, 9, tzinfo=WIB))
    digest = [m for m in mail.outbox if m.to == ["lurah.bp@padang.go.id"]]
    assert len(digest) == 1
    assert digest[0].subject == "2 permohonan melewati batas waktu"
    assert first.code_display in digest[0].body and second.code_display in digest[0].body
