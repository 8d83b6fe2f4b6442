"""Indonesian names used in labels built in Python (page titles, sheet names, report periods)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

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


MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def tanggal(value: Any, *, short: bool = False) -> str:
    """A date as the pages write it: 6 Desember 2026, or 6 Des 2026 with ``short`` (the template filter ``date``
    with "j F Y" / "j M Y"); an aware datetime in the current time zone first, as templates show it. For rows
    formatted in Python rather than one template filter call per cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    month = (MONTHS_SHORT if short else MONTHS)[value.month - 1]
    return f"{value.day} {month} {value.year}"


def ribuan(value: int) -> str:
    """A whole number with Indonesian thousands separators, for messages built in Python: 1.234.567."""
    return f"{value:,}".replace(",", ".")


def rounded(value: Any, digits: int = 0) -> Decimal:
    """``value`` rounded half-up to ``digits`` decimals (100/29 → 3,45 with two; 2,5 → 3 with none), as people
    round by hand and as the charts label their bars. Floats go through their shortest text form first, so that
    2.675 rounds to 2,68 (the binary float is slightly below it)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


_SEPARATORS = str.maketrans({",": ".", ".": ","})


def angka(value: Any, digits: int = 0) -> str:
    """Indonesian number format, rounded half-up: 1.234.567 and 87,5. Written out here rather than through
    Django's ``number_format`` (the same result for the one locale Pamong speaks, several times faster: a portal
    page formats a hundred numbers)."""
    if value is None or value == "":
        return "—"
    if digits == 0 and type(value) is int:
        return f"{value:,}".replace(",", ".")
    number = rounded(value, digits)
    if number.is_zero():
        number = abs(number)  # -0,0 reads as 0,0
    return f"{number:,.{max(digits, 0)}f}".translate(_SEPARATORS)


def nip(value: str | None) -> str:
    """An ASN's NIP in its one written form everywhere (pages, letters, reports, certificates): 19850402 201001 1
    003 (birth date, appointment month, gender, number). Anything that is not 18 characters is shown as it is."""
    if not value:
        return ""
    if len(value) != 18:
        return value
    return f"{value[0:8]} {value[8:14]} {value[14]} {value[15:18]}"
