"""The predikat kinerja of each of the nine combinations, written out from the kuadran kinerja pegawai of
PermenPANRB 6/2022 (not derived from the code's table)."""

from __future__ import annotations

import pytest

from pamong.skp.matrix import Predikat, behaviour_summary, predikat_for

# (rating hasil kerja, rating perilaku kerja, predikat) as printed in the regulation.
REGULATION = [
    ("di atas ekspektasi", "di atas ekspektasi", "Sangat Baik"),
    ("di atas ekspektasi", "sesuai ekspektasi", "Baik"),
    ("di atas ekspektasi", "di bawah ekspektasi", "Kurang/Misconduct"),
    ("sesuai ekspektasi", "di atas ekspektasi", "Baik"),
    ("sesuai ekspektasi", "sesuai ekspektasi", "Baik"),
    ("sesuai ekspektasi", "di bawah ekspektasi", "Kurang/Misconduct"),
    ("di bawah ekspektasi", "di atas ekspektasi", "Butuh Perbaikan"),
    ("di bawah ekspektasi", "sesuai ekspektasi", "Butuh Perbaikan"),
    ("di bawah ekspektasi", "di bawah ekspektasi", "Sangat Kurang"),
]
CODES = {"di atas ekspektasi": "di_atas", "sesuai ekspektasi": "sesuai", "di bawah ekspektasi": "di_bawah"}


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), REGULATION)
def test_each_combination_gives_the_predikat_of_the_regulation(hasil: str, perilaku: str, predikat: str) -> None:
    assert Predikat(predikat_for(CODES[hasil], CODES[perilaku])).label == predikat


def test_no_predikat_while_a_rating_is_missing() -> None:
    assert predikat_for("di_atas", "") == "" and predikat_for("", "sesuai") == ""


def test_the_summary_of_the_seven_values_only_guides_once_all_are_rated() -> None:
    six = dict.fromkeys(["a", "b", "c", "d", "e", "f"], "di_atas")
    assert behaviour_summary(six)["lean"] == "" and behaviour_summary(six)["missing"] == 1
    mostly_above = six | {"g": "sesuai"}
    assert behaviour_summary(mostly_above)["lean_label"] == "Di atas ekspektasi"
    below = {k: "di_bawah" for k in "abcd"} | {k: "sesuai" for k in "efg"}
    assert behaviour_summary(below)["lean"] == "di_bawah"
