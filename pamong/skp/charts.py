"""SKP charts (pygal SVG through core.charts): the predikat distribution per row and in total."""

from __future__ import annotations

import copy

import pygal

from pamong.core.charts import PAMONG_STYLE, THIRD_WIDTH, TWO_THIRDS_WIDTH, chart_config, data_uri, stacked_bars
from pamong.skp.matrix import Predikat
from pamong.skp.selectors import Recap

MAX_ROWS = 40
# Sangat Baik green … Sangat Kurang dark red, in the order of Predikat.
STYLE = copy.copy(PAMONG_STYLE)
STYLE.colors = (
    "#2e7d32",
    "#3d8bcd",
    "#d9822b",
    "#c62828",
    "#5d1a1a",
)  # beyond this a chart of units is unreadable; the table and the XLSX hold them all


def distribution(recap: Recap) -> str:
    rows = [r for r in recap.rows if r.final][:MAX_ROWS]
    return stacked_bars(
        title="Sebaran predikat kinerja (penilaian final)",
        labels=[r.name for r in rows],
        series=[(str(label), [r.counts[value] for r in rows]) for value, label in Predikat.choices],
        style=STYLE,
        legend_at_bottom_columns=3,  # five columns cut "Butuh Perbaikan" short at this width
        truncate_legend=-1,
        width=TWO_THIRDS_WIDTH,  # beside the pie, in two thirds of the page
    )


def total_pie(recap: Recap) -> str:
    config = chart_config(
        title="Seluruhnya",
        height=360,
        width=THIRD_WIDTH,  # a third of the page, legend below (drawn 520 wide beside it, its text showed at 9 px)
        inner_radius=0.45,
        style=STYLE,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=24,
    )
    chart = pygal.Pie(**config)
    for value, label in Predikat.choices:
        chart.add(str(label), recap.total.counts[value])
    return data_uri(chart)
