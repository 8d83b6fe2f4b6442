"""The letter number pattern of a kabupaten/kota (its tata naskah dinas), e.g.
``{klasifikasi}/{nomor}/{kode_unit}/{bulan_romawi}/{tahun}`` → 470/015/Kel.BP/XI/2026.

A number is unique because its sequence is taken per office code and year (``LetterSequence``), so a pattern
must show the sequence, the office code and the year; anything else in it is free text or one of the known
placeholders."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from pamong.organization.letter_codes import MAX_LENGTH as CODE_MAX_LENGTH

DEFAULT_PATTERN = "{klasifikasi}/{nomor}/{kode_unit}/{bulan_romawi}/{tahun}"
NUMBER_MAX_LENGTH = 120  # Letter.number
PATTERN_MAX_LENGTH = 100
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Placeholder → (what it is, its widest value), in the order the help text lists them.
PLACEHOLDERS: dict[str, tuple[str, int]] = {
    "klasifikasi": ("kode klasifikasi arsip layanan, mis. 470", 20),
    "nomor": ("nomor urut kantor dalam tahun itu, tiga angka: 015", 7),
    "kode_unit": ("kode surat kantor, mis. Kel.BP", CODE_MAX_LENGTH),
    "bulan_romawi": ("bulan dengan angka Romawi: XI", 4),
    "bulan": ("bulan dengan dua angka: 11", 2),
    "tahun": ("tahun empat angka: 2026", 4),
}
REQUIRED = ("nomor", "kode_unit", "tahun")

_TOKEN = re.compile(r"\{([^{}]*)\}")


def _names(pattern: str) -> list[str]:
    return _TOKEN.findall(pattern)


def pattern_help() -> str:
    listed = "; ".join(f"{{{name}}}: {what}" for name, (what, _width) in PLACEHOLDERS.items())
    return f"Bagian yang dapat dipakai: {listed}. Wajib ada {{nomor}}, {{kode_unit}} dan {{tahun}}."


def pattern_check(pattern: str) -> None:
    """Raise ValidationError (Indonesian) when the pattern cannot make unique, readable numbers."""
    pattern = pattern.strip()
    if not pattern:
        raise ValidationError("Isi pola nomor surat, mis. %(example)s.", params={"example": DEFAULT_PATTERN})
    names = _names(pattern)
    unknown = [name for name in names if name not in PLACEHOLDERS]
    if unknown:
        shown = ", ".join(f"{{{name}}}" for name in dict.fromkeys(unknown))
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        raise ValidationError(
            "Bagian %(unknown)s tidak dikenal. Yang dapat dipakai: %(known)s.",
            params={"unknown": shown, "known": known},
            code="unknown_placeholder",
        )
    if "{" in _TOKEN.sub("", pattern) or "}" in _TOKEN.sub("", pattern):
        raise ValidationError("Kurung kurawal { } pada pola tidak berpasangan.", code="unbalanced")
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        shown = ", ".join(f"{{{name}}}" for name in missing)
        raise ValidationError(
            "Pola harus memuat %(missing)s: tanpa nomor urut, kode kantor dan tahun, dua surat bisa bernomor sama.",
            params={"missing": shown},
            code="missing_placeholder",
        )
    widest = len(_TOKEN.sub("", pattern)) + sum(PLACEHOLDERS[name][1] for name in names)
    if widest > NUMBER_MAX_LENGTH:
        raise ValidationError(
            "Pola terlalu panjang: nomor surat bisa lebih dari %(max)s karakter.",
            params={"max": NUMBER_MAX_LENGTH},
            code="too_long",
        )


def number_format(*, pattern: str, archive_code: str, sequence: int, code: str, when: dt.date) -> str:
    """The number by the pattern; ``pattern`` has passed ``pattern_check``."""
    values = {
        "klasifikasi": archive_code or "000",
        "nomor": f"{sequence:03d}",
        "kode_unit": code,
        "bulan_romawi": ROMAN[when.month - 1],
        "bulan": f"{when.month:02d}",
        "tahun": str(when.year),
    }
    return _TOKEN.sub(lambda m: values[m.group(1)], pattern.strip())
