"""Pages for citizens, no account needed: file a complaint, follow it by code, read the public board."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from pamong.complaints.forms import ComplaintForm
from pamong.complaints.models import Category, Complaint, ComplaintPhoto, Status
from pamong.complaints.selectors import (
    BoardFilters,
    board_page,
    board_rows,
    complaint_by_code,
    public_history,
    unit_records,
)
from pamong.complaints.services import (
    complaint_rate,
    complaint_reply,
    complaint_submit,
    complaint_transition,
    reopen_allowed,
)
from pamong.core import pagecache, versions
from pamong.core.errors import DomainError
from pamong.core.ratelimit import blocked, count_miss, too_many
from pamong.core.staging import Keeper
from pamong.core.uploads import stored_file_response
from pamong.regions.deployment import deployment
from pamong.regions.models import Region

PAGE_SIZE = 20  # a phone's worth of cards, a few screens


def new(request: HttpRequest) -> HttpResponse:
    code = deployment().code
    if request.method == "POST" and too_many(request, "adukan", limit=settings.PAMONG_APPLY_LIMIT, window=3600):
        return render(request, "servicerequests/too_many.html", status=429)
    keeper = Keeper(request.session, form="complaints.new", kabkota_code=code)
    form = ComplaintForm(request.POST or None, request.FILES or None, kabkota_code=code, keeper=keeper)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, _created = complaint_submit(report=form.report())
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(
                request,
                f"Pengaduan Anda diterima dengan kode {complaint.code_display}. Simpan kode ini untuk mengikuti "
                "tindak lanjutnya.",
            )
            _remember_own(request, complaint.code)
            return redirect("complaints:detail", code=complaint.code)
    form.keep_files()  # after an error: the photos that passed the checks are kept, not chosen again
    return render(request, "complaints/new.html", {"form": form})


OWN_KEY = "pengaduan_saya"
OWN_KEPT = 20


def _remember_own(request: HttpRequest, code: str) -> None:
    """This browser sent the complaint: its page shows the sender what they sent (photos, address, location),
    which other holders of the code do not see."""
    own = [c for c in request.session.get(OWN_KEY, []) if c != code]
    request.session[OWN_KEY] = [code, *own][:OWN_KEPT]


def _is_own(request: HttpRequest, code: str) -> bool:
    return code in request.session.get(OWN_KEY, [])


def detail(request: HttpRequest, code: str) -> HttpResponse:
    """One complaint as the public sees it: what, where, status, official responses, time taken. Never the
    reporter. Confidential complaints are not on the board but their reporter can follow them by code."""
    if blocked(request, "pengaduan", limit=settings.PAMONG_TRACK_LIMIT):
        return render(request, "servicerequests/too_many.html", status=429)
    complaint = complaint_by_code(code)
    if complaint is None:
        count_miss(request, "pengaduan", window=600)
        raise Http404("Kode pengaduan tidak ditemukan.")
    return _public_page(request, complaint)


def _public_page(
    request: HttpRequest, complaint: Complaint, error: str = "", typed: str = "", status: int = 200
) -> HttpResponse:
    own = _is_own(request, complaint.code)
    response = render(
        request,
        "complaints/detail_public.html",
        {
            "c": complaint,
            "history": public_history(complaint),
            "can_reply": complaint.status not in (Status.SELESAI, Status.DITOLAK),
            "can_reopen": reopen_allowed(complaint),
            "can_rate": complaint.status == Status.SELESAI and complaint.rating is None,
            # Only photos staff chose to show, of a complaint the board may list (not confidential, not spam).
            "photos": list(
                ComplaintPhoto.objects.filter(
                    complaint__in=Complaint.objects.public(), complaint=complaint, public=True
                )
            ),
            # What the sender sent, for the sender's own browser only (never cached for others: private).
            "own": own,
            "own_photos": list(ComplaintPhoto.objects.filter(complaint=complaint)) if own else [],
            "error": error,
            "typed": typed,
        },
        status=status,
    )
    if own:
        patch_cache_control(response, private=True)
    return response


def photo(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A photo staff chose to show, of a complaint on the public board; or any photo of a complaint this browser
    sent, to its sender."""
    if _is_own(request, code):
        picture = get_object_or_404(ComplaintPhoto, complaint__code=code, pk=pk)
        return stored_file_response(picture.file, picture.content_type, cache="private, max-age=300")
    complaint = Complaint.objects.public().filter(code=code).first()
    if complaint is None:
        raise Http404("Foto tidak ditemukan.")
    picture = get_object_or_404(ComplaintPhoto, complaint=complaint, pk=pk, public=True)
    # A photo taken off again leaves shared caches soon.
    return stored_file_response(picture.file, picture.content_type, cache="public, max-age=300")


@require_POST
def respond(request: HttpRequest, code: str) -> HttpResponse:
    """What the reporter (whoever holds the code) may do: add information while it is open, rate it or reopen
    it once it is finished."""
    if blocked(request, "pengaduan", limit=settings.PAMONG_TRACK_LIMIT):
        return render(request, "servicerequests/too_many.html", status=429)
    complaint = complaint_by_code(code)
    if complaint is None:
        count_miss(request, "pengaduan", window=600)
        raise Http404("Kode pengaduan tidak ditemukan.")
    action = request.POST.get("action", "")
    text = request.POST.get("text", "")
    try:
        if action == "nilai":
            raw = request.POST.get("rating", "")
            rating = int(raw) if raw.isascii() and raw.isdigit() and len(raw) == 1 else 0
            complaint_rate(complaint=complaint, rating=rating, comment=text)
            messages.success(request, "Terima kasih atas penilaian Anda.")
        elif action == "buka":
            complaint_transition(complaint=complaint, actor=None, to_status=Status.DITINDAKLANJUTI, note=text)
            messages.success(request, "Pengaduan dibuka kembali dan akan ditindaklanjuti.")
        else:
            complaint_reply(complaint=complaint, text=text)
            messages.success(request, "Keterangan Anda diteruskan kepada petugas.")
    except DomainError as exc:
        return _public_page(request, complaint, error=exc.message, typed=text, status=400)
    return redirect("complaints:detail", code=complaint.code)


BOARD_PAGE = pagecache.page(
    "complaints.board", depends_on=lambda request: ["complaints", "region-overview", "staff"], ttl=600
)


def board_view(request: HttpRequest) -> HttpResponse:
    """The public board, kept in memory per filter until a complaint changes (see pamong.core.pagecache)."""
    return BOARD_PAGE.serve(request, lambda: _board_page(request))


def _board_page(request: HttpRequest) -> HttpResponse:
    code = deployment().code
    raw_category = request.GET.get("kategori", "")
    status = request.GET.get("status", "")
    filters = BoardFilters(
        kecamatan=request.GET.get("kecamatan", "")[:8],
        region=request.GET.get("kelurahan", "")[:13],
        category=int(raw_category)
        if raw_category.isascii() and raw_category.isdigit() and len(raw_category) < 10
        else None,
        status=status if status in Status.values else "",
    )
    page = board_page(code, filters, request.GET.get("hal"), PAGE_SIZE)
    params = request.GET.copy()
    params.pop("hal", None)
    return render(
        request,
        "complaints/board.html",
        {
            "page": page,
            "rows": board_rows(page.object_list, code),
            "filters": filters,
            "query": params.urlencode(),
            "categories": Category.objects.filter(kabkota_code=code, active=True),
            "kecamatan": Region.objects.filter(code__startswith=code + ".", level=Region.Level.KECAMATAN).order_by(
                "code"
            ),
            "villages": Region.objects.filter(
                code__startswith=(filters.kecamatan or code) + ".", level=Region.Level.DESA
            ).order_by("name"),
            "statuses": Status.choices,
            # The filters and the per-unit record are the same for everyone: cached as rendered (template
            # fragments) under the versions of what they show; their rows are read only when the cache is cold.
            "records": lambda: unit_records(code),
            "fragments_version": ":".join(versions.current_many(["complaints", "region-overview", "staff"])),
        },
    )
