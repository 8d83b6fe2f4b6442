from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from pamong.core.errors import DomainError
from pamong.organization.nip import check_nip_matches, format_nip, parse_nip

TODAY = dt.date(2026, 11, 25)


def test_a_valid_nip_is_read_with_its_parts() -> None:
    info = parse_nip("19850402 201001 1 003", today=TODAY)
    assert info.nip == "198504022010011003"
    assert info.birth_date == dt.date(1985, 4, 2)
    assert (info.tmt_year, info.tmt_month, info.gender, info.sequence) == (2010, 1, "L", 3)
    assert format_nip(info.nip) == "19850402 201001 1 003"


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("1985040220100110", "harus 18 digit angka; yang diisi 16"),
        ("19850402201001100X", "harus 18 digit angka"),
        ("198502302010011003", "Tanggal lahir pada NIP (digit 1–8: 19850230) bukan tanggal yang ada"),
        ("193002012010011003", "tidak masuk akal"),
        ("198504022010131003", "Bulan TMT pada NIP (digit 13–14: 13) harus 01 sampai 12"),
        ("198504022027011003", "TMT pada NIP (01/2027) belum terjadi"),
        ("198504022001011003", "lebih awal dari usia 18 tahun"),
        ("198504022010013003", "harus 1 (laki-laki) atau 2 (perempuan), bukan 3"),
        ("198504022010011000", "Nomor urut pada NIP (digit 16–18) tidak boleh 000"),
    ],
)
def test_each_wrong_part_gets_its_own_message(nip: str, message: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_nip(nip, today=TODAY)
    assert message in caught.value.message
    assert caught.value.field == "nip"


def test_nip_must_agree_with_stated_birth_date_and_gender() -> None:
    info = parse_nip("198504022010012003", today=TODAY)
    check_nip_matches(info, birth_date=dt.date(1985, 4, 2), gender="P")
    with pytest.raises(DomainError, match=r"Tanggal lahir \(03-04-1985\) tidak sama"):
        check_nip_matches(info, birth_date=dt.date(1985, 4, 3), gender="P")
    with pytest.raises(DomainError, match=r"Jenis kelamin \(laki-laki\) tidak sama"):
        check_nip_matches(info, birth_date=None, gender="L")


def test_an_appointment_of_this_month_counts_from_the_first_hour_of_the_month_in_papua() -> None:
    """In a WIT deployment the month (and the year) begins two hours before it does in Jakarta."""
    jayapura = zoneinfo.ZoneInfo("Asia/Jayapura")
    with (
        # 00:30 WIT on 1 January 2027 (a UTC destination: time-machine would otherwise move the process zone too)
        time_machine.travel(dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC), tick=False),
        timezone.override(jayapura),
    ):
        info = parse_nip("199901152027011001")
    assert (info.tmt_year, info.tmt_month) == (2027, 1)
