"""The demo's answers to a service's own fields read like an applicant's: a witness is a person, what happened
happened before the application, what is planned comes after it."""

from __future__ import annotations

import datetime as dt
import random

from pamong.catalog.models import ServiceField
from pamong.demo.requests import answer_for


def _field(code: str, kind: str) -> ServiceField:
    return ServiceField(code=code, label=code, kind=kind)


def test_answers_fit_the_field() -> None:
    rng, day = random.Random(5), dt.date(2026, 11, 20)
    witness = answer_for(_field("nama_saksi_1", ServiceField.Kind.TEXT), rng, day)
    assert isinstance(witness, str) and len(witness.split()) == 2 and "Keperluan" not in witness
    born = dt.date.fromisoformat(str(answer_for(_field("tanggal_kelahiran", ServiceField.Kind.DATE), rng, day)))
    planned = dt.date.fromisoformat(str(answer_for(_field("rencana_tanggal_nikah", ServiceField.Kind.DATE), rng, day)))
    assert born < day < planned
    income = answer_for(_field("penghasilan_per_bulan", ServiceField.Kind.NUMBER), rng, day)
    assert isinstance(income, int) and income % 50_000 == 0 and 1_000_000 <= income <= 5_000_000
    nik = answer_for(_field("nik_ayah", ServiceField.Kind.NIK), rng, day)
    assert isinstance(nik, str) and len(nik) == 16 and nik.isdigit()
    assert answer_for(_field("barang_hilang", ServiceField.Kind.TEXT), rng, day) in (
        "KTP-el",
        "Kartu Keluarga",
        "SIM C",
        "Buku tabungan",
        "Ijazah SMA",
    )
