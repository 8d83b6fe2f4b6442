"""NIP (Nomor Induk Pegawai) of PNS and PPPK: 18 digits.

Digits 1–8 birth date (YYYYMMDD), 9–14 TMT of appointment (YYYYMM), 15 gender (1 laki-laki, 2 perempuan),
16–18 sequence number. Every check gives its own message in Bahasa Indonesia.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from pamong.core import formats
from pamong.core.errors import DomainError

MIN_AGE_AT_APPOINTMENT = 18
_DIGITS = re.compile(r"[0-9]{18}")


@dataclass(frozen=True)
class NipInfo:
    nip: str
    birth_date: dt.date
    tmt_year: int
    tmt_month: int
    gender: str  # "L" or "P"
    sequence: int


def clean_nip(raw: str) -> str:
    """Drop the spaces and dots people type between the groups: "19850402 201001 1 003"."""
    return re.sub(r"[\s.\-]", "", raw or "")


def parse_nip(raw: str, *, today: dt.date | None = None) -> NipInfo:
    nip = clean_nip(raw)
    if not _DIGITS.fullmatch(nip):
        raise DomainError(f"NIP harus 18 digit angka; yang diisi {len(nip)} karakter.", field="nip")
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise DomainError(
            f"Tanggal lahir pada NIP (digit 1–8: {nip[0:8]}) bukan tanggal yang ada.", field="nip"
        ) from None
    today = today or timezone.localdate()  # the deployment's day (WIT is two hours ahead of the server's WIB)
    if birth.year < 1940 or birth > today:
        raise DomainError(f"Tanggal lahir pada NIP ({birth:%d-%m-%Y}) tidak masuk akal.", field="nip")
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12:
        raise DomainError(f"Bulan TMT pada NIP (digit 13–14: {nip[12:14]}) harus 01 sampai 12.", field="nip")
    if (tmt_year, tmt_month) > (today.year, today.month):
        raise DomainError(f"TMT pada NIP ({tmt_month:02d}/{tmt_year}) belum terjadi.", field="nip")
    adult = (birth.year + MIN_AGE_AT_APPOINTMENT, birth.month)
    if (tmt_year, tmt_month) < adult:
        raise DomainError(
            f"TMT pada NIP ({tmt_month:02d}/{tmt_year}) lebih awal dari usia {MIN_AGE_AT_APPOINTMENT} tahun "
            f"menurut tanggal lahir pada NIP ({birth:%d-%m-%Y}).",
            field="nip",
        )
    gender_digit = nip[14]
    if gender_digit not in "12":
        raise DomainError(
            "Digit ke-15 NIP menunjukkan jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan), "
            f"bukan {gender_digit}.",
            field="nip",
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise DomainError("Nomor urut pada NIP (digit 16–18) tidak boleh 000.", field="nip")
    return NipInfo(
        nip=nip,
        birth_date=birth,
        tmt_year=tmt_year,
        tmt_month=tmt_month,
        gender="L" if gender_digit == "1" else "P",
        sequence=sequence,
    )


def check_nip_matches(info: NipInfo, *, birth_date: dt.date | None, gender: str | None) -> None:
    """The NIP must agree with the birth date and gender stated for the employee."""
    if birth_date and birth_date != info.birth_date:
        raise DomainError(
            f"Tanggal lahir ({birth_date:%d-%m-%Y}) tidak sama dengan tanggal lahir pada NIP "
            f"({info.birth_date:%d-%m-%Y}).",
            field="birth_date",
        )
    if gender and gender != info.gender:
        stated = "laki-laki" if gender == "L" else "perempuan"
        in_nip = "laki-laki" if info.gender == "L" else "perempuan"
        raise DomainError(
            f"Jenis kelamin ({stated}) tidak sama dengan digit jenis kelamin pada NIP ({in_nip}).", field="gender"
        )


def format_nip(value: str) -> str:
    """The usual written form: 19850402 201001 1 003 (pamong.core.formats.nip)."""
    return formats.nip(value)
