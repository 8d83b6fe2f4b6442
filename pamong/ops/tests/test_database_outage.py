"""A worker on a private PostgreSQL cluster that is stopped and started again: it waits, reconnects by itself and
the queue drains; every message reaches the gateway once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pamong.ops.testing import (
    GatewayStub,
    PrivatePostgres,
    child_env,
    postgres_bin,
    start_command,
    start_worker,
    wait_until,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL server programs (initdb) are not installed"),
]


def queue_messages(tmp: Path, env: dict[str, str], *, start: int, n: int) -> None:
    script = (
        "from pamong.notifications.services import notification_queue\n"
        f"for i in range({start}, {start + n}):\n"
        "    notification_queue(\n"
        "        channel='sms', recipient=f'+62812345{i:05d}', body=f'Pesan {i}', kabkota_code='13.71'\n"
        "    )\n"
    )
    child = start_command(tmp, env, "shell", "-c", script, name=f"queue-{start}")
    assert child.process.wait(60) == 0, child.output()


@pytest.fixture
def cluster() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    server.start()
    yield server
    server.remove()


def sent(cluster: PrivatePostgres) -> int:
    rows = cluster.query("pamong", "SELECT count(*) FROM notifications_notification WHERE status = 'sent'")
    return int(rows[0][0])


def test_the_worker_survives_postgresql_stopping_and_drains_the_queue(
    tmp_path: Path, cluster: PrivatePostgres, gateway: GatewayStub
) -> None:
    env = child_env(tmp_path, DATABASE_URL=cluster.create_database("pamong"), PAMONG_SMS_HTTP_URL=gateway.url)
    migrate = start_command(tmp_path, env, "migrate", "--noinput", "-v0", name="migrate")
    assert migrate.process.wait(180) == 0, migrate.output()
    worker = start_worker(tmp_path, env, "sms", name="worker")
    try:
        queue_messages(tmp_path, env, start=0, n=20)
        wait_until(lambda: sent(cluster) == 20, timeout=60, what="the first 20 messages")

        cluster.stop()  # PostgreSQL goes away for 8 seconds
        time.sleep(8)
        assert worker.process.poll() is None, worker.output()  # still there, waiting
        assert "database unavailable" in worker.output()
        started = time.monotonic()
        cluster.start()
        queue_messages(tmp_path, env, start=20, n=20)
        wait_until(lambda: sent(cluster) == 40, timeout=60, what="the queue to drain after the outage")
        print(f"\nqueue drained {time.monotonic() - started:.1f} s after PostgreSQL started again")
        assert "database is back after" in worker.output()
    finally:
        assert worker.terminate() == 0
    assert len(gateway.delivered) == 40  # every message once
    assert len(gateway.requests) == 40  # and none sent twice
