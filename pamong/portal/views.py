"""The public portal (no account needed, served from memory) and the staff pages that write announcements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from pamong.core import gate, pagecache
from pamong.core.errors import DomainError
from pamong.innovation.selectors import for_region
from pamong.organization.models import Unit
from pamong.portal.forms import AnnouncementForm, TransitionForm
from pamong.portal.models import Announcement, Status
from pamong.portal.selectors import PORTAL_VERSIONS, feed_items, portal_region, region_portal, section_versions
from pamong.portal.services import MACHINE, announcement_create, announcement_transition, announcement_update
from pamong.regions.deployment import deployment


def home(request: HttpRequest) -> HttpResponse:
    return region_page(request, deployment().code)


REGION_PAGE = pagecache.page("portal.region", depends_on=lambda request, code: PORTAL_VERSIONS, daily=True)


def region_page(request: HttpRequest, code: str) -> HttpResponse:
    """A kabupaten/kota, kecamatan or kelurahan/desa of this deployment, kept in memory (pamong.core.pagecache)."""
    kab = deployment().code
    if not (code == kab or code.startswith(kab + ".")):
        raise Http404("Wilayah tidak ditemukan di portal ini.")
    return REGION_PAGE.serve(request, lambda: _region_page(request, code), code=code)


def _region_page(request: HttpRequest, code: str) -> HttpResponse:
    region = portal_region(code)
    if region is None:
        raise Http404("Wilayah tidak ditemukan di portal ini.")
    # The office's published innovations (pamong.innovation), under the "innovation" version of PORTAL_VERSIONS.
    return render(
        request,
        "portal/region.html",
        {
            "p": region_portal(region),
            "innovations": for_region(region.code),
            "section_versions": section_versions(),
        },
    )


def announcement_public(request: HttpRequest, pk: int) -> HttpResponse:
    a = get_object_or_404(
        Announcement.objects.public(timezone.localdate()).select_related("unit__region"),
        pk=pk,
        kabkota_code=deployment().code,
    )
    return render(request, "portal/announcement.html", {"a": a})


class AnnouncementFeed(Feed):
    feed_type = Atom1Feed
    title = "Pengumuman dan klarifikasi"
    subtitle = "Pengumuman, agenda, dan klarifikasi hoaks dari kantor camat, lurah, dan desa."
    language = "id"

    def link(self) -> str:
        return reverse("portal:home")

    def items(self) -> list[Announcement]:
        return feed_items(deployment().code)

    def item_title(self, item: Announcement) -> str:
        prefix = f"[{item.get_kind_display()}] " if item.kind != "pengumuman" else ""
        return prefix + item.title

    def item_description(self, item: Announcement) -> str:
        return item.body

    def item_link(self, item: Announcement) -> str:
        return reverse("portal:announcement", args=[item.pk])

    def item_pubdate(self, item: Announcement) -> Any:
        return item.published_at

    def item_author_name(self, item: Announcement) -> str:
        return str(item.unit)


# Staff pages.


def _units_for(user: Any) -> Any:
    """The units of the user's scope they may post announcements for (the gate decides: ``portal.post``)."""
    candidates = Unit.objects.visible_to(user).select_related("region").order_by("region_id", "kind")
    return Unit.objects.filter(pk__in=[u.pk for u in candidates if gate.can(user, "portal.post", u)]).order_by(
        "region_id", "kind"
    )


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    rows = Announcement.objects.visible_to(request.user).select_related("unit__region").order_by("-created_at")[:200]
    return render(request, "portal/manage.html", {"rows": rows, "can_post": _units_for(request.user).exists()})


@dataclass
class StepError:
    """A refused step: shown next to its field, with what was typed."""

    to_status: str
    note: str
    message: str


def _edit_page(
    request: HttpRequest,
    announcement: Announcement | None,
    form: AnnouncementForm | None,
    *,
    step_error: StepError | None = None,
    status: int = 200,
    units: Any = None,
) -> HttpResponse:
    """The announcement with its form (for those who may correct it), the steps this user may take, and its
    history."""
    user = request.user
    may_edit = announcement is None or gate.can(user, "portal.edit", announcement)
    if form is None and may_edit:
        form = AnnouncementForm(instance=announcement, units=units if units is not None else _units_for(user))
    context = {
        "form": form if may_edit else None,
        "a": announcement,
        "steps": MACHINE.available(user, announcement) if announcement else [],
        "step_error": step_error,
        "history": announcement.changes.all() if announcement else [],
    }
    return render(request, "portal/edit.html", context, status=status)


@login_required
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    announcement = (
        get_object_or_404(Announcement.objects.visible_to(request.user).select_related("unit__region"), pk=pk)
        if pk is not None
        else None
    )
    units = _units_for(request.user)
    if announcement is None and not units.exists():
        raise Http404("Tidak ada unit yang dapat Anda tulis pengumumannya.")
    if request.method != "POST":
        return _edit_page(request, announcement, None, units=units)
    form = AnnouncementForm(request.POST, instance=announcement, units=units)
    if form.is_valid():
        try:
            if announcement is None:
                announcement = announcement_create(
                    actor=request.user,
                    unit=form.cleaned_data["unit"],
                    data=form.data_object(),
                    submit_token=form.cleaned_data["submit_token"] or "",
                )
                messages.success(request, "Draf pengumuman disimpan.")
            else:
                announcement_update(actor=request.user, announcement=announcement, data=form.data_object())
                messages.success(request, "Perubahan disimpan; isi sebelumnya tercatat di riwayat.")
        except DomainError as exc:
            exc.attach_to(form)
        else:
            return redirect("portal:staff_detail", pk=announcement.pk)
    if announcement is not None and not gate.can(request.user, "portal.edit", announcement):
        for error in form.non_field_errors():  # not theirs to correct: the reason, and no form
            messages.error(request, str(error))
        return _edit_page(request, announcement, None, status=403)
    return _edit_page(request, announcement, form, status=400 if form.errors else 200)


@login_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(
        Announcement.objects.visible_to(request.user).select_related("unit__region"), pk=pk
    )
    MACHINE.require_any(request.user, announcement)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Permintaan tidak lengkap. Muat ulang halaman.")
        return redirect("portal:staff_detail", pk=announcement.pk)
    try:
        announcement_transition(
            actor=request.user,
            announcement=announcement,
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data["note"],
            seen=form.cleaned_data["from_status"] or None,
        )
    except DomainError as exc:
        # The page again, with the reason next to the field and what was typed kept.
        error = StepError(form.cleaned_data["to_status"], form.cleaned_data["note"], exc.message)
        return _edit_page(request, Announcement.objects.get(pk=announcement.pk), None, step_error=error, status=400)
    messages.success(request, f"Status pengumuman kini: {Status(announcement.status).label}.")
    return redirect("portal:staff_detail", pk=announcement.pk)
