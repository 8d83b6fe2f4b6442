"""Indonesian names used in labels built in Python (page titles, sheet names, report periods)."""

from __future__ import annotations

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
