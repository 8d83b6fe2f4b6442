"""The certificate PDF (WeasyPrint, landscape A4): kop, number, the participant's name and NIP, the event, its
dates and JP, the signer (head of the organising unit) and a QR code to the public verification page. A second
page lists the topics. Rendered on request from the stored certificate row: re-rendering never renumbers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format

from pamong.organization.nip import format_nip
from pamong.regions.models import Region
from pamong.servicerequests.letters import kop_lines
from pamong.training.models import Certificate, TrainingEvent

CSS_FILE = Path(__file__).parent / "pdf" / "certificate.css"


def date_range(start: dt.date, end: dt.date) -> str:
    """1–3 Oktober 2026, 29 September – 2 Oktober 2026, 30 Desember 2026 – 2 Januari 2027."""
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def mask_nip(nip: str | None) -> str:
    """Only the first four and last two digits: 1985**** ****** * *03."""
    if not nip:
        return "—"
    masked = nip[:4] + "*" * (len(nip) - 6) + nip[-2:]
    return format_nip(masked)


def verify_url(certificate: Certificate) -> str:
    return settings.PAMONG_BASE_URL.rstrip("/") + reverse("training:verify", kwargs={"code": certificate.code})


def _city(event: TrainingEvent) -> str:
    name = Region.objects.filter(code=event.kabkota_code).values_list("name", flat=True).first() or ""
    return re.sub(r"^(Kota|Kabupaten)\s+", "", name)


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import CSS, HTML

    participant = certificate.participant
    event = participant.event
    employee = participant.employee
    url = verify_url(certificate)
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "participant": participant,
            "employee": employee,
            "nip": format_nip(employee.nip) if employee.nip else "",
            "event": event,
            "organiser": certificate.unit,
            "kop": kop_lines(certificate.unit),
            "dates": date_range(event.start_date, event.end_date),
            "place_date": f"{_city(event)}, {date_format(event.end_date, 'j F Y')}",
            "signer_nip": format_nip(certificate.signer_nip) if certificate.signer_nip else "",
            "topics": list(event.topics.all()),
            "trainers": list(event.trainers.all()),
            "qr": segno.make(url, error="m").svg_data_uri(scale=3, border=1),
            "verify_url": url,
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[CSS(filename=str(CSS_FILE))])
