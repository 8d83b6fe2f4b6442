"""The arithmetic of PermenPANRB 14/2017, checked against hand-computed examples, in Python and in the
database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pamong.surveys.ikm import band_of, minimum_sample, result_from_totals
from pamong.surveys.selectors import survey_result
from pamong.surveys.testing import add_responses, make_survey, rows_with_total


def totals_of(rows: list[list[int | None]]) -> dict[str, int]:
    out: dict[str, int] = {"respondents": len(rows)}
    for i in range(9):
        answered = [r[i] for r in rows if r[i] is not None]
        out[f"s{i + 1}"] = sum(a for a in answered if a is not None)
        out[f"n{i + 1}"] = len(answered)
    return out


def test_all_fours_give_100_and_grade_a() -> None:
    result = result_from_totals(totals_of([[4] * 9] * 10))
    assert result.ikm == Decimal(4)
    assert result.ikm_unit == Decimal("100.00")
    assert result.band is not None and (result.band.mutu, result.band.kinerja) == ("A", "Sangat baik")
    # The regulation's printed weight 0,111 loses a little: 9 × 4 × 0,111 × 25 = 99,90.
    assert result.ikm_unit_regulation == Decimal("99.90")
    assert result.weights_differ


def test_all_ones_give_25_and_grade_d() -> None:
    result = result_from_totals(totals_of([[1] * 9] * 3))
    assert result.ikm_unit == Decimal("25.00")
    assert result.band is not None and result.band.mutu == "D"


def test_hand_computed_mixed_example() -> None:
    # Four respondents. Unsur 1: 4+3+3+2 = 12 → NRR 3,00; every other unsur all 3s → NRR 3,00 except
    # unsur 9: 4+4+4+4 → 4,00. IKM = (8 × 3 + 4) / 9 = 3,1111; × 25 = 77,78 → B.
    rows: list[list[int | None]] = [
        [4, 3, 3, 3, 3, 3, 3, 3, 4],
        [3, 3, 3, 3, 3, 3, 3, 3, 4],
        [3, 3, 3, 3, 3, 3, 3, 3, 4],
        [2, 3, 3, 3, 3, 3, 3, 3, 4],
    ]
    result = result_from_totals(totals_of(rows))
    assert [u.nrr for u in result.unsur] == [Decimal(3)] * 8 + [Decimal(4)]
    assert result.ikm_unit == Decimal("77.78")
    assert result.band is not None and result.band.mutu == "B"
    # 0,111: (8 × 3 + 4) × 0,111 × 25 = 77,70.
    assert result.ikm_unit_regulation == Decimal("77.70")


def test_unanswered_unsur_is_left_out_of_its_own_average() -> None:
    # Unsur 4 (biaya) answered by two of three respondents: NRR = (4 + 2) / 2 = 3, not 6 / 3 = 2.
    rows: list[list[int | None]] = [
        [3, 3, 3, 4, 3, 3, 3, 3, 3],
        [3, 3, 3, 2, 3, 3, 3, 3, 3],
        [3, 3, 3, None, 3, 3, 3, 3, 3],
    ]
    result = result_from_totals(totals_of(rows))
    biaya = result.unsur[3]
    assert (biaya.total, biaya.answered, biaya.nrr) == (6, 2, Decimal(3))
    assert result.ikm_unit == Decimal("75.00")
    assert result.complete


def test_an_unsur_nobody_answered_spreads_the_weight_over_the_others() -> None:
    rows: list[list[int | None]] = [[4, 4, 4, None, 4, 4, 4, 4, 2]]
    result = result_from_totals(totals_of(rows))
    assert not result.complete
    assert result.unsur[3].nrr is None
    # (7 × 4 + 2) / 8 = 3,75 → 93,75; the 0,111 figure is not given for an incomplete survey.
    assert result.ikm_unit == Decimal("93.75")
    assert result.ikm_unit_regulation is None


def test_weakest_unsur_is_the_lowest_nrr() -> None:
    rows: list[list[int | None]] = [[4, 4, 2, 4, 4, 4, 3, 4, 4], [4, 4, 3, 4, 4, 4, 3, 4, 4]]
    weakest = result_from_totals(totals_of(rows)).weakest
    assert weakest is not None and weakest.unsur.name == "Waktu penyelesaian"


@pytest.mark.parametrize(
    ("value", "mutu"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.305", "A"),  # rounds to 88,31
        ("88.304", "B"),  # rounds to 88,30
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25", "D"),
    ],
)
def test_band_edges(value: str, mutu: str) -> None:
    assert band_of(Decimal(value)).mutu == mutu


@pytest.mark.parametrize(("population", "sample"), [(100, 80), (1_000, 278), (10_000, 370), (10, 10), (0, 0)])
def test_krejcie_morgan(population: int, sample: int) -> None:
    assert minimum_sample(population) == sample


@pytest.mark.parametrize(
    ("total", "ikm_unit", "mutu"),
    # 100 complete questionnaires: IKM unit = 25 × total / 900 = total / 36.
    [
        (3179, "88.31", "A"),
        (3178, "88.28", "B"),
        (2758, "76.61", "B"),
        (2757, "76.58", "C"),
        (2340, "65.00", "C"),
        (2339, "64.97", "D"),
    ],
)
def test_band_edges_computed_in_the_database(padang, total: int, ikm_unit: str, mutu: str) -> None:  # type: ignore[no-untyped-def]
    survey = make_survey(padang.kantor_lurah_bp)
    add_responses(survey, rows_with_total(100, total))
    result = survey_result(survey)
    assert result.respondents == 100
    assert result.ikm_unit == Decimal(ikm_unit)
    assert result.band is not None and result.band.mutu == mutu


def test_database_result_leaves_blank_answers_out(padang) -> None:  # type: ignore[no-untyped-def]
    survey = make_survey(padang.kantor_lurah_bp)
    add_responses(survey, [[3, 3, 3, 4, 3, 3, 3, 3, 3], [3, 3, 3, None, 3, 3, 3, 3, 3]])
    result = survey_result(survey)
    assert (result.unsur[3].total, result.unsur[3].answered, result.unsur[3].nrr) == (4, 1, Decimal(4))
