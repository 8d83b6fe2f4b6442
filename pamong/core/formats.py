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
