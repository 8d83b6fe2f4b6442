"""Open311 GeoReport v2, spoken to by a small client of our own over plain HTTP (urllib against the live
server): list services, read a definition, post a complaint with attributes, read it back by id and by token,
filter requests, in JSON and XML; and the spec's errors for every bad request."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from pamong.api.services import api_client_create
from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Complaint
from pamong.testing import Padang

pytestmark = pytest.mark.django_db(transaction=True)


class Open311Client:
    """A GeoReport v2 client written from the spec, nothing Pamong-specific but the base address."""

    def __init__(self, base: str, jurisdiction: str, api_key: str = "") -> None:
        self.base, self.jurisdiction, self.api_key = base.rstrip("/") + "/", jurisdiction, api_key

    def _call(self, path: str, fmt: str, params: dict[str, str] | None = None, post: bool = False) -> tuple[int, bytes]:
        query = {"jurisdiction_id": self.jurisdiction, **(params or {})}
        url = f"{self.base}{path}.{fmt}"
        data = None
        if post:
            data = urllib.parse.urlencode({**query, "api_key": self.api_key}).encode()
        else:
            url += "?" + urllib.parse.urlencode(query)
        try:
            request = urllib.request.Request(url, data=data)  # noqa: S310 (http to the test's own live server)
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def json(self, path: str, params: dict[str, str] | None = None, post: bool = False) -> tuple[int, Any]:
        status, body = self._call(path, "json", params, post)
        return status, json.loads(body)

    def xml(self, path: str, params: dict[str, str] | None = None, post: bool = False) -> tuple[int, ET.Element]:
        status, body = self._call(path, "xml", params, post)
        return status, ET.fromstring(body)  # noqa: S314 (our own server's answer, in a test)


@pytest.fixture
def client311(live_server: Any, padang: Padang) -> Open311Client:
    categories_seed(kabkota_code="13.71")
    _client, key = api_client_create(name="Aplikasi kota")
    return Open311Client(live_server.url + "/open311/v2/", "13.71", key)


REPORT = {
    "service_code": "infrastruktur",
    "lat": "-0.959200",
    "long": "100.361500",
    "address_string": "Jl. Belakang Pondok depan SD 12",
    "description": "Jalan berlubang besar di depan sekolah, sudah dua motor jatuh minggu ini.",
    "first_name": "Rahmat",
    "last_name": "Hidayat",
    "phone": "0812 3456 7001",
    "attribute[kelurahan]": "13.71.01.1001",
    "attribute[jenis]": "jalan",
    "attribute[lebar]": "2,5",
}


def test_a_spec_client_lists_posts_reads_and_filters_in_json_and_xml(
    client311: Open311Client, petugas_belakang_pondok: Any
) -> None:
    from pamong.complaints.models import Status
    from pamong.complaints.services import complaint_transition

    status, services = client311.json("services")
    assert status == 200 and "infrastruktur" in [s["service_code"] for s in services]
    _status, definition = client311.json("services/infrastruktur")
    codes = [a["code"] for a in definition["attributes"]]
    assert codes[:2] == ["kelurahan", "jenis"] and definition["attributes"][1]["datatype"] == "singlevaluelist"
    status, created = client311.json("requests", REPORT, post=True)
    assert status == 201
    request_id, token = created[0]["service_request_id"], created[0]["token"]
    complaint = Complaint.objects.get(code=request_id)
    assert complaint.answers == {"jenis": "jalan", "lebar": 2.5} and complaint.region_id == "13.71.01.1001"
    # Not public before the office has verified it: the token is known, the request is not yet readable.
    assert client311.json(f"requests/{request_id}")[0] == 404
    assert client311.json(f"tokens/{token}")[1] == [{"service_request_id": None, "token": token}]
    assert client311.json("requests")[1] == []
    complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    _status, by_id = client311.json(f"requests/{request_id}")
    assert by_id[0]["status"] == "open" and by_id[0]["service_code"] == "infrastruktur"
    assert by_id[0]["expected_datetime"] and "Rahmat" not in json.dumps(by_id)
    assert (by_id[0]["lat"], by_id[0]["long"], by_id[0]["media_url"]) == (-0.9592, 100.3615, None)
    _status, by_token = client311.json(f"tokens/{token}")
    assert by_token[0]["service_request_id"] == request_id
    _status, listed = client311.json("requests", {"status": "open", "service_code": "infrastruktur"})
    assert [r["service_request_id"] for r in listed] == [request_id]
    _status, closed = client311.json("requests", {"status": "closed"})
    assert closed == []
    status, root = client311.xml(f"requests/{request_id}")
    assert status == 200 and root.tag == "service_requests"
    assert root.findtext("request/service_request_id") == request_id and root.findtext("request/status") == "open"
    _status, services_xml = client311.xml("services")
    assert "infrastruktur" in [e.text for e in services_xml.iter("service_code")]
    _status, updates = client311.json("servicerequestupdates")
    assert updates[0]["service_request_id"] == request_id


@pytest.mark.parametrize(
    ("path", "params", "post", "status"),
    [
        ("requests", {**REPORT}, "no-key", 403),
        ("requests", {**REPORT}, "wrong-key", 403),
        ("requests", {**REPORT, "service_code": "tidak-ada"}, "key", 400),
        ("requests", {**REPORT, "attribute[kelurahan]": "99.99.99.9999"}, "key", 400),
        ("requests", {**REPORT, "attribute[jenis]": "banjir"}, "key", 400),
        ("requests", {**REPORT, "lat": "abc"}, "key", 400),
        ("requests", {"start_date": "kemarin"}, "", 400),
        ("requests", {"start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-11-01T00:00:00+07:00"}, "", 400),
        ("requests", {"status": "lost"}, "", 400),
        ("requests", {"end_date": "0001-01-01T00:00:00Z"}, "", 400),
        ("requests", {"end_date": "9999-12-31T23:59:59Z"}, "", 400),
        ("requests", {"start_date": "0001-01-01T00:00:00Z"}, "", 400),
        ("services/tidak-ada", {}, "", 404),
        ("requests/ABCD1234X", {}, "", 404),
        ("services", {"jurisdiction_id": "31.71"}, "", 404),
    ],
)
def test_bad_requests_get_the_spec_error_never_a_500(
    client311: Open311Client, path: str, params: dict[str, str], post: str, status: int
) -> None:
    if post == "no-key":
        client311.api_key = ""
    elif post == "wrong-key":
        client311.api_key = "pmg_salah"
    got, body = client311.json(path, params, post=bool(post))
    assert got == status
    assert body[0]["code"] == status and body[0]["description"]
    got_xml, root = client311.xml(path, params, post=bool(post))
    assert got_xml == status and root.tag == "errors" and root.findtext("error/code") == str(status)
    assert not Complaint.objects.exists()


def test_confidential_complaints_and_reporters_never_reach_open311_and_text_is_escaped(
    client311: Open311Client, petugas_belakang_pondok: Any
) -> None:
    from pamong.complaints.models import Category
    from pamong.complaints.services import Report, complaint_submit
    from pamong.regions.models import Region

    category = Category.objects.get(code="kebersihan")
    village = Region.objects.get(code="13.71.01.1001")
    secret, _ = complaint_submit(
        report=Report(
            category=category,
            region=village,
            title="Rahasia",
            text="Petugas meminta uang <b>tebal</b> di loket.",
            token="e" * 32,
            confidential=True,
            name="Siti Rahma",
            phone="+6281234567003",
        )
    )
    shown, _ = complaint_submit(
        report=Report(
            category=category,
            region=village,
            title="Terbuka",
            text="<script>alert(1)</script> sampah menumpuk di pasar.",
            token="f" * 32,
            name="Siti Rahma",
            phone="+6281234567003",
        )
    )
    from pamong.complaints.models import Status
    from pamong.complaints.services import complaint_transition

    for complaint in (secret, shown):
        complaint_transition(complaint=complaint, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    _status, listed = client311.json("requests")
    assert [r["service_request_id"] for r in listed] == [shown.code]
    assert client311.json(f"requests/{secret.code}")[0] == 404
    status, body = client311._call("requests", "xml")
    assert status == 200 and b"Siti" not in body and b"6281234567003" not in body
    assert b"<script>" not in body and b"&lt;script&gt;" in body


def test_a_complaint_rejected_as_spam_is_neither_listed_nor_served_nor_updated(
    client311: Open311Client, lurah_belakang_pondok: Any
) -> None:
    """Open311 shows what the public board shows: a complaint refused as spam is not on it, nor are its steps;
    a complaint refused for another reason stays, with its public answer."""
    from pamong.complaints.models import Category, Rejection, Status
    from pamong.complaints.services import Report, complaint_reply, complaint_submit, complaint_transition
    from pamong.regions.models import Region

    category = Category.objects.get(code="kebersihan")
    village = Region.objects.get(code="13.71.01.1001")

    def submit(title: str, token: str) -> Complaint:
        complaint, _ = complaint_submit(
            report=Report(
                category=category,
                region=village,
                title=title,
                text="Beli obat kuat murah, hubungi nomor ini sekarang juga.",
                token=token,
                anonymous=True,
            )
        )
        return complaint

    spam = submit("Promosi", "1" * 32)
    elsewhere = submit("Jalan provinsi rusak", "2" * 32)
    complaint_reply(complaint=elsewhere, text="Nama ketua RT kami Joni.")
    for complaint, reason in ((spam, Rejection.SPAM), (elsewhere, Rejection.BUKAN_WEWENANG)):
        complaint_transition(
            complaint=complaint,
            actor=lurah_belakang_pondok,
            to_status=Status.DITOLAK,
            rejection=reason,
            note="Tidak dapat kami tindak lanjuti.",
        )
    _status, listed = client311.json("requests")
    assert [r["service_request_id"] for r in listed] == [elsewhere.code]
    assert client311.json(f"requests/{spam.code}")[0] == 404
    assert client311.json("requests", {"service_request_id": spam.code})[1] == []
    _status, updates = client311.json("servicerequestupdates")
    assert {u["service_request_id"] for u in updates} == {elsewhere.code}
    # The reporter's addition to the other one changes no status and is not public: not an update either.
    assert [u["description"] for u in updates] == ["Baru", "Tidak dapat kami tindak lanjuti."]


def _schema(definition: str) -> Any:
    import jsonschema_rs

    from pamong.open311 import views

    path = Path(views.__file__).parent / "schema" / "georeport-v2.json"
    document = json.loads(path.read_text())
    return jsonschema_rs.Draft202012Validator({**document, "$ref": f"#/$defs/{definition}"}, validate_formats=True)


def test_every_json_answer_validates_against_the_georeport_v2_schema(
    client311: Open311Client, petugas_belakang_pondok: Any, padang: Padang
) -> None:
    """The repository's GeoReport v2 schema (pamong/open311/schema), written from the spec: numbers for lat/long,
    a URI or null for media_url, date-times, the error body; for every kind of answer."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pamong.complaints.models import ComplaintPhoto, Status
    from pamong.complaints.services import complaint_transition
    from pamong.servicerequests.testing import photo_with_gps

    def valid(definition: str, body: Any) -> None:
        errors = [f"{e.instance_path}: {e.message}" for e in _schema(definition).iter_errors(body)]
        assert errors == [], (definition, body)

    valid("services", client311.json("services")[1])
    for code in ("infrastruktur", "kebersihan"):
        valid("serviceDefinition", client311.json(f"services/{code}")[1])
    status, created = client311.json("requests", REPORT, post=True)
    assert status == 201
    valid("created", created)
    valid("token", client311.json(f"tokens/{created[0]['token']}")[1])
    with_photo = Complaint.objects.get(code=created[0]["service_request_id"])
    jpeg = photo_with_gps()
    ComplaintPhoto.objects.create(
        complaint=with_photo,
        file=SimpleUploadedFile("foto.jpg", jpeg, content_type="image/jpeg"),
        content_type="image/jpeg",
        size=len(jpeg),
        sha256=hashlib.sha256(jpeg).hexdigest(),
        public=True,
    )
    complaint_transition(complaint=with_photo, actor=petugas_belakang_pondok, to_status=Status.DIVERIFIKASI)
    bare = {k: v for k, v in REPORT.items() if k not in ("lat", "long", "address_string")}
    _status, second = client311.json("requests", {**bare, "address_string": "Pasar Belakang Pondok"}, post=True)
    complaint_transition(
        complaint=Complaint.objects.get(code=second[0]["service_request_id"]),
        actor=petugas_belakang_pondok,
        to_status=Status.DIVERIFIKASI,
    )
    _status, listed = client311.json("requests")
    assert len(listed) == 2
    valid("requests", listed)
    by_code = {r["service_request_id"]: r for r in listed}
    assert by_code[with_photo.code]["media_url"].endswith(f"/foto/{with_photo.photos.get().pk}/")
    assert by_code[second[0]["service_request_id"]]["lat"] is None
    valid("requests", client311.json(f"requests/{with_photo.code}")[1])
    valid("token", client311.json(f"tokens/{created[0]['token']}")[1])
    for params in ({"end_date": "0001-01-01T00:00:00Z"}, {"status": "lost"}, {"start_date": "kemarin"}):
        status, body = client311.json("requests", params)
        assert status == 400
        valid("errors", body)
    valid("errors", client311.json("services/tidak-ada")[1])
