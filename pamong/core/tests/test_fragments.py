"""Fragments shared by every visitor are kept under the versions of their data: built once, built again at once
after a write bumps a version, and kept apart by their key."""

from __future__ import annotations

from typing import Any

import pytest

from pamong.core import charts, fragments, versions

pytestmark = pytest.mark.django_db


def test_a_fragment_is_built_once_then_again_after_its_data_changes(django_capture_on_commit_callbacks: Any) -> None:
    built: list[int] = []

    def build() -> int:
        built.append(1)
        return len(built)

    def read(key: tuple[Any, ...] = ("13.71",)) -> int:
        return fragments.cached("test.counted", depends_on=["test-data"], key=key, build=build)

    assert read() == 1
    assert read() == 1  # from memory
    assert read(("13.72",)) == 2  # another key is another fragment
    with django_capture_on_commit_callbacks(execute=True):
        versions.bump("test-data")
    assert read() == 3  # never the copy built before the write
    assert read() == 3


def test_a_chart_is_rendered_once_for_the_same_data() -> None:
    rendered: list[str] = []

    def render(label: str) -> str:
        rendered.append(label)
        return f"data:image/svg+xml;base64,{label}"

    assert charts.memo("test.chart", (["a"], [1]), lambda: render("one")).endswith("one")
    assert charts.memo("test.chart", (["a"], [1]), lambda: render("two")).endswith("one")
    assert charts.memo("test.chart", (["a"], [2]), lambda: render("three")).endswith("three")
    assert rendered == ["one", "three"]


def test_a_rendered_row_is_kept_under_its_content_and_escaped(monkeypatch: Any) -> None:
    """``fragments.rendered`` renders once per content: the same row again comes from memory, a row that differs
    in anything it shows is rendered anew, every value is escaped, and only plain values are accepted."""
    import datetime as dt

    from django.template import Context, Template

    renders: list[dict[str, Any]] = []
    row = Template("<td>{{ name }}</td><td>{{ due|date:'d/m/Y' }}</td>{% if late %}<b>terlambat</b>{% endif %}")

    class Counting:  # the loaded template, counting its renders
        def render(self, context: dict[str, Any]) -> str:
            renders.append(context)
            return row.render(Context(context))

    monkeypatch.setattr(fragments, "get_template", lambda name: Counting())
    first = fragments.rendered("uji/_baris.html", {"name": "<Sutan>", "due": dt.date(2026, 12, 7), "late": False})
    assert first == "<td>&lt;Sutan&gt;</td><td>07/12/2026</td>"
    again = fragments.rendered("uji/_baris.html", {"late": False, "due": dt.date(2026, 12, 7), "name": "<Sutan>"})
    assert again == first and len(renders) == 1  # the same content, whatever the order: from memory
    late = fragments.rendered("uji/_baris.html", {"name": "<Sutan>", "due": dt.date(2026, 12, 7), "late": True})
    assert late.endswith("<b>terlambat</b>") and len(renders) == 2
    with pytest.raises(TypeError, match="'who' is a object"):
        fragments.rendered("uji/_baris.html", {"who": object()})
