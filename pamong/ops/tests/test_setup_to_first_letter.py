"""A real Pemda from nothing to its first letter: setup_kabkota 74.05 on an empty database, a BKN SIASN export of
50 ASN, one desa's perangkat with its kepala desa from a CSV, a signing certificate for that desa: a citizen applies
at the kantor desa through the public form, its staff work the request and the kepala desa signs."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.accounts.services import user_create_for_employee
from pamong.catalog.models import ServiceType
from pamong.ops.checklist import checklist
from pamong.organization.models import Employee, Unit
from pamong.organization.tests.test_import_pemda import PERANGKAT_CSV, SIASN_HEADER, siasn_rows, workbook
from pamong.regions.models import Region
from pamong.servicerequests.models import Letter, ServiceRequest, Status
from pamong.servicerequests.services import request_transition
from pamong.servicerequests.testing import PDF

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
LAPOA = "74.05.01.2003"  # the real code (the unit tests' miniature Konawe Selatan numbers it 74.05.07.2006)


def _p12(path: Path, passphrase: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    now = timezone.now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "LUKMAN TAWULO")]))
        .issuer_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, "OSD2 BSrE"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Badan Siber dan Sandi Negara"),
                ]
            )
        )
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        name=b"kades", key=key, cert=cert, cas=None, encryption_algorithm=BestAvailableEncryption(passphrase.encode())
    )
    path.write_bytes(blob)


def test_setup_import_certificate_apply_and_sign(
    tmp_path: Path, settings: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    settings.PAMONG_REGION_CODE = "74.05"
    (tmp_path / "admin.pw").write_text("Konsel-Produksi-2027!\n", encoding="utf-8")
    call_command("setup_kabkota", "74.05", "--password-file", str(tmp_path / "admin.pw"), stdout=io.StringIO())
    # The real codes (the unit tests' miniature Konawe Selatan numbers them otherwise).
    assert Region.objects.get(code="74.05.01").name == "Tinanggea"
    assert Region.objects.get(code=LAPOA).name == "Lapoa"
    kantor_desa = Unit.objects.get(code=LAPOA)
    assert kantor_desa.kind == Unit.Kind.KANTOR_DESA

    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    imported = admin.post(
        reverse("organization:employee_import"),
        {"file": SimpleUploadedFile("siasn.xlsx", workbook(SIASN_HEADER, siasn_rows(50)))},
    )
    assert imported.status_code == 302, imported.content.decode()[-2000:]
    imported = admin.post(
        reverse("organization:employee_import"),
        {
            "file": SimpleUploadedFile(
                "perangkat-lapoa.csv", PERANGKAT_CSV.replace("74.05.07.2006", "74.05.01.2003").encode()
            )
        },
    )
    assert imported.status_code == 302, imported.content.decode()[-2000:]
    assert Employee.objects.filter(kabkota_code="74.05", employment_type__in=["pns", "pppk"]).count() == 50
    kades = Employee.objects.get(unit=kantor_desa, employment_type=Employee.EmploymentType.KEPALA_DESA)
    operator = Employee.objects.get(unit=kantor_desa, name="Irwan Saleh")  # Kasi Pelayanan
    kades_user = user_create_for_employee(
        employee=kades, username="kades_lapoa", password="Lapoa-Kades-2027!", role=Role.KEPALA_UNIT
    )
    petugas = user_create_for_employee(
        employee=operator, username="operator_lapoa", password="Lapoa-Operator-2027!", role=Role.PETUGAS
    )

    _p12(tmp_path / "kades.p12", "rahasia-kades")
    (tmp_path / "p12.pass").write_text("rahasia-kades\n", encoding="utf-8")
    call_command(
        "install_certificate",
        kantor_desa.code,
        str(tmp_path / "kades.p12"),
        "--passphrase-file",
        str(tmp_path / "p12.pass"),
        stdout=io.StringIO(),
    )
    items = {item.key: item for item in checklist(code="74.05")}
    assert "Kantor Desa Lapoa" not in " ".join(items["sertifikat"].names)
    assert "Kantor Desa Lapoa" not in " ".join(items["akun"].names)

    # A citizen applies at the kantor desa through the public form.
    service = ServiceType.objects.get(kabkota_code="74.05", code="sk-domisili")
    data: dict[str, Any] = {
        "token": "token-lapoa",
        "unit": kantor_desa.pk,
        "nik": "7405014204850003",
        "name": "Wa Ode Sitti",
        "birth_place": "Andoolo",
        "birth_date": "1985-04-02",
        "gender": "P",
        "religion": "Islam",
        "occupation": "Petani",
        "address": "Dusun II, Desa Lapoa",
        "phone": "0812-4567-8901",
        "email": "",
        "statement": "on",
    }
    for field in service.fields.all():
        data[f"f_{field.code}"] = (field.choices.splitlines() or ["Melamar pekerjaan"])[0]
    for document in service.documents.filter(required=True):
        data[f"doc_{document.pk}"] = SimpleUploadedFile(f"{document.pk}.pdf", PDF, content_type="application/pdf")
    citizen = Client()
    applied = citizen.post(reverse("servicerequests:apply", args=[service.code]), data)
    assert applied.status_code == 302, applied.content.decode()[-3000:]
    request = ServiceRequest.objects.get(unit=kantor_desa)

    for to in (Status.DIVERIFIKASI, Status.DIPROSES, Status.MENUNGGU_TTD):
        request = request_transition(request=request, actor=petugas, to_status=to)
    with django_capture_on_commit_callbacks(execute=True):
        request = request_transition(request=request, actor=kades_user, to_status=Status.SELESAI)
    letter = Letter.objects.get(request=request)
    assert request.status == Status.SELESAI and letter.ready
    assert letter.signer_name == kades.full_name and letter.signed_by == "CN=LUKMAN TAWULO"
    assert "/" + kantor_desa.letter_code + "/" in letter.number
    page = citizen.get(reverse("servicerequests:verify", args=[letter.verification_code])).content.decode()
    assert "Kantor Desa Lapoa" in page and "Badan Siber dan Sandi Negara (OSD2 BSrE)" in page
