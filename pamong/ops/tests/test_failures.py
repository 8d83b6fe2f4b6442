"""Failures are seen: every failed try logged with its status code, the last one failing the task and the message,
and the staff page "Pesan gagal terkirim" with its resend action."""

from __future__ import annotations

import logging
import smtplib
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pamong.accounts.models import User
from pamong.notifications.backends import GatewayError, HttpSmsBackend, MemorySmsBackend
from pamong.notifications.models import Notification
from pamong.notifications.services import failure_reason, idempotency_key, notification_queue
from pamong.ops.testing import GatewayStub
from pamong.ops.worker import ResilientWorker
from pamong.testing import Padang

pytestmark = pytest.mark.django_db
URL = reverse("ops:failed_messages")


@pytest.fixture(autouse=True)
def outbox() -> Iterator[list[tuple[str, str]]]:
    MemorySmsBackend.outbox.clear()
    yield MemorySmsBackend.outbox


def make_failed(*, kabkota_code: str = "13.71", phone: str = "+6281234567890", error: str = "HTTP 503") -> Notification:
    return Notification.objects.create(
        channel=Notification.Channel.SMS,
        recipient=phone,
        body="Permohonan K7M2-9QXD selesai; surat dapat diunduh.",
        reference="permohonan:K7M29QXD",
        kabkota_code=kabkota_code,
        status=Notification.Status.FAILED,
        attempts=5,
        last_error=error,
    )


def http_gateway(gateway: GatewayStub, **extra: Any) -> Any:
    return override_settings(
        PAMONG_SMS_BACKEND="pamong.notifications.backends.HttpSmsBackend",
        PAMONG_SMS_HTTP_URL=gateway.url,
        PAMONG_SMS_HTTP_TOKEN="rahasia-gateway",
        **extra,
    )


# --- the gateway ------------------------------------------------------------------------------------------------


def test_the_gateway_gets_the_message_id_as_idempotency_key(
    gateway: GatewayStub, django_capture_on_commit_callbacks: Any
) -> None:
    with http_gateway(gateway), django_capture_on_commit_callbacks(execute=True):
        message = notification_queue(channel="sms", recipient="+6281234567890", body="Halo", kabkota_code="13.71")
    assert message is not None
    message.refresh_from_db()
    assert message.status == Notification.Status.SENT
    (got,) = gateway.requests
    key = idempotency_key(message)
    assert key == f"pamong-13.71-{message.pk}"
    assert got.header_key == key and got.payload == {"id": key, "to": "+6281234567890", "message": "Halo"}
    assert got.authorization == "Bearer rahasia-gateway"


@pytest.mark.parametrize("content_length", [True, False], ids=["content-length", "until-close"])
def test_a_gateway_that_closes_the_connection_after_its_answer_is_a_success(
    gateway: GatewayStub, content_length: bool
) -> None:
    """The stub answers HTTP/1.0, so it closes the connection: with a Content-Length the response (and the socket)
    is closed as soon as the body is read. Found by `make chaos`: every send failed with "Bad file descriptor"."""
    gateway.content_length = content_length
    with http_gateway(gateway):
        HttpSmsBackend().send(to="+6281234567890", body="Halo", key="k1")
    assert list(gateway.delivered) == ["k1"]


def test_a_failed_try_is_logged_at_warning_with_the_status_code(
    gateway: GatewayStub, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> None:
    gateway.fail_with = 503
    with http_gateway(gateway), caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        message = notification_queue(channel="sms", recipient="+6281234567890", body="Halo", kabkota_code="13.71")
    assert message is not None
    message.refresh_from_db()
    # The immediate test queue runs every retry at once: five tries, then failed.
    assert (message.status, message.attempts) == (Notification.Status.FAILED, 5)
    assert message.last_error == "HTTP 503 Service Unavailable"
    assert message.failed_at is not None
    tries = [r for r in caplog.records if r.name == "pamong.notifications.services"]
    assert [r.levelno for r in tries] == [logging.WARNING] * 5
    assert "try 1/5 failed: HTTP 503 Service Unavailable; next try in 0:01:00" in tries[0].getMessage()
    assert "try 5/5 failed: HTTP 503 Service Unavailable; giving up" in tries[4].getMessage()
    assert "+6281234567890" not in caplog.text  # never a phone number in the log


def test_a_hung_gateway_costs_one_read_timeout(gateway: GatewayStub) -> None:
    gateway.hang = 30
    with http_gateway(gateway, PAMONG_SMS_HTTP_READ_TIMEOUT=0.5):
        started = time.monotonic()
        with pytest.raises(TimeoutError) as caught:
            HttpSmsBackend().send(to="+6281234567890", body="Halo", key="k1")
    assert time.monotonic() - started < 3
    assert failure_reason(caught.value).startswith("waktu habis")


def test_a_mail_server_that_never_answers_costs_one_timeout() -> None:
    with socket.socket() as silent:  # accepts the connection and never says hello
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_TIMEOUT=0.5,
        ):
            started = time.monotonic()
            with pytest.raises(smtplib.SMTPServerDisconnected) as caught:
                send_mail("Uji", "Isi", None, ["yusnimar@contoh.id"])
    assert time.monotonic() - started < 3
    assert failure_reason(caught.value) == "SMTPServerDisconnected: Connection unexpectedly closed: timed out"


def test_error_reasons_are_short_and_mask_personal_data() -> None:
    assert failure_reason(GatewayError(401, "Unauthorized")) == "HTTP 401 Unauthorized"
    refused = smtplib.SMTPDataError(550, b"5.1.1 <yusnimar@contoh.id>: Recipient address rejected")
    assert failure_reason(refused) == "SMTP 550 5.1.1 <[EMAIL_1]>: Recipient address rejected"
    assert failure_reason(ConnectionRefusedError(111, "Connection refused")) == (
        "ConnectionRefusedError: [Errno 111] Connection refused"
    )
    assert len(failure_reason(RuntimeError("x" * 1000))) == 300


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_the_last_failed_try_fails_the_task_and_the_message(gateway: GatewayStub) -> None:
    gateway.fail_with = 500
    with http_gateway(gateway):
        message = notification_queue(channel="sms", recipient="+6281234567890", body="Halo", kabkota_code="13.71")
        assert message is not None
        Notification.objects.filter(pk=message.pk).update(attempts=4)  # one try left
        worker = ResilientWorker(
            queue_names=["sms"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="uji",
            excluded_queue_names=[],
            lease=60,
            heartbeat=60,
        )
        worker.run()
    message.refresh_from_db()
    assert (message.status, message.last_error) == (Notification.Status.FAILED, "HTTP 500 Internal Server Error")
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED  # not SUCCESSFUL
    assert task.exception_class_path == "pamong.notifications.tasks.DeliveryFailed"


# --- the page ---------------------------------------------------------------------------------------------------


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_admin_and_pimpinan_see_failed_messages_of_their_area(
    padang: Padang, admin_diskominfo: User, pimpinan_padang: User
) -> None:
    padang_sms = make_failed(phone="+6281234567890", error="HTTP 503 Service Unavailable")
    other = make_failed(kabkota_code="13.72", phone="+6281299998888")
    Notification.objects.create(channel="sms", recipient="+6281211112222", body="terkirim", kabkota_code="13.71")
    admin_page = signed_in(admin_diskominfo).get(URL)
    assert admin_page.status_code == 200
    assert set(admin_page.context["page"].object_list) == {padang_sms, other}
    page = signed_in(pimpinan_padang).get(URL)
    assert list(page.context["page"].object_list) == [padang_sms]
    html = page.content.decode()
    assert "Pesan gagal terkirim" in html and "HTTP 503 Service Unavailable" in html
    assert "0812****7890" in html and "+6281234567890" not in html  # the number masked
    assert "permohonan:K7M29QXD" in html


@pytest.mark.parametrize("who", ["lurah_belakang_pondok", "camat_padang_selatan", "petugas_belakang_pondok"])
def test_other_staff_do_not_find_the_page(who: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(who)
    message = make_failed()
    client = signed_in(user)
    assert client.get(URL).status_code == 404
    assert client.post(reverse("ops:resend", args=[message.pk])).status_code == 404
    assert client.post(reverse("ops:resend_all")).status_code == 404
    message.refresh_from_db()
    assert message.status == Notification.Status.FAILED


def test_a_citizen_is_asked_to_sign_in() -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_resend_gives_a_failed_message_new_tries(
    pimpinan_padang: User, outbox: list[tuple[str, str]], django_capture_on_commit_callbacks: Any
) -> None:
    message = make_failed()
    client = signed_in(pimpinan_padang)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ops:resend", args=[message.pk]), follow=True)
    assert "Pesan dimasukkan lagi ke antrean" in response.content.decode()
    message.refresh_from_db()
    assert message.status == Notification.Status.SENT and message.attempts == 1 and message.failed_at is None
    assert outbox == [("+6281234567890", message.body)]
    # The same button pressed again (another tab): nothing is sent twice.
    again = client.post(reverse("ops:resend", args=[message.pk]), follow=True)
    assert "sudah dikirim ulang" in again.content.decode()
    assert len(outbox) == 1


def test_pimpinan_cannot_resend_another_kabupatens_message(pimpinan_padang: User) -> None:
    other = make_failed(kabkota_code="13.72")
    signed_in(pimpinan_padang).post(reverse("ops:resend", args=[other.pk]))
    other.refresh_from_db()
    assert other.status == Notification.Status.FAILED


def test_resend_all(admin_diskominfo: User, django_capture_on_commit_callbacks: Any) -> None:
    for _ in range(3):
        make_failed()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(admin_diskominfo).post(reverse("ops:resend_all"), follow=True)
    assert "3 pesan dimasukkan lagi ke antrean" in response.content.decode()
    assert not Notification.objects.filter(status=Notification.Status.FAILED).exists()


def test_the_page_reads_a_fixed_number_of_queries(admin_diskominfo: User, django_assert_max_num_queries: Any) -> None:
    client = signed_in(admin_diskominfo)
    for _ in range(3):
        make_failed()
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(8) as few:
        client.get(URL)
    for _ in range(40):
        make_failed()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_resend_takes_only_post(admin_diskominfo: User) -> None:
    message = make_failed()
    assert signed_in(admin_diskominfo).get(reverse("ops:resend", args=[message.pk])).status_code == 405
