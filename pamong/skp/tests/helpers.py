"""Small builders for SKP tests."""

from __future__ import annotations

from typing import Any

from pamong.organization.models import Employee
from pamong.skp.matrix import CoreValue
from pamong.skp.models import SkpAssessment
from pamong.skp.services import AssessmentData, ItemData, assessment_save


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
