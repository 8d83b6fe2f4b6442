"""The employee page brings together what every app knows about a person.

Each app with something to say offers ``selectors.employee_section(*, employee, viewer) -> dict`` (a few
queries, whatever the data size) and a template ``<app>/_employee_section.html`` that renders it as a card.
This list names them in page order; the organization app does not import those apps, it looks them up here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

EMPLOYEE_SECTIONS = ("attendance", "skp", "servicerequests", "complaints", "meetings", "training")


def employee_sections(*, employee: Any, viewer: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for app in EMPLOYEE_SECTIONS:
        if not apps.is_installed(f"pamong.{app}"):
            continue
        selector = import_string(f"pamong.{app}.selectors.employee_section")
        yield f"{app}/_employee_section.html", selector(employee=employee, viewer=viewer)
