"""The coverage chart: share of active staff trained per kecamatan (or per unit), as SVG without scripts."""

from __future__ import annotations

import pygal

from pamong.core.charts import chart_config, data_uri
from pamong.training.selectors import CoverageRow


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%".replace(".", ",")


def coverage_chart(rows: list[CoverageRow], title: str) -> str:
    height = max(240, 30 * len(rows) + 110)
    chart = pygal.HorizontalBar(
        **chart_config(
            title=title,
            height=height,
            range=(0, 100),
            show_legend=False,
            print_values=True,
            value_formatter=_percent,
        )
    )
    # pygal draws horizontal bars bottom-up; reverse so the chart reads in the same order as the table.
    chart.x_labels = [r.label for r in reversed(rows)]
    chart.add("Pegawai terlatih", [float(r.share) if r.share is not None else None for r in reversed(rows)])
    return data_uri(chart)
