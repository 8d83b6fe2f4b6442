"""Indonesian names used in labels built in Python (page titles, sheet names, report periods)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def ribuan(value: int) -> str:
    """A whole number with Indonesian thousands separators, for messages built in Python: 1.234.567."""
    return f"{value:,}".replace(",", ".")


def rounded(value: Any, digits: int = 0) -> Decimal:
    """``value`` rounded half-up to ``digits`` decimals (100/29 → 3,45 with two; 2,5 → 3 with none), as people
    round by hand and as the charts label their bars. Floats go through their shortest text form first, so that
    2.675 rounds to 2,68 (the binary float is slightly below it)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def angka(value: Any, digits: int = 0) -> str:
    """Indonesian number format, rounded half-up: 1.234.567 and 87,5."""
    from django.utils.formats import number_format

    if value is None or value == "":
        return "—"
    return number_format(rounded(value, digits), decimal_pos=digits, use_l10n=True, force_grouping=True)


def nip(value: str | None) -> str:
    """An ASN's NIP in its one written form everywhere (pages, letters, reports, certificates): 19850402 201001 1
    003 (birth date, appointment month, gender, number). Anything that is not 18 characters is shown as it is."""
    if not value:
        return ""
    if len(value) != 18:
        return value
    return f"{value[0:8]} {value[8:14]} {value[14]} {value[15:18]}"
