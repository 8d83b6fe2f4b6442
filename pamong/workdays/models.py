from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A national holiday or cuti bersama. The government changes them by decree; admins edit them here."""

    class Kind(models.TextChoices):
        LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")

    date = models.DateField(_("tanggal"), db_index=True)
    name = models.CharField(_("nama"), max_length=160)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    decree = models.CharField(
        _("dasar hukum"), max_length=255, blank=True, help_text=_("Mis. SKB 3 Menteri Nomor 1497 Tahun 2025.")
    )
    source = models.CharField(_("sumber data"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date", "name"]
        constraints = [models.UniqueConstraint(fields=["date", "name"], name="holiday_unique_date_name")]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"
