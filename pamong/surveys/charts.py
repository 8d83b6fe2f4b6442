"""SKM charts (pygal SVG as data URIs, no JavaScript): NRR per unsur, IKM over time, units side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pygal
from django.utils.formats import date_format

from pamong.core.charts import chart_config, data_uri
from pamong.surveys.ikm import Result

WEAK = "#c62828"
NORMAL = "#1f4e79"


def _decimal(value: Any, places: int = 2) -> str:
    if value is None:
        return ""
    return f"{float(value):.{places}f}".replace(".", ",")


def unsur_chart(result: Result) -> str:
    """NRR of each unsur on the 1–4 scale; the weakest in red."""
    weakest = result.weakest
    chart = pygal.HorizontalBar(
        **chart_config(
            title="Nilai rata-rata (NRR) per unsur",
            width=560,
            height=420,
            range=(1, 4),
            show_legend=False,
            value_formatter=_decimal,
            print_values=True,
            print_values_position="top",
        )
    )
    labels, values = [], []
    for u in result.unsur:
        labels.append(f"{u.unsur.code} {u.unsur.short}")
        nrr = u.nrr
        values.append(
            None
            if nrr is None
            else {"value": float(nrr), "color": WEAK if weakest and u.unsur == weakest.unsur else NORMAL}
        )
    chart.x_labels = list(reversed(labels))
    chart.add("NRR", list(reversed(values)))
    return data_uri(chart)


def trend_chart(points: list[tuple[str, Decimal | None]], title: str, bars: bool = False) -> str:
    """IKM unit over months (a line) or survey periods (bars), on the regulation's scale up to 100."""
    values = [float(v) for _l, v in points if v is not None]
    low = 0.0 if bars else (max(25.0, (min(values) // 10) * 10 - 10) if values else 25.0)
    kind = pygal.Bar if bars else pygal.Line
    chart = kind(
        **chart_config(
            title=title,
            width=600,
            height=320,
            range=(low, 100),
            show_legend=False,
            value_formatter=_decimal,
            print_values=True,
            truncate_label=-1,
            dots_size=4,
            x_label_rotation=0 if bars else 35,
        )
    )
    chart.y_labels = list(range(int(low), 101, 10))
    chart.x_labels = [label for label, _v in points]
    chart.add("IKM", [None if v is None else float(v) for _l, v in points])
    return data_uri(chart)


def month_label(day: dt.date) -> str:
    return date_format(day, "M Y")


def comparison_chart(rows: Sequence[tuple[str, Decimal | None]]) -> str:
    """IKM unit of every unit, best first, coloured by mutu."""
    colours = {"A": "#2e7d32", "B": "#1f4e79", "C": "#d9822b", "D": WEAK}
    from pamong.surveys.ikm import band_of

    chart = pygal.HorizontalBar(
        **chart_config(
            title="IKM per unit layanan",
            height=max(260, 24 * len(rows) + 120),
            range=(25, 100),
            show_legend=False,
            value_formatter=_decimal,
            print_values=True,
            print_values_position="top",
        )
    )
    chart.x_labels = [label for label, _v in reversed(rows)]
    chart.add(
        "IKM",
        [None if v is None else {"value": float(v), "color": colours[band_of(v).mutu]} for _label, v in reversed(rows)],
    )
    return data_uri(chart)
