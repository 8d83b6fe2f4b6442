"""Operations pages for staff: messages that could not be delivered, with a resend action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pamong.core import gate
from pamong.core.errors import DomainError
from pamong.core.formats import ribuan
from pamong.notifications.services import MAX_ATTEMPTS
from pamong.ops import selectors, services

PAGE_SIZE = 50


def _allowed(request: HttpRequest) -> None:
    if not gate.can(request.user, "ops.failed_messages"):
        raise Http404


@login_required
def failed_messages(request: HttpRequest) -> HttpResponse:
    """Pesan gagal terkirim: SMS/WhatsApp and e-mail that failed every try, newest first."""
    _allowed(request)
    failed = selectors.failed_messages(request.user).only(
        "pk",
        "channel",
        "recipient",
        "subject",
        "body",
        "reference",
        "attempts",
        "last_error",
        "created_at",
        "failed_at",
    )
    page = Paginator(failed, PAGE_SIZE).get_page(request.GET.get("hal"))
    return render(request, "ops/failed_messages.html", {"page": page, "query": "", "max_attempts": MAX_ATTEMPTS})


@login_required
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    get_object_or_404(selectors.messages_of(request.user), pk=pk)  # another kabupaten/kota's message: 404
    try:
        services.failed_message_resend(user=request.user, notification_id=pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Pesan dimasukkan lagi ke antrean dan segera dikirim ulang.")
    return redirect("ops:failed_messages")


@login_required
@require_POST
def resend_all(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    try:
        count = services.failed_messages_resend_all(user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if count:
            messages.success(request, f"{ribuan(count)} pesan dimasukkan lagi ke antrean dan segera dikirim ulang.")
        else:
            messages.info(request, "Tidak ada pesan gagal yang perlu dikirim ulang.")
    return redirect("ops:failed_messages")
