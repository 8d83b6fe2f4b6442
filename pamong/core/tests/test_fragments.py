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
