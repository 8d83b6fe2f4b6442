"""SKP charts (pygal SVG through core.charts): the predikat distribution per row and in total."""

from __future__ import annotations

import pygal

from pamong.core.charts import chart_config, data_uri, stacked_bars
from pamong.skp.matrix import Predikat
from pamong.skp.selectors import Recap

MAX_ROWS = 40  # beyond this a chart of units is unreadable; the table and the XLSX hold them all


def distribution(recap: Recap) -> str:
    rows = [r for r in recap.rows if r.final][:MAX_ROWS]
    return stacked_bars(
        title="Sebaran predikat kinerja (penilaian final)",
        labels=[r.name for r in rows],
        series=[(str(label), [r.counts[value] for r in rows]) for value, label in Predikat.choices],
    )


def total_pie(recap: Recap) -> str:
    chart = pygal.Pie(**chart_config(title="Seluruhnya", height=360, width=480, inner_radius=0.45))
    for value, label in Predikat.choices:
        chart.add(str(label), recap.total.counts[value])
    return data_uri(chart)
