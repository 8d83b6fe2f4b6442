"""SMS/WhatsApp gateways. Pick one with PAMONG_SMS_BACKEND; each raises on failure so that the task retries.

Every send carries ``key``, the message's idempotency key: a gateway that keeps it can answer a resend of the same
message (after a worker died between sending and recording it) without sending it twice.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
import urllib.parse
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from lokal import partial_mask

log = logging.getLogger(__name__)


class GatewayError(Exception):
    """The gateway answered, but not with success. ``status`` is the HTTP status code."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status} {reason}".strip())
        self.status = status
        self.reason = reason


class SmsBackend:
    def send(self, *, to: str, body: str, key: str = "") -> None:
        raise NotImplementedError


class ConsoleSmsBackend(SmsBackend):
    """Development: print the message with the number masked (phone numbers never go into logs)."""

    def send(self, *, to: str, body: str, key: str = "") -> None:
        log.info("SMS ke %s [%s]: %s", partial_mask("PHONE", to), key, body)


class MemorySmsBackend(SmsBackend):
    """Tests: messages collect in ``outbox``, like Django's locmem e-mail backend."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, body: str, key: str = "") -> None:
        self.outbox.append((to, body))


class FileSmsBackend(SmsBackend):
    """Development and demos: one file per message in PAMONG_SMS_FILE_PATH (default var/sms)."""

    def send(self, *, to: str, body: str, key: str = "") -> None:
        folder = Path(getattr(settings, "PAMONG_SMS_FILE_PATH", settings.BASE_DIR / "var" / "sms"))
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        (folder / f"{stamp}.txt").write_text(f"Kepada: {to}\nKunci: {key}\n\n{body}\n", encoding="utf-8")


class HttpSmsBackend(SmsBackend):
    """A generic HTTP gateway (many Indonesian SMS/WhatsApp providers take a JSON POST with a token):
    PAMONG_SMS_HTTP_URL, PAMONG_SMS_HTTP_TOKEN; the body is {"id": "<key>", "to": "+62…", "message": "…"} and the
    key is also sent as the ``Idempotency-Key`` header. Any 2xx answer is success.

    Connecting may take PAMONG_SMS_HTTP_CONNECT_TIMEOUT seconds and the whole answer PAMONG_SMS_HTTP_READ_TIMEOUT
    seconds (a gateway that trickles its answer byte by byte is cut off too), so a hung gateway costs one worker a
    few seconds per try, never the queue."""

    def send(self, *, to: str, body: str, key: str = "") -> None:
        url = urllib.parse.urlsplit(settings.PAMONG_SMS_HTTP_URL)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise GatewayError(0, "PAMONG_SMS_HTTP_URL tidak diatur")
        connect_timeout = float(settings.PAMONG_SMS_HTTP_CONNECT_TIMEOUT)
        read_timeout = float(settings.PAMONG_SMS_HTTP_READ_TIMEOUT)
        conn_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        connection = conn_class(url.hostname, url.port, timeout=connect_timeout)
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.PAMONG_SMS_HTTP_TOKEN}",
            "Idempotency-Key": key,
        }
        data = json.dumps({"id": key, "to": to, "message": body}).encode()
        try:
            connection.connect()
            sock = connection.sock
            assert sock is not None
            sock.settimeout(read_timeout)
            deadline = time.monotonic() + read_timeout
            path = url.path or "/"
            connection.request("POST", f"{path}?{url.query}" if url.query else path, body=data, headers=headers)
            response = connection.getresponse()
            # Drain the answer, but never for longer than the read timeout in all. Once the whole answer is read
            # the response closes, and with it the socket when the gateway closes the connection (HTTP/1.0 or
            # "Connection: close" with a Content-Length): the socket must not be touched after that.
            while not response.isclosed():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"gateway answered too slowly (over {read_timeout:g} s)")
                sock.settimeout(left)
                if not response.read(8192):
                    break
        finally:
            connection.close()
        if not 200 <= response.status < 300:
            raise GatewayError(response.status, response.reason)


def sms_backend() -> SmsBackend:
    path = getattr(settings, "PAMONG_SMS_BACKEND", "pamong.notifications.backends.ConsoleSmsBackend")
    return import_string(path)()
