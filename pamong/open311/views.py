"""Open311 GeoReport v2 at /open311/v2/: complaints as service requests, complaint categories as services.

* jurisdiction_id is the kabupaten/kota code (e.g. 13.71); service_code is the category code;
  service_request_id is the complaint's tracking code.
* Status: baru, diverifikasi, didisposisikan, ditindaklanjuti and dialihkan are "open"; selesai and ditolak
  are "closed"; status_notes carries the last official response.
* Every service definition has the attribute "kelurahan" (the kelurahan/desa code, required), so a client can
  say where the complaint belongs; the category's own questions follow.
* Confidential complaints are never listed; no reporter field is ever returned.
* Both .json and .xml; errors in the spec's format ([{"code": 400, "description": "…"}]).
* servicerequestupdates (as FixMyStreet does): each status change with its official response.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from pamong.api.services import api_client_by_key
from pamong.complaints.models import Category, Complaint, ComplaintChange, ComplaintPhoto, Status
from pamong.complaints.services import Report, complaint_submit
from pamong.core.errors import DomainError
from pamong.core.geo import in_area
from pamong.core.ratelimit import too_many
from pamong.core.redact import mask_contacts
from pamong.regions.deployment import deployment
from pamong.regions.models import Region

OPEN = {Status.BARU, Status.DIVERIFIKASI, Status.DIDISPOSISIKAN, Status.DITINDAKLANJUTI, Status.DIALIHKAN}
MAX_RESULTS = 1000
MAX_RANGE = dt.timedelta(days=90)
# Dates outside these years are refused (400) before any arithmetic: 0001-01-01 minus 90 days does not exist.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _xml(root: str, item: str, rows: Iterable[dict[str, Any]]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        _fill(ET.SubElement(top, item), row)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _fill(element: ET.Element, row: dict[str, Any]) -> None:
    for key, value in row.items():
        child = ET.SubElement(element, key)
        if isinstance(value, list):
            for entry in value:
                _fill(ET.SubElement(child, key[:-1] if key.endswith("s") else "item"), entry)
        elif isinstance(value, dict):
            _fill(child, value)
        elif value is not None:
            child.text = "true" if value is True else "false" if value is False else str(value)


def _respond(fmt: str, root: str, item: str, rows: list[dict[str, Any]], status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(_xml(root, item, rows), content_type="text/xml; charset=utf-8", status=status)
    return JsonResponse(rows, safe=False, status=status)


def _error(fmt: str, status: int, description: str) -> HttpResponse:
    return _respond(fmt, "errors", "error", [{"code": status, "description": description}], status=status)


def open311(view: Any) -> Any:
    """Format from the URL, jurisdiction check, and every failure in the spec's error format."""

    def wrapped(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
        if fmt not in ("json", "xml"):
            return _error("json", 404, "Format harus .json atau .xml.")
        params = request.POST if request.method == "POST" else request.GET
        jurisdiction = params.get("jurisdiction_id", "")
        if jurisdiction and jurisdiction != deployment().code:
            return _error(fmt, 404, f"jurisdiction_id tidak dikenal; layanan ini untuk {deployment().code}.")
        try:
            return view(request, fmt, **kwargs)
        except Open311Error as exc:
            return _error(fmt, exc.status, exc.description)
        except DomainError as exc:
            return _error(fmt, 400, exc.message)

    return wrapped


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


@require_http_methods(["GET"])
@open311
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:services", kwargs={"fmt": "json"})).rsplit("/", 1)[0] + "/"
    row = {
        "changeset": "2026-11-25T00:00:00+07:00",
        "contact": f"Pamong {deployment().name}",
        "key_service": "Kunci API diberikan oleh admin Pamong (Diskominfo).",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-11-25",
                "type": "production",
                "formats": [{"format": "application/json"}, {"format": "text/xml"}],
            }
        ],
    }
    if fmt == "xml":
        return HttpResponse(_xml_single("discovery", row), content_type="text/xml; charset=utf-8")
    return JsonResponse(row)


def _xml_single(root: str, row: dict[str, Any]) -> bytes:
    top = ET.Element(root)
    _fill(top, row)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _categories() -> list[Category]:
    return list(Category.objects.filter(kabkota_code=deployment().code, active=True).prefetch_related("fields"))


@require_http_methods(["GET"])
@open311
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description or c.name,
            "metadata": True,
            "type": "realtime",
            "keywords": "pengaduan",
            "group": "Pengaduan",
        }
        for c in _categories()
    ]
    return _respond(fmt, "services", "service", rows)


def _villages() -> list[Region]:
    return list(
        Region.objects.filter(code__startswith=deployment().code + ".", level=Region.Level.DESA).order_by("code")
    )


@require_http_methods(["GET"])
@open311
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    category = next((c for c in _categories() if c.code == code), None)
    if category is None:
        raise Open311Error(404, f"service_code {code} tidak dikenal.")
    attributes = [
        {
            "variable": True,
            "code": "kelurahan",
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": "Kode kelurahan/desa tempat kejadian",
            "order": 0,
            "description": "Kelurahan/desa",
            "values": [{"key": r.code, "name": r.name} for r in _villages()],
        }
    ]
    for spec in category.fields.all():
        attributes.append(
            {
                "variable": True,
                "code": spec.code,
                "datatype": spec.kind,
                "required": spec.required,
                "datatype_description": spec.get_kind_display(),
                "order": spec.order,
                "description": spec.label,
                "values": [{"key": k, "name": n} for k, n in spec.choice_list()],
            }
        )
    row = {"service_code": category.code, "attributes": attributes}
    if fmt == "xml":
        return HttpResponse(_xml_single("service_definition", row), content_type="text/xml; charset=utf-8")
    return JsonResponse(row)


def _request_row(c: Complaint, last_note: str, photo_id: int | None) -> dict[str, Any]:
    media = None
    if photo_id is not None:
        media = settings.PAMONG_BASE_URL.rstrip("/") + reverse("complaints:photo", args=[c.code, photo_id])
    return {
        "service_request_id": c.code,
        "status": "open" if c.status in OPEN else "closed",
        "status_notes": mask_contacts(last_note) or str(Status(c.status).label),
        "service_name": c.category.name,
        "service_code": c.category.code,
        "description": mask_contacts(c.text),
        "agency_responsible": c.unit.name,
        "service_notice": "",
        "requested_datetime": _iso(c.submitted_at),
        "updated_datetime": _iso(c.updated_at),
        "expected_datetime": _iso(c.due_at),
        "address": c.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(c.latitude) if c.latitude is not None else None,
        "long": float(c.longitude) if c.longitude is not None else None,
        "media_url": media,  # a URI, or null (GeoReport v2)
    }


def _date(raw: str, name: str) -> dt.datetime | None:
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None:
        raise Open311Error(400, f"{name} harus tanggal-waktu W3C, mis. 2026-11-01T00:00:00+07:00.")
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise Open311Error(400, f"{name} di luar rentang: tahun {EARLIEST_YEAR} sampai {LATEST_YEAR}.")
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _public_requests(ids: list[str] | None = None) -> Any:
    # The one publication rule (Complaint.objects.public): verified, not confidential, not refused as spam.
    qs = Complaint.objects.public().filter(kabkota_code=deployment().code).select_related("category", "unit")
    return qs.filter(code__in=ids) if ids is not None else qs


def _last_notes(complaints: list[Complaint]) -> dict[int, str]:
    notes: dict[int, str] = {}
    for complaint_id, note in (
        ComplaintChange.objects.filter(complaint__in=complaints, public=True)
        .exclude(note="")
        .order_by("complaint_id", "at", "id")
        .values_list("complaint_id", "note")
    ):
        notes[complaint_id] = note
    return notes


def _first_public_photos(complaints: list[Complaint]) -> dict[int, int]:
    photos: dict[int, int] = {}
    for complaint_id, pk in (
        ComplaintPhoto.objects.filter(complaint__in=complaints, public=True)
        .order_by("complaint_id", "pk")
        .values_list("complaint_id", "pk")
    ):
        photos.setdefault(complaint_id, pk)  # the first photo sent
    return photos


def _rows(complaints: list[Complaint]) -> list[dict[str, Any]]:
    notes = _last_notes(complaints)
    photos = _first_public_photos(complaints)
    return [_request_row(c, notes.get(c.pk, ""), photos.get(c.pk)) for c in complaints]


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post_request(request, fmt)
    params = request.GET
    if params.get("service_request_id"):
        ids = [part.strip().replace("-", "").upper() for part in params["service_request_id"].split(",")][:MAX_RESULTS]
        return _respond(fmt, "service_requests", "request", _rows(list(_public_requests(ids))))
    end = _date(params.get("end_date", ""), "end_date") or timezone.now()
    start = _date(params.get("start_date", ""), "start_date") or end - MAX_RANGE
    if start > end:
        raise Open311Error(400, "start_date harus sebelum end_date.")
    if end - start > MAX_RANGE:
        raise Open311Error(400, "Rentang start_date sampai end_date paling lama 90 hari.")
    qs = _public_requests().filter(submitted_at__gte=start, submitted_at__lte=end)
    if params.get("service_code"):
        codes = [c.strip() for c in params["service_code"].split(",")]
        qs = qs.filter(category__code__in=codes)
    status = params.get("status", "")
    if status:
        wanted = {s.strip() for s in status.split(",")}
        if not wanted <= {"open", "closed"}:
            raise Open311Error(400, "status harus open atau closed.")
        if wanted == {"open"}:
            qs = qs.filter(status__in=OPEN)
        elif wanted == {"closed"}:
            qs = qs.exclude(status__in=OPEN)
    return _respond(fmt, "service_requests", "request", _rows(list(qs.order_by("-submitted_at")[:MAX_RESULTS])))


@require_http_methods(["GET"])
@open311
def request_detail(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    rows = _rows(list(_public_requests([code.replace("-", "").upper()])))
    if not rows:
        raise Open311Error(404, f"service_request_id {code} tidak ditemukan.")
    return _respond(fmt, "service_requests", "request", rows)


@require_http_methods(["GET"])
@open311
def token_view(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    complaint = Complaint.objects.filter(submit_token=token[:40], kabkota_code=deployment().code).first()
    if complaint is None:
        raise Open311Error(404, "token tidak ditemukan.")
    # The id is given once the complaint is public (verified); until then the token is known but the request is
    # not yet readable, which GeoReport v2 allows ("service_request_id" appears when it is available).
    public = Complaint.objects.public().filter(pk=complaint.pk).exists()
    row = {"service_request_id": complaint.code if public else None, "token": token}
    return _respond(fmt, "service_requests", "request", [row])


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    client = api_client_by_key(params.get("api_key", ""))
    if client is None:
        raise Open311Error(403, "api_key tidak ada atau tidak berlaku.")
    if too_many(request, f"api:{client.pk}", limit=client.hourly_limit, window=3600):
        raise Open311Error(429, "Batas permintaan per jam untuk kunci ini terlampaui.")
    category = next((c for c in _categories() if c.code == params.get("service_code", "")), None)
    if category is None:
        raise Open311Error(400, "service_code tidak ada atau tidak dikenal.")
    attributes = {
        key[10:-1]: value for key, value in params.items() if key.startswith("attribute[") and key.endswith("]")
    }
    village = Region.objects.filter(code=attributes.pop("kelurahan", ""), level=Region.Level.DESA).first()
    if village is None or not village.code.startswith(deployment().code + "."):
        raise Open311Error(400, "attribute[kelurahan] harus kode kelurahan/desa dari definisi layanan.")
    lat, lon = params.get("lat", ""), params.get("long", "")
    if not (lat and lon) and not params.get("address_string"):
        raise Open311Error(400, "Sertakan lat dan long, atau address_string.")
    try:
        latitude = round(float(lat), 6) if lat else None
        longitude = round(float(lon), 6) if lon else None
    except ValueError:
        raise Open311Error(400, "lat dan long harus angka desimal.") from None
    if latitude is not None and longitude is not None and not in_area(latitude, longitude):
        raise Open311Error(400, "lat/long di luar wilayah layanan ini.")
    description = params.get("description", "").strip()
    if len(description) < 20:
        raise Open311Error(400, "description paling sedikit 20 karakter.")
    name = " ".join(part for part in (params.get("first_name", ""), params.get("last_name", "")) if part).strip()
    from lokal import normalize_phone

    phone = (normalize_phone(params["phone"]) or "") if params.get("phone") else ""
    token = uuid_hex()
    complaint, _created = complaint_submit(
        report=Report(
            category=category,
            region=village,
            title=description[:80],
            text=description,
            token=token,
            address=params.get("address_string", "")[:300],
            latitude=latitude,
            longitude=longitude,
            anonymous=not name,
            name=name,
            phone=phone,
            email=params.get("email", "")[:254],
            channel="api",
            answers={str(k)[:40]: str(v)[:2000] for k, v in list(attributes.items())[:50]},
        )
    )
    row = {
        "service_request_id": complaint.code,
        "token": token,
        "service_notice": f"Diverifikasi paling lambat {timezone.localtime(complaint.stage_due_at).date():%d-%m-%Y}."
        if complaint.stage_due_at
        else "",
        "account_id": "",
    }
    return _respond(fmt, "service_requests", "request", [row], status=201)


def uuid_hex() -> str:
    import uuid

    return uuid.uuid4().hex


@require_http_methods(["GET"])
@open311
def updates(request: HttpRequest, fmt: str) -> HttpResponse:
    """servicerequestupdates, as FixMyStreet offers it: every step of the complaints the public board lists (not
    confidential, not refused as spam); a remark that changes no status and is not public is left out."""
    end = _date(request.GET.get("end_date", ""), "end_date") or timezone.now()
    start = _date(request.GET.get("start_date", ""), "start_date") or end - MAX_RANGE
    if end - start > MAX_RANGE or start > end:
        raise Open311Error(400, "Rentang start_date sampai end_date paling lama 90 hari.")
    changes = (
        ComplaintChange.objects.steps()
        .filter(
            complaint__in=Complaint.objects.public().filter(kabkota_code=deployment().code),
            at__gte=start,
            at__lte=end,
        )
        .select_related("complaint")
        .order_by("at", "id")[:MAX_RESULTS]
    )
    rows = [
        {
            "update_id": ch.pk,
            "service_request_id": ch.complaint.code,
            "status": "open" if ch.to_status in OPEN else "closed",
            "updated_datetime": _iso(ch.at),
            "description": ch.note if ch.public else str(Status(ch.to_status).label),
            "media_url": "",
        }
        for ch in changes
    ]
    return _respond(fmt, "service_request_updates", "request_update", rows)
