"""Test builders for service requests: a citizen (WARGA), the domisili service, a submitted request, a request
walked to selesai, and the public application form's data."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pamong.catalog.models import ServiceType
from pamong.catalog.services import service_types_load
from pamong.catalog.testing import DOMISILI, with_changes
from pamong.organization.models import Unit
from pamong.servicerequests.models import ServiceRequest, Status
from pamong.servicerequests.services import Applicant, Submission, request_submit, request_transition
from pamong.testing import Padang, ThreadedStub

WARGA = Applicant(
    nik="1371014204850003",
    name="Yusnimar Chaniago",
    birth_place="Padang",
    birth_date=dt.date(1985, 4, 2),
    gender="P",
    address="Jl. Belakang Pondok No. 12, RT 01 RW 02",
    phone="+6281234567890",
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # the smallest file that passes the content check


def make_service(kabkota: str = "13.71", **changes: Any) -> ServiceType:
    data = with_changes(**changes) if changes else DOMISILI
    service_types_load(kabkota_code=kabkota, data=[data])
    return ServiceType.objects.get(kabkota_code=kabkota, code=data["code"])


_phones = itertools.count(1)


def make_request(unit: Unit, service: ServiceType, *, now: dt.datetime | None = None, **kw: Any) -> ServiceRequest:
    """A request by a citizen like WARGA; each gets its own phone number unless an applicant is given."""
    applicant = kw.pop("applicant", None) or replace(WARGA, phone=f"+62812{next(_phones):08d}")
    submission = Submission(
        service=service,
        unit=unit,
        applicant=applicant,
        answers=kw.pop("answers", {"keperluan": "Melamar pekerjaan"}),
        token=kw.pop("token", uuid.uuid4().hex),
    )
    request, _created = request_submit(submission=submission, now=now)
    return request


def finish(request: ServiceRequest, petugas: Any, lurah: Any, now: dt.datetime | None = None) -> ServiceRequest:
    """Walk a request through every stage to selesai (the petugas works it, the lurah signs)."""
    for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
        request = request_transition(request=request, actor=petugas, to_status=to, now=now)
    return request_transition(request=request, actor=lurah, to_status=Status.SELESAI, now=now)


def photo_with_gps() -> bytes:
    """A small JPEG with a camera make and a GPS position in its EXIF data."""
    img = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    exif[0x8825] = {2: (0.0, 57.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def form_data(service: ServiceType, padang: Padang, **overrides: Any) -> dict[str, Any]:
    """What WARGA fills in on the public form of ``service`` at Kantor Lurah Belakang Pondok, with the KTP photo
    and the RT/RW letter attached."""
    docs = list(service.documents.order_by("order"))
    data: dict[str, Any] = {
        "token": "token-satu",
        "unit": padang.kantor_lurah_bp.pk,
        "nik": "1371 0142 0485 0003",
        "name": "Yusnimar Chaniago",
        "birth_place": "Padang",
        "birth_date": "1985-04-02",
        "gender": "P",
        "religion": "Islam",
        "occupation": "Pedagang",
        "address": "Jl. Belakang Pondok No. 12",
        "phone": "0812-3456-7890",
        "email": "",
        "f_keperluan": "Melamar pekerjaan",
        "statement": "on",
        f"doc_{docs[0].pk}": SimpleUploadedFile("ktp.jpg", photo_with_gps(), content_type="image/jpeg"),
        f"doc_{docs[1].pk}": SimpleUploadedFile("pengantar.pdf", PDF, content_type="application/pdf"),
    }
    data.update(overrides)
    return data


# --- a local stand-in for the BSrE esign API v2 -------------------------------------------------------------------

BSRE_USER, BSRE_PASSWORD = "pamong-instansi", "rahasia-instansi"  # the instansi's Basic credentials (test only)


def _stub_pkcs12() -> tuple[bytes, str]:
    """A throw-away self-signed certificate that the stub signs with, as "BSrE stub"."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "BSrE stub")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    passphrase = "stub"  # noqa: S105 (a throw-away key of the test stub)
    blob = pkcs12.serialize_key_and_certificates(
        name=b"stub", key=key, cert=cert, cas=None, encryption_algorithm=BestAvailableEncryption(passphrase.encode())
    )
    return blob, passphrase


@dataclass
class BsreStub(ThreadedStub):
    """The BSrE esign API v2 on 127.0.0.1, answering as the public clients of the real service show it does (see
    ``pamong.servicerequests.bsre``): HTTP Basic; ``/api/v2/user/check/status`` by NIK; ``/api/v2/sign/pdf`` signs
    the PDF (PAdES, with its own throw-away certificate, the image drawn in the box asked for) for a registered NIK
    with its passphrase. ``signers``: NIK → passphrase of people holding a certificate. ``fail_with``: answer every
    call with this HTTP status; ``hang``: wait this many seconds before answering a signing."""

    signers: dict[str, str] = field(default_factory=dict)
    fail_with: int = 0
    hang: float = 0.0
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def start(self) -> BsreStub:
        import base64
        import json
        import threading
        import time
        from http.server import BaseHTTPRequestHandler

        from pamong.servicerequests.signing import Box, pdf_sign_pkcs12
        from pamong.testing import free_port

        stub = self
        key, key_passphrase = _stub_pkcs12()
        expected_auth = "Basic " + base64.b64encode(f"{BSRE_USER}:{BSRE_PASSWORD}".encode()).decode()
        self.released = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length) or b"{}")
                stub.requests.append((self.path, payload))
                if self.headers.get("Authorization") != expected_auth:
                    self.answer(
                        401,
                        {"timestamp": "2026-01-01T00:00:00", "status": 401, "error": "Unauthorized", "path": self.path},
                    )
                    return
                if stub.fail_with:
                    self.answer(
                        stub.fail_with,
                        {
                            "timestamp": "2026-01-01T00:00:00",
                            "status": stub.fail_with,
                            "error": "Internal Server Error",
                            "path": self.path,
                        },
                    )
                    return
                nik = str(payload.get("nik", ""))
                if self.path == "/api/v2/user/check/status":
                    if nik in stub.signers:
                        self.answer(
                            200, {"status_code": 1111, "message": "User memiliki sertifikat", "status": "ISSUE"}
                        )
                    else:
                        self.answer(
                            200, {"status_code": 2011, "message": "User tidak terdaftar", "status": "NOT_REGISTERED"}
                        )
                    return
                if self.path != "/api/v2/sign/pdf":
                    self.answer(404, {"error": "Not Found", "status_code": 404})
                    return
                if stub.hang:
                    stub.released.wait(stub.hang)
                if nik not in stub.signers:
                    self.answer(400, {"error": "User tidak terdaftar", "status_code": 2011})
                    return
                if payload.get("passphrase") != stub.signers[nik]:
                    self.answer(400, {"error": "Passphrase anda salah", "status_code": 2031})
                    return
                started = time.monotonic()
                prop = payload["signatureProperties"][0]
                box = None
                if prop.get("tampilan") == "VISIBLE":
                    box = Box(
                        page=int(prop["page"]),
                        x=float(prop["originX"]),
                        y=float(prop["originY"]),
                        width=float(prop["width"]),
                        height=float(prop["height"]),
                    )
                signed = pdf_sign_pkcs12(
                    pdf=base64.b64decode(payload["file"][0]),
                    pkcs12=key,
                    passphrase=key_passphrase,
                    reason=str(prop.get("reason", "")),
                    location=str(prop.get("location", "")),
                    box=box,
                    image_png=base64.b64decode(prop["imageBase64"]) if box else b"",
                )
                elapsed = int((time.monotonic() - started) * 1000)
                self.answer(200, {"time": elapsed, "file": [base64.b64encode(signed).decode()]})

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.serve(Handler, free_port())
        return self

    @property
    def url(self) -> str:
        return self.base_url
