"""Client of the BSrE (Balai Sertifikasi Elektronik, BSSN) esign API v2: the certified electronic signature that
Indonesian government systems use. Everything Pamong knows about that service is in this module, so that its
request and response handling can be adjusted in one place on first contact with the real service.

Settings: ``PAMONG_BSRE_URL`` (the base URL of the instansi's esign client service), ``PAMONG_BSRE_USERNAME`` and
``PAMONG_BSRE_PASSWORD`` (HTTP Basic, the instansi's credentials), ``PAMONG_BSRE_TIMEOUT`` (seconds a signing may
take to connect or between bytes of its answer; the signer waits for it) and ``PAMONG_BSRE_STATUS_TIMEOUT`` (the
same for the check of the signer's status).

Confirmed from public clients of the service (other Indonesian government systems' code and an integration report;
no official specification was at hand):

- ``POST /api/v2/sign/pdf`` with HTTP Basic and a JSON body ``{"nik", "passphrase", "signatureProperties": [{...}],
  "file": ["<base64 PDF>"]}``: ``file`` and ``signatureProperties`` are lists, one element per PDF. A property has
  ``tampilan`` (``VISIBLE`` or ``INVISIBLE``), and for a visible one ``imageBase64``, ``page``, ``originX``,
  ``originY``, ``width``, ``height``; ``location`` and ``reason`` in both.
- Success is HTTP 200 JSON ``{"time": <ms>, "file": ["<base64 signed PDF>"]}`` (``file`` a list even for one PDF).
- A refused signing is HTTP 4xx JSON ``{"error": "<message>", "status_code": <int>}``.
- ``POST /api/v2/user/check/status`` with ``{"nik"}`` answers HTTP 200 ``{"status_code", "message", "status"}``;
  ``status`` ``ISSUE`` means the signer holds a valid certificate; ``NOT_REGISTERED`` (code 2011) and
  ``NO_CERTIFICATE`` (code 2021) were seen for unknown people, also with HTTP 200.
- Wrong Basic credentials: HTTP 401 JSON ``{"timestamp", "status", "error", "path"}``; an unreadable PDF: HTTP 500.

Assumed (adjust here when the real service says otherwise):

- A wrong passphrase is a 4xx whose ``status_code`` is 2031 or whose ``error`` mentions the passphrase; a signer
  not registered is a 4xx with ``status_code`` 2011/2021 or an ``error`` saying so. Other 4xx are refusals we do
  not know (shown as such, with the service's own message left out of the page and the log).
- ``originX``/``originY`` are PDF points from the bottom-left corner of the page, ``page`` counts from 1, and
  ``width``/``height`` are points: the PDF's own user space, as the Java PDF libraries such services use.
- A visible signature draws ``imageBase64`` (PNG) scaled into that box.
- Timeouts: a signing that does not answer in time may have been made by the service; Pamong keeps nothing of it
  (the letter stays waiting, no number is used) and the signer tries again. The service is never retried
  automatically.

The passphrase is passed through and never stored, logged, or put in an exception's text.
"""

from __future__ import annotations

import base64
import binascii
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

SIGN_PATH = "/api/v2/sign/pdf"
STATUS_PATH = "/api/v2/user/check/status"

WRONG_PASSPHRASE_CODES = {2031}
NOT_REGISTERED_CODES = {2011, 2021}
VALID_STATUS = "ISSUE"


class BsreError(Exception):
    """The service did not sign. ``detail`` is for the log: it never holds the passphrase, the NIK or a PDF."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class WrongPassphrase(BsreError):
    pass


class NotRegistered(BsreError):
    pass


class Unavailable(BsreError):
    """Timeout, connection refused, 5xx, or an answer that is not what the service sends."""


class Refused(BsreError):
    """A 4xx we cannot place (e.g. the instansi's credentials are wrong)."""


@dataclass(frozen=True)
class SignatureProperties:
    tampilan: str  # VISIBLE or INVISIBLE
    reason: str
    location: str
    page: int = 1
    origin_x: float = 0
    origin_y: float = 0
    width: float = 0
    height: float = 0
    image_png: bytes = b""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"tampilan": self.tampilan, "location": self.location, "reason": self.reason}
        if self.tampilan == "VISIBLE":
            data.update(
                page=self.page,
                originX=round(self.origin_x, 2),
                originY=round(self.origin_y, 2),
                width=round(self.width, 2),
                height=round(self.height, 2),
                imageBase64=base64.b64encode(self.image_png).decode(),
            )
        return data


@dataclass(frozen=True)
class UserStatus:
    status: str
    code: str
    message: str

    @property
    def can_sign(self) -> bool:
        return self.status.upper() == VALID_STATUS


@sensitive_variables("passphrase", "body")
def sign_pdf(*, nik: str, passphrase: str, pdf: bytes, properties: SignatureProperties) -> bytes:
    """Sign one PDF; returns the signed PDF. Raises a ``BsreError``."""
    body = {
        "nik": nik,
        "passphrase": passphrase,
        "signatureProperties": [properties.as_json()],
        "file": [base64.b64encode(pdf).decode()],
    }
    status, answer = _post(SIGN_PATH, body, timeout=float(settings.PAMONG_BSRE_TIMEOUT))
    if status == 200:
        files = answer.get("file") if isinstance(answer, dict) else None
        if not isinstance(files, list) or not files or not isinstance(files[0], str):
            raise Unavailable("sign: 200 without a file")
        try:
            signed = base64.b64decode(files[0], validate=True)
        except (binascii.Error, ValueError):
            raise Unavailable("sign: file is not base64") from None
        if not signed.startswith(b"%PDF"):
            raise Unavailable("sign: file is not a PDF")
        return signed
    raise _refusal("sign", status, answer)


def user_status(*, nik: str) -> UserStatus:
    """Whether the person with this NIK holds a certificate they can sign with. Raises ``Unavailable`` or
    ``Refused``."""
    status, answer = _post(STATUS_PATH, {"nik": nik}, timeout=float(settings.PAMONG_BSRE_STATUS_TIMEOUT))
    if status != 200:
        raise _refusal("status", status, answer)
    if not isinstance(answer, dict) or "status" not in answer:
        raise Unavailable("status: 200 without a status")
    return UserStatus(
        status=str(answer.get("status") or ""),
        code=str(answer.get("status_code") or ""),
        message=str(answer.get("message") or ""),
    )


def _refusal(what: str, status: int, answer: Any) -> BsreError:
    if status >= 500 or status == 0:
        return Unavailable(f"{what}: HTTP {status}")
    error = answer if isinstance(answer, dict) else {}
    text = str(error.get("error") or error.get("message") or "").lower()
    try:
        code = int(error.get("status_code") or 0)
    except (TypeError, ValueError):
        code = 0
    detail = f"{what}: HTTP {status} code {code}"
    if code in WRONG_PASSPHRASE_CODES or "passphrase" in text:
        return WrongPassphrase(detail)
    if code in NOT_REGISTERED_CODES or "tidak terdaftar" in text or "not registered" in text:
        return NotRegistered(detail)
    return Refused(detail)


@sensitive_variables("body", "data")
def _post(path: str, body: dict[str, Any], *, timeout: float) -> tuple[int, Any]:
    """POST JSON with the instansi's Basic credentials; returns (HTTP status, decoded JSON or None)."""
    base = str(settings.PAMONG_BSRE_URL or "").rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise Unavailable("PAMONG_BSRE_URL is not set")
    credentials = f"{settings.PAMONG_BSRE_USERNAME}:{settings.PAMONG_BSRE_PASSWORD}".encode()
    data = json.dumps(body).encode()
    request = urllib.request.Request(  # noqa: S310 (an http(s) URL from settings, checked above)
        base + path,
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": "Basic " + base64.b64encode(credentials).decode(),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, _json(response.read())
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, _json(exc.read())
        finally:
            exc.close()
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise Unavailable(f"{path}: {type(reason).__name__}") from None


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return None
