from __future__ import annotations

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.core.scope import ScopedQuerySet


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB"
    WITA = "Asia/Makassar", "WITA"
    WIT = "Asia/Jayapura", "WIT"


# Indonesia's three time zones follow province borders (Keppres 41/1987).
_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def timezone_for_code(code: str) -> str:
    province = code[:2]
    if province in _WIT_PROVINCES:
        return TimeZone.WIT.value
    if province in _WITA_PROVINCES:
        return TimeZone.WITA.value
    return TimeZone.WIB.value


class RegionQuerySet(ScopedQuerySet["Region"]):
    region_field = "code"

    def subtree(self, code: str) -> Self:
        """A region and everything below it, by code prefix."""
        return self.filter(models.Q(code=code) | models.Q(code__startswith=code + "."))


class Region(models.Model):
    """A Kemendagri region: provinsi, kabupaten/kota, kecamatan or kelurahan/desa."""

    class Level(models.IntegerChoices):
        PROVINSI = 1, _("Provinsi")
        KABKOTA = 2, _("Kabupaten/Kota")
        KECAMATAN = 3, _("Kecamatan")
        DESA = 4, _("Kelurahan/Desa")

    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DISTRIK = "distrik", _("Distrik")
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")
        DESA_ADAT = "desa_adat", _("Desa Adat")

    code = models.CharField(_("kode Kemendagri"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("induk"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    timezone = models.CharField(_("zona waktu"), max_length=16, choices=TimeZone.choices, default=TimeZone.WIB)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"], name="region_level_code")]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        """The name as people write it: "Kota Padang", "Kecamatan Padang Barat", "Kelurahan Belakang Tangsi"."""
        if self.level == self.Level.KABKOTA or self.level == self.Level.PROVINSI:
            return self.name
        return f"{self.get_kind_display()} {self.name}"

    @property
    def kabkota_code(self) -> str:
        return self.code[:5]

    @property
    def timezone_label(self) -> str:
        return TimeZone(self.timezone).label

    def ancestor_codes(self) -> list[str]:
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]
