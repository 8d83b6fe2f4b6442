"""Pages for citizens, no account needed: apply, receipt, track, correct."""

from __future__ import annotations

import re

import segno
from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from pamong.catalog.selectors import public_service
from pamong.core import pagecache, versions
from pamong.core.codes import normalize
from pamong.core.errors import DomainError
from pamong.core.pagecache import local
from pamong.core.ratelimit import blocked, count_miss, too_many
from pamong.core.staging import Keeper
from pamong.regions.deployment import deployment
from pamong.servicerequests.extensions import invitation_for
from pamong.servicerequests.forms import ApplicationForm, CorrectionForm
from pamong.servicerequests.letters import letter_check
from pamong.servicerequests.models import Letter, ServiceRequest, Status
from pamong.servicerequests.selectors import (
    TrackedRequest,
    request_by_code,
    tracked_request,
    tracked_timeline,
    tracking_page_versions,
)
from pamong.servicerequests.services import Submission, request_check_nik, request_correct, request_submit
from pamong.servicerequests.signing import issuer_words
from pamong.servicerequests.tasks import render_letter

TRACK_WINDOW = 600  # seconds


def _track_limit() -> int:
    """Lookups of unknown codes per client per ten minutes before every lookup is refused for the rest of the
    window (PAMONG_TRACK_LIMIT; 30 unless an operator or a benchmark says)."""
    return settings.PAMONG_TRACK_LIMIT


def apply(request: HttpRequest, code: str) -> HttpResponse:
    service = public_service(deployment().code, code)
    if service is None:
        raise Http404("Layanan tidak ditemukan.")
    if request.method == "POST" and too_many(request, "ajukan", limit=settings.PAMONG_APPLY_LIMIT, window=3600):
        return _limited(request)
    keeper = Keeper(request.session, form="servicerequests.apply", kabkota_code=service.kabkota_code)
    form = ApplicationForm(request.POST or None, request.FILES or None, service=service, keeper=keeper)
    if request.method == "POST" and form.is_valid():
        try:
            created, _new = request_submit(
                submission=Submission(
                    service=service,
                    unit=form.unit_instance(),
                    applicant=form.applicant(),
                    answers=form.answers(),
                    token=form.cleaned_data["token"],
                    documents=form.clean_files,
                )
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            return redirect("servicerequests:receipt", code=created.code)
    form.keep_files()  # after an error: the files that passed the checks are kept, not chosen again
    return render(request, "servicerequests/apply.html", {"service": service, "form": form})


def _tracked(request: HttpRequest, code: str) -> ServiceRequest:
    if blocked(request, "lacak", limit=_track_limit()):
        raise TooManyLookups
    found = request_by_code(code)
    if found is None:
        count_miss(request, "lacak", window=TRACK_WINDOW)
        raise Http404("Kode lacak tidak ditemukan.")
    return found


class TooManyLookups(Exception):
    pass


def _limited(request: HttpRequest) -> HttpResponse:
    return render(request, "servicerequests/too_many.html", status=429)


def _qr(request: HttpRequest, code: str) -> str:
    url = request.build_absolute_uri(reverse("servicerequests:track", kwargs={"code": code}))
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def receipt(request: HttpRequest, code: str) -> HttpResponse:
    """Tanda terima: printable, with a QR code to the tracking page. No personal data beyond a masked name."""
    try:
        found = _tracked(request, code)
    except TooManyLookups:
        return _limited(request)
    return render(request, "servicerequests/receipt.html", {"req": found, "qr": _qr(request, found.code)})


def track_lookup(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("kode", "")
    error = ""
    if raw:
        code = normalize(raw)
        if code is None:
            error = "Kode lacak tidak valid. Periksa kembali: 9 karakter, mis. K7M2-9QXD-4."
        else:
            return redirect("servicerequests:track", code=code)
    return render(request, "servicerequests/track_lookup.html", {"raw": raw, "error": error})


TRACK_PAGE = pagecache.page("servicerequests.track", depends_on=tracking_page_versions, daily=True, ttl=6 * 60 * 60)


def track(request: HttpRequest, code: str) -> HttpResponse:
    if blocked(request, "lacak", limit=_track_limit()):
        return _limited(request)
    normalized = normalize(code)
    if normalized is None:
        count_miss(request, "lacak", window=TRACK_WINDOW)
        raise Http404("Kode lacak tidak ditemukan.")
    return TRACK_PAGE.serve(
        request,
        lambda: render(request, "servicerequests/track.html", _track_context(_found_or_404(request, normalized))),
        code=normalized,
    )


def _found_or_404(request: HttpRequest, code: str) -> TrackedRequest:
    found = tracked_request(code)
    if found is None:
        count_miss(request, "lacak", window=TRACK_WINDOW)
        raise Http404("Kode lacak tidak ditemukan.")
    return found


def _track_context(found: TrackedRequest) -> dict[str, object]:
    if found.letter_id is not None and not found.letter_ready and cache.add(f"render-letter:{found.letter_id}", 1, 60):
        # A letter whose PDF is missing (a failed render, imported data) is made now, once a minute at most.
        render_letter.enqueue(found.letter_id)
    return {
        "req": found,
        "timeline": tracked_timeline(found),
        "can_correct": found.status == Status.DIKEMBALIKAN,
        "survey": _survey_invitation(found),
    }


def _survey_invitation(found: TrackedRequest) -> object:
    """The SKM link and QR code of a finished request. Cached per request until it changes, an answer arrives or
    a survey opens (the SKM version), or the day turns (the link expires after some days)."""
    if found.status != Status.SELESAI:
        return None
    key = (
        f"skm-invitation:{found.pk}:{found.updated_at.timestamp():.6f}:"
        f"{versions.current('skm-results')}:{timezone.localdate().isoformat()}"
    )
    cached = local.get(key, _MISSING)
    if cached is _MISSING:
        cached = invitation_for(ServiceRequest.objects.select_related("unit__region", "service").get(pk=found.pk))
        local.set(key, cached, 24 * 60 * 60)
    return cached


_MISSING = object()


def correct(request: HttpRequest, code: str) -> HttpResponse:
    try:
        found = _tracked(request, code)
    except TooManyLookups:
        return _limited(request)
    if found.status != Status.DIKEMBALIKAN:
        return redirect("servicerequests:track", code=found.code)
    form = CorrectionForm(
        request.POST or None,
        request.FILES or None,
        documents=list(found.service.documents.all()),
        keeper=Keeper(request.session, form="servicerequests.correct", kabkota_code=found.kabkota_code),
        instance=found.code,
    )
    if request.method == "POST" and form.is_valid():
        try:
            request_correct(
                request=found,
                nik=form.cleaned_data["nik"],
                reply=form.cleaned_data["reply"],
                documents=form.clean_files,
            )
        except DomainError as exc:
            exc.attach_to(form)
        else:
            return redirect("servicerequests:track", code=found.code)
    form.keep_files()
    note = found.changes.filter(to_status=Status.DIKEMBALIKAN).order_by("-at").values_list("note", flat=True).first()
    return render(request, "servicerequests/correct.html", {"req": found, "form": form, "note": note})


def letter_download(request: HttpRequest, code: str) -> HttpResponseBase:
    """The citizen downloads the signed letter after typing the applicant's NIK (the code alone is not enough)."""
    try:
        found = _tracked(request, code)
    except TooManyLookups:
        return _limited(request)
    letter = Letter.objects.filter(request=found).first()
    if letter is None or not letter.ready:
        return redirect("servicerequests:track", code=found.code)
    if request.method == "POST":
        nik = "".join(ch for ch in request.POST.get("nik", "") if ch.isdigit())
        try:
            request_check_nik(request=found, nik=nik)
        except DomainError as exc:
            tracked = tracked_request(found.code)
            if tracked is None:
                raise Http404("Kode lacak tidak ditemukan.") from exc
            context = _track_context(tracked) | {"nik_error": exc.message, "nik_value": request.POST.get("nik", "")}
            return render(request, "servicerequests/track.html", context)
        response = FileResponse(letter.pdf.open("rb"), content_type="application/pdf", as_attachment=True)
        response["Content-Disposition"] = f'attachment; filename="surat-{found.code}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
    return redirect("servicerequests:track", code=found.code)


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public check of a letter: what was issued (no personal data beyond a masked name), and whether an
    uploaded PDF is exactly that letter."""
    if blocked(request, "verifikasi", limit=_track_limit()):
        return _limited(request)
    letter = (
        Letter.objects.select_related("request__service", "request__unit")
        .filter(verification_code=code.upper())
        .first()
    )
    if letter is None:
        count_miss(request, "verifikasi", window=TRACK_WINDOW)
        return render(request, "servicerequests/verify_lookup.html", {"raw": code, "unknown": True}, status=404)
    result = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            error = "Pilih berkas PDF surat yang akan diperiksa."
        elif upload.size and upload.size > 10 * 1024 * 1024:
            error = "Berkas lebih dari 10 MB; itu bukan surat dari Pamong."
        else:
            try:
                result = letter_check(letter=letter, content=upload.read())
            except DomainError as exc:
                error = exc.message
    certificate = getattr(letter.request.unit, "certificate", None)
    vouched_by = issuer_words(
        issuer=letter.signature_issuer,
        subject=letter.signed_by,
        self_signed=bool(certificate and certificate.self_signed and certificate.subject == letter.signed_by),
    )
    return render(
        request,
        "servicerequests/verify.html",
        {"letter": letter, "req": letter.request, "result": result, "error": error, "vouched_by": vouched_by},
    )


VERIFY_CODE = re.compile(r"^[A-Z0-9]{12}$")


def verify_lookup(request: HttpRequest) -> HttpResponse:
    """Cek keaslian surat: the code printed under the letter's QR code, typed by hand."""
    raw = request.GET.get("kode", "")
    error = ""
    if raw:
        code = re.sub(r"[\s-]", "", raw).upper()
        if VERIFY_CODE.match(code):
            return redirect("servicerequests:verify", code=code)
        error = "Kode verifikasi terdiri dari 12 huruf dan angka, tercetak di bawah kode QR surat."
    return render(request, "servicerequests/verify_lookup.html", {"raw": raw, "error": error})
