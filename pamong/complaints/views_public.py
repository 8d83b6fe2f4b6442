"""Pages for citizens, no account needed: file a complaint, follow it by code, read the public board."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pamong.complaints.forms import ComplaintForm
from pamong.complaints.models import Category, Status
from pamong.complaints.selectors import BoardFilters, board, complaint_by_code, public_history, unit_records
from pamong.complaints.services import complaint_submit
from pamong.core.deployment import deployment
from pamong.core.errors import DomainError
from pamong.core.ratelimit import blocked, count_miss, too_many
from pamong.regions.models import Region

PAGE_SIZE = 50


def new(request: HttpRequest) -> HttpResponse:
    code = deployment().code
    if request.method == "POST" and too_many(request, "adukan", limit=settings.PAMONG_APPLY_LIMIT, window=3600):
        return render(request, "servicerequests/too_many.html", status=429)
    form = ComplaintForm(request.POST or None, request.FILES or None, kabkota_code=code)
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
            return redirect("complaints:detail", code=complaint.code)
    return render(request, "complaints/new.html", {"form": form})


def detail(request: HttpRequest, code: str) -> HttpResponse:
    """One complaint as the public sees it: what, where, status, official responses, time taken. Never the
    reporter. Confidential complaints are not on the board but their reporter can follow them by code."""
    if blocked(request, "pengaduan", limit=settings.PAMONG_TRACK_LIMIT):
        return render(request, "servicerequests/too_many.html", status=429)
    complaint = complaint_by_code(code)
    if complaint is None:
        count_miss(request, "pengaduan", window=600)
        raise Http404("Kode pengaduan tidak ditemukan.")
    return render(request, "complaints/detail_public.html", {"c": complaint, "history": public_history(complaint)})


def board_view(request: HttpRequest) -> HttpResponse:
    code = deployment().code
    filters = BoardFilters(
        kecamatan=request.GET.get("kecamatan", "")[:8],
        region=request.GET.get("kelurahan", "")[:13],
        category=int(raw)
        if (raw := request.GET.get("kategori", "")).isascii() and raw.isdigit() and len(raw) < 10
        else None,
        status=request.GET.get("status", "") if request.GET.get("status", "") in Status.values else "",
    )
    page = Paginator(board(code, filters), PAGE_SIZE).get_page(request.GET.get("hal"))
    params = request.GET.copy()
    params.pop("hal", None)
    return render(
        request,
        "complaints/board.html",
        {
            "page": page,
            "rows": [
                dict(
                    zip(
                        (
                            "code",
                            "title",
                            "category",
                            "region",
                            "unit",
                            "status",
                            "submitted_at",
                            "finished_at",
                            "due_at",
                        ),
                        r,
                        strict=True,
                    )
                )
                | {"status_label": Status(r[5]).label}
                for r in page.object_list
            ],
            "filters": filters,
            "query": params.urlencode(),
            "categories": Category.objects.filter(kabkota_code=code, active=True),
            "kecamatan": Region.objects.filter(code__startswith=code + ".", level=Region.Level.KECAMATAN).order_by(
                "code"
            ),
            "statuses": Status.choices,
            "records": unit_records(code),
        },
    )
