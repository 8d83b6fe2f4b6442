"""Clients of the open APIs (the JSON API and Open311): each has its own key, stored only as a hash."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiClient(models.Model):
    name = models.CharField(_("nama aplikasi"), max_length=120)
    contact = models.CharField(_("kontak pengelola"), max_length=200, blank=True)
    key_prefix = models.CharField(_("awal kunci"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("aktif"), default=True)
    hourly_limit = models.PositiveIntegerField(_("batas permintaan per jam"), default=600)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klien API")
        verbose_name_plural = _("klien API")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"
