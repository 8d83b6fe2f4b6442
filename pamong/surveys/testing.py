"""Test builders for the SKM: a survey of a year, responses, and the answer form's data."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from pamong.organization.models import Unit
from pamong.surveys.models import Channel, Survey, SurveyResponse
from pamong.surveys.unsur import FIELDS


def make_survey(unit: Unit, year: int | None = None, **kw: Any) -> Survey:
    """A survey of one calendar year (this year unless told)."""
    year = year or timezone.localdate().year
    kw.setdefault("period_start", dt.date(year, 1, 1))
    kw.setdefault("period_end", dt.date(year, 12, 31))
    return Survey.objects.create(kabkota_code=unit.kabkota_code, unit=unit, **kw)


def add_responses(
    survey: Survey, rows: Sequence[Sequence[int | None]], *, submitted_at: dt.datetime | None = None, **kw: Any
) -> list[SurveyResponse]:
    """One response per row of nine values (None = not answered)."""
    at = submitted_at or timezone.now()
    objs = [
        SurveyResponse(
            kabkota_code=survey.kabkota_code,
            survey=survey,
            channel=kw.get("channel", Channel.KERTAS),
            submit_token=uuid.uuid4().hex,
            submitted_at=at,
            **dict(zip(FIELDS, row, strict=True)),
        )
        for row in rows
    ]
    return SurveyResponse.objects.bulk_create(objs)


def rows_with_total(respondents: int, total: int) -> list[list[int]]:
    """``respondents`` complete questionnaires whose 9 × respondents answers add up to ``total``: start from all
    1s and raise answers one step at a time, spreading the raise evenly."""
    cells = respondents * 9
    if not cells <= total <= cells * 4:
        raise ValueError("total out of range")
    values = [1] * cells
    extra = total - cells
    i = 0
    while extra:
        if values[i % cells] < 4:
            values[i % cells] += 1
            extra -= 1
        i += 1
    return [values[r * 9 : (r + 1) * 9] for r in range(respondents)]


def answers(values: list[int] | None = None, **extra: str) -> dict[str, str]:
    """The answer form filled in: the nine unsur (``values``), the respondent's profile and a suggestion; its
    token follows from the values unless ``token`` names it."""
    values = values or [4, 3, 3, 4, 3, 4, 4, 2, 3]
    data = {f"u{i}": str(v) for i, v in enumerate(values, start=1)}
    label = extra.pop("token", "t-" + "".join(map(str, values)))
    data.update({"token": hashlib.sha256(label.encode()).hexdigest()[:40], "gender": "P", "age": "41"})
    data.update({"education": "sma", "occupation": "wirausaha", "suggestion": "Ruang tunggu panas."})
    data.update(extra)
    return data
