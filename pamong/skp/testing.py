"""Test builders for SKP: an assessment's data, the rating form's data, a finished rating, and the chain of
Kantor Camat Padang Selatan below the camat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pamong.organization.models import Employee, Position
from pamong.skp.matrix import CoreValue
from pamong.skp.models import SkpAssessment
from pamong.skp.services import AssessmentData, ItemData, assessment_save
from pamong.testing import Padang, make_employee, make_position


def full_data(hasil: str = "sesuai", perilaku: str = "sesuai", values: str | None = None, **kw: Any) -> AssessmentData:
    return AssessmentData(
        hasil_rating=hasil,
        behaviours={code: {"rating": values or perilaku, "note": ""} for code in CoreValue.values},
        perilaku_rating=perilaku,
        **kw,
    )


def post_data(hasil: str = "sesuai", perilaku: str = "sesuai", **extra: str) -> dict[str, str]:
    data = {
        "hasil-TOTAL_FORMS": "3",
        "hasil-INITIAL_FORMS": "0",
        "hasil-MIN_NUM_FORMS": "0",
        "hasil-MAX_NUM_FORMS": "15",
        "hasil_rating": hasil,
        "perilaku_rating": perilaku,
    }
    for code in CoreValue.values:
        data[f"nilai_{code}"] = perilaku
        data[f"catatan_{code}"] = ""
    data.update(extra)
    return data


def rate(
    employee: Employee,
    rater_user: Any,
    *,
    year: int = 2026,
    quarter: int = 0,
    hasil: str = "sesuai",
    perilaku: str = "sesuai",
    final: bool = True,
    items: list[ItemData] | None = None,
) -> SkpAssessment:
    return assessment_save(
        employee=employee,
        year=year,
        quarter=quarter,
        actor=rater_user,
        data=full_data(hasil, perilaku, items=items or []),
        finalize=final,
    )


@dataclass
class Kecamatan:
    """The chain in Kantor Camat Padang Selatan below the camat: sekcam → kasi → staf."""

    sekcam_pos: Position
    kasi_pos: Position
    staf_pos: Position
    sekcam: Employee
    kasi: Employee
    staf: Employee


def make_kecamatan(padang: Padang) -> Kecamatan:
    camat_pos = padang.camat_ps.position
    assert camat_pos is not None
    unit = padang.kantor_camat_ps
    sekcam_pos = make_position(unit, "Sekretaris Camat", Position.Kind.SEKRETARIS, reports_to=camat_pos)
    kasi_pos = make_position(unit, "Kepala Seksi Pemerintahan", Position.Kind.KEPALA_SEKSI, reports_to=sekcam_pos)
    staf_pos = make_position(unit, "Pengelola Data Pemerintahan", reports_to=kasi_pos)
    return Kecamatan(
        sekcam_pos=sekcam_pos,
        kasi_pos=kasi_pos,
        staf_pos=staf_pos,
        sekcam=make_employee(unit, "Rahmat", sekcam_pos),
        kasi=make_employee(unit, "Desi", kasi_pos, gender="P"),
        staf=make_employee(unit, "Andi", staf_pos),
    )
