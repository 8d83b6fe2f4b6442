"""Pengumuman: announcements, hoax clarifications and agenda items posted by units, shown on the public portal."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pamong.core.history import History
from pamong.organization.models import Unit, UnitScopedQuerySet


class Kind(models.TextChoices):
    PENGUMUMAN = "pengumuman", _("Pengumuman")
    KLARIFIKASI = "klarifikasi", _("Klarifikasi hoaks")
    AGENDA = "agenda", _("Agenda")


class Verdict(models.TextChoices):
    HOAKS = "hoaks", _("Hoaks")
    DISINFORMASI = "disinformasi", _("Disinformasi")
    BENAR = "benar", _("Benar")
    SEBAGIAN_BENAR = "sebagian_benar", _("Sebagian benar")


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    TERBIT = "terbit", _("Terbit")
    DITARIK = "ditarik", _("Ditarik")


class AnnouncementQuerySet(UnitScopedQuerySet["Announcement"]):
    def public(self, today: dt.date) -> Self:
        """What the portal shows on ``today``: published, inside its publication window."""
        return self.filter(status=Status.TERBIT, publish_from__lte=today).filter(
            Q(publish_until__isnull=True) | Q(publish_until__gte=today)
        )


class Announcement(models.Model):
    kabkota_code = models.CharField(max_length=5, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.PENGUMUMAN)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    claim = models.TextField(_("isu yang diklarifikasi"), blank=True)
    verdict = models.CharField(_("kesimpulan"), max_length=16, choices=Verdict.choices, blank=True)
    source_url = models.URLField(_("tautan sumber"), blank=True)
    publish_from = models.DateField(_("tayang mulai"))
    publish_until = models.DateField(_("tayang sampai"), null=True, blank=True)
    pinned = models.BooleanField(_("disematkan"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAF)
    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    submit_token = models.CharField(max_length=40, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")
        ordering = ["-pinned", "-publish_from", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["submit_token", "kabkota_code"], name="announcement_submit_token_unique")
        ]
        indexes = [models.Index(fields=["kabkota_code", "status", "publish_from"], name="announcement_public")]

    def __str__(self) -> str:
        return self.title


class AnnouncementChange(History):
    """Every transition and every correction (from and to blank), with the values before the correction."""

    subject = "announcement"
    STATUSES = Status

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="changes")
    old_values = models.JSONField(default=dict, blank=True)

    class Meta(History.Meta):
        verbose_name = _("riwayat pengumuman")
        verbose_name_plural = _("riwayat pengumuman")
        ordering = ["announcement_id", "at", "id"]
