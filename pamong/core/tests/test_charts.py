"""Charts readable on a phone: every chart carries a narrow drawing (400 wide, 14 px labels, short office names)
shown below 576 px, so that its text is at least 11 CSS px on a 360 px screen; both survive the cache."""

from __future__ import annotations

import base64
import pickle
import re

from pamong.core import charts


def _svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def test_a_chart_has_a_wide_and_a_narrow_drawing_with_larger_text() -> None:
    uri = charts.stacked_bars(
        title="Kehadiran rapat per unit",
        labels=["Kantor Lurah Belakang Pondok", "Kantor Camat Padang Selatan"],
        series=[("Hadir", [5, 7]), ("Izin", [1, 0]), ("Tanpa keterangan", [0, 1])],
    )
    wide, narrow = _svg(uri), _svg(uri.narrow)
    assert 'width="900"' in wide and 'width="400"' in narrow
    # The text a reader sees (title, axis labels, legend; not the tooltip an <img> never shows), shown ~330 px wide
    # on a 360 px phone: 330/400 × 14 px = 11.6 px.
    seen = {
        rule: float(size)
        for rule, size in re.findall(
            r"(\.title|\.axis text|\.legends \.legend text)\{[^}]*?font-size:([\d.]+)px", narrow
        )
    }
    assert set(seen) == {".title", ".axis text", ".legends .legend text"}
    assert min(seen.values()) * 330 / 400 >= 11
    assert "Belakang Pondok" in narrow and "Kantor Lurah Belakang Pondok" not in narrow
    assert "Tanpa keterangan" in narrow  # legends whole


def test_both_drawings_survive_the_cache() -> None:
    uri = charts.stacked_bars(title="x", labels=["a"], series=[("s", [1])])
    again = pickle.loads(pickle.dumps(uri))  # noqa: S301 (our own value)
    assert again == uri and again.narrow == uri.narrow
