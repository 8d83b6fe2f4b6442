"""The public portal (no account needed, served from memory) and the staff pages that write announcements."""

from __future__ import annotations

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

from pamong.accounts.models import Role
from pamong.core import pagecache
from pamong.core.errors import DomainError
from pamong.organization.models import Unit
from pamong.portal.forms import AnnouncementForm, TransitionForm
from pamong.portal.models import Announcement, Status
from pamong.portal.selectors import PORTAL_VERSIONS, feed_items, region_portal
from pamong.portal.services import announcement_create, announcement_transition, announcement_update
from pamong.regions.deployment import deployment
from pamong.regions.models import Region


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
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404("Wilayah tidak ditemukan di portal ini.")
    return render(request, "portal/region.html", {"p": region_portal(region)})


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
    if user.role == Role.PIMPINAN_DAERAH:
        return Unit.objects.visible_to(user).order_by("region_id", "kind")
    employee = getattr(user, "employee", None)
    if user.role in (Role.KEPALA_UNIT, Role.SEKRETARIS) and employee is not None:
        return Unit.objects.filter(pk=employee.unit_id)
    return Unit.objects.none()


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    rows = Announcement.objects.visible_to(request.user).select_related("unit__region").order_by("-created_at")[:200]
    return render(request, "portal/manage.html", {"rows": rows, "can_post": _units_for(request.user).exists()})


@login_required
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    announcement = (
        get_object_or_404(Announcement.objects.visible_to(request.user).select_related("unit"), pk=pk)
        if pk is not None
        else None
    )
    units = _units_for(request.user)
    form = AnnouncementForm(request.POST or None, instance=announcement, units=units)
    if request.method == "POST" and form.is_valid():
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
    history = announcement.changes.all() if announcement else []
    return render(request, "portal/edit.html", {"form": form, "a": announcement, "history": history})


@login_required
@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(Announcement.objects.visible_to(request.user).select_related("unit"), pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            announcement_transition(
                actor=request.user,
                announcement=announcement,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Status pengumuman kini: {Status(announcement.status).label}.")
    return redirect("portal:staff_detail", pk=announcement.pk)
