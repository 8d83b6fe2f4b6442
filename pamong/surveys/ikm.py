"""The arithmetic of PermenPANRB 14/2017, on totals the database has already summed.

* NRR per unsur = the unsur's total / the number of respondents who answered it (an unanswered unsur is left
  out of its own average, not counted as zero);
* IKM = Σ (NRR × bobot), bobot = 1/9 exactly; the regulation prints the weight rounded as 0,111, so the
  result with that weight is given beside it;
* IKM unit (nilai interval konversi) = IKM × 25, rounded to two decimals, and its mutu and kinerja from the
  regulation's bands.
* The minimum sample of a population by Krejcie & Morgan (χ² = 3,841, P = 0,5, d = 0,05).

Decimal throughout, so that a hand-computed example gives exactly the same digits.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pamong.surveys.unsur import UNSUR, Unsur

REGULATION_WEIGHT = Decimal("0.111")
TWO = Decimal("0.01")
FOUR = Decimal("0.0001")


@dataclass(frozen=True)
class Band:
    mutu: str
    kinerja: str
    lower: Decimal  # the lowest IKM unit (two decimals) in the band


BANDS = (
    Band("A", "Sangat baik", Decimal("88.31")),
    Band("B", "Baik", Decimal("76.61")),
    Band("C", "Kurang baik", Decimal("65.00")),
    Band("D", "Tidak baik", Decimal("25.00")),
)


def band_of(ikm_unit: Decimal) -> Band:
    """The regulation's bands on the value rounded to two decimals: 88,31–100 A; 76,61–88,30 B;
    65,00–76,60 C; 25,00–64,99 D."""
    value = ikm_unit.quantize(TWO, rounding=ROUND_HALF_UP)
    for band in BANDS:
        if value >= band.lower:
            return band
    return BANDS[-1]


@dataclass(frozen=True)
class UnsurResult:
    unsur: Unsur
    total: int
    answered: int

    @property
    def nrr(self) -> Decimal | None:
        if not self.answered:
            return None
        return Decimal(self.total) / Decimal(self.answered)

    @property
    def nrr_display(self) -> Decimal | None:
        return None if self.nrr is None else self.nrr.quantize(TWO, rounding=ROUND_HALF_UP)

    @property
    def weighted(self) -> Decimal | None:
        """NRR tertimbang with the exact weight 1/9."""
        return None if self.nrr is None else self.nrr / Decimal(9)

    @property
    def weighted_regulation(self) -> Decimal | None:
        return None if self.nrr is None else self.nrr * REGULATION_WEIGHT

    @property
    def converted(self) -> Decimal | None:
        """The unsur's own score on the 25–100 scale (NRR × 25), used to show which unsur is weak."""
        return None if self.nrr is None else (self.nrr * 25).quantize(TWO, rounding=ROUND_HALF_UP)

    @property
    def band(self) -> Band | None:
        return None if self.converted is None else band_of(self.converted)


@dataclass(frozen=True)
class Result:
    respondents: int
    unsur: tuple[UnsurResult, ...]

    @property
    def answered_unsur(self) -> list[UnsurResult]:
        return [u for u in self.unsur if u.answered]

    @property
    def complete(self) -> bool:
        """Whether every unsur has at least one answer; otherwise the IKM is the mean of the answered ones."""
        return len(self.answered_unsur) == len(self.unsur)

    @property
    def ikm(self) -> Decimal | None:
        """Σ NRR × 1/9. If some unsur has no answer at all, the weight is spread over those that do (1/k)."""
        answered = self.answered_unsur
        if not answered:
            return None
        return sum((u.nrr for u in answered if u.nrr is not None), Decimal(0)) / Decimal(len(answered))

    @property
    def ikm_unit(self) -> Decimal | None:
        return None if self.ikm is None else (self.ikm * 25).quantize(TWO, rounding=ROUND_HALF_UP)

    @property
    def ikm_regulation(self) -> Decimal | None:
        """Σ NRR × 0,111 (the weight as printed in the regulation), complete surveys only."""
        if self.ikm is None or not self.complete:
            return None
        return sum((u.weighted_regulation for u in self.unsur if u.weighted_regulation is not None), Decimal(0))

    @property
    def ikm_unit_regulation(self) -> Decimal | None:
        value = self.ikm_regulation
        return None if value is None else (value * 25).quantize(TWO, rounding=ROUND_HALF_UP)

    @property
    def weights_differ(self) -> bool:
        return self.ikm_unit_regulation is not None and self.ikm_unit_regulation != self.ikm_unit

    @property
    def band(self) -> Band | None:
        return None if self.ikm_unit is None else band_of(self.ikm_unit)

    @property
    def weakest(self) -> UnsurResult | None:
        """The unsur with the lowest NRR (the first of equals), the one a follow-up plan should start with."""
        answered = self.answered_unsur
        return min(answered, key=lambda u: (u.nrr, u.unsur.number)) if answered else None


def result_from_totals(totals: Mapping[str, Any]) -> Result:
    """Build the result from one aggregate row: ``respondents``, ``s1``..``s9`` (sums) and ``n1``..``n9``
    (how many answered each unsur)."""
    return Result(
        respondents=int(totals.get("respondents") or 0),
        unsur=tuple(
            UnsurResult(u, int(totals.get(f"s{u.number}") or 0), int(totals.get(f"n{u.number}") or 0)) for u in UNSUR
        ),
    )


def minimum_sample(population: int) -> int:
    """Krejcie & Morgan (1970): s = χ² N P(1−P) / (d² (N−1) + χ² P(1−P)), rounded up.
    100 → 80, 1.000 → 278, 10.000 → 370."""
    if population <= 0:
        return 0
    chi2, p, d = 3.841, 0.5, 0.05
    s = chi2 * population * p * (1 - p) / (d * d * (population - 1) + chi2 * p * (1 - p))
    return min(population, math.ceil(round(s, 6)))


def combine(results: list[Result]) -> Result:
    """One result over several groups of respondents: the totals are added, never the averages."""
    return Result(
        respondents=sum(r.respondents for r in results),
        unsur=tuple(
            UnsurResult(u, sum(r.unsur[i].total for r in results), sum(r.unsur[i].answered for r in results))
            for i, u in enumerate(UNSUR)
        ),
    )
