"""The before/after chart of an innovation's measured effect: SVG without scripts (pamong.core.charts)."""

from __future__ import annotations

from typing import Any

import pygal

from pamong.core.charts import chart_config, data_uri, memo
from pamong.core.formats import angka


def effect_chart(effect: Any) -> str:
    """Each figure compared, before and after, side by side; empty when no figure has both sides."""
    measures = [m for m in effect.measures if m.compared]
    if not measures:
        return ""
    labels = [f"{m.label}" + (f" ({m.unit})" if m.unit else "") for m in measures]
    before = [float(m.before) for m in measures]
    after = [float(m.after) for m in measures]
    digits = [m.digits for m in measures]
    data = (labels, before, after, digits)

    def build() -> str:
        chart = pygal.Bar(
            **chart_config(
                title="Sebelum dan sesudah inovasi dimulai",
                height=360,
                print_values=True,
                value_formatter=lambda v: angka(v, 1),
                x_label_rotation=0,
                truncate_label=40,
                legend_at_bottom_columns=2,
            )
        )
        chart.x_labels = labels
        chart.add("Sebelum", before)
        chart.add("Sesudah", after)
        return data_uri(chart)

    return memo("innovation.effect", data, build)
