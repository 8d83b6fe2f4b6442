"""SMS/WhatsApp gateways. Pick one with PAMONG_SMS_BACKEND; each raises on failure so that the task retries."""

from __future__ import annotations

import json
import logging
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from lokal import partial_mask

log = logging.getLogger(__name__)


class SmsBackend:
    def send(self, *, to: str, body: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(SmsBackend):
    """Development: print the message with the number masked (phone numbers never go into logs)."""

    def send(self, *, to: str, body: str) -> None:
        log.info("SMS ke %s: %s", partial_mask("PHONE", to), body)


class MemorySmsBackend(SmsBackend):
    """Tests: messages collect in ``outbox``, like Django's locmem e-mail backend."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, body: str) -> None:
        self.outbox.append((to, body))


class FileSmsBackend(SmsBackend):
    """Development and demos: one file per message in PAMONG_SMS_FILE_PATH (default var/sms)."""

    def send(self, *, to: str, body: str) -> None:
        folder = Path(getattr(settings, "PAMONG_SMS_FILE_PATH", settings.BASE_DIR / "var" / "sms"))
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        (folder / f"{stamp}.txt").write_text(f"Kepada: {to}\n\n{body}\n", encoding="utf-8")


class HttpSmsBackend(SmsBackend):
    """A generic HTTP gateway (many Indonesian SMS/WhatsApp providers take a JSON POST with a token):
    PAMONG_SMS_HTTP_URL, PAMONG_SMS_HTTP_TOKEN; the body is {"to": "+62…", "message": "…"}."""

    def send(self, *, to: str, body: str) -> None:
        data = json.dumps({"to": to, "message": body}).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL comes from the operator's settings
            settings.PAMONG_SMS_HTTP_URL,
            data=data,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.PAMONG_SMS_HTTP_TOKEN}"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            if response.status >= 300:
                raise RuntimeError(f"gateway answered {response.status}")


def sms_backend() -> SmsBackend:
    path = getattr(settings, "PAMONG_SMS_BACKEND", "pamong.notifications.backends.ConsoleSmsBackend")
    return import_string(path)()
