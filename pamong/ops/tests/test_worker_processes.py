"""Real worker processes against the test database and a local gateway stub: killed mid-send, hung gateway."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pamong.notifications.models import Notification
from pamong.notifications.services import idempotency_key, notification_queue
from pamong.ops.models import WorkerHeartbeat
from pamong.ops.testing import GatewayStub, child_env, start_worker, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]

WARGA_PHONE = "+6281234567890"


def sms(body: str = "Permohonan K7M2-9QXD diterima.") -> Notification:
    notification = notification_queue(
        channel=Notification.Channel.SMS, recipient=WARGA_PHONE, body=body, kabkota_code="13.71"
    )
    assert notification is not None
    return notification


def test_a_worker_killed_during_a_send_is_replaced_and_the_message_arrives_once(
    tmp_path: Path, gateway: GatewayStub
) -> None:
    gateway.hang, gateway.hang_first_only = 60, True  # takes the message, then never answers the first worker
    env = child_env(tmp_path, PAMONG_SMS_HTTP_URL=gateway.url, PAMONG_SMS_HTTP_READ_TIMEOUT="30")
    message = sms()
    first = start_worker(tmp_path, env, "sms", name="first")
    wait_until(lambda: gateway.requests, timeout=30, what="the first send")
    first.kill()  # kill -9 while the gateway holds the request
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.RUNNING  # left behind by the dead worker
    assert Notification.objects.get(pk=message.pk).status == Notification.Status.QUEUED

    started = time.monotonic()
    second = start_worker(tmp_path, env, "sms", name="second")
    try:
        wait_until(
            lambda: Notification.objects.get(pk=message.pk).status == Notification.Status.SENT,
            timeout=60,
            what="the message to be sent by the second worker",
        )
        recovered = time.monotonic() - started
    finally:
        assert second.terminate() == 0
    key = idempotency_key(message)
    assert [r.header_key for r in gateway.requests] == [key, key]  # sent twice, with the same key each time
    assert [r.key for r in gateway.requests] == [key, key]  # in the JSON body too
    assert list(gateway.delivered) == [key]  # and the gateway delivered it once
    assert gateway.delivered[key].payload == {"id": key, "to": WARGA_PHONE, "message": "Permohonan K7M2-9QXD diterima."}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2
    assert "queued again: worker" in second.output()
    # The second stopped cleanly and removed its heartbeat; the dead first one's went stale (removed after 10 leases).
    (stale,) = WorkerHeartbeat.objects.all()
    assert stale.worker_id == task.worker_ids[0]
    print(f"\nkilled worker's message delivered {recovered:.1f} s after the second worker was started")


def test_a_hung_gateway_does_not_hold_back_email(tmp_path: Path, gateway: GatewayStub) -> None:
    gateway.hang = 60
    env = child_env(
        tmp_path,
        PAMONG_SMS_HTTP_URL=gateway.url,
        PAMONG_SMS_HTTP_CONNECT_TIMEOUT="1",
        PAMONG_SMS_HTTP_READ_TIMEOUT="1.5",
    )
    texts = [sms(f"Pesan {i}") for i in range(3)]
    mail = notification_queue(
        channel=Notification.Channel.EMAIL,
        recipient="yusnimar@contoh.id",
        subject="Permohonan diterima",
        body="Permohonan K7M2-9QXD diterima.",
        kabkota_code="13.71",
    )
    assert mail is not None
    sms_worker = start_worker(tmp_path, env, "sms", name="sms")
    email_worker = start_worker(tmp_path, env, "email", name="email")
    try:
        wait_until(
            lambda: Notification.objects.get(pk=mail.pk).status == Notification.Status.SENT,
            timeout=30,
            what="the e-mail",
        )
        assert len(list((tmp_path / "mail").iterdir())) == 1
        # The SMS worker gives up on each hung try after the read timeout and moves on: all three were tried.
        wait_until(
            lambda: (
                Notification.objects.filter(pk__in=[t.pk for t in texts], attempts=1).exclude(last_error="").count()
                == 3
            ),
            timeout=30,
            what="each SMS tried once",
        )
        for text in Notification.objects.filter(pk__in=[t.pk for t in texts]):
            assert text.status == Notification.Status.QUEUED and text.last_error.startswith("waktu habis")
        # Each failed try is logged at WARNING, and the next is queued for later.
        assert sms_worker.output().count("WARNING pamong.notifications.services notification") == 3
        retries = DBTaskResult.objects.filter(queue_name="sms", status=TaskResultStatus.READY)
        assert retries.count() == 3
    finally:
        assert email_worker.terminate() == 0
        assert sms_worker.terminate() == 0
