"""SVG charts (pygal) embedded as data URIs: no scripts, so they work under the strict CSP and in print."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pygal
from pygal.style import Style

PAMONG_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    font_family="system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    colors=("#1f4e79", "#3d8bcd", "#d9822b", "#8c8c8c", "#2e7d32", "#c62828"),
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=11,
    title_font_size=14,
)


def _indonesian_number(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}".replace(",", ".")


def chart_config(**overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "style": PAMONG_STYLE,
        "js": [],  # no JavaScript from a CDN: the pages work offline
        "disable_xml_declaration": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 4,
        "print_values": False,
        "value_formatter": _indonesian_number,
        "width": 900,
        "height": 420,
        "margin": 12,
        # Browsers set the legend's text lower than pygal reckons: without room below, the bottom legend is cut.
        "margin_bottom": 28,
    }
    config.update(overrides)
    return config


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CHART_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# pygal writes its config for its JavaScript into the SVG (a few KB); an <img> runs no script, so it goes.
_DEAD = re.compile(r"<!--Generated with pygal[^>]*-->|<script[^>]*>window\.pygal.*?</script>", re.DOTALL)


class ChartURI(str):
    """A chart's data URI (the wide drawing, for a desktop and for print) that also carries ``narrow``: the same
    chart drawn 400 wide with larger text for a phone, where the wide one shrunk to the screen would print its
    labels at 4–5 px. Templates show both in a <picture> (the narrow one for screens below 576 px)."""

    narrow: str

    def __new__(cls, wide: str, narrow: str = "") -> ChartURI:
        made = super().__new__(cls, wide)
        made.narrow = narrow or wide
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # kept in the local cache (pickled) with both drawings
        return (ChartURI, (str(self), self.narrow))


# A chart shown in half of a wide page (col-lg-6, about 560 px at 1366 px) is drawn that wide: drawn 900 wide its
# 12 px text showed at 7 px.
HALF_WIDTH = 560
# The same for a chart in two thirds (col-lg-8) or one third (col-lg-4) of the page.
TWO_THIRDS_WIDTH = 740
THIRD_WIDTH = 360
NARROW_WIDTH = 400  # drawn 400 wide, shown about 330 px wide on a 360 px phone: 14 px text stays above 11 px
NARROW_STYLE = {
    "label_font_size": 14,
    "major_label_font_size": 14,
    "legend_font_size": 14,
    "value_font_size": 13,
    "title_font_size": 16,
}
_OFFICE_PREFIX = re.compile(r"^(Kantor (Lurah|Camat|Desa) |Kecamatan |Kelurahan |Desa |Bagian Tata Pemerintahan )")


def _short(label: Any, limit: int = 18) -> Any:
    if not isinstance(label, str):
        return label
    text = _OFFICE_PREFIX.sub("", label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _uri(chart: Any) -> str:
    svg = _DEAD.sub("", chart.render(is_unicode=True))
    stable = "chart-" + hashlib.sha256(_UUID.sub("", svg).encode()).hexdigest()[:16]
    svg = _CHART_ID.sub(stable, svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def data_uri(chart: Any) -> ChartURI:
    """The chart as a data URI, wide and narrow. pygal names each rendering with a random id (and the day); here
    the id comes from the content, so the same data gives the same bytes: cached and freshly built pages are
    equal."""
    wide = _uri(chart)
    # pygal keeps what the chart was built with in its config, and what was set on it afterwards on the chart.
    style = chart.__dict__.get("style") or chart.config.style
    values = {k: v for k, v in vars(style).items() if not k.startswith("_")}
    chart.style = Style(**{**values, **NARROW_STYLE})
    chart.width = NARROW_WIDTH
    chart.legend_at_bottom_columns = 1 if len(chart.raw_series) > 2 else max(len(chart.raw_series), 1)
    chart.truncate_legend = 40
    chart.truncate_label = -1  # labels are shortened here; pygal's own cut left "1…" on the value axis
    # The values axis shows its major numbers only, so that they do not touch (pygal swaps x and y when horizontal).
    if getattr(chart, "horizontal", False):
        chart.show_minor_x_labels = False
    else:
        chart.show_minor_y_labels = False
    chart.x_label_rotation = 0
    labels = chart.__dict__.get("x_labels") or chart.config.x_labels
    if labels:
        chart.x_labels = [_short(label) for label in labels]
    return ChartURI(wide, _uri(chart))


def memo(name: str, data: Any, build: Any) -> str:
    """A chart rendered once for the data it draws: ``build()`` (which returns a data URI) runs only when no chart
    named ``name`` was rendered from equal ``data`` (its repr: labels, values, titles, everything the chart shows).
    The key is the data itself, so a chart can never be stale; rendering with pygal costs tens of milliseconds."""
    digest = hashlib.sha256(f"{name}\x1f{data!r}".encode()).hexdigest()[:32]
    key = f"chart:{name}:{digest}"
    found = _local().get(key)
    if found is None:
        found = build()
        _local().set(key, found, 3600)
    return found  # type: ignore[no-any-return]  # a ChartURI from data_uri, kept whole (pickled) by the cache


def _local() -> Any:
    from django.core.cache import caches

    return caches["local"]


def style_with(*, colors: tuple[str, ...]) -> Style:
    """The Pamong style with other series colours (e.g. red for what is missing)."""
    values = {k: v for k, v in vars(PAMONG_STYLE).items() if not k.startswith("_")}
    return Style(**{**values, "colors": colors})


# Series colours when the last series is a shortfall (vacant, late, absent): the usual blues, orange, grey, then red.
SHORTFALL_COLORS = ("#1f4e79", "#3d8bcd", "#d9822b", "#8c8c8c", "#c62828")


def stacked_bars(*, title: str, labels: list[str], series: list[tuple[str, list[int]]], **kw: Any) -> ChartURI:
    height = max(260, 28 * len(labels) + 120)
    kw.setdefault("legend_at_bottom_columns", min(max(len(series), 1), 6))
    chart = pygal.HorizontalStackedBar(**chart_config(title=title, height=height, **kw))
    # pygal draws horizontal bars bottom-up; reverse so the chart reads in the same order as the table.
    chart.x_labels = list(reversed(labels))
    for name, values in series:
        chart.add(name, list(reversed(values)))
    return data_uri(chart)
