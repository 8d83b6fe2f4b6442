"""The JSON API (django-ninja) with its OpenAPI schema at /api/openapi.json and documentation at /api/docs.

Reads are open (they show only what the public pages show); filing a complaint needs a client key in the
X-API-Key header. Every error is JSON: {"detail": "...", "field": "..."} with the usual status codes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Router, Schema
from ninja import Status as Reply
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyHeader

from pamong.api.models import ApiClient
from pamong.api.services import api_client_by_key
from pamong.catalog.models import ServiceType
from pamong.complaints.models import Category, Status
from pamong.complaints.selectors import complaint_by_code, public_history
from pamong.complaints.services import Report, complaint_submit
from pamong.core import geo
from pamong.core.errors import DomainError, Forbidden
from pamong.core.ratelimit import blocked, count_miss, too_many
from pamong.regions.deployment import deployment
from pamong.regions.models import Region
from pamong.servicerequests.selectors import tracked_request


class ClientKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiClient | None:
        client = api_client_by_key(key or "")
        if client is None:
            return None
        if too_many(request, f"api:{client.pk}", limit=client.hourly_limit, window=3600):
            raise HttpError(429, "Batas permintaan per jam untuk kunci ini terlampaui.")
        return client


api = NinjaAPI(
    title="Pamong API",
    version="1",
    description="Pengaduan, status permohonan layanan dan data rujukan " + settings.PAMONG_REGION_CODE,
    urls_namespace="api",
    docs_url="/docs",
)


class Error(Schema):
    detail: str
    field: str | None = None


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(Forbidden)
def forbidden(request: HttpRequest, exc: Forbidden) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": None}, status=403)


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Kunci API (header X-API-Key) tidak ada atau tidak berlaku.", "field": None}, status=401
    )


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    location = [str(p) for p in first.get("loc", []) if p not in ("body", "payload", "query", "path")]
    return api.create_response(
        request,
        {"detail": "Data tidak valid: " + _explain(first), "field": ".".join(location) or None},
        status=422,
    )


def _explain(error: dict[str, Any]) -> str:
    """Pydantic's error, said in Bahasa Indonesia."""
    ctx = error.get("ctx") or {}
    kind = str(error.get("type", ""))
    messages = {
        "missing": "wajib diisi",
        "string_too_short": f"paling sedikit {ctx.get('min_length')} karakter",
        "string_too_long": f"paling banyak {ctx.get('max_length')} karakter",
        "string_pattern_mismatch": "bentuknya tidak sesuai",
        "greater_than_equal": f"paling kecil {ctx.get('ge')}",
        "less_than_equal": f"paling besar {ctx.get('le')}",
        "decimal_parsing": "harus berupa angka desimal",
        "decimal_max_places": f"paling banyak {ctx.get('decimal_places')} angka di belakang koma",
        "bool_parsing": "harus true atau false",
        "json_invalid": "JSON tidak dapat dibaca",
        "dict_type": "harus berupa objek JSON",
        "string_type": "harus berupa teks",
        "model_attributes_type": "harus berupa objek JSON",
    }
    return messages.get(kind, "periksa isian")


# Reference lists -----------------------------------------------------------------------------------------------

reference = Router(tags=["Rujukan"])


class CategoryOut(Schema):
    code: str
    name: str
    completion_days: int


class RegionOut(Schema):
    code: str
    name: str
    level: int


class ServiceOut(Schema):
    code: str
    name: str
    deadline_days: int
    fee: int


@reference.get("/kategori-pengaduan", response=list[CategoryOut], summary="Kategori pengaduan")
def categories(request: HttpRequest) -> Any:
    return list(Category.objects.filter(kabkota_code=deployment().code, active=True))


@reference.get("/wilayah", response={200: list[RegionOut], 404: Error}, summary="Wilayah di bawah satu kode")
def regions(request: HttpRequest, induk: str = "") -> Any:
    parent = induk or deployment().code
    if len(parent) > 13 or not Region.objects.filter(code=parent).exists():
        return Reply(404, {"detail": "Kode wilayah tidak dikenal."})
    return Reply(200, list(Region.objects.filter(parent_id=parent).order_by("code")))


@reference.get("/layanan", response=list[ServiceOut], summary="Jenis layanan dan standar waktunya")
def services(request: HttpRequest) -> Any:
    return [
        {"code": s.code, "name": s.name, "deadline_days": s.deadline_days, "fee": int(s.fee or 0)}
        for s in ServiceType.objects.filter(kabkota_code=deployment().code, active=True).order_by("order", "name")
    ]


# Complaints ----------------------------------------------------------------------------------------------------

complaints = Router(tags=["Pengaduan"])


class ComplaintIn(Schema):
    category: str = Field(..., max_length=40, description="kode kategori")
    region: str = Field(..., max_length=13, pattern=r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$", description="kode kelurahan/desa")
    title: str = Field(..., min_length=3, max_length=150)
    text: str = Field(..., min_length=20, max_length=5000)
    address: str = Field("", max_length=300)
    latitude: Decimal | None = Field(None, ge=geo.LATITUDE[0], le=geo.LATITUDE[1], max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=geo.LONGITUDE[0], le=geo.LONGITUDE[1], max_digits=9, decimal_places=6)
    anonymous: bool = False
    confidential: bool = False
    name: str = Field("", max_length=160)
    phone: str = Field("", max_length=24)
    email: str = Field("", max_length=254)
    answers: dict[str, str] = Field(default_factory=dict, description="jawaban pertanyaan kategori: kode → nilai")
    token: str = Field(
        "", max_length=40, pattern=r"^[0-9a-f]{0,40}$", description="kunci sekali pakai: kirim ulang = satu pengaduan"
    )


class ResponseOut(Schema):
    status: str
    at: dt.datetime
    note: str


class ComplaintOut(Schema):
    code: str
    title: str
    category: str
    region: str
    unit: str
    status: str
    status_label: str
    submitted_at: dt.datetime
    due_at: dt.datetime
    finished_at: dt.datetime | None
    history: list[ResponseOut]


def _complaint_out(complaint: Any) -> dict[str, Any]:
    return {
        "code": complaint.code,
        "title": complaint.title,
        "category": complaint.category.code,
        "region": complaint.region_id,
        "unit": complaint.unit.name,
        "status": complaint.status,
        "status_label": str(Status(complaint.status).label),
        "submitted_at": complaint.submitted_at,
        "due_at": complaint.due_at,
        "finished_at": complaint.finished_at,
        "history": [{"status": h.to_status, "at": h.at, "note": h.note} for h in public_history(complaint)],
    }


@complaints.post(
    "/", response={201: ComplaintOut, 400: Error, 401: Error}, auth=ClientKey(), summary="Sampaikan pengaduan"
)
def complaint_create(request: HttpRequest, payload: ComplaintIn) -> Any:
    from lokal import normalize_phone

    code = deployment().code
    category = Category.objects.filter(kabkota_code=code, code=payload.category, active=True).first()
    if category is None:
        raise DomainError("Kategori tidak dikenal.", field="category")
    region = Region.objects.filter(code=payload.region, level=Region.Level.DESA).first()
    if region is None or not region.code.startswith(code + "."):
        raise DomainError("Kode kelurahan/desa tidak dikenal di kabupaten/kota ini.", field="region")
    phone = ""
    if payload.phone:
        phone = normalize_phone(payload.phone) or ""
        if not phone:
            raise DomainError("Nomor ponsel tidak dikenali.", field="phone")
    complaint, _created = complaint_submit(
        report=Report(
            category=category,
            region=region,
            title=payload.title,
            text=payload.text,
            token=payload.token or uuid.uuid4().hex,
            address=payload.address,
            latitude=payload.latitude,
            longitude=payload.longitude,
            anonymous=payload.anonymous,
            confidential=payload.confidential,
            name=payload.name,
            phone=phone,
            email=payload.email,
            channel="api",
            answers={str(k)[:40]: str(v)[:2000] for k, v in list(payload.answers.items())[:50]},
        )
    )
    return Reply(201, _complaint_out(complaint_by_code(complaint.code)))


@complaints.get("/{code}", response={200: ComplaintOut, 404: Error, 429: Error}, summary="Pengaduan menurut kode")
def complaint_read(request: HttpRequest, code: str) -> Any:
    if blocked(request, "pengaduan", limit=settings.PAMONG_TRACK_LIMIT):
        return Reply(429, {"detail": "Terlalu banyak kode yang salah. Coba lagi nanti."})
    complaint = complaint_by_code(code)
    if complaint is None:
        count_miss(request, "pengaduan", window=600)
        return Reply(404, {"detail": "Kode pengaduan tidak ditemukan."})
    return Reply(200, _complaint_out(complaint))


# Service requests ----------------------------------------------------------------------------------------------

requests = Router(tags=["Permohonan layanan"])


class RequestStatusOut(Schema):
    code: str
    service: str
    unit: str
    status: str
    status_label: str
    next_step: str
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    overdue: bool


@requests.get(
    "/{code}", response={200: RequestStatusOut, 404: Error, 429: Error}, summary="Status permohonan menurut kode lacak"
)
def request_status(request: HttpRequest, code: str) -> Any:
    if blocked(request, "lacak", limit=settings.PAMONG_TRACK_LIMIT):
        return Reply(429, {"detail": "Terlalu banyak kode yang salah. Coba lagi nanti."})
    found = tracked_request(code)
    if found is None:
        count_miss(request, "lacak", window=600)
        return Reply(404, {"detail": "Kode lacak tidak ditemukan."})
    return Reply(
        200,
        {
            "code": found.code,
            "service": found.service_name,
            "unit": found.unit_name,
            "status": found.status,
            "status_label": found.status_label,
            "next_step": found.next_step,
            "submitted_at": found.submitted_at,
            "due_at": found.due_at,
            "overdue": found.overdue,
        },
    )


api.add_router("/rujukan", reference)
api.add_router("/pengaduan", complaints)
api.add_router("/permohonan", requests)
